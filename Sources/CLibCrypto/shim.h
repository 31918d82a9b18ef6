#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/pem.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/ec.h>
#include <openssl/bn.h>

/* SHA-256 and HMAC-SHA256 on OpenSSL's low-level SHA-256 (the same assembly the EVP layer
   runs). OpenSSL 3's one-shot SHA256(), EVP_Digest() and HMAC() fetch the algorithm by name
   and allocate a context on every call: ~25,000 instructions for one HMAC of a short string
   (callgrind), several times the hashing itself. SigV4 hashes and MACs on every request. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static inline void warden_sha256(const unsigned char *data, size_t length, unsigned char *digest) {
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, data, length);
    SHA256_Final(digest, &context);
}

static inline void warden_hmac_sha256(const unsigned char *key, size_t keyLength,
                                      const unsigned char *data, size_t length, unsigned char *tag) {
    unsigned char block[64] = {0};
    unsigned char inner[32];
    if (keyLength > 64) {
        warden_sha256(key, keyLength, block);
    } else {
        for (size_t i = 0; i < keyLength; i++) block[i] = key[i];
    }
    SHA256_CTX context;
    for (int i = 0; i < 64; i++) block[i] ^= 0x36;
    SHA256_Init(&context);
    SHA256_Update(&context, block, 64);
    SHA256_Update(&context, data, length);
    SHA256_Final(inner, &context);
    for (int i = 0; i < 64; i++) block[i] ^= 0x36 ^ 0x5c;
    SHA256_Init(&context);
    SHA256_Update(&context, block, 64);
    SHA256_Update(&context, inner, 32);
    SHA256_Final(tag, &context);
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(inner, sizeof inner);
}
#pragma GCC diagnostic pop

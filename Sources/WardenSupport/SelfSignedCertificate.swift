import CLibCrypto

/// A self-signed TLS certificate for `warden serve --tls` without `--tls-cert`: an ECDSA
/// P-256 key and an X.509 v3 certificate (SHA-256 signature) for `localhost`, `127.0.0.1` and
/// `::1`, marked as a CA so that the certificate itself can be a client's CA bundle (the AWS
/// CLI's `--ca-bundle`, boto3's `verify=`). Made with OpenSSL's libcrypto, which the binary
/// links already.
public struct SelfSignedCertificate: Sendable {
    public var certificatePEM: String
    public var privateKeyPEM: String

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// A new key and certificate, valid from an hour ago for `days` days (real time: a TLS
    /// client checks validity against its own clock, not Warden's simulated one).
    public static func generate(commonName: String = "Warden local endpoint", days: Int = 825) throws(Failure) -> SelfSignedCertificate {
        guard let kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nil) else { throw Failure(message: "EVP_PKEY_CTX_new_id failed") }
        defer { EVP_PKEY_CTX_free(kctx) }
        var pkey: OpaquePointer?
        guard EVP_PKEY_keygen_init(kctx) == 1, EVP_PKEY_CTX_set_ec_paramgen_curve_nid(kctx, NID_X9_62_prime256v1) == 1,
              EVP_PKEY_keygen(kctx, &pkey) == 1, let key = pkey else {
            throw Failure(message: "EC key generation failed")
        }
        defer { EVP_PKEY_free(key) }
        guard let x509 = X509_new() else { throw Failure(message: "X509_new failed") }
        defer { X509_free(x509) }

        var serial = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&serial, Int32(serial.count)) == 1 else { throw Failure(message: "RAND_bytes failed") }
        serial[0] &= 0x7F  // a positive serial number
        guard let bn = BN_bin2bn(serial, Int32(serial.count), nil) else { throw Failure(message: "BN_bin2bn failed") }
        defer { BN_free(bn) }
        guard X509_set_version(x509, 2) == 1, BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x509)) != nil,
              X509_gmtime_adj(X509_getm_notBefore(x509), -3600) != nil,
              X509_gmtime_adj(X509_getm_notAfter(x509), days * 86_400) != nil,
              X509_set_pubkey(x509, key) == 1 else {
            throw Failure(message: "certificate fields could not be set")
        }
        let name = X509_get_subject_name(x509)
        guard X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1,
              X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, "Warden", -1, -1, 0) == 1,
              X509_set_issuer_name(x509, name) == 1 else {
            throw Failure(message: "certificate name could not be set")
        }
        var v3 = X509V3_CTX()
        X509V3_set_ctx(&v3, x509, x509, nil, nil, 0)
        for (nid, value) in [(NID_basic_constraints, "critical,CA:TRUE"), (NID_key_usage, "critical,digitalSignature,keyCertSign"),
                             (NID_ext_key_usage, "serverAuth"), (NID_subject_key_identifier, "hash"),
                             (NID_authority_key_identifier, "keyid:always"),
                             (NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1")] {
            guard let ext = X509V3_EXT_conf_nid(nil, &v3, nid, value) else { throw Failure(message: "extension \(value) failed") }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(x509, ext, -1) == 1 else { throw Failure(message: "extension \(value) failed") }
        }
        guard X509_sign(x509, key, EVP_sha256()) > 0 else { throw Failure(message: "X509_sign failed") }

        let certificate = try pem { PEM_write_bio_X509($0, x509) }
        let privateKey = try pem { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
        return SelfSignedCertificate(certificatePEM: certificate, privateKeyPEM: privateKey)
    }

    /// The SHA-256 fingerprint of the first certificate in `pem`, as `openssl x509
    /// -fingerprint -sha256` prints it (upper-case hex pairs joined by colons).
    public static func fingerprint(certificatePEM pem: String) throws(Failure) -> String {
        let bytes = Array(pem.utf8)
        let der: [UInt8]? = bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            guard let x509 = PEM_read_bio_X509(bio, nil, nil, nil) else { return nil }
            defer { X509_free(x509) }
            let length = i2d_X509(x509, nil)
            guard length > 0 else { return nil }
            var out = [UInt8](repeating: 0, count: Int(length))
            let written: Int32 = out.withUnsafeMutableBufferPointer { buffer in
                var p: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
                return i2d_X509(x509, &p)
            }
            return written == length ? out : nil
        }
        guard let der else { throw Failure(message: "no readable certificate in the PEM text") }
        var digest = [UInt8](repeating: 0, count: 32)
        _ = SHA256(der, der.count, &digest)
        let hex = Hex.bytes(digest)
        var text = ""
        for i in stride(from: 0, to: hex.count, by: 2) {
            if i > 0 { text += ":" }
            text += String(decoding: hex[i..<(i + 2)], as: UTF8.self).uppercased()
        }
        return text
    }

    private static func pem(_ write: (OpaquePointer) -> Int32) throws(Failure) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw Failure(message: "BIO_new failed") }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw Failure(message: "PEM encoding failed") }
        let count = Int(BIO_ctrl_pending(bio))
        var out = [UInt8](repeating: 0, count: count)
        guard BIO_read(bio, &out, Int32(count)) == Int32(count) else { throw Failure(message: "PEM encoding failed") }
        return String(decoding: out, as: UTF8.self)
    }
}

import Testing
@testable import KMS

@Suite struct CryptoTests {
    let key = SecureRandom.bytes(32)

    @Test func aesGcmRoundTripsAndRejectsTampering() {
        let sealed = AESGCM.seal(Array("secret".utf8), key: key, aad: Array("ctx".utf8))
        #expect(sealed.ciphertext != Array("secret".utf8))
        #expect(AESGCM.open(sealed, key: key, aad: Array("ctx".utf8)) == Array("secret".utf8))
        #expect(AESGCM.open(sealed, key: key, aad: Array("other".utf8)) == nil)
        #expect(AESGCM.open(sealed, key: SecureRandom.bytes(32), aad: Array("ctx".utf8)) == nil)
        var flipped = sealed
        flipped.ciphertext[0] ^= 1
        #expect(AESGCM.open(flipped, key: key, aad: Array("ctx".utf8)) == nil)
        // An empty plaintext still carries a tag.
        let empty = AESGCM.sealCombined([], key: key)
        #expect(AESGCM.openCombined(empty, key: key) == [])
        #expect(AESGCM.openCombined(Array(empty.dropLast()), key: key) == nil)
    }

    @Test func ciphertextBlobNamesItsKeyAndBindsTheContext() {
        let arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let context = EncryptionContext(["a": "1", "b": "2"])
        let blob = CiphertextBlob.encrypt(Array("hello".utf8), keyArn: arn, materialVersion: 3, material: key, context: context)
        let parsed = CiphertextBlob(bytes: blob.bytes)
        #expect(parsed == blob)
        #expect(parsed?.keyArn == arn)
        #expect(parsed?.materialVersion == 3)
        #expect(parsed?.decrypt(material: key, context: EncryptionContext(["b": "2", "a": "1"])) == Array("hello".utf8))
        #expect(parsed?.decrypt(material: key, context: EncryptionContext(["a": "1"])) == nil)
        #expect(parsed?.decrypt(material: key, context: EncryptionContext(["a": "1", "b": "3"])) == nil)
        // Naming another key (or version) in the header breaks the tag.
        var other = blob
        other.keyArn = arn.replacingOccurrences(of: "1234abcd", with: "9999abcd")
        #expect(other.decrypt(material: key, context: context) == nil)
        other = blob
        other.materialVersion = 2
        #expect(other.decrypt(material: key, context: context) == nil)
        #expect(CiphertextBlob(bytes: Array("not a blob".utf8)) == nil)
        #expect(CiphertextBlob(bytes: []) == nil)
    }

    @Test func contextsWithSplitBoundariesDiffer() {
        // "ab"="c" and "a"="bc" must not authenticate as each other.
        #expect(EncryptionContext(["ab": "c"]).canonicalBytes != EncryptionContext(["a": "bc"]).canonicalBytes)
    }

    @Test func keyReferencesParse() {
        #expect(KeyReference("1234abcd-12ab-34cd-56ef-1234567890ab") == .keyId("1234abcd-12ab-34cd-56ef-1234567890ab"))
        #expect(KeyReference("alias/x") == .aliasName("alias/x"))
        #expect(KeyReference("arn:aws:kms:us-east-1:111122223333:alias/x") == .aliasArn(account: "111122223333", region: "us-east-1", name: "alias/x"))
        #expect(KeyReference("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
            == .keyArn(account: "111122223333", region: "us-east-1", keyId: "1234abcd-12ab-34cd-56ef-1234567890ab"))
        #expect(KeyReference("foo") == nil)
        #expect(KeyReference("alias/") == nil)
        #expect(KeyReference("arn:aws:kms:us-east-1:111122223333:key/foo") == nil)
        #expect(KeyReference("arn:aws:s3:::bucket") == nil)
    }
}

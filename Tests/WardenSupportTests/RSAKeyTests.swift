import Testing
import WardenSupport

@Suite("RSAKey")
struct RSAKeyTests {
    @Test func signsAndVerifies() throws {
        let key = try RSAKey.generate(bits: 1024)
        let message = Array("digest".utf8)
        let signature = try key.sign(message)
        #expect(signature.count == 128)
        #expect(key.verify(message, signature: signature))
        #expect(!key.verify(Array("digesT".utf8), signature: signature))
        var tampered = signature
        tampered[0] ^= 1
        #expect(!key.verify(message, signature: tampered))
    }

    @Test func reloadsFromDERAndPEM() throws {
        let key = try RSAKey.generate(bits: 1024)
        let message = Array("m".utf8)
        let signature = try key.sign(message)
        let publicOnly = try RSAKey.load(publicKeyDER: key.publicKeyDER)
        #expect(publicOnly.verify(message, signature: signature))
        #expect(throws: RSAKey.Failure.self) { try publicOnly.sign(message) }
        let fromDER = try RSAKey.load(privateKeyDER: key.privateKeyDER)
        #expect(fromDER.publicKeyDER == key.publicKeyDER)
        let pem = try #require(key.pem)
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let fromPEM = try RSAKey.load(pem: pem)
        #expect(fromPEM.subjectPublicKeyInfoDER == key.subjectPublicKeyInfoDER)
        #expect(key.subjectPublicKeyInfoDER.count > key.publicKeyDER.count)
    }

    @Test func refusesGarbage() {
        #expect(throws: RSAKey.Failure.self) { try RSAKey.load(privateKeyDER: [1, 2, 3]) }
        #expect(throws: RSAKey.Failure.self) { try RSAKey.load(publicKeyDER: []) }
        #expect(throws: RSAKey.Failure.self) { try RSAKey.load(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n") }
    }
}

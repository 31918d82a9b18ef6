import DynamoModel
import Foundation
import Testing
@testable import AuditTrail

@Suite struct DigestSigningTests {
    @Test func signsAndVerifiesSHA256withRSA() throws {
        let key = try SigningKey.generate()
        let message = Array("2015-08-12T04:01:31Z\nbucket/key\nabc\nnull".utf8)
        let signature = try key.sign(message)
        #expect(signature.count == 256)
        let publicOnly = try SigningKey.load(publicKeyDER: key.publicKeyDER)
        #expect(publicOnly.verify(message, signature: signature))
        #expect(!publicOnly.verify(message + [0x20], signature: signature))
        #expect(publicOnly.fingerprint == key.fingerprint && key.fingerprint.count == 32)
        let reloaded = try SigningKey.load(privateKeyDER: key.privateKeyDER)
        #expect(reloaded.fingerprint == key.fingerprint)
    }

    @Test func digestContentAndSigningString() {
        let content = DigestFile.content(account: account, bucket: "b", object: "o", startTime: 0, endTime: 3600, fingerprint: "ff",
                                         previous: nil, logFiles: [])
        let json = try! JSONParser.parse(content)
        #expect(json["digestStartTime"] == "1970-01-01T00:00:00Z")
        #expect(json["digestEndTime"] == "1970-01-01T01:00:00Z")
        #expect(json["previousDigestSignature"] == .null)
        #expect(json["logFiles"] == .array([]))
        #expect(json["digestSignatureAlgorithm"] == "SHA256withRSA")
        #expect(String(decoding: DigestFile.stringToSign(endTime: "T", bucket: "b", object: "o", contentHash: "h", previousSignature: nil), as: UTF8.self)
            == "T\nb/o\nh\nnull")
    }

    @Test func sha256() {
        #expect(DigestCrypto.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(DigestCrypto.unhex("00ff10") == [0, 255, 16])
        #expect(DigestCrypto.unhex("0g") == nil)
    }
}

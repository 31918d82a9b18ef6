import Testing
@testable import WardenSupport

@Suite("Self-signed TLS certificates")
struct SelfSignedCertificateTests {
    @Test func generatesPEMAndAStableFingerprint() throws {
        let made = try SelfSignedCertificate.generate()
        #expect(made.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(made.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let fingerprint = try SelfSignedCertificate.fingerprint(certificatePEM: made.certificatePEM)
        #expect(fingerprint.count == 32 * 3 - 1)
        #expect(fingerprint.split(separator: ":").allSatisfy { $0.count == 2 && $0.allSatisfy { "0123456789ABCDEF".contains($0) } })
        #expect(try SelfSignedCertificate.fingerprint(certificatePEM: made.certificatePEM) == fingerprint)
        let other = try SelfSignedCertificate.generate()
        #expect(try SelfSignedCertificate.fingerprint(certificatePEM: other.certificatePEM) != fingerprint)
    }

    @Test func refusesTextWithoutACertificate() {
        #expect(throws: SelfSignedCertificate.Failure.self) { try SelfSignedCertificate.fingerprint(certificatePEM: "not a certificate") }
    }
}

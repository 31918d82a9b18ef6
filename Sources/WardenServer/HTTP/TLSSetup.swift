import Foundation
import NIOSSL
import WardenSupport

/// `warden serve --tls`: the certificate and key the listeners serve HTTPS with — the files
/// `--tls-cert`/`--tls-key` name, or a self-signed certificate made once into the data folder
/// (`tls/certificate.pem`, `tls/private-key.pem`, the key readable by its owner only) and
/// reused at every later start, so a client that trusts it keeps trusting it.
struct TLSSetup {
    let context: NIOSSLContext
    let certificatePath: String
    /// SHA-256 of the certificate (DER), colon-separated upper-case hex.
    let fingerprint: String
    /// True when Warden made the certificate (this start or an earlier one).
    let selfSigned: Bool

    init(options: WardenConfiguration.TLSOptions, dataFolder: String) throws {
        var certificatePath = options.certificatePath
        var keyPath = options.keyPath
        guard (certificatePath == nil) == (keyPath == nil) else {
            throw TLSSetupError("--tls-cert and --tls-key go together")
        }
        if certificatePath == nil {
            let folder = dataFolder + "/tls"
            let cert = folder + "/certificate.pem", key = folder + "/private-key.pem"
            let files = FileManager.default
            if !(files.fileExists(atPath: cert) && files.fileExists(atPath: key)) {
                let made = try SelfSignedCertificate.generate()
                try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
                guard files.createFile(atPath: key, contents: Data(made.privateKeyPEM.utf8), attributes: [.posixPermissions: 0o600]),
                      files.createFile(atPath: cert, contents: Data(made.certificatePEM.utf8)) else {
                    throw TLSSetupError("cannot write the certificate into \(folder)")
                }
            }
            certificatePath = cert
            keyPath = key
        }
        let pem: String
        do {
            pem = try String(contentsOfFile: certificatePath!, encoding: .utf8)
        } catch {
            throw TLSSetupError("cannot read \(certificatePath!): \(error.localizedDescription)")
        }
        fingerprint = try SelfSignedCertificate.fingerprint(certificatePEM: pem)
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificatePath!)
            let key = try NIOSSLPrivateKey(file: keyPath!, format: .pem)
            let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSSetupError("cannot use \(certificatePath!) and \(keyPath!): \(error)")
        }
        self.certificatePath = certificatePath!
        selfSigned = options.certificatePath == nil
    }
}

public struct TLSSetupError: Error, CustomStringConvertible {
    public var message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

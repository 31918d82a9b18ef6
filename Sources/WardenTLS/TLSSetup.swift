import FoundationEssentials
import NIOCore
import NIOSSL
import WardenServer
import WardenSupport

/// `warden serve --tls`: the certificate and key the listeners serve HTTPS with — the files
/// `--tls-cert`/`--tls-key` name, or a self-signed certificate made once into the data folder
/// (`tls/certificate.pem`, `tls/private-key.pem`, the key readable by its owner only) and
/// reused at every later start, so a client that trusts it keeps trusting it.
public struct TLSSetup: TransportSecurity {
    let context: NIOSSLContext
    public let certificatePath: String
    /// SHA-256 of the certificate (DER), colon-separated upper-case hex.
    public let fingerprint: String
    /// True when Warden made the certificate (this start or an earlier one).
    public let selfSigned: Bool

    /// `certificatePath`/`keyPath`: PEM files; both nil: a self-signed certificate in the data folder.
    public init(certificatePath givenCertificate: String?, keyPath givenKey: String?, dataFolder: String) throws {
        var certificatePath = givenCertificate
        var keyPath = givenKey
        guard (certificatePath == nil) == (keyPath == nil) else {
            throw ListenerSetupError("--tls-cert and --tls-key go together")
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
                    throw ListenerSetupError("cannot write the certificate into \(folder)")
                }
            }
            certificatePath = cert
            keyPath = key
        }
        guard let data = FileManager.default.contents(atPath: certificatePath!) else {
            throw ListenerSetupError("cannot read \(certificatePath!): no such file, or not readable")
        }
        let pem = String(decoding: data, as: UTF8.self)
        fingerprint = try SelfSignedCertificate.fingerprint(certificatePEM: pem)
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificatePath!)
            let key = try NIOSSLPrivateKey(file: keyPath!, format: .pem)
            let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw ListenerSetupError("cannot use \(certificatePath!) and \(keyPath!): \(error)")
        }
        self.certificatePath = certificatePath!
        selfSigned = givenCertificate == nil
    }

    public func addHandler(to pipeline: ChannelPipeline.SynchronousOperations) throws {
        try pipeline.addHandler(NIOSSLServerHandler(context: context))
    }
}

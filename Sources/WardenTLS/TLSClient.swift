import NIOCore
import NIOSSL

/// The CLI's side of HTTPS (`warden audit --endpoint https://…`): a client TLS handler trusting
/// the system's roots, or only the PEM bundle `caBundle` names (`AWS_CA_BUNDLE`, as the AWS CLI
/// reads it: point it at a Warden's `tls/certificate.pem` to trust its self-signed certificate).
public enum TLSClient {
    public static func addHandler(to pipeline: ChannelPipeline.SynchronousOperations, host: String, caBundle: String?) throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caBundle { configuration.trustRoots = .file(caBundle) }
        let context = try NIOSSLContext(configuration: configuration)
        // SNI and name checks take a host name, never an IP literal (NIOSSL refuses one).
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        try pipeline.addHandler(NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host))
    }
}

import NIOCore

/// A listener's TLS, made outside this module (`WardenTLS`, which links NIOSSL and its
/// BoringSSL) so that the modules below the binary — and the fuzz build, which links them —
/// never compile a TLS stack. `warden serve --tls` hands one in through
/// `WardenConfiguration.TLSOptions.make`.
public protocol TransportSecurity: Sendable {
    /// Adds the TLS handler at the front of an accepted connection's pipeline.
    func addHandler(to pipeline: ChannelPipeline.SynchronousOperations) throws
    /// The certificate file served, its SHA-256 fingerprint (colon-separated upper-case hex),
    /// and whether Warden made it.
    var certificatePath: String { get }
    var fingerprint: String { get }
    var selfSigned: Bool { get }
}

/// A start-up failure in the listener's set-up (TLS files, VPC endpoint policies).
public struct ListenerSetupError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

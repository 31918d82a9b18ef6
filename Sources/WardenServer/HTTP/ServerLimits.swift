import NIOHTTP1

/// What one client may cost the server: how long each part of a request may take, how many
/// connections may be open, how large a body may be. `warden serve` options set them.
public struct ServerLimits: Sendable, Equatable {
    /// Seconds from a request's first byte until its head (request line and headers) is
    /// complete (`--header-timeout`): a slowloris client trickling headers is cut off here.
    public var headerTimeout: Double = 10
    /// Seconds from a complete head until the body's last byte (`--body-timeout`).
    public var bodyTimeout: Double = 60
    /// Seconds a keep-alive connection may wait, idle, for its next request (`--idle-timeout`).
    public var idleTimeout: Double = 60
    /// Open connections at most (`--max-connections`); one more is answered 503 and closed.
    public var maxConnections = 1000
    /// Request body bytes at most: DynamoDB's 16 MB (larger bodies are answered 413).
    public var maxBodyBytes = 16 * 1024 * 1024
    /// Request body bytes all connections together may hold (received, or being answered);
    /// a request that would pass it is answered 503 and its connection closed. Without it,
    /// `maxConnections` clients uploading `maxBodyBytes` each could claim 16 GB.
    public var maxBufferedBodyBytes = 256 * 1024 * 1024

    /// Bytes at most in the request line's target, and in any one header (name and value); a
    /// longer one is answered 400 and the connection closed (DynamoDB answers a 17 KB URL 400).
    public var maxHeaderFieldBytes = 16 * 1024
    /// Bytes at most in the request target and all headers together (answered as above).
    public var maxHeadBytes = 64 * 1024

    var decoderLimits: NIOHTTPDecoderLimitConfiguration {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = maxHeaderFieldBytes
        limits.maxHeaderListSize = maxHeadBytes
        limits.maxHeaderFieldCount = 1000
        return limits
    }

    public init() {}
}

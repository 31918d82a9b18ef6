/// An HTTP request as the pipeline sees it — no NIO types below the HTTP handler.
public struct WardenRequest: Sendable {
    public var method: String
    /// Path and query exactly as received.
    public var uri: String
    public var headers: [(name: String, value: String)]
    /// The body the endpoints read: with any `Content-Encoding` undone.
    public var body: [UInt8]
    /// The body exactly as received, when a content coding was undone (SigV4 signs these
    /// bytes); nil when `body` is what arrived.
    public var encodedBody: [UInt8]?
    public var remoteAddress: String
    public var isTLS: Bool
    /// The simulated VPC endpoint whose listener took the request (nil: a public listener).
    public var vpcEndpoint: VPCEndpoint?
    /// The region a regional listener serves (nil: the default listener, every region).
    public var boundRegion: String?

    public init(method: String, uri: String, headers: [(name: String, value: String)], body: [UInt8], remoteAddress: String = "127.0.0.1",
                isTLS: Bool = false, vpcEndpoint: VPCEndpoint? = nil, boundRegion: String? = nil) {
        self.vpcEndpoint = vpcEndpoint
        self.boundRegion = boundRegion
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.isTLS = isTLS
    }

    /// First value of a header, case-insensitively (ASCII names; no allocation).
    public func header(_ name: String) -> String? {
        let wanted = name.utf8
        for h in headers where h.name.utf8.count == wanted.count {
            if zip(h.name.utf8, wanted).allSatisfy({ $0 == $1 || ($0 | 0x20 == $1 | 0x20 && ($0 | 0x20) &- 0x61 < 26) }) {
                return h.value
            }
        }
        return nil
    }

    public var path: String {
        if let q = uri.firstIndex(of: "?") { return String(uri[..<q]) }
        return uri
    }

    public var query: String {
        if let q = uri.firstIndex(of: "?") { return String(uri[uri.index(after: q)...]) }
        return ""
    }
}

/// The pipeline's answer.
public struct WardenResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The error the request ended in, unrendered (set by `ErrorRendering`).
    var failure: RequestFailure?

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

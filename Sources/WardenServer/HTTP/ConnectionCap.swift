import DynamoModel
import NIOCore
import NIOHTTP1
import Synchronization

/// Counts open connections against `ServerLimits.maxConnections`.
final class ConnectionCounter: Sendable {
    private let open = Atomic<Int>(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Counts a new connection; false when it is one too many (it is counted all the same,
    /// and released when it closes).
    func admit() -> Bool {
        open.add(1, ordering: .relaxed).newValue <= limit
    }

    func release() { open.subtract(1, ordering: .relaxed) }

    var current: Int { open.load(ordering: .relaxed) }
}

/// Request body bytes held across all connections, against `ServerLimits.maxBufferedBodyBytes`.
final class BodyBudget: Sendable {
    private let held = Atomic<Int>(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Takes `bytes` from the budget; false (taking nothing) when that would pass the limit.
    func take(_ bytes: Int) -> Bool {
        if held.add(bytes, ordering: .relaxed).newValue <= limit { return true }
        held.subtract(bytes, ordering: .relaxed)
        return false
    }

    func give(_ bytes: Int) {
        if bytes > 0 { held.subtract(bytes, ordering: .relaxed) }
    }

    var current: Int { held.load(ordering: .relaxed) }
}

/// The whole pipeline of a connection over the cap: reads the request head, answers `503`
/// with `Connection: close` and a JSON body saying why, and closes. Its deadline (the header
/// timeout) still applies.
final class RefusingHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let limit: Int
    private var answered = false

    init(limit: Int) { self.limit = limit }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head = unwrapInboundIn(data), !answered else { return }
        answered = true
        let response = ErrorRendering.response(.json(.serviceUnavailable(
            "Too many open connections: this server accepts at most \(limit) (warden serve --max-connections). Retry later.")),
            requestId: RequestID.make())
        let body = response.body
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .serviceUnavailable, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

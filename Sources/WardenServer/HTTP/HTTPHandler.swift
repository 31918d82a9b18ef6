import DynamoModel
import NIOCore
import NIOHTTP1

/// Collects one HTTP request (head and body, up to `maxBodyBytes`), hands it to the
/// pipeline, and writes the answer on the channel's event loop — immediately for synchronous
/// reads, later for writes completed by the storage writer. Moves the connection's deadline
/// through its phases (body, busy, idle), and closes the connection on a malformed request
/// (after the `400 … Connection: close` NIO's error handler sends).
final class HTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let pipeline: Pipeline
    let deadline: ConnectionDeadline
    let maxBodyBytes: Int
    let bodies: BodyBudget
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false
    /// The server as a whole holds too many body bytes for this request's.
    private var overBudget = false
    /// Bytes of the current request taken from `bodies`.
    private var held = 0
    private var date = HTTPDate()
    /// The peer's address, made at the connection's first request (not one per request).
    private var peer: String?

    /// The listener's TLS and VPC endpoint, the same for every request of the connection.
    let isTLS: Bool
    let vpcEndpoint: VPCEndpoint?

    init(pipeline: Pipeline, deadline: ConnectionDeadline, maxBodyBytes: Int, bodies: BodyBudget, isTLS: Bool = false, vpcEndpoint: VPCEndpoint? = nil) {
        self.isTLS = isTLS
        self.vpcEndpoint = vpcEndpoint
        self.pipeline = pipeline
        self.deadline = deadline
        self.maxBodyBytes = maxBodyBytes
        self.bodies = bodies
    }

    func channelInactive(context: ChannelHandlerContext) {
        bodies.give(held)
        held = 0
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            deadline.enter(.body)
            head = h
            body = []
            tooLarge = false
            overBudget = false
            if let length = h.headers.first(name: "content-length").flatMap(Int.init) {
                // Room for the declared body, up to 1 MB: a header alone claims no more.
                if length > maxBodyBytes { tooLarge = true } else if length > 0 { body.reserveCapacity(min(length, 1 << 20)) }
            }
        case .body(let buffer):
            guard !tooLarge, !overBudget else { return }
            if body.count + buffer.readableBytes > maxBodyBytes {
                tooLarge = true
                release()
                return
            }
            guard bodies.take(buffer.readableBytes) else {
                overBudget = true
                release()
                return
            }
            held += buffer.readableBytes
            buffer.withUnsafeReadableBytes { body.append(contentsOf: $0) }
        case .end:
            guard let head else { return }
            self.head = nil
            deadline.enter(.busy)
            if tooLarge || overBudget {
                // Refused before the pipeline: rendered (and logged) as every other error is.
                let error: DynamoError = tooLarge ? .requestTooLarge(limit: maxBodyBytes) : .serviceUnavailable(
                    "The server holds too many request bytes (\(bodies.limit) across all connections). Retry later.")
                write(pipeline.refuse(head.method.rawValue, head.uri, error), keepAlive: false, context: context)
                return
            }
            var headers: [(name: String, value: String)] = []
            headers.reserveCapacity(head.headers.count)
            for (name, value) in head.headers { headers.append((name, value)) }
            let request = WardenRequest(method: head.method.rawValue, uri: head.uri, headers: headers, body: body,
                                        remoteAddress: peerAddress(context), isTLS: isTLS, vpcEndpoint: vpcEndpoint)
            let large = body.count >= MemoryReturn.largeRequestBytes
            body = []
            // The body's bytes count against the budget until the request is answered.
            let taken = held
            held = 0
            let bodies = self.bodies
            let keepAlive = head.isKeepAlive
            let loop = context.eventLoop
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            pipeline.handle(request) { response in
                bodies.give(taken)
                if large { MemoryReturn.afterLargeRequest() }
                if loop.inEventLoop {
                    let (handler, context) = bound.value
                    handler.write(response, keepAlive: keepAlive, context: context)
                } else {
                    loop.execute {
                        let (handler, context) = bound.value
                        handler.write(response, keepAlive: keepAlive, context: context)
                    }
                }
            }
        }
    }

    private func peerAddress(_ context: ChannelHandlerContext) -> String {
        if let peer { return peer }
        let text = PeerAddress.text(context.remoteAddress)
        peer = text
        return text
    }

    /// Drops the current body and gives its bytes back to the budget.
    private func release() {
        body = []
        bodies.give(held)
        held = 0
    }

    /// A malformed request: NIO's error handler has answered `400` with `Connection: close`;
    /// close, as that header says. Other errors go on down the pipeline.
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        guard error is HTTPParserError else { return context.fireErrorCaught(error) }
        context.close(promise: nil)
    }

    private func write(_ response: WardenResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        // The check NIO's outbound header validator made (switched off in HTTPServer: it cost
        // ~5% of a GetItem), on the bytes at once: a header this server makes never carries a
        // line break, but one that did must not split the answer.
        guard response.headers.allSatisfy({ Self.isHeaderName($0.name) && Self.isHeaderValue($0.value) }) else {
            return write(ErrorRendering.response(.json(.internalFailure()), requestId: response.headers.first { $0.name == "x-amzn-RequestId" }?.value ?? ""),
                         keepAlive: false, context: context)
        }
        var headers = HTTPHeaders()
        headers.reserveCapacity(response.headers.count + 4)
        // DynamoDB's answers all carry `Server: Server` and the date.
        headers.add(name: "Server", value: "Server")
        headers.add(name: "Date", value: date.now())
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        headers.add(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        if keepAlive {
            // Idle from here; a pipelined request waiting behind this one arrives during the
            // write below and moves the deadline on again.
            deadline.enter(.idle)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// An RFC 9110 token: visible ASCII without separators.
    static func isHeaderName(_ name: String) -> Bool {
        let utf8 = name.utf8
        return !utf8.isEmpty && (utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isTokenByte) } ?? utf8.allSatisfy(isTokenByte))
    }

    /// No CR, LF or NUL (RFC 9110 §5.5).
    static func isHeaderValue(_ value: String) -> Bool {
        let utf8 = value.utf8
        let safe: (UInt8) -> Bool = { $0 != 0x0A && $0 != 0x0D && $0 != 0 }
        return utf8.withContiguousStorageIfAvailable { $0.allSatisfy(safe) } ?? utf8.allSatisfy(safe)
    }

    static func isTokenByte(_ b: UInt8) -> Bool {
        guard b > 0x20 && b < 0x7F else { return false }
        switch b {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ";"),
             UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "?"), UInt8(ascii: "@"), UInt8(ascii: "["),
             UInt8(ascii: "\\"), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\""):
            return false
        default:
            return true
        }
    }
}

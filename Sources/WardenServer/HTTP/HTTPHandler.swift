import NIOCore
import NIOHTTP1

/// Collects one HTTP request (head and body, up to 16 MB), hands it to the pipeline, and
/// writes the answer on the channel's event loop — immediately for synchronous reads, later
/// for writes completed by the storage writer.
final class HTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let maxBodyBytes = 16 * 1024 * 1024

    let pipeline: Pipeline
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false

    init(pipeline: Pipeline) { self.pipeline = pipeline }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.removeAll(keepingCapacity: true)
            tooLarge = false
            if let length = h.headers.first(name: "content-length").flatMap(Int.init), length > Self.maxBodyBytes {
                tooLarge = true
            }
        case .body(var buffer):
            guard !tooLarge else { return }
            if body.count + buffer.readableBytes > Self.maxBodyBytes {
                tooLarge = true
                body = []
                return
            }
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .end:
            guard let head else { return }
            self.head = nil
            if tooLarge {
                let error = WardenResponse(status: 413, headers: [("Content-Type", "application/x-amz-json-1.0")],
                                           body: Array("{\"__type\":\"com.amazon.coral.service#RequestEntityTooLarge\",\"message\":\"Request payload size exceeds the limit of 16777216 bytes.\"}".utf8))
                write(error, keepAlive: false, context: context)
                return
            }
            var headers: [(name: String, value: String)] = []
            headers.reserveCapacity(head.headers.count)
            for (name, value) in head.headers { headers.append((name, value)) }
            let request = WardenRequest(method: head.method.rawValue, uri: head.uri, headers: headers, body: body,
                                        remoteAddress: context.remoteAddress?.ipAddress ?? "127.0.0.1")
            body = []
            let keepAlive = head.isKeepAlive
            let loop = context.eventLoop
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            pipeline.handle(request) { response in
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

    private func write(_ response: WardenResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.reserveCapacity(response.headers.count + 2)
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        headers.add(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
        }
    }
}

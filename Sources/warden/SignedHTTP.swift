import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import SigV4
import WardenTLS

/// Signed HTTP calls to a running Warden from the CLI, with credentials from the usual AWS
/// environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
/// AWS_REGION / AWS_DEFAULT_REGION; AWS_CA_BUNDLE for HTTPS).
///
/// On SwiftNIO, which the binary carries anyway, rather than URLSession: FoundationNetworking
/// brings libcurl and some thirty libraries (GnuTLS, Kerberos, LDAP) that every start of the
/// binary paid ~25 ms to load, `warden serve` included.
struct SignedHTTP {
    let endpoint: URL

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Whole answers only, and none slower than this.
    static let timeout = TimeAmount.seconds(120)

    func send(method: String, path: String, query: String = "", body: [UInt8], headers extra: [(String, String)] = [],
              service: String = "dynamodb", contentType: String = "application/json") throws -> (status: Int, body: [UInt8]) {
        let env = ProcessInfo.processInfo.environment
        guard let key = env["AWS_ACCESS_KEY_ID"], let secret = env["AWS_SECRET_ACCESS_KEY"] else {
            throw Failure(description: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an account root's credentials)")
        }
        let region = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? "us-east-1"
        guard let host = endpoint.host, let scheme = endpoint.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw Failure(description: "bad endpoint URL: \(endpoint) (http://HOST:PORT or https://HOST:PORT)")
        }
        let https = scheme == "https"
        let port = endpoint.port ?? (https ? 443 : 80)
        let hostHeader = endpoint.port.map { "\(host):\($0)" } ?? host
        let basePath = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let fullPath = basePath + path
        var headers: [(name: String, value: String)] = [("Host", hostHeader), ("Content-Type", contentType)]
        headers += extra.map { (name: $0.0, value: $0.1) }
        headers += SigV4Signer.sign(method: method, rawPath: fullPath, rawQuery: query, headers: headers, body: body,
                                    accessKeyId: key, secretAccessKey: secret, sessionToken: env["AWS_SESSION_TOKEN"],
                                    region: region, service: service, amzDate: amzDate(fromEpoch: Date().timeIntervalSince1970))

        let group = MultiThreadedEventLoopGroup.singleton
        let loop = group.next()
        let answer = loop.makePromise(of: (status: Int, body: [UInt8]).self)
        let caBundle = env["AWS_CA_BUNDLE"]
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if https { try TLSClient.addHandler(to: sync, host: host, caBundle: caBundle) }
                    try sync.addHTTPClientHandlers()
                    try sync.addHandler(ResponseCollector(answer: answer))
                }
            }
        let channel: Channel
        do {
            channel = try bootstrap.connect(host: host, port: port).wait()
        } catch {
            let failure = Failure(description: "cannot reach \(endpoint): \(error)")
            answer.fail(failure)  // a promise must be completed, even one no one waits for
            throw failure
        }
        defer { channel.close(promise: nil) }
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: fullPath + (query.isEmpty ? "" : "?" + query))
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "Connection", value: "close")
        var buffer = channel.allocator.buffer(capacity: body.count)
        buffer.writeBytes(body)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(buffer)), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        let timer = loop.scheduleTask(in: Self.timeout) { answer.fail(Failure(description: "no answer from \(endpoint) within \(Self.timeout.nanoseconds / 1_000_000_000) s")) }
        defer { timer.cancel() }
        do {
            return try answer.futureResult.wait()
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot reach \(endpoint): \(error)")
        }
    }
}

/// Collects one answer: its status and whole body.
private final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked Sendable: used on its channel's event loop only.
    typealias InboundIn = HTTPClientResponsePart

    let answer: EventLoopPromise<(status: Int, body: [UInt8])>
    var status = 0
    var body: [UInt8] = []

    init(answer: EventLoopPromise<(status: Int, body: [UInt8])>) {
        self.answer = answer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body(var part): body += part.readBytes(length: part.readableBytes) ?? []
        case .end: answer.succeed((status, body))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        answer.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        answer.fail(SignedHTTP.Failure(description: "the connection closed before a whole answer"))
    }
}

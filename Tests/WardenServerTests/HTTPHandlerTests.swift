import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
@testable import WardenServer

/// The HTTP handler on an embedded channel: deadlines by phase (on the embedded loop's
/// clock, no sleeping), the body limit and the server-wide body budget.
@Suite struct HTTPHandlerTests {
    struct Connection {
        let channel: EmbeddedChannel
        let loop: EmbeddedEventLoop
        let deadline: ConnectionDeadline
    }

    func connect(_ limits: ServerLimits = ServerLimits(), budget: Int = 1 << 30) throws -> Connection {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(loop: loop)
        let deadline = ConnectionDeadline(channel: channel, limits: limits)
        let warden = try InProcessWarden()
        try channel.pipeline.syncOperations.addHandler(HTTPHandler(pipeline: warden.warden.pipeline, deadline: deadline,
                                                                   maxBodyBytes: limits.maxBodyBytes, bodies: BodyBudget(limit: budget)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        deadline.enter(.idle)
        return Connection(channel: channel, loop: loop, deadline: deadline)
    }

    func head(_ length: Int? = nil) -> HTTPServerRequestPart {
        var headers = HTTPHeaders([("Host", "x")])
        if let length { headers.add(name: "Content-Length", value: String(length)) }
        return .head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/", headers: headers))
    }

    func body(_ count: Int) -> HTTPServerRequestPart {
        .body(ByteBuffer(repeating: UInt8(ascii: "a"), count: count))
    }

    func response(_ c: Connection) throws -> (HTTPResponseHead, String)? {
        guard case .head(let h)? = try c.channel.readOutbound(as: HTTPServerResponsePart.self) else { return nil }
        var text = ""
        while let part = try c.channel.readOutbound(as: HTTPServerResponsePart.self) {
            if case .body(.byteBuffer(let b)) = part { text += String(buffer: b) }
        }
        return (h, text)
    }

    @Test func anIdleConnectionClosesAtTheIdleTimeout() throws {
        var limits = ServerLimits()
        limits.idleTimeout = 5
        let c = try connect(limits)
        c.loop.advanceTime(by: .seconds(4))
        #expect(c.channel.isActive)
        c.loop.advanceTime(by: .seconds(2))
        #expect(!c.channel.isActive)
    }

    @Test func aRequestHeadMustCompleteWithinTheHeaderTimeout() throws {
        var limits = ServerLimits()
        limits.headerTimeout = 2
        limits.idleTimeout = 60
        let c = try connect(limits)
        c.deadline.bytesArrived()  // a first byte; the head never completes
        c.loop.advanceTime(by: .seconds(3))
        #expect(!c.channel.isActive)
    }

    @Test func aBodyMustCompleteWithinTheBodyTimeout() throws {
        var limits = ServerLimits()
        limits.bodyTimeout = 3
        let c = try connect(limits)
        try c.channel.writeInbound(head(100))
        try c.channel.writeInbound(body(10))
        c.loop.advanceTime(by: .seconds(2))
        #expect(c.channel.isActive)
        c.loop.advanceTime(by: .seconds(2))
        #expect(!c.channel.isActive)
    }

    @Test func aBusyRequestIsNeverCutShortAndKeepAliveReturnsToIdle() throws {
        var limits = ServerLimits()
        limits.idleTimeout = 5
        let c = try connect(limits)
        try c.channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: ["Host": "x"])))
        try c.channel.writeInbound(HTTPServerRequestPart.end(nil))
        let (h, text) = try #require(try response(c))
        #expect(h.status == .ok && text.hasPrefix("healthy"))
        #expect(c.deadline.phase == .idle)
        c.loop.advanceTime(by: .seconds(6))
        #expect(!c.channel.isActive)
    }

    /// A long-lived connection keeps one pending check however many requests it carries (each
    /// request used to leave a timer behind that re-armed itself forever: memory and CPU grew
    /// with every request in the soak).
    @Test func aConnectionKeepsOneTimerAcrossManyRequests() throws {
        var limits = ServerLimits()
        limits.headerTimeout = 2
        limits.idleTimeout = 10
        let c = try connect(limits)
        // Requests with pauses longer than the header timeout: each pause lets a check run
        // while idle, and the next request needs an earlier one.
        for _ in 0..<40 {
            c.deadline.bytesArrived()
            try c.channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: ["Host": "x"])))
            try c.channel.writeInbound(HTTPServerRequestPart.end(nil))
            _ = try response(c)
            c.loop.advanceTime(by: .seconds(3))
        }
        #expect(c.channel.isActive)
        #expect(c.deadline.checksRun <= 45)
        let before = c.deadline.checksRun
        c.loop.advanceTime(by: .seconds(5))
        #expect(c.channel.isActive)
        #expect(c.deadline.checksRun - before <= 1)
        c.loop.advanceTime(by: .seconds(3))
        #expect(!c.channel.isActive)
    }

    /// NIO's outbound header validator is off (its cost); HTTPHandler.write checks instead.
    @Test func headersThatWouldSplitTheAnswerAreRefused() {
        #expect(HTTPHandler.isHeaderName("x-amzn-RequestId"))
        #expect(HTTPHandler.isHeaderName("Access-Control-Allow-Origin"))
        #expect(!HTTPHandler.isHeaderName(""))
        #expect(!HTTPHandler.isHeaderName("Bad Name"))
        #expect(!HTTPHandler.isHeaderName("Bad:Name"))
        #expect(!HTTPHandler.isHeaderName("X\r\nInjected"))
        #expect(HTTPHandler.isHeaderValue("application/x-amz-json-1.0; charset=utf-8"))
        #expect(HTTPHandler.isHeaderValue(""))
        #expect(HTTPHandler.isHeaderValue("caf\u{E9}"))
        #expect(!HTTPHandler.isHeaderValue("a\r\nSet-Cookie: x=1"))
        #expect(!HTTPHandler.isHeaderValue("a\nb"))
        #expect(!HTTPHandler.isHeaderValue("a\u{0}b"))
    }

    @Test func bodiesOverTheLimitAre413() throws {
        var limits = ServerLimits()
        limits.maxBodyBytes = 100
        let c = try connect(limits)
        try c.channel.writeInbound(head())
        try c.channel.writeInbound(body(60))
        try c.channel.writeInbound(body(60))
        try c.channel.writeInbound(HTTPServerRequestPart.end(nil))
        let (h, text) = try #require(try response(c))
        #expect(h.status == .payloadTooLarge && h.headers["Connection"] == ["close"])
        #expect(text.contains("exceeds the limit of 100 bytes"))
    }

    @Test func bodiesPastTheServerWideBudgetAre503() throws {
        let c = try connect(budget: 1000)
        try c.channel.writeInbound(head(1500))
        try c.channel.writeInbound(body(800))
        try c.channel.writeInbound(body(800))
        try c.channel.writeInbound(HTTPServerRequestPart.end(nil))
        let (h, text) = try #require(try response(c))
        #expect(h.status == .serviceUnavailable && h.headers["Connection"] == ["close"])
        #expect(text.contains("too many request bytes (1000 across all connections)"))
    }

    @Test func theBudgetIsGivenBack() {
        let budget = BodyBudget(limit: 100)
        #expect(budget.take(60))
        #expect(!budget.take(60))
        #expect(budget.current == 60)
        budget.give(60)
        #expect(budget.take(100))
        #expect(!budget.take(1))
    }

    @Test func theConnectionCounterAdmitsUpToItsLimit() {
        let counter = ConnectionCounter(limit: 2)
        #expect(counter.admit() && counter.admit())
        #expect(!counter.admit())
        counter.release()
        counter.release()
        #expect(counter.admit())
        #expect(counter.current == 2)
    }
}

import DynamoModel
import Logging
import Testing
@testable import WardenServer

@Suite("Log lines")
struct LogLineTests {
    static let time = 1_764_910_990.123  // 2025-12-05T05:03:10.123Z
    static let fields: [(String, LogValue)] = [
        ("requestId", .string("REQ1")), ("operation", .string("GetItem")),
        ("principal", .string("arn:aws:iam::123456789012:user/alice")), ("decision", .string("allow")),
        ("status", .int(200)), ("latencyMs", .double(0.412)),
    ]

    @Test func text() {
        let line = LogLine.render(format: .text, time: Self.time, level: .info, label: "warden.access", message: "request", fields: Self.fields)
        #expect(line == "2025-12-05T05:03:10.123Z info warden.access request requestId=REQ1 operation=GetItem "
            + "principal=arn:aws:iam::123456789012:user/alice decision=allow status=200 latencyMs=0.412")
    }

    @Test func textQuotesValuesThatWouldSplitTheLine() {
        let line = LogLine.render(format: .text, time: 0, level: .error, label: "warden.audit", message: "failed",
                                  fields: [("error", .string("disk full\nsecond=line \"quoted\"")), ("empty", .string(""))])
        #expect(line == #"1970-01-01T00:00:00.000Z error warden.audit failed error="disk full\nsecond=line \"quoted\"" empty="""#)
    }

    @Test func json() throws {
        let line = LogLine.render(format: .json, time: Self.time, level: .info, label: "warden.access", message: "request", fields: Self.fields)
        #expect(line == #"{"time":"2025-12-05T05:03:10.123Z","level":"info","logger":"warden.access","message":"request","requestId":"REQ1","#
            + #""operation":"GetItem","principal":"arn:aws:iam::123456789012:user/alice","decision":"allow","status":200,"latencyMs":0.412}"#)
        #expect(!line.contains("\n"))
        // Hostile text stays inside its string.
        let hostile = LogLine.render(format: .json, time: 0, level: .warning, label: "x", message: "m\n\"}",
                                     fields: [("path", .string("/\u{0}\"},{\"level\":\"critical"))])
        let parsed = try JSONParser.parse(Array(hostile.utf8))
        #expect(parsed["level"] == "warning" && parsed["message"] == "m\n\"}")
        #expect(parsed["path"]?.stringValue == "/\u{0}\"},{\"level\":\"critical")
    }

    @Test func handlerOrdersTheAccessFieldsFirst() {
        let metadata: Logger.Metadata = ["zeta": "1", "status": .stringConvertible(404), "requestId": "R", "alpha": "a",
                                         "latencyMs": .stringConvertible(1.5)]
        let names = WardenLogHandler.fields(metadata).map(\.0)
        #expect(names == ["requestId", "status", "latencyMs", "alpha", "zeta"])
        #expect(WardenLogHandler.fields(metadata)[1].1 == .int(404))
        #expect(WardenLogHandler.fields(metadata)[2].1 == .double(1.5))
    }

    @Test func theAccessLogIsOffUnlessConfigured() throws {
        #expect(try InProcessWarden().warden.pipeline.accessLog == nil)
        var configuration = WardenConfiguration()
        configuration.inMemory = true
        configuration.dataDirectory = nil
        configuration.threads = 1
        configuration.accessLog = true
        let warden = try Warden(configuration: configuration)
        defer { warden.shutdown() }
        #expect(warden.pipeline.accessLog != nil)
    }

    @Test func decisions() {
        let request = WardenRequest(method: "POST", uri: "/", headers: [], body: [])
        let audit = RequestAudit(requestId: "R", startTime: 0, request: request)
        let ok = WardenResponse(status: 200, headers: [], body: [])
        #expect(AccessLog.decision(nil, ok) == "none")
        #expect(AccessLog.decision(audit, ok) == "none")
        audit.authorized = true
        #expect(AccessLog.decision(audit, ok) == "allow")
        let iamDenied = ErrorRendering.response(.query(.init(code: "AccessDenied", message: "no", httpStatus: 403), .iam), requestId: "R")
        #expect(AccessLog.decision(RequestAudit(requestId: "R", startTime: 0, request: request), iamDenied) == "deny")
        audit.denied = true
        #expect(AccessLog.decision(audit, ok) == "deny")
    }
}

// The limit: what this machine can do for the bench's requests with no security at all. A bare
// SwiftNIO server (the same HTTP/1.1 pipeline Warden uses) answering the bench's CreateTable,
// BatchWriteItem, GetItem, PutItem and Query with one prepared SQLite statement per event-loop
// thread for reads and one writer thread with group commit (the database on disk in WAL mode,
// `synchronous = NORMAL`, as Warden's). No SigV4, no policy, no audit, no validation beyond
// what answering needs. bench/bench.py runs it beside Warden and prints Warden ÷ limit.
//
// Run: swift run -c release warden-limit --port 8010 --data-dir /tmp/limit
import CSQLite
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import WardenSupport

nonisolated(unsafe) let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One SQLite connection with its prepared statements; used by one thread only.
final class Connection: @unchecked Sendable {
    let db: OpaquePointer
    var statements: [String: OpaquePointer] = [:]

    /// The same process-wide SQLite setting as Warden's (memory statistics off: no mutex per
    /// allocation), so the reference is not slowed by what Warden avoids.
    static let configured: Bool = warden_sqlite_memstatus_off() == SQLITE_OK

    init(path: String, schema: Bool) {
        _ = Self.configured
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let handle else {
            fatalError("cannot open \(path)")
        }
        db = handle
        exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000")
        if schema { exec("CREATE TABLE IF NOT EXISTS items(pk TEXT NOT NULL, sk TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY(pk, sk)) WITHOUT ROWID") }
    }

    func exec(_ sql: String) {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { fatalError(String(cString: sqlite3_errmsg(db))) }
    }

    func statement(_ sql: String) -> OpaquePointer {
        if let s = statements[sql] { sqlite3_reset(s); return s }
        var s: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &s, nil) == SQLITE_OK, let s else {
            fatalError(String(cString: sqlite3_errmsg(db)))
        }
        statements[sql] = s
        return s
    }

    func rows(_ sql: String, _ binds: [String]) -> [[UInt8]] {
        let s = statement(sql)
        for (i, b) in binds.enumerated() { sqlite3_bind_text(s, Int32(i + 1), b, -1, sqliteTransient) }
        var out: [[UInt8]] = []
        while sqlite3_step(s) == SQLITE_ROW {
            let n = Int(sqlite3_column_bytes(s, 0))
            if n == 0 { out.append([]); continue }
            out.append(Array(UnsafeRawBufferPointer(start: sqlite3_column_blob(s, 0), count: n)))
        }
        sqlite3_reset(s)
        return out
    }
}

/// The one writer: writes queue up while a transaction commits and go in the next one together.
final class Writer: @unchecked Sendable {
    struct Put { var pk: String; var sk: String; var body: [UInt8]; var done: @Sendable () -> Void }
    let condition = NSCondition()
    var pending: [Put] = []
    let connection: Connection

    init(path: String) {
        connection = Connection(path: path, schema: true)
        let thread = Thread { [self] in run() }
        thread.start()
    }

    func submit(_ puts: [Put]) {
        condition.lock()
        pending += puts
        condition.signal()
        condition.unlock()
    }

    func run() {
        while true {
            condition.lock()
            while pending.isEmpty { condition.wait() }
            let batch = pending
            pending = []
            condition.unlock()
            connection.exec("BEGIN")
            let s = connection.statement("INSERT OR REPLACE INTO items(pk, sk, body) VALUES (?1, ?2, ?3)")
            for put in batch {
                sqlite3_bind_text(s, 1, put.pk, -1, sqliteTransient)
                sqlite3_bind_text(s, 2, put.sk, -1, sqliteTransient)
                put.body.withUnsafeBytes { _ = sqlite3_bind_blob(s, 3, $0.baseAddress, Int32($0.count), sqliteTransient) }
                guard sqlite3_step(s) == SQLITE_DONE else { fatalError(String(cString: sqlite3_errmsg(connection.db))) }
                sqlite3_reset(s)
            }
            connection.exec("COMMIT")
            for put in batch { put.done() }
        }
    }
}

final class LimitHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let reader: Connection
    let writer: Writer
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var counter = 0

    init(reader: Connection, writer: Writer) {
        self.reader = reader
        self.writer = writer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.removeAll(keepingCapacity: true)
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            handle(head, context: context)
        }
    }

    func handle(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let keepAlive = head.isKeepAlive
        guard head.method == .POST, let target = head.headers.first(name: "X-Amz-Target") else {
            return respond(200, Array("healthy: limit ".utf8), keepAlive: keepAlive, context: context)
        }
        guard let json = try? JSONParser.parse(body) else { return respond(400, Array(#"{"__type":"SerializationException"}"#.utf8), keepAlive: keepAlive, context: context) }
        switch target.dropFirst("DynamoDB_20120810.".count) {
        case "GetItem":
            let key = json["Key"]
            let rows = reader.rows("SELECT body FROM items WHERE pk = ?1 AND sk = ?2",
                                   [key?["pk"]?["S"]?.stringValue ?? "", key?["sk"]?["S"]?.stringValue ?? ""])
            var out = JSONWriter(capacity: 1200)
            out.raw("{")
            if let row = rows.first { out.raw("\"Item\":"); out.raw(bytes: row) }
            out.raw("}")
            respond(200, out.bytes, keepAlive: keepAlive, context: context)
        case "Query":
            let pk = json["ExpressionAttributeValues"]?[":p"]?["S"]?.stringValue ?? ""
            let rows = reader.rows("SELECT body FROM items WHERE pk = ?1 ORDER BY sk", [pk])
            var out = JSONWriter(capacity: 1200 * rows.count + 64)
            out.raw("{\"Count\":")
            out.raw(bytes: Array(String(rows.count).utf8))
            out.raw(",\"Items\":[")
            for (i, row) in rows.enumerated() {
                if i > 0 { out.raw(",") }
                out.raw(bytes: row)
            }
            out.raw("],\"ScannedCount\":")
            out.raw(bytes: Array(String(rows.count).utf8))
            out.raw("}")
            respond(200, out.bytes, keepAlive: keepAlive, context: context)
        case "PutItem":
            guard let item = json["Item"] else { return respond(400, [], keepAlive: keepAlive, context: context) }
            write([item], keepAlive: keepAlive, context: context, answer: Array("{}".utf8))
        case "BatchWriteItem":
            var items: [JSONValue] = []
            for (_, requests) in json["RequestItems"]?.objectValue ?? [] {
                for request in requests.arrayValue ?? [] { if let item = request["PutRequest"]?["Item"] { items.append(item) } }
            }
            write(items, keepAlive: keepAlive, context: context, answer: Array(#"{"UnprocessedItems":{}}"#.utf8))
        case "CreateTable", "DescribeTable":
            let name = json["TableName"]?.stringValue ?? ""
            let answer = #"{"TableDescription":{"TableName":"\#(name)","TableStatus":"ACTIVE"},"Table":{"TableName":"\#(name)","TableStatus":"ACTIVE"}}"#
            respond(200, Array(answer.utf8), keepAlive: keepAlive, context: context)
        default:
            respond(400, Array(#"{"__type":"UnknownOperationException"}"#.utf8), keepAlive: keepAlive, context: context)
        }
    }

    func write(_ items: [JSONValue], keepAlive: Bool, context: ChannelHandlerContext, answer: [UInt8]) {
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let remaining = NIOLoopBoundBox(items.count, eventLoop: loop)
        let puts = items.map { item in
            Writer.Put(pk: item["pk"]?["S"]?.stringValue ?? "", sk: item["sk"]?["S"]?.stringValue ?? "", body: JSONWriter.encode(item)) {
                loop.execute {
                    remaining.value -= 1
                    if remaining.value == 0 { bound.value.0.respond(200, answer, keepAlive: keepAlive, context: bound.value.1) }
                }
            }
        }
        if puts.isEmpty { return respond(200, answer, keepAlive: keepAlive, context: context) }
        writer.submit(puts)
    }

    func respond(_ status: Int, _ bytes: [UInt8], keepAlive: Bool, context: ChannelHandlerContext) {
        counter += 1
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/x-amz-json-1.0")
        headers.add(name: "x-amzn-RequestId", value: "LIMIT\(counter)")
        headers.add(name: "x-amz-crc32", value: String(CRC32.checksum(bytes)))
        headers.add(name: "Content-Length", value: String(bytes.count))
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers))), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in if !keepAlive { context.close(promise: nil) } }
    }
}

func main() throws {
    var port = 8010
    var dataDir = NSTemporaryDirectory() + "warden-limit"
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = arguments.next() {
        switch argument {
        case "--port": port = Int(arguments.next() ?? "") ?? port
        case "--data-dir": dataDir = arguments.next() ?? dataDir
        default: fatalError("usage: warden-limit [--port N] [--data-dir DIR]")
        }
    }
    try? FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
    let path = dataDir + "/limit.sqlite"
    let writer = Writer(path: path)
    let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
    var readers: [ObjectIdentifier: Connection] = [:]
    for loop in group.makeIterator() { readers[ObjectIdentifier(loop)] = Connection(path: path, schema: false) }
    let allReaders = readers
    let bootstrap = ServerBootstrap(group: group)
        .serverChannelOption(.backlog, value: 256)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
        .childChannelInitializer { channel in
            let reader = allReaders[ObjectIdentifier(channel.eventLoop)]!
            return channel.pipeline.configureHTTPServerPipeline().flatMap {
                channel.pipeline.addHandler(LimitHandler(reader: reader, writer: writer))
            }
        }
    let channel = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
    print("warden-limit on \(channel.localAddress!)")
    try channel.closeFuture.wait()
}

try main()

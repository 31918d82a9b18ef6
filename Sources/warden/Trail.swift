import ArgumentParser
import AuditTrail
import FoundationEssentials
import WardenSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Trail: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the audit trail: validate delivered files offline, or tail records live.",
        subcommands: [Validate.self, Tail.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check delivered log and digest files like `aws cloudtrail validate-logs` (offline); exits 1 on any problem.")

        @Option(help: "The trail folder (--trail-dir of the server).") var dir: String
        @Option(name: .customLong("public-key"), help: "A DER public key to trust instead of the keys beside the digests.")
        var publicKey: String?
        @Flag(help: "Print every file, not only the invalid ones.") var verbose = false

        func run() throws {
            var key: SigningKey?
            if let publicKey {
                guard let der = FileManager.default.contents(atPath: publicKey), let loaded = try? SigningKey.load(publicKeyDER: [UInt8](der)) else {
                    throw ValidationError("cannot read a DER public key from \(publicKey)")
                }
                key = loaded
            }
            guard FileManager.default.fileExists(atPath: dir) else { throw ValidationError("no such folder: \(dir)") }
            let report = LogValidator(root: dir, publicKey: key).validate()
            say("Validating log files in \(dir)")
            say("")
            for entry in report.entries where verbose || entry.problem != nil {
                say(entry.line)
            }
            if !report.problems.isEmpty || verbose { say("") }
            for line in report.summary { say(line) }
            if !report.isValid { throw ExitCode(1) }
        }
    }

    struct Tail: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print CloudTrail records of requests as they happen, one JSON object a line (signed as an account root).")

        @Option(help: "The server's endpoint URL.") var endpoint = "http://localhost:8000"
        @Option(help: "Follow a JSON-lines file (--audit-log) instead of asking the server.") var file: String?
        @Option(help: "Only calls by this principal (ARN substring or user name).") var principal: String?
        @Option(help: "Only calls on this table.") var table: String?
        @Option(name: .customLong("event-name"), help: "Only this operation.") var eventName: String?
        @Flag(help: "Only denied calls.") var denied = false
        @Flag(help: "Only failed calls (denied or not).") var failed = false
        @Flag(help: "Print what is there now and exit (default: keep following).") var once = false
        @Flag(name: .customLong("from-start"), help: "Start with the oldest records the server keeps (default with --once).")
        var fromStart = false

        func run() throws {
            if let file { return try follow(file) }
            guard let url = URL(string: endpoint) else { throw ValidationError("bad --endpoint") }
            let http = SignedHTTP(endpoint: url)
            var cursor: String = once || fromStart ? "0" : "now"
            while true {
                var query = ["after=\(cursor == "now" ? "0&from=now" : cursor)"]
                for (name, value) in [("principal", principal), ("table", table), ("eventName", eventName)] {
                    if let value { query.append("\(name)=\(PercentEncoding.encode(value))") }
                }
                if denied { query.append("denied=true") }
                if failed { query.append("failed=true") }
                let (status, body) = try http.send(method: "GET", path: "/_warden/audit", query: query.joined(separator: "&"), body: [])
                guard status == 200, let json = try? JSONParser.parse(body),
                      let records = json["records"]?.arrayValue, case .number(let number)? = json["next"], let next = Int(number) else {
                    OutputFile.standardError.write("warden trail tail: HTTP \(status): \(String(decoding: body, as: UTF8.self))\n")
                    throw ExitCode(1)
                }
                for record in records { say(JSONWriter.string(Self.sortingKeys(record))) }
                cursor = String(next)
                if once { return }
                Threads.sleep(seconds: 0.5)
            }
        }

        /// Follows a JSON-lines file like `tail -f`, applying the same filters.
        func follow(_ path: String) throws {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ValidationError("cannot read \(path)") }
            defer { close(fd) }
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    if once { return }
                    Threads.sleep(seconds: 0.25)
                    continue
                }
                pending += chunk[..<n]
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = Array(pending[..<newline])
                    pending.removeSubrange(...newline)
                    if admits(line) { say(String(decoding: line, as: UTF8.self)) }
                }
            }
        }

        func admits(_ line: [UInt8]) -> Bool {
            guard let record = try? JSONParser.parse(line), case .object = record else { return false }
            let identity = record["userIdentity"] ?? .object([])
            if denied && record["errorCode"]?.stringValue != "AccessDenied" { return false }
            if failed && record["errorCode"] == nil { return false }
            if let eventName, record["eventName"]?.stringValue != eventName { return false }
            if let principal {
                let arn = identity["arn"]?.stringValue ?? ""
                guard arn.contains(principal) || identity["userName"]?.stringValue == principal else { return false }
            }
            if let table {
                let resources = record["resources"]?.arrayValue ?? []
                guard resources.contains(where: { $0["ARN"]?.stringValue?.hasSuffix(":table/" + table) == true }) else { return false }
            }
            return true
        }

        /// The value with every object's members in key order (records print that way).
        static func sortingKeys(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let members):
                var last: [String: JSONValue] = [:]
                for (k, v) in members { last[k] = v }
                return .object(last.keys.sorted().map { ($0, sortingKeys(last[$0]!)) })
            case .array(let items): return .array(items.map(sortingKeys))
            default: return value
            }
        }
    }
}

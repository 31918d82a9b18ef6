import ArgumentParser
import AuditTrail
import Foundation

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
                    if let value { query.append("\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)") }
                }
                if denied { query.append("denied=true") }
                if failed { query.append("failed=true") }
                let (status, body) = try http.send(method: "GET", path: "/_warden/audit", query: query.joined(separator: "&"), body: [])
                guard status == 200, let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
                      let records = json["records"] as? [Any], let next = json["next"] as? Int else {
                    FileHandle.standardError.write(Data("warden trail tail: HTTP \(status): \(String(decoding: body, as: UTF8.self))\n".utf8))
                    throw ExitCode(1)
                }
                for record in records {
                    if let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) {
                        say(String(decoding: data, as: UTF8.self))
                    }
                }
                cursor = String(next)
                if once { return }
                Thread.sleep(forTimeInterval: 0.5)
            }
        }

        /// Follows a JSON-lines file like `tail -f`, applying the same filters.
        func follow(_ path: String) throws {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path)") }
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty {
                    if once { return }
                    Thread.sleep(forTimeInterval: 0.25)
                    continue
                }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = pending[pending.startIndex..<newline]
                    pending = Data(pending[(newline + 1)...])
                    if admits(line) { say(String(decoding: line, as: UTF8.self)) }
                }
            }
        }

        func admits(_ line: Data) -> Bool {
            guard let record = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else { return false }
            let identity = record["userIdentity"] as? [String: Any] ?? [:]
            if denied && record["errorCode"] as? String != "AccessDenied" { return false }
            if failed && record["errorCode"] == nil { return false }
            if let eventName, record["eventName"] as? String != eventName { return false }
            if let principal {
                let arn = identity["arn"] as? String ?? ""
                guard arn.contains(principal) || identity["userName"] as? String == principal else { return false }
            }
            if let table {
                let resources = record["resources"] as? [[String: Any]] ?? []
                guard resources.contains(where: { ($0["ARN"] as? String)?.hasSuffix(":table/" + table) == true }) else { return false }
            }
            return true
        }
    }
}

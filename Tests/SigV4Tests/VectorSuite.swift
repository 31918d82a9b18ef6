import Foundation
@testable import SigV4

/// The AWS SigV4 test suite in `Vectors/` (copied from aws-c-auth's tests/aws-signing-test-suite/v4,
/// Apache-2.0), found next to this file through `#filePath`.
enum VectorSuite {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Vectors", isDirectory: true)

    /// The case folder names, sorted.
    static let caseNames: [String] = {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return entries.filter { name in
            var isDirectory: ObjCBool = false
            let path = directory.appendingPathComponent(name).path
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
                && FileManager.default.fileExists(atPath: path + "/context.json")
        }.sorted()
    }()

    static func load(_ name: String) throws -> VectorCase {
        try VectorCase(name: name, directory: directory.appendingPathComponent(name, isDirectory: true))
    }
}

struct VectorContext: Decodable {
    struct Credentials: Decodable {
        var access_key_id: String
        var secret_access_key: String
        var token: String?
    }
    var credentials: Credentials
    var expiration_in_seconds: Int
    var normalize: Bool
    var region: String
    var service: String
    var sign_body: Bool
    var timestamp: String
    var omit_session_token: Bool?
}

struct VectorCase {
    let name: String
    let directory: URL
    let context: VectorContext

    init(name: String, directory: URL) throws {
        self.name = name
        self.directory = directory
        context = try JSONDecoder().decode(VectorContext.self, from: Data(contentsOf: directory.appendingPathComponent("context.json")))
    }

    func text(_ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    /// The case's time stamp, "2015-08-30T12:36:00Z", as `YYYYMMDDTHHMMSSZ`.
    var amzDate: String { context.timestamp.filter { $0 != "-" && $0 != ":" } }

    var now: Double { epoch(fromAmzDate: amzDate)! }

    var credentialScope: String {
        "\(amzDate.prefix(8))/\(context.region)/\(context.service)/aws4_request"
    }

    var secret: SigV4Secret {
        SigV4Secret(secretAccessKey: context.credentials.secret_access_key, sessionToken: context.credentials.token)
    }

    func request(_ file: String) throws -> SigV4HTTPRequest {
        try parseHTTPRequest(text(file))
    }
}

/// Parses the suite's request files: "METHOD target HTTP/1.1", header lines "Name:value" (a line
/// starting with white space continues the previous value — obsolete line folding, replaced by a
/// space as RFC 7230 §3.2.4 allows), an empty line, and the body.
func parseHTTPRequest(_ text: String) throws -> SigV4HTTPRequest {
    struct Malformed: Error { var line: String }
    var lines = text.components(separatedBy: "\n")
    guard !lines.isEmpty else { throw Malformed(line: "") }
    let requestLine = lines.removeFirst()
    guard let firstSpace = requestLine.firstIndex(of: " "),
          let versionRange = requestLine.range(of: " HTTP/", options: .backwards)
    else { throw Malformed(line: requestLine) }
    let method = String(requestLine[..<firstSpace])
    let target = String(requestLine[requestLine.index(after: firstSpace)..<versionRange.lowerBound])
    let path: String, query: String
    if let q = target.firstIndex(of: "?") {
        path = String(target[..<q])
        query = String(target[target.index(after: q)...])
    } else {
        path = target
        query = ""
    }
    var headers: [(name: String, value: String)] = []
    var bodyLines: [String] = []
    var inBody = false
    for line in lines {
        if inBody { bodyLines.append(line); continue }
        if line.isEmpty { inBody = true; continue }
        if line.first == " " || line.first == "\t" {
            guard !headers.isEmpty else { throw Malformed(line: line) }
            headers[headers.count - 1].value += " " + line
            continue
        }
        guard let colon = line.firstIndex(of: ":") else { throw Malformed(line: line) }
        headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
    }
    let body = Array(bodyLines.joined(separator: "\n").utf8)
    return SigV4HTTPRequest(method: method, rawPath: path, rawQuery: query, headers: headers, body: body)
}

/// Reads `name=value` out of an Authorization header value.
func authorizationField(_ authorization: String, _ name: String) -> String? {
    for piece in authorization.split(whereSeparator: { $0 == "," || $0 == " " }) where piece.hasPrefix(name + "=") {
        return String(piece.dropFirst(name.count + 1))
    }
    return nil
}

/// The first value of a query parameter, percent-decoded.
func queryParameter(_ rawQuery: String, _ name: String) -> String? {
    for piece in rawQuery.split(separator: "&") {
        let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        if parts[0] == name { return parts.count > 1 ? String(parts[1]).removingPercentEncoding : "" }
    }
    return nil
}

extension SigV4HTTPRequest {
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

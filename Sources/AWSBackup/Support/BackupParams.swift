import WardenSupport

/// A REST-JSON request's members: from the path (`{backupVaultName}`), the query string
/// (`?maxResults=…`) and the JSON body, read with AWS Backup's validation.
struct BackupParams {
    var path: [String: String]
    var query: [String: String]
    var body: JSONValue

    /// `^[a-zA-Z0-9\-\_]{2,50}$`, the model's BackupVaultName pattern.
    static func isVaultName(_ s: String) -> Bool {
        (2...50).contains(s.utf8.count) && s.utf8.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// `^[a-zA-Z0-9\-\_\.]{1,50}$`: rule and selection names.
    static func isRuleName(_ s: String) -> Bool {
        (1...50).contains(s.utf8.count)
            && s.utf8.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    /// A vault name from the path, checked against the model's pattern.
    func vaultName() throws(BackupError) -> String {
        let name = path["backupVaultName"] ?? ""
        guard Self.isVaultName(name) else { throw .invalidParameter("Invalid backup vault name: \(Self.clip(name))") }
        return name
    }

    /// A value as an error message may quote it: at most 100 characters.
    static func clip(_ s: String) -> String { s.count > 100 ? String(s.prefix(100)) + "..." : s }

    func string(_ name: String) throws(BackupError) -> String? {
        guard let v = body[name], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw .invalidParameter("Invalid value for \(name): expected a string") }
        return s
    }

    func required(_ name: String) throws(BackupError) -> String {
        guard let s = try string(name), !s.isEmpty else { throw .missingParameter("\(name) is required") }
        return s
    }

    func object(_ name: String) throws(BackupError) -> JSONValue? {
        guard let v = body[name], !v.isNull else { return nil }
        guard case .object = v else { throw .invalidParameter("Invalid value for \(name): expected an object") }
        return v
    }

    /// A `Tags` map (string to string).
    func tags(_ name: String) throws(BackupError) -> [String: String] {
        guard let v = try object(name) else { return [:] }
        var out: [String: String] = [:]
        for (k, value) in v.objectValue ?? [] {
            guard let s = value.stringValue else { throw .invalidParameter("Invalid value for \(name): tag values must be strings") }
            out[k] = s
        }
        return out
    }

    /// `maxResults` (1–1000) and `nextToken` (an offset this server issued) of a List call.
    func page() throws(BackupError) -> (limit: Int, start: Int) {
        var limit = 1000
        if let text = query["maxResults"] {
            guard let n = Int(text), (1...1000).contains(n) else {
                throw .invalidParameter("Invalid value for MaxResults: \(Self.clip(text)). It must be between 1 and 1000.")
            }
            limit = n
        }
        guard let token = query["nextToken"] else { return (limit, 0) }
        guard let start = Int(token), start >= 0 else { throw .invalidParameter("Invalid NextToken: \(Self.clip(token))") }
        return (limit, start)
    }

    /// requestParameters as CloudTrail shows them: path, query and body members, first
    /// letters lowered.
    var audit: JSONValue {
        var members: [(String, JSONValue)] = path.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }
        members += query.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }
        if case .object(let b) = Self.lowered(body) { members += b }
        return .object(members)
    }

    static func lowered(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.map { name, member in
                // Tag maps keep their keys: they are the caller's data.
                let keep = name.hasSuffix("Tags") && name != "ListOfTags"
                return (lowerFirst(name), keep ? member : lowered(member))
            })
        case .array(let items): return .array(items.map(lowered))
        default: return value
        }
    }

    static func lowerFirst(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.lowercased() + s.dropFirst()
    }

    /// `a=1&b=x%20y` → ["a": "1", "b": "x y"].
    static func decodeQuery(_ query: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = BackupRoutes.percentDecode(plusToSpace(kv[0]))
            let value = kv.count > 1 ? BackupRoutes.percentDecode(plusToSpace(kv[1])) : ""
            out[key] = value
        }
        return out
    }

    static func plusToSpace(_ s: Substring) -> String { String(s.map { $0 == "+" ? " " : $0 }) }
}

/// A page of a list and the token of the next one.
func paginate<T>(_ all: [T], limit: Int, start: Int) -> (page: [T], next: String?) {
    let from = min(start, all.count)
    let to = min(from + limit, all.count)
    return (Array(all[from..<to]), to < all.count ? String(to) : nil)
}

/// Random identifiers as AWS Backup forms them.
enum BackupIds {
    /// A lower-case UUID (plan, rule and selection ids).
    static func uuid() -> String {
        var g = SystemRandomNumberGenerator()
        let hex = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }.map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }

    /// A plan version id: 48 URL-safe base64 characters.
    static func versionId() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<48).map { _ in alphabet.randomElement()! })
    }
}

import WardenSupport

/// The parts of an IAM policy document the checks read. Unreadable documents have no
/// statements (the server refuses to store them anyway).
struct PolicyDocument {
    struct Statement {
        var allows: Bool
        var principalIsWildcard: Bool
        var actions: [String]
        var notActions: [String]
        var resources: [String]
        var conditionKeys: [String]
        var hasCondition: Bool { !conditionKeys.isEmpty }

        /// Whether the statement's actions cover `action` (case-insensitive, `*` and `?` wildcards).
        func covers(_ action: String) -> Bool {
            if !notActions.isEmpty { return !notActions.contains { Glob.matches($0, action) } }
            return actions.contains { Glob.matches($0, action) }
        }
    }

    var statements: [Statement] = []

    init(_ text: String) {
        guard let json = try? JSONParser.parse(text) else { return }
        let raw: [JSONValue]
        if let list = json["Statement"]?.arrayValue { raw = list } else if let one = json["Statement"], one.objectValue != nil { raw = [one] } else { raw = [] }
        statements = raw.map { s in
            Statement(allows: s["Effect"]?.stringValue == "Allow",
                      principalIsWildcard: Self.isWildcard(s["Principal"]),
                      actions: Self.strings(s["Action"]), notActions: Self.strings(s["NotAction"]),
                      resources: Self.strings(s["Resource"]),
                      conditionKeys: (s["Condition"]?.objectValue ?? []).flatMap { _, keys in (keys.objectValue ?? []).map { $0.0 } })
        }
    }

    static func strings(_ value: JSONValue?) -> [String] {
        if let s = value?.stringValue { return [s] }
        return value?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// `"*"`, `{"AWS": "*"}` or a list holding `"*"`.
    static func isWildcard(_ principal: JSONValue?) -> Bool {
        guard let principal else { return false }
        if principal.stringValue == "*" { return true }
        return strings(principal["AWS"]).contains("*")
    }
}

/// IAM's wildcard match: `*` any run, `?` one character, case-insensitive (actions are).
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.lowercased().utf8), t = Array(text.lowercased().utf8)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == UInt8(ascii: "?") || p[pi] == t[ti]) { pi += 1; ti += 1 }
            else if pi < p.count && p[pi] == UInt8(ascii: "*") { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    /// Whether two resource patterns can name a common resource (one matches the other).
    static func overlap(_ a: String, _ b: String) -> Bool { matches(a, b) || matches(b, a) }
}

// Policy variables: `${key}`, `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}`.
//
// IAM policy elements: Variables and tags
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
// - variables exist only in Version 2012-10-17 policies; without that Version
//   "variables like ${aws:username} are treated as literal strings in the policy";
// - they may appear in the Resource element and in the values of string, ARN and Bool
//   conditions, not in Numeric, Date, Binary, IP address or Null conditions;
// - "${*}", "${?}", "${$}" stand for a literal *, ? and $;
// - a default is written `${aws:userid, 'anonymous'}`;
// - a key with no value (absent, or multivalued: "you can't use multivalued context
//   keys as policy variables") resolves to nothing, and the Resource entry or condition
//   value holding it does not match.

/// A piece of policy text that may hold variables.
struct PolicyTemplate: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        /// Policy text; `*` and `?` in it are wildcards where the operator allows them.
        case text(String)
        /// A character that must match literally (from `${*}`, `${?}` or `${$}`).
        case escaped(String)
        /// `${key}` or `${key, 'default'}`. `lookupKey` is lower-cased for the lookup;
        /// `name` is the key as written.
        case variable(name: String, lookupKey: String, defaultValue: String?)
    }

    var pieces: [Piece]
    /// The text as written in the policy.
    var source: String

    var hasVariables: Bool {
        pieces.contains { if case .variable = $0 { return true } else { return false } }
    }

    /// True when the text needs no resolution at all (plain text only).
    var isPlainText: Bool {
        pieces.allSatisfy { if case .text = $0 { return true } else { return false } }
    }

    /// The keys of the variables in this text, as written.
    var variableNames: [String] {
        pieces.compactMap { if case .variable(let name, _, _) = $0 { return name } else { return nil } }
    }

    /// Parses `text`. When `variablesEnabled` is false (Version absent or 2008-10-17) the
    /// whole text is plain policy text.
    init(_ text: String, variablesEnabled: Bool) {
        self.source = text
        guard variablesEnabled, text.contains("${") else {
            self.pieces = [.text(text)]
            return
        }
        var pieces: [Piece] = []
        var pending = ""
        var rest = text[...]
        while let dollar = rest.firstRange(of: "${") {
            guard let close = rest[dollar.upperBound...].firstIndex(of: "}") else { break }
            pending += rest[..<dollar.lowerBound]
            let body = rest[dollar.upperBound..<close]
            if let piece = Self.parseBody(body) {
                if !pending.isEmpty {
                    pieces.append(.text(pending))
                    pending = ""
                }
                pieces.append(piece)
            } else {
                pending += rest[dollar.lowerBound...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        pending += rest
        if !pending.isEmpty || pieces.isEmpty { pieces.append(.text(pending)) }
        self.pieces = pieces
    }

    private static func parseBody(_ body: Substring) -> Piece? {
        switch body {
        case "*": return .escaped("*")
        case "?": return .escaped("?")
        case "$": return .escaped("$")
        default: break
        }
        var name = body
        var defaultValue: String?
        if let comma = body.firstIndex(of: ",") {
            name = body[..<comma]
            let tail = body[body.index(after: comma)...].drop { $0 == " " }
            let trimmed = tail.reversed().drop { $0 == " " }.reversed()
            let quoted = String(trimmed)
            guard quoted.count >= 2, quoted.first == "'", quoted.last == "'" else { return nil }
            defaultValue = String(quoted.dropFirst().dropLast())
        }
        let key = String(name).trimmingSpaces
        guard !key.isEmpty, !key.contains("${") else { return nil }
        return .variable(name: key, lookupKey: key.lowercased(), defaultValue: defaultValue)
    }

    /// The value a variable takes, or nil if it cannot be resolved. A multivalued key
    /// does not resolve.
    static func value(of key: String, in lookup: ContextLookup) -> String? {
        guard let value = lookup.value(forLowercasedKey: key) else { return nil }
        switch value {
        case .single(let text): return text
        case .multiple: return nil
        }
    }

    /// Resolves every piece into literal text (for equality operators). Returns nil and
    /// reports the key when a variable has no value and no default.
    func resolvedText(_ lookup: ContextLookup, unresolved: inout [String]) -> String? {
        if pieces.count == 1, case .text(let text) = pieces[0] { return text }
        var out = ""
        var ok = true
        for piece in pieces {
            switch piece {
            case .text(let text), .escaped(let text):
                out += text
            case .variable(let name, let key, let defaultValue):
                if let value = Self.value(of: key, in: lookup) ?? defaultValue {
                    out += value
                } else {
                    unresolved.append(name)
                    ok = false
                }
            }
        }
        return ok ? out : nil
    }

    /// Builds a wildcard pattern: text pieces keep their wildcards, variable values and
    /// escapes match literally. Returns nil (reporting the key) when a variable cannot
    /// be resolved.
    func resolvedPattern(_ lookup: ContextLookup, unresolved: inout [String]) -> WildcardPattern? {
        var units: [UInt16] = []
        var ok = true
        for piece in pieces {
            switch piece {
            case .text(let text):
                WildcardPattern.appendGlob(text, to: &units)
            case .escaped(let text):
                WildcardPattern.appendLiteral(text, to: &units)
            case .variable(let name, let key, let defaultValue):
                if let value = Self.value(of: key, in: lookup) ?? defaultValue {
                    WildcardPattern.appendLiteral(value, to: &units)
                } else {
                    unresolved.append(name)
                    ok = false
                }
            }
        }
        return ok ? WildcardPattern(units: units) : nil
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let head = self.drop { $0 == " " }
        var end = head.endIndex
        while end > head.startIndex, head[head.index(before: end)] == " " { end = head.index(before: end) }
        return String(head[head.startIndex..<end])
    }
}

import WardenSupport

/// An Application Auto Scaling request's JSON members, read with Coral's validation
/// sentences (member names lower-camel-cased: `ServiceNamespace` → `serviceNamespace`).
/// Violations of length and enum constraints are collected and reported together, as Coral
/// does ("2 validation errors detected: …; …").
struct ScalingParams {
    let json: JSONValue
    var violations: [String] = []

    init(_ json: JSONValue) { self.json = json }

    static func member(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.lowercased() + name.dropFirst()
    }

    func string(_ name: String) throws(ScalingError) -> String? {
        guard let v = json[name], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw .serialization() }
        return s
    }

    /// A string member with the model's length bounds (1–1600 for resource ids).
    mutating func text(_ name: String, required: Bool, max: Int = 1600) throws(ScalingError) -> String? {
        let s = try string(name)
        guard let s else {
            if required { violations.append(ScalingError.violation(value: nil, member: Self.member(name), "Member must not be null")) }
            return nil
        }
        if s.isEmpty {
            violations.append(ScalingError.violation(value: s, member: Self.member(name), "Member must have length greater than or equal to 1"))
        } else if s.count > max {
            violations.append(ScalingError.violation(value: s, member: Self.member(name), "Member must have length less than or equal to \(max)"))
        }
        return s
    }

    mutating func enumValue(_ name: String, _ allowed: [String], required: Bool) throws(ScalingError) -> String? {
        let s = try string(name)
        guard let s else {
            if required { violations.append(ScalingError.violation(value: nil, member: Self.member(name), "Member must not be null")) }
            return nil
        }
        if !allowed.contains(s) {
            violations.append(ScalingError.violation(value: s, member: Self.member(name),
                                                     "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]"))
        }
        return s
    }

    func int(_ name: String) throws(ScalingError) -> Int? {
        guard let v = json[name], !v.isNull else { return nil }
        guard case .number(let t) = v, let n = Int(t) else { throw .serialization() }
        return n
    }

    func bool(_ name: String) throws(ScalingError) -> Bool? {
        guard let v = json[name], !v.isNull else { return nil }
        guard let b = v.boolValue else { throw .serialization() }
        return b
    }

    func stringList(_ name: String) throws(ScalingError) -> [String]? {
        guard let v = json[name], !v.isNull else { return nil }
        guard let items = v.arrayValue else { throw .serialization() }
        var out: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw .serialization() }
            out.append(s)
        }
        return out
    }

    /// Throws the collected violations, if any.
    func check() throws(ScalingError) {
        if !violations.isEmpty { throw .constraints(violations) }
    }

    /// `MaxResults` (default 50, at most 50) and `NextToken` (an offset this server issued).
    func page() throws(ScalingError) -> (limit: Int, start: Int) {
        let limit = try int("MaxResults") ?? 50
        if limit < 1 || limit > 50 {
            throw .validation("MaxResults must be between 1 and 50")
        }
        guard let token = try string("NextToken") else { return (limit, 0) }
        guard let start = Int(token), start >= 0 else { throw .invalidNextToken() }
        return (limit, start)
    }

    /// requestParameters as CloudTrail shows them: member names' first letters lowered.
    static func audit(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): return .object(members.map { (member($0.0), $0.0 == "Tags" ? $0.1 : audit($0.1)) })
        case .array(let items): return .array(items.map(audit))
        default: return value
        }
    }
}

func paginate<T>(_ all: [T], limit: Int, start: Int) -> (page: [T], next: String?) {
    let from = min(start, all.count)
    let to = min(from + limit, all.count)
    return (Array(all[from..<to]), to < all.count ? String(to) : nil)
}

enum ScalingIds {
    static func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits.randomElement()! })
    }

    static func uuid() -> String { "\(hex(8))-\(hex(4))-4\(hex(3))-\(hex(4))-\(hex(12))" }
}

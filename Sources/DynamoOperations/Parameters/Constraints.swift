import DynamoModel

/// Declarative request constraints in AWS's framework wording: each failure reads
/// "Value 'x' at 'path' failed to satisfy constraint: Member must …"; up to ten are joined as
/// "N validation error(s) detected: a; b" (dynalite `validations/index.js` records the form).
public struct Constraints {
    public private(set) var failures: [String] = []

    public init() {}

    static func render(_ value: String?) -> String {
        value.map { "'\($0)'" } ?? "null"
    }

    public mutating func fail(_ value: String?, at path: String, _ constraint: String) {
        guard failures.count < 10 else { return }
        failures.append("Value \(Constraints.render(value)) at '\(path)' failed to satisfy constraint: \(constraint)")
    }

    public mutating func notNull(_ value: Any?, at path: String) {
        if value == nil { fail(nil, at: path, "Member must not be null") }
    }

    public mutating func tableName(_ name: String?, at path: String = "tableName", minLength: Int = 3, allowArn: Bool = false) {
        guard let name else {
            fail(nil, at: path, "Member must not be null")
            return
        }
        if allowArn && name.hasPrefix("arn:") {
            if name.count > 1024 { fail(name, at: path, "Member must have length less than or equal to 1024") }
            return
        }
        if !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }) || name.isEmpty {
            fail(name, at: path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        }
        if name.count < minLength { fail(name, at: path, "Member must have length greater than or equal to \(minLength)") }
        if name.count > (allowArn ? 1024 : 255) {
            fail(name, at: path, "Member must have length less than or equal to \(allowArn ? 1024 : 255)")
        }
    }

    public mutating func oneOf(_ value: String?, at path: String, _ allowed: [String]) {
        guard let value else { return }
        if !allowed.contains(value) {
            fail(value, at: path, "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
        }
    }

    public mutating func atLeast(_ value: Int64?, at path: String, _ minimum: Int64) {
        guard let value else { return }
        if value < minimum { fail(String(value), at: path, "Member must have value greater than or equal to \(minimum)") }
    }

    public mutating func atMost(_ value: Int64?, at path: String, _ maximum: Int64) {
        guard let value else { return }
        if value > maximum { fail(String(value), at: path, "Member must have value less than or equal to \(maximum)") }
    }

    public mutating func length(_ value: String?, at path: String, min: Int? = nil, max: Int? = nil) {
        guard let value else { return }
        if let min, value.count < min { fail(value, at: path, "Member must have length greater than or equal to \(min)") }
        if let max, value.count > max { fail(value, at: path, "Member must have length less than or equal to \(max)") }
    }

    public mutating func count(_ count: Int?, rendered: String?, at path: String, min: Int? = nil, max: Int? = nil) {
        guard let count else { return }
        if let min, count < min { fail(rendered, at: path, "Member must have length greater than or equal to \(min)") }
        if let max, count > max { fail(rendered, at: path, "Member must have length less than or equal to \(max)") }
    }

    /// A collection's length outside its bounds, worded as the framework's newer validator
    /// words it: the member named, its value not echoed ("Value at 'TransactItems' failed to
    /// satisfy constraint: …"), which is how DynamoDB answers for a request list it would
    /// otherwise dump whole.
    public mutating func memberLength(_ count: Int?, at member: String, min: Int, max: Int? = nil) {
        guard let count, failures.count < 10 else { return }
        if count < min {
            failures.append("Value at '\(member)' failed to satisfy constraint: Member must have length greater than or equal to \(min)")
        } else if let max, count > max {
            failures.append("Value at '\(member)' failed to satisfy constraint: Member must have length less than or equal to \(max)")
        }
    }

    /// Every member of a list of names within the given length bounds (the framework's
    /// list-member constraint: "Member must satisfy constraint: [...]").
    public mutating func memberLengths(_ names: [String]?, at path: String, min: Int, max: Int) {
        guard let names, names.contains(where: { $0.count < min || $0.count > max }) else { return }
        fail("[" + names.joined(separator: ", ") + "]", at: path,
             "Member must satisfy constraint: [Member must have length less than or equal to \(max), Member must have length greater than or equal to \(min)]")
    }

    /// Throws the collected failures, if any, as one ValidationException.
    public func check() throws(DynamoError) {
        guard !failures.isEmpty else { return }
        let n = failures.count
        throw .validation("\(n) validation error\(n == 1 ? "" : "s") detected: " + failures.joined(separator: "; "))
    }
}

import Identity
import WardenSupport

/// The parameters of an AWS Query protocol request: the form-encoded body
/// (`Action=CreateUser&Version=2010-05-08&UserName=bob`) and the URL's query string, with
/// lists flattened as `Tags.member.1.Key` / `TagKeys.member.1`.
///
/// Decoding is one linear pass over the bytes (no `Character` segmentation), and a request
/// may carry at most `maxParameters` pairs, so no body — 16 MB of `a=&a=&…` included — costs
/// more than a few milliseconds or holds more than a bounded dictionary.
package struct QueryParameters: Sendable {
    package private(set) var values: [String: String] = [:]

    /// Pairs a request may carry. IAM's largest legitimate requests (a simulation with many
    /// actions, resources and context entries) stay far below it.
    package static let maxParameters = 10_000

    /// The parameters, or IAM's refusal of a request with more than `maxParameters`.
    package static func decode(body: [UInt8], query: String) throws(IdentityError) -> QueryParameters {
        var params = QueryParameters([:])
        guard params.add(body: body, query: query, limit: maxParameters) else {
            throw IdentityError(code: "ValidationError",
                                message: "1 validation error detected: the request has more than \(maxParameters) parameters", httpStatus: 400)
        }
        return params
    }

    /// Every parameter, however many (tests and trusted input).
    package init(body: [UInt8], query: String) {
        _ = add(body: body, query: query, limit: .max)
    }

    package init(_ values: [String: String]) { self.values = values }

    package subscript(name: String) -> String? { values[name] }

    /// Adds the query string's pairs, then the body's (the first value of a name wins);
    /// false when there are more than `limit`.
    private mutating func add(body: [UInt8], query: String, limit: Int) -> Bool {
        var count = 0
        var values = self.values
        let visit: (String, String) -> Void = { name, value in
            if values[name] == nil { values[name] = value }
        }
        var query = query
        let ok = query.withUTF8 { Self.forEachPair($0, count: &count, limit: limit, visit) }
            && body.withUnsafeBufferPointer { Self.forEachPair($0, count: &count, limit: limit, visit) }
        self.values = values
        return ok
    }

    /// Calls `visit` with each decoded `name=value` of a form, in order, skipping empty
    /// pairs; false (and stops) once `count` passes `limit`.
    package static func forEachPair(_ bytes: UnsafeBufferPointer<UInt8>, count: inout Int, limit: Int,
                            _ visit: (String, String) -> Void) -> Bool {
        var start = 0
        while start < bytes.count {
            var end = start
            var equals = -1
            while end < bytes.count, bytes[end] != UInt8(ascii: "&") {
                if equals < 0, bytes[end] == UInt8(ascii: "=") { equals = end }
                end += 1
            }
            if end > start {
                count += 1
                if count > limit { return false }
                let nameEnd = equals < 0 ? end : equals
                visit(decode(UnsafeBufferPointer(rebasing: bytes[start..<nameEnd])),
                      equals < 0 ? "" : decode(UnsafeBufferPointer(rebasing: bytes[(equals + 1)..<end])))
            }
            start = end + 1
        }
        return true
    }

    /// The first value of each of `names` in a form, found without decoding anything else
    /// (routing and refusal before authentication): names longer than three times the
    /// longest wanted one are skipped unread.
    package static func firstValues(_ names: [String], body: [UInt8], query: String) -> [String: String] {
        var found: [String: String] = [:]
        let longest = 3 * (names.map(\.utf8.count).max() ?? 0)
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
            var start = 0
            while start < bytes.count, found.count < names.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "&") { end += 1 }
                var equals = start
                while equals < end, equals - start <= longest, bytes[equals] != UInt8(ascii: "=") { equals += 1 }
                if equals - start <= longest {
                    let name = decode(UnsafeBufferPointer(rebasing: bytes[start..<equals]))
                    if names.contains(name), found[name] == nil {
                        found[name] = equals < end ? decode(UnsafeBufferPointer(rebasing: bytes[(equals + 1)..<end])) : ""
                    }
                }
                start = end + 1
            }
        }
        var query = query
        query.withUTF8 { scan($0) }
        body.withUnsafeBufferPointer { scan($0) }
        return found
    }

    /// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte.
    package static func decode(_ text: Substring) -> String {
        var text = text
        return text.withUTF8 { decode($0) }
    }

    package static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), i + 2 < bytes.count,
                      let high = Hex.value(bytes[i + 1]), let low = Hex.value(bytes[i + 2]) {
                out.append(high << 4 | low)
                i += 2
            } else {
                out.append(byte)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `Name.member.1`, `Name.member.2`… in order (nil when none is given; an empty list
    /// given as `Name=` is []).
    package func list(_ name: String) -> [String]? {
        var out: [String] = []
        var index = 1
        while let value = values["\(name).member.\(index)"] {
            out.append(value)
            index += 1
        }
        if out.isEmpty { return values[name] != nil ? [] : nil }
        return out
    }

    /// `Tags.member.N.Key` / `.Value`.
    package func tags(_ name: String = "Tags") -> [Tag]? {
        var out: [Tag] = []
        var index = 1
        while values["\(name).member.\(index).Key"] != nil || values["\(name).member.\(index).Value"] != nil {
            out.append(Tag(key: values["\(name).member.\(index).Key"] ?? "", value: values["\(name).member.\(index).Value"] ?? ""))
            index += 1
        }
        if out.isEmpty { return values[name] != nil ? [] : nil }
        return out
    }

    /// `PolicyArns.member.N.arn`.
    package func policyArns(_ name: String = "PolicyArns") -> [String]? {
        var out: [String] = []
        var index = 1
        while let arn = values["\(name).member.\(index).arn"] {
            out.append(arn)
            index += 1
        }
        if out.isEmpty { return values[name] != nil ? [] : nil }
        return out
    }

    /// An integer member; a value that is not a number fails like IAM's deserializer.
    package func int(_ name: String, member: String) throws(IdentityError) -> Int? {
        guard let text = values[name] else { return nil }
        let blank: (Character) -> Bool = { $0.isWhitespace && !$0.isNewline }
        guard let value = Int(String(text.drop(while: blank).reversed().drop(while: blank).reversed())) else {
            throw .validation("1 validation error detected: Value '\(text)' at '\(member)' failed to satisfy constraint: Member must be a number")
        }
        return value
    }

    package func bool(_ name: String) -> Bool? {
        guard let text = values[name] else { return nil }
        return text.lowercased() == "true"
    }
}

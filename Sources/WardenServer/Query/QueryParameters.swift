import Identity

/// The parameters of an AWS Query protocol request: the form-encoded body
/// (`Action=CreateUser&Version=2010-05-08&UserName=bob`) and the URL's query string, with
/// lists flattened as `Tags.member.1.Key` / `TagKeys.member.1`.
struct QueryParameters: Sendable {
    private(set) var values: [String: String] = [:]

    init(body: [UInt8], query: String) {
        for source in [query, String(decoding: body, as: UTF8.self)] where !source.isEmpty {
            for pair in source.split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.decode(parts[0])
                let value = parts.count > 1 ? Self.decode(parts[1]) : ""
                if values[name] == nil { values[name] = value }
            }
        }
    }

    init(_ values: [String: String]) { self.values = values }

    subscript(name: String) -> String? { values[name] }

    /// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                      let high = hexValue(iterator[iterator.startIndex]), let low = hexValue(iterator[iterator.startIndex + 1]) {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// `Name.member.1`, `Name.member.2`… in order (nil when none is given; an empty list
    /// given as `Name=` is []).
    func list(_ name: String) -> [String]? {
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
    func tags(_ name: String = "Tags") -> [Tag]? {
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
    func policyArns(_ name: String = "PolicyArns") -> [String]? {
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
    func int(_ name: String, member: String) throws(IdentityError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw .validation("1 validation error detected: Value '\(text)' at '\(member)' failed to satisfy constraint: Member must be a number")
        }
        return value
    }

    func bool(_ name: String) -> Bool? {
        guard let text = values[name] else { return nil }
        return text.lowercased() == "true"
    }
}

import Foundation

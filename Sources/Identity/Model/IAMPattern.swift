/// Character classes of IAM's and STS's member patterns (Java regular expressions, where `\w` is
/// ASCII letters, digits and underscore), shared by the API's validation and the config loader.
public enum IAMPattern: String, Sendable {
    /// User, group, role, policy and session names.
    case name = "[\\w+=,.@-]+"
    case sessionName = "[\\w+=,.@-]*"
    case path = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"
    case policyPath = "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/"
    case pathPrefix = "\\u002F[\\u0021-\\u007F]*"
    case policyDocument = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"
    case tagKey = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"
    case tagValue = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*"
    case accessKeyId = "[\\w]+"
    case externalId = "[\\w+=,.@:\\/-]*"
    case policyVersionId = "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?"
    case roleDescription = "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*"

    public func matches(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        func isWord(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
        }
        switch self {
        case .name, .sessionName:
            if self == .name && scalars.isEmpty { return false }
            return scalars.allSatisfy { isWord($0) || "+=,.@-".unicodeScalars.contains($0) }
        case .path:
            if value == "/" { return true }
            return scalars.count >= 3 && scalars.first == "/" && scalars.last == "/"
                && scalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E }
        case .policyPath:
            guard scalars.last == "/", scalars.first == "/" else { return false }
            let segments = value.dropFirst().dropLast().split(separator: "/", omittingEmptySubsequences: false)
            if value == "/" { return true }
            return segments.allSatisfy { seg in
                !seg.isEmpty && seg.unicodeScalars.allSatisfy { isWord($0) || ".,+@=-".unicodeScalars.contains($0) }
            }
        case .pathPrefix:
            return scalars.first == "/" && scalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7F }
        case .policyDocument:
            return !scalars.isEmpty && scalars.allSatisfy { $0.value == 9 || $0.value == 10 || $0.value == 13 || ($0.value >= 0x20 && $0.value <= 0xFF) }
        case .tagKey, .tagValue:
            if self == .tagKey && scalars.isEmpty { return false }
            return scalars.allSatisfy { c in
                let p = c.properties
                return p.isAlphabetic || p.generalCategory == .spaceSeparator || p.generalCategory == .lineSeparator
                    || p.generalCategory == .paragraphSeparator || p.numericType != nil || "_.:/=+-@".unicodeScalars.contains(c)
            }
        case .accessKeyId:
            return !scalars.isEmpty && scalars.allSatisfy(isWord)
        case .externalId:
            return scalars.allSatisfy { isWord($0) || "+=,.@:/-".unicodeScalars.contains($0) }
        case .policyVersionId:
            guard scalars.first == "v", scalars.count >= 2, let first = scalars.dropFirst().first, first >= "1" && first <= "9" else { return false }
            var rest = value.dropFirst(2)
            while let c = rest.first, c.isASCII, c.isNumber { rest = rest.dropFirst() }
            if rest.isEmpty { return true }
            guard rest.first == "." else { return false }
            return rest.dropFirst().unicodeScalars.allSatisfy { isWord($0) && $0 != "_" || $0 == "-" }
        case .roleDescription:
            return scalars.allSatisfy { $0.value == 9 || $0.value == 10 || $0.value == 13 || ($0.value >= 0x20 && $0.value <= 0x7E) || ($0.value >= 0xA1 && $0.value <= 0xFF) }
        }
    }
}

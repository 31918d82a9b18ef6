// Wildcard matching for actions, resources, StringLike and ArnLike.
//
// A pattern is compiled once into 16-bit units: 0...255 are literal UTF-8 bytes, the
// values above are wildcards. Matching runs over the candidate's UTF-8 bytes without
// allocating; `?` consumes one whole character (one UTF-8 sequence).
//
// IAM JSON policy elements: Resource (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html):
// "You can use wildcard characters (* and ?) within the individual segments of an ARN
// (the parts separated by colons) ... If the * wildcard is the last character of a
// resource ARN segment, it can expand to match beyond the colon boundaries."
// Condition operators, ARN (reference_policies_elements_condition_operators.html#Conditions_ARN):
// "Each of the six colon-delimited components of the ARN is checked separately".

struct WildcardPattern: Sendable, Hashable {
    static let star: UInt16 = 0x100          // any run of characters
    static let question: UInt16 = 0x101      // any one character
    static let segmentStar: UInt16 = 0x102   // any run of characters without ':'
    static let segmentQuestion: UInt16 = 0x103  // any one character other than ':'

    private(set) var units: [UInt16]
    private(set) var hasWildcards: Bool
    private(set) var hasSegmentWildcards: Bool

    init(units: [UInt16]) {
        self.units = units
        self.hasWildcards = units.contains { $0 > 0xFF }
        self.hasSegmentWildcards = units.contains { $0 == Self.segmentStar || $0 == Self.segmentQuestion }
    }

    /// `*` and `?` are wildcards anywhere (StringLike, Action).
    init(glob text: String) {
        var units: [UInt16] = []
        units.reserveCapacity(text.utf8.count)
        Self.appendGlob(text, to: &units)
        self.init(units: units)
    }

    /// Every character is literal (StringEquals and friends, or text that came from a
    /// policy variable or an escape such as `${*}`).
    init(literal text: String) {
        self.init(units: text.utf8.map { UInt16($0) })
    }

    static func appendGlob(_ text: String, to units: inout [UInt16]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "*"): units.append(star)
            case UInt8(ascii: "?"): units.append(question)
            default: units.append(UInt16(byte))
            }
        }
    }

    static func appendLiteral(_ text: String, to units: inout [UInt16]) {
        for byte in text.utf8 { units.append(UInt16(byte)) }
    }

    /// Rewrites the wildcards of a Resource-element pattern by ARN segment: in the first
    /// five colon-separated segments a `*` stays inside its segment unless it is the
    /// segment's last character; `?` never matches a colon there. From the sixth segment
    /// on (the resource id, which may itself hold colons) wildcards are unrestricted.
    func resourceARNForm() -> WildcardPattern {
        var out = units
        var colons = 0
        for i in out.indices {
            let unit = out[i]
            if unit == UInt16(UInt8(ascii: ":")) {
                colons += 1
                continue
            }
            guard colons < 5 else { break }
            if unit == Self.star {
                var j = i + 1
                while j < out.count && out[j] == Self.star { j += 1 }
                let next = j < out.count ? out[j] : UInt16(UInt8(ascii: ":"))
                if next != UInt16(UInt8(ascii: ":")) {
                    out[i] = Self.segmentStar
                }
            } else if unit == Self.question {
                out[i] = Self.segmentQuestion
            }
        }
        return WildcardPattern(units: out)
    }

    /// True if the pattern is exactly `*`.
    var isMatchAll: Bool { units.count == 1 && units[0] == Self.star }

    func matches(_ candidate: String) -> Bool {
        if isMatchAll { return true }
        var text = candidate
        return text.withUTF8 { matches(bytes: $0) }
    }

    func matches(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if !hasWildcards {
            guard bytes.count == units.count else { return false }
            for i in 0..<units.count where UInt16(bytes[i]) != units[i] { return false }
            return true
        }
        return units.withUnsafeBufferPointer { pattern in
            if hasSegmentWildcards {
                return Self.backtrackingMatch(pattern, 0, bytes, 0)
            }
            return Self.linearMatch(pattern, bytes)
        }
    }

    /// Length of the UTF-8 sequence that starts with `lead`.
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead >= 0xF0 { return 4 }
        if lead >= 0xE0 { return 3 }
        if lead >= 0xC0 { return 2 }
        return 1
    }

    /// The classic single-backtrack glob match; correct when every star is unrestricted.
    static func linearMatch(_ pattern: UnsafeBufferPointer<UInt16>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = 0
        var s = 0
        var starP = -1
        var starS = 0
        let m = pattern.count
        let n = text.count
        while s < n {
            if p < m && pattern[p] == star {
                starP = p
                starS = s
                p += 1
            } else if p < m && pattern[p] == question {
                s += sequenceLength(text[s])
                p += 1
            } else if p < m && pattern[p] == UInt16(text[s]) {
                p += 1
                s += 1
            } else if starP >= 0 {
                p = starP + 1
                starS += sequenceLength(text[starS])
                s = starS
            } else {
                return false
            }
        }
        while p < m && pattern[p] == star { p += 1 }
        return p == m && s == n
    }

    /// Backtracking match for patterns that mix segment-bound and free wildcards.
    /// Patterns are short (a handful of stars), so the search stays small.
    static func backtrackingMatch(
        _ pattern: UnsafeBufferPointer<UInt16>, _ startP: Int,
        _ text: UnsafeBufferPointer<UInt8>, _ startS: Int
    ) -> Bool {
        var p = startP
        var s = startS
        let m = pattern.count
        let n = text.count
        while p < m {
            let unit = pattern[p]
            switch unit {
            case star:
                if p == m - 1 { return true }
                var k = s
                while true {
                    if backtrackingMatch(pattern, p + 1, text, k) { return true }
                    if k >= n { return false }
                    k += sequenceLength(text[k])
                }
            case segmentStar:
                var k = s
                while true {
                    if backtrackingMatch(pattern, p + 1, text, k) { return true }
                    if k >= n || text[k] == UInt8(ascii: ":") { return false }
                    k += sequenceLength(text[k])
                }
            case question:
                guard s < n else { return false }
                s += sequenceLength(text[s])
            case segmentQuestion:
                guard s < n, text[s] != UInt8(ascii: ":") else { return false }
                s += sequenceLength(text[s])
            default:
                guard s < n, UInt16(text[s]) == unit else { return false }
                s += 1
            }
            p += 1
        }
        return s == n
    }
}

/// ArnLike / ArnEquals: each of the six colon-delimited components is compared on its
/// own, so a wildcard never spans a colon in the first five; the sixth (resource)
/// component takes the rest of the ARN, colons included.
enum ARNSegments {
    /// Splits at the first five colons. Returns nil if there are fewer than five.
    static func split(_ text: String) -> [Substring]? {
        let utf8 = text.utf8
        var parts: [Substring] = []
        parts.reserveCapacity(6)
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex && parts.count < 5 {
            if utf8[index] == UInt8(ascii: ":") {
                parts.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        guard parts.count == 5 else { return nil }
        parts.append(text[start...])
        return parts
    }

    /// The fifth component (the account) of an ARN, without building the other parts.
    static func account(of text: String) -> Substring? {
        let utf8 = text.utf8
        var colons = 0
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: ":") {
                colons += 1
                if colons == 4 { start = utf8.index(after: index) }
                if colons == 5 { return text[start..<index] }
            }
            index = utf8.index(after: index)
        }
        return nil
    }

    static func matches(pattern: [WildcardPattern], value: String) -> Bool {
        guard let parts = split(value), parts.count == pattern.count else { return false }
        for (segmentPattern, part) in zip(pattern, parts) {
            var text = part
            if !text.withUTF8({ segmentPattern.matches(bytes: $0) }) { return false }
        }
        return true
    }
}

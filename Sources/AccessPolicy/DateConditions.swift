import WardenSupport
// Date condition operators: DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals,
// DateGreaterThan, DateGreaterThanEquals.
//
// Condition operators — Date: "You must specify date/time values with one of the W3C
// implementations of the ISO 8601 date formats or in epoch (UNIX) time." "Wildcards are
// not permitted for date condition operators." Values are compared as seconds since the
// epoch; no DateFormatter is involved (a hand-written reader keeps evaluation cheap).
// W3C profile (https://www.w3.org/TR/NOTE-datetime): YYYY, YYYY-MM, YYYY-MM-DD,
// YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD, TZD = Z|+hh:mm|-hh:mm.

enum DateConditions {
    /// Seconds since 1970-01-01T00:00:00Z, or nil if `text` is neither an epoch number
    /// nor a W3C ISO 8601 date.
    static func parse(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        let looksLikeISO = text.utf8.contains { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }
        if !looksLikeISO {
            // Epoch seconds: a whole number from 0 to Int64.max (IAM's legacy parser
            // refuses anything else).
            guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int64(text) else { return nil }
            return Double(seconds)
        }
        var copy = text
        return copy.withUTF8 { parseISO8601($0) }
    }

    private static func parseISO8601(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for k in i..<(i + count) {
                let byte = b[k]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            i += count
            return value
        }
        /// One or two digits (IAM accepts `T2:00:00`).
        func shortNumber() -> Int? {
            guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { return nil }
            var value = Int(b[i] - 0x30)
            i += 1
            if i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                value = value * 10 + Int(b[i] - 0x30)
                i += 1
            }
            return value
        }
        func take(_ ascii: UInt8) -> Bool {
            if i < b.count && b[i] == ascii { i += 1; return true }
            return false
        }
        guard let year = digits(4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offsetSeconds = 0
        if take(UInt8(ascii: "-")) {
            guard let m = digits(2), (1...12).contains(m) else { return nil }
            month = m
            if take(UInt8(ascii: "-")) {
                guard let d = digits(2), (1...CivilDate.daysIn(month: month, year: year)).contains(d) else { return nil }
                day = d
                if take(UInt8(ascii: "T")) || take(UInt8(ascii: "t")) {
                    guard let h = shortNumber(), (0...23).contains(h), take(UInt8(ascii: ":")),
                          let mi = shortNumber(), (0...59).contains(mi) else { return nil }
                    hour = h
                    minute = mi
                    if take(UInt8(ascii: ":")) {
                        guard let s = shortNumber(), (0...59).contains(s) else { return nil }
                        second = s
                        if take(UInt8(ascii: ".")) {
                            var scale = 0.1
                            var count = 0
                            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                                fraction += Double(b[i] - 0x30) * scale
                                scale /= 10
                                i += 1
                                count += 1
                            }
                            // At most nanoseconds.
                            guard (1...9).contains(count) else { return nil }
                        }
                    }
                    // Time zone designator (required with a time by the W3C profile;
                    // a missing one is read as UTC).
                    if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) {
                    } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                        let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                        i += 1
                        guard let oh = digits(2), (0...23).contains(oh) else { return nil }
                        var om = 0
                        if take(UInt8(ascii: ":")) {
                            guard let m = digits(2), (0...59).contains(m) else { return nil }
                            om = m
                        } else if let m = digits(2) {
                            guard (0...59).contains(m) else { return nil }
                            om = m
                        }
                        offsetSeconds = sign * (oh * 3600 + om * 60)
                    }
                }
            }
        }
        guard i == b.count else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Double(seconds) + fraction
    }

    /// `op` is the positive operator.
    static func matches(
        _ requestValue: String, _ policyValues: [CompiledConditionValue], _ op: ConditionOperator
    ) -> Result<Bool, Condition.TypeProblem> {
        guard let actual = parse(requestValue) else {
            return .failure(.init(reason: "request value \"\(requestValue)\" is not a date"))
        }
        var matched = false
        for value in policyValues {
            guard case .date(let expected) = value else { continue }
            guard let expected else { return .failure(.init(reason: "a policy value is not a date")) }
            let result: Bool
            switch op {
            case .dateEquals: result = actual == expected
            case .dateLessThan: result = actual < expected
            case .dateLessThanEquals: result = actual <= expected
            case .dateGreaterThan: result = actual > expected
            case .dateGreaterThanEquals: result = actual >= expected
            default: result = false
            }
            if result { matched = true }
        }
        return .success(matched)
    }
}

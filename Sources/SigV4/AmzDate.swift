import WardenSupport

// Time stamps: SigV4's ISO-8601 "basic format" (`YYYYMMDDTHHMMSSZ`) and, as a fallback for the
// `Date` header, the RFC 7231 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
//
// Parsed and formatted by hand (no DateFormatter, no Calendar): this runs once per request.


/// Formats seconds since the Unix epoch (UTC) as `YYYYMMDDTHHMMSSZ`, dropping any fraction.
/// Times outside years 0001-9999 are clamped to that range.
public func amzDate(fromEpoch seconds: Double) -> String {
    String(decoding: amzDateBytes(fromEpoch: seconds), as: UTF8.self)
}

/// `amzDate(fromEpoch:)` as ASCII bytes.
func amzDateBytes(fromEpoch seconds: Double) -> [UInt8] {
    // Clamp to years 0001...9999 (the format has four year digits); NaN counts as the epoch.
    let clamped = seconds.isNaN ? 0 : min(max(seconds, -62_135_596_800), 253_402_300_799)
    let whole = Int(clamped.rounded(.down))
    var days = whole / 86_400
    var secondOfDay = whole % 86_400
    if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
    let (year, month, day) = CivilDate.date(days: days)
    var out = [UInt8](repeating: UInt8(ascii: "0"), count: 16)
    func put(_ value: Int, at offset: Int, width: Int) {
        var v = value
        for i in stride(from: offset + width - 1, through: offset, by: -1) {
            out[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        }
    }
    put(year, at: 0, width: 4); put(month, at: 4, width: 2); put(day, at: 6, width: 2)
    out[8] = UInt8(ascii: "T")
    put(secondOfDay / 3600, at: 9, width: 2); put(secondOfDay / 60 % 60, at: 11, width: 2)
    put(secondOfDay % 60, at: 13, width: 2)
    out[15] = UInt8(ascii: "Z")
    return out
}

/// Parses `YYYYMMDDTHHMMSSZ` (exactly 16 characters, UTC) into seconds since the Unix epoch.
/// Returns nil for anything else, including out-of-range fields (month 13, 25:00, Feb 30...).
public func epoch(fromAmzDate text: String) -> Double? {
    var text = text
    return text.withUTF8 { epoch(fromAmzDateBytes: $0) }
}

func epoch(fromAmzDateBytes b: UnsafeBufferPointer<UInt8>) -> Double? {
    guard b.count == 16, b[8] == UInt8(ascii: "T"), b[15] == UInt8(ascii: "Z") else { return nil }
    func number(_ from: Int, _ count: Int) -> Int? {
        var value = 0
        for i in from..<(from + count) {
            let c = b[i]
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(c - UInt8(ascii: "0"))
        }
        return value
    }
    guard let year = number(0, 4), let month = number(4, 2), let day = number(6, 2),
          let hour = number(9, 2), let minute = number(11, 2), let second = number(13, 2)
    else { return nil }
    guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
          hour < 24, minute < 60, second < 60
    else { return nil }
    let days = CivilDate.days(year: year, month: month, day: day)
    return Double(days * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Parses an RFC 7231 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the usual form of the HTTP
/// `Date` header, into seconds since the Unix epoch. The weekday name is checked for shape only.
func epoch(fromHTTPDate text: String) -> Double? {
    let b = Array(text.utf8)
    // "Sun, 06 Nov 1994 08:49:37 GMT" is 29 bytes.
    guard b.count == 29, b[3] == UInt8(ascii: ","), b[4] == 0x20, b[7] == 0x20, b[11] == 0x20,
          b[16] == 0x20, b[19] == UInt8(ascii: ":"), b[22] == UInt8(ascii: ":"), b[25] == 0x20,
          b[26] == UInt8(ascii: "G"), b[27] == UInt8(ascii: "M"), b[28] == UInt8(ascii: "T")
    else { return nil }
    func number(_ from: Int, _ count: Int) -> Int? {
        var value = 0
        for i in from..<(from + count) {
            let c = b[i]
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(c - UInt8(ascii: "0"))
        }
        return value
    }
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let monthName = String(decoding: b[8..<11], as: UTF8.self)
    guard let monthIndex = months.firstIndex(of: monthName),
          let day = number(5, 2), let year = number(12, 4),
          let hour = number(17, 2), let minute = number(20, 2), let second = number(23, 2)
    else { return nil }
    let month = monthIndex + 1
    guard day >= 1, day <= CivilDate.daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
    else { return nil }
    return Double(CivilDate.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second)
}

import WardenSupport

/// UTC calendar fields of an epoch time, without Foundation's calendar machinery (records are
/// stamped on the background writer, thousands a second).
public struct UTCTime: Sendable, Equatable {
    public var year, month, day, hour, minute, second: Int

    /// The epoch seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years the
    /// four-digit formats below can write.
    public static let representable: ClosedRange<Double> = -62_135_596_800 ... 253_402_300_799

    /// Whether `epoch` is a finite time within `representable`.
    public static func isRepresentable(_ epoch: Double) -> Bool { representable.contains(epoch) }

    /// Total for every Double: times outside `representable` (and NaN) are clamped to its
    /// ends, so no input can trap in the integer conversion.
    public init(epoch: Double) {
        let clamped = epoch.isNaN ? 0 : min(max(epoch, Self.representable.lowerBound), Self.representable.upperBound)
        let whole = Int64(clamped.rounded(.down))
        var days = whole / 86_400
        var rest = whole - days * 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        hour = Int(rest / 3600)
        minute = Int(rest % 3600 / 60)
        second = Int(rest % 60)
        (year, month, day) = CivilDate.date(days: Int(days))
    }

    public static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// `2024-05-01T07:24:55Z`: CloudTrail's eventTime and digest times.
    public var iso8601: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))Z"
    }

    /// `20240501T0724Z`: the time in a log file's name.
    public var minuteStamp: String {
        "\(Self.pad(year, 4))\(Self.pad(month, 2))\(Self.pad(day, 2))T\(Self.pad(hour, 2))\(Self.pad(minute, 2))Z"
    }

    /// `20240501T072455Z`: the time in a digest file's name.
    public var secondStamp: String {
        "\(Self.pad(year, 4))\(Self.pad(month, 2))\(Self.pad(day, 2))T\(Self.pad(hour, 2))\(Self.pad(minute, 2))\(Self.pad(second, 2))Z"
    }

    /// `2024/05/01`: the date folders of the object layout.
    public var datePath: String { "\(Self.pad(year, 4))/\(Self.pad(month, 2))/\(Self.pad(day, 2))" }

    /// `May 1, 2015 7:24:55 AM`: how CloudTrail renders DynamoDB's timestamps in responseElements.
    public var javaMedium: String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let h12 = hour % 12 == 0 ? 12 : hour % 12
        return "\(months[month - 1]) \(day), \(year) \(h12):\(Self.pad(minute, 2)):\(Self.pad(second, 2)) \(hour < 12 ? "AM" : "PM")"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (optionally with fractional seconds) back to epoch seconds.
    public static func parse(_ text: String) -> Double? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b.last == 0x5A else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }; v = v * 10 + Int(b[i] - 0x30) }
            return v
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13), let mi = num(14..<16), let s = num(17..<19),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        var fraction = 0.0
        if b.count > 20, b[19] == 0x2E, let f = Double("0" + String(decoding: b[19..<(b.count - 1)], as: UTF8.self)) { fraction = f }
        return Double(epochSeconds(year: y, month: mo, day: d, hour: h, minute: mi, second: s)) + fraction
    }

    /// Seconds since the epoch of a UTC calendar time: days from the civil date (the inverse
    /// of `init(epoch:)`, Howard Hinnant's algorithm).
    public static func epochSeconds(year y: Int, month mo: Int, day d: Int, hour h: Int, minute mi: Int, second s: Int) -> Int {
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + h * 3600 + mi * 60 + s
    }
}

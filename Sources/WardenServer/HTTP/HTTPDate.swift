import DynamoModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `Date` header's IMF-fixdate (RFC 9110 §5.6.7: `Sun, 06 Nov 1994 08:49:37 GMT`), made
/// once per second per connection rather than once per answer.
struct HTTPDate {
    private var second = Int.min
    private var text = ""

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The wall clock's date (HTTP's `Date` is the server's real time, whatever a test's
    /// simulated clock says).
    mutating func now() -> String { at(Int(time(nil))) }

    mutating func at(_ epochSecond: Int) -> String {
        if epochSecond != second {
            second = epochSecond
            text = Self.format(epochSecond)
        }
        return text
    }

    static func format(_ epochSecond: Int) -> String {
        let t = UTCTime(epoch: Double(epochSecond))
        // 1970-01-01 was a Thursday.
        let days = epochSecond >= 0 ? epochSecond / 86_400 : (epochSecond - 86_399) / 86_400
        let weekday = ((days % 7) + 7 + 4) % 7
        return "\(weekdays[weekday]), \(UTCTime.pad(t.day, 2)) \(months[t.month - 1]) \(UTCTime.pad(t.year, 4)) "
            + "\(UTCTime.pad(t.hour, 2)):\(UTCTime.pad(t.minute, 2)):\(UTCTime.pad(t.second, 2)) GMT"
    }
}

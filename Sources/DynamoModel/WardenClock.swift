import Foundation
import Synchronization

/// The one clock every time-dependent behaviour reads (TTL, SigV4 skew, session expiry, PITR
/// windows, stream retention, trail delivery). It runs with real time plus an offset that the
/// Warden-only clock endpoint advances, so tests move time forward instead of sleeping.
public final class WardenClock: Sendable {
    private let offset: Mutex<Double>
    private let source: @Sendable () -> Double

    /// - Parameter source: real time in seconds since the epoch (injectable for tests).
    public init(offsetSeconds: Double = 0, source: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.offset = Mutex(offsetSeconds)
        self.source = source
    }

    /// Seconds since the Unix epoch, simulated.
    public func now() -> Double { source() + offset.withLock { $0 } }

    /// The clock clients sign with: the injected source without the simulated advance.
    /// SigV4 skew is measured against it, so advancing service time (TTL, PITR, streams,
    /// session expiry) never makes a real client's fresh signature look stale.
    public func signingNow() -> Double { source() }

    public var offsetSeconds: Double { offset.withLock { $0 } }

    /// Moves simulated time forward (never backward: history and stream order rely on it).
    @discardableResult
    public func advance(by seconds: Double) -> Double {
        offset.withLock { $0 += max(0, seconds) }
        return now()
    }
}

/// ISO-8601 rendering used by Warden-only endpoints and the CLI.
public enum ISO8601 {
    public static func string(fromEpoch seconds: Double, fractional: Bool = false) -> String {
        let date = Date(timeIntervalSince1970: seconds)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        func pad(_ v: Int?, _ n: Int) -> String {
            let s = String(v ?? 0)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        var out = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
        if fractional { out += "." + pad((c.nanosecond ?? 0) / 1_000_000, 3) }
        return out + "Z"
    }
}

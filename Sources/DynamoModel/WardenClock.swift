import FoundationEssentials
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

/// ISO-8601 rendering used by Warden-only endpoints, the CLI and condition keys
/// (aws:CurrentTime), computed arithmetically (no Calendar: it is on the request path).
public enum ISO8601 {
    public static func string(fromEpoch seconds: Double, fractional: Bool = false) -> String {
        let t = UTCTime(epoch: seconds)
        guard fractional else { return t.iso8601 }
        let millis = Int(((seconds - seconds.rounded(.down)) * 1000).rounded(.down))
        return String(t.iso8601.dropLast()) + "." + UTCTime.pad(millis, 3) + "Z"
    }
}

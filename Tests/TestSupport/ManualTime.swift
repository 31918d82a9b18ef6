import Synchronization

/// A real-time source the test sets (feed it to `WardenClock(source:)`).
package final class ManualTime: Sendable {
    private let seconds: Mutex<Double>

    package init(_ start: Double = 1_700_000_000) { seconds = Mutex(start) }

    package var now: Double { seconds.withLock { $0 } }

    package func advance(_ by: Double) { seconds.withLock { $0 += by } }
}

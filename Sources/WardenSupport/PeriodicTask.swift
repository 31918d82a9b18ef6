import Dispatch
import Logging
import Synchronization

/// A background pass run on a thread of its own every `interval` seconds (TTL sweeps, history
/// pruning). A pass that throws is reported at error level and the next pass runs as usual.
/// `stop()` wakes the thread and waits until it has ended, so no pass runs after it returns —
/// the store it works on can be closed next.
public final class PeriodicTask: Sendable {
    enum State { case idle, running, stopped }

    public let name: String
    let interval: Double
    let logger: Logger
    let pass: @Sendable () throws -> Void
    private let state = Mutex(State.idle)
    private let wake = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    public init(name: String, interval: Double, logger: Logger, pass: @escaping @Sendable () throws -> Void) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.pass = pass
    }

    var isRunning: Bool { state.withLock { $0 == .running } }

    public func start() {
        let starting = state.withLock { s -> Bool in
            guard s == .idle else { return false }
            s = .running
            return true
        }
        guard starting else { return }
        Threads.start(name: name) { [self] in
            while true {
                _ = wake.wait(timeout: .now() + interval)
                guard isRunning else { break }
                runOnce()
            }
            ended.signal()
        }
    }

    /// One pass now, its failure logged.
    public func runOnce() {
        do {
            try pass()
        } catch {
            logger.error("background pass failed", metadata: ["task": .string(name), "error": .string(String(describing: error))])
        }
    }

    /// Stops the loop and joins its thread (a pass under way finishes first).
    public func stop() {
        let wasRunning = state.withLock { s -> Bool in
            defer { s = .stopped }
            return s == .running
        }
        guard wasRunning else { return }
        wake.signal()
        ended.wait()
    }
}

import Logging
import Synchronization
import Testing
import WardenSupport

@Suite("PeriodicTask")
struct PeriodicTaskTests {
    /// Collects what the task logs.
    final class Recorder: LogHandler, @unchecked Sendable {
        // @unchecked Sendable: `lines` is only touched under `lock`.
        let lock = Mutex<[String]>([])
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let line = "\(event.level) \(event.message) \(event.metadata?["task"] ?? "") \(event.metadata?["error"] ?? "")"
            lock.withLock { $0.append(line) }
        }
        var lines: [String] { lock.withLock { $0 } }
    }

    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }

    @Test func aFailingPassIsLoggedAtErrorLevel() {
        let recorder = Recorder()
        let task = PeriodicTask(name: "t", interval: 3600, logger: Logger(label: "test") { _ in recorder }) { throw Boom() }
        task.runOnce()
        #expect(recorder.lines == ["error background pass failed t boom"])
    }

    @Test func stopJoinsTheThread() {
        let passes = Atomic(0)
        let task = PeriodicTask(name: "t", interval: 0.001, logger: Logger(label: "test")) { passes.add(1, ordering: .relaxed) }
        task.start()
        while passes.load(ordering: .relaxed) < 3 {}
        task.stop()
        let after = passes.load(ordering: .relaxed)
        // Joined: no pass runs once stop() has returned.
        for _ in 0..<1000 { #expect(passes.load(ordering: .relaxed) == after) }
        task.stop()  // a second stop is harmless
    }
}

import Synchronization
import Testing
@testable import DynamoModel

struct WardenClockTests {
    /// A settable real-time source.
    final class Source: Sendable {
        let value = Mutex(1_000.0)
        func set(_ v: Double) { value.withLock { $0 = v } }
        func read() -> Double { value.withLock { $0 } }
    }

    @Test func nowIsSourcePlusOffset() {
        let source = Source()
        let clock = WardenClock(offsetSeconds: 50, source: { source.read() })
        #expect(clock.now() == 1_050)
        #expect(clock.signingNow() == 1_000)
        #expect(clock.offsetSeconds == 50)
        source.set(2_000)
        #expect(clock.now() == 2_050)
        #expect(clock.signingNow() == 2_000)
    }

    @Test func advanceMovesForwardOnly() {
        let source = Source()
        let clock = WardenClock(source: { source.read() })
        #expect(clock.advance(by: 10) == 1_010)
        #expect(clock.advance(by: 0.5) == 1_010.5)
        #expect(clock.advance(by: -100) == 1_010.5)
        #expect(clock.advance(by: -.infinity) == 1_010.5)
        #expect(clock.offsetSeconds == 10.5)
        // Signing time never includes the simulated advance.
        #expect(clock.signingNow() == 1_000)
    }

    @Test func concurrentAdvancesAllCount() async {
        let clock = WardenClock(source: { 0 })
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 { group.addTask { clock.advance(by: 1) } }
        }
        #expect(clock.now() == 100)
    }

    @Test func defaultSourceIsWallClock() {
        let clock = WardenClock()
        #expect(abs(clock.now() - clock.signingNow()) < 1)
        #expect(clock.now() > 1_700_000_000)
    }

    @Test(arguments: [
        (0.0, false, "1970-01-01T00:00:00Z"), (1_700_000_000.0, false, "2023-11-14T22:13:20Z"),
        (1_700_000_000.25, true, "2023-11-14T22:13:20.250Z"), (951_782_400.0, false, "2000-02-29T00:00:00Z"),
    ])
    func iso8601(_ seconds: Double, _ fractional: Bool, _ text: String) {
        #expect(ISO8601.string(fromEpoch: seconds, fractional: fractional) == text)
    }
}

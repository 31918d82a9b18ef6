import Foundation
import Synchronization
import Testing
@testable import WardenServer

struct RequestIDTests {
    static func wellFormed(_ id: String) -> Bool {
        id.utf8.count == 52 && id.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }

    @Test func shapeAndUniqueness() {
        var seen = Set<String>()
        for _ in 0..<50_000 {
            let id = RequestID.make()
            #expect(Self.wellFormed(id), "\(id)")
            seen.insert(id)
        }
        #expect(seen.count == 50_000)
    }

    /// Regression: the counter used a trapping add and crashed once it reached UInt64.max.
    /// Ids keep coming, well formed and distinct, across the wrap.
    static let starts: [UInt64] = [.max, .max - 1, 0 &- 0x9E37_79B9_7F4A_7C15 &* 3, 0]

    @Test(arguments: starts)
    func counterWraps(_ start: UInt64) {
        let generator = RequestIDGenerator(start: start)
        var seen = Set<String>()
        for _ in 0..<1_000 {
            let id = generator.next()
            #expect(Self.wellFormed(id))
            seen.insert(id)
        }
        #expect(seen.count == 1_000)
    }

    /// The same starting point gives the same ids (the generator is deterministic).
    @Test func deterministicFromAStart() {
        let a = RequestIDGenerator(start: 42), b = RequestIDGenerator(start: 42)
        for _ in 0..<10 { #expect(a.next() == b.next()) }
    }

    /// Consecutive ids share no ten-character block: each id uses its own draws.
    @Test func consecutiveIdsDoNotOverlap() {
        let generator = RequestIDGenerator(start: 7)
        var previous = generator.next()
        for _ in 0..<200 {
            let id = generator.next()
            let blocks = stride(from: 0, to: 50, by: 10).map { Array(id.utf8)[$0..<$0 + 10] }
            let earlier = Array(previous.utf8)
            for block in blocks {
                for offset in stride(from: 0, to: 50, by: 10) {
                    #expect(Array(earlier[offset..<offset + 10]) != Array(block), "\(previous) / \(id)")
                }
            }
            previous = id
        }
    }

    @Test func concurrentCallersGetDistinctIds() async {
        let ids = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 { group.addTask { (0..<2_000).map { _ in RequestID.make() } } }
            var all: [String] = []
            for await part in group { all += part }
            return all
        }
        #expect(ids.count == 16_000)
        #expect(Set(ids).count == 16_000)
    }
}

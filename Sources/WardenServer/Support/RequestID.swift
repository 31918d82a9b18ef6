import Synchronization

/// Request ids in DynamoDB's shape: 52 characters of A–Z and 0–9. Drawn from a SplitMix64
/// sequence over an atomic counter with a random starting point — unique and unpredictable
/// enough for ids, and without a getrandom(2) call per request (which the profile showed
/// costing a tenth of the CPU of a GetItem).
enum RequestID {
    static let shared = RequestIDGenerator(start: UInt64.random(in: 0...UInt64.max))

    static func make() -> String { shared.next() }
}

/// The id sequence from a given starting point (injectable so tests can start it anywhere,
/// e.g. just before the counter wraps).
final class RequestIDGenerator: Sendable {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    private static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// 64-bit draws per id: ten characters each, 52 characters.
    private static let draws: UInt64 = 6
    private let counter: Atomic<UInt64>

    init(start: UInt64) { counter = Atomic(start) }

    func next() -> String {
        // Reserve this id's own `draws` steps of the sequence: advancing by one step only
        // made each id reuse five of the previous id's six draws.
        var state = counter.wrappingAdd(Self.gamma &* Self.draws, ordering: .relaxed).oldValue
        var bytes = [UInt8](repeating: 0, count: 52)
        var i = 0
        while i < 52 {
            state &+= Self.gamma
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            // Ten characters per 64-bit draw (36^10 < 2^52).
            for _ in 0..<10 where i < 52 {
                bytes[i] = Self.alphabet[Int(z % 36)]
                z /= 36
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

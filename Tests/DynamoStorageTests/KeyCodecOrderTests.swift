import DynamoModel
import TestSupport
import Testing
@testable import DynamoStorage

struct KeyCodecOrderTests {
    func randomNumberText(_ g: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<10, using: &g) {
        case 0: return "0"
        case 1:  // extremes of the range
            let digits = String((0..<Int.random(in: 1...38, using: &g)).map { _ in Character(String(Int.random(in: 1...9, using: &g))) })
            let e = Bool.random(using: &g) ? 125 - (digits.count - 1) : -130 - (digits.count - 1) + Int.random(in: 0...3, using: &g)
            return (Bool.random(using: &g) ? "-" : "") + digits + "e" + String(e)
        default:
            let count = Int.random(in: 1...38, using: &g)
            var digits = ""
            for i in 0..<count { digits.append(Character(String(Int.random(in: i == 0 ? 1...9 : 0...9, using: &g)))) }
            let e = Int.random(in: 0..<3, using: &g) == 0 ? Int.random(in: -120...80, using: &g) : Int.random(in: -5...5, using: &g)
            return (Bool.random(using: &g) ? "-" : "") + digits + "e" + String(e)
        }
    }

    func randomString(_ g: inout SeededGenerator) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...6, using: &g) {
            let scalar: UInt32
            switch Int.random(in: 0..<5, using: &g) {
            case 0: scalar = UInt32.random(in: 0x00...0x7F, using: &g)
            case 1: scalar = UInt32.random(in: 0x80...0x7FF, using: &g)
            case 2: scalar = UInt32.random(in: 0x800...0xD7FF, using: &g)
            case 3: scalar = UInt32.random(in: 0xE000...0xFFFF, using: &g)
            default: scalar = UInt32.random(in: 0x10000...0x10FFFF, using: &g)
            }
            s.append(Unicode.Scalar(scalar)!)
        }
        // Shared prefixes make the interesting cases common.
        return ["", "a", "é", "ab"][Int.random(in: 0..<4, using: &g)] + String(s)
    }

    /// N: byte order of encodings is numeric order (DynamoNumber.compare, itself checked
    /// against a big-integer reference in DynamoModelTests) — plus hand-picked neighbours.
    @Test func numbersSortNumerically() {
        var g = SeededGenerator(seed: 1)
        var texts = ["0", "-0", "1", "-1", "10", "-10", "1.1", "-1.1", "1.01", "-1.01", "0.1", "-0.1", "0.12", "-0.12", "0.11",
                     "1e125", "-1e125", "9.9999e125", "-9.9999e125", "1e-130", "-1e-130", "1.5e-130", "2", "19", "-19", "-2",
                     String(repeating: "9", count: 38), "-" + String(repeating: "9", count: 38), "1" + String(repeating: "0", count: 36) + "1"]
        for _ in 0..<600 { texts.append(randomNumberText(&g)) }
        let numbers = texts.map(number)
        let encoded = numbers.map { KeyCodec.encode(number: $0) }
        for i in numbers.indices {
            for j in numbers.indices where (i + j) % 3 == 0 || i < 30 {
                #expect(byteOrder(encoded[i], encoded[j]) == DynamoNumber.compare(numbers[i], numbers[j]),
                        "\(texts[i]) vs \(texts[j])")
            }
        }
    }

    @Test func numbersRoundTrip() {
        var g = SeededGenerator(seed: 2)
        for _ in 0..<1000 {
            let n = number(randomNumberText(&g))
            #expect(KeyCodec.decode(KeyCodec.encode(.n(n)), type: .N) == .n(n))
        }
        #expect(KeyCodec.encode(.n(.zero)) == [0x80])
        #expect(KeyCodec.decode([0x80], type: .N) == .n(.zero))
    }

    /// S: encodings sort by UTF-8 bytes, which is Unicode code point order — not Swift's
    /// String order (which compares by grapheme and normalization).
    @Test func stringsSortByCodePoint() {
        var g = SeededGenerator(seed: 3)
        var strings = ["", "a", "ab", "b", "A", "Z", "z", "é", "e\u{301}", "\u{FFFF}", "\u{10000}", "😀", "\u{7F}", "\u{80}", "\u{0}"]
        for _ in 0..<500 { strings.append(randomString(&g)) }
        for a in strings {
            for b in strings.prefix(120) {
                let scalars = a.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
                let equal = Array(a.unicodeScalars) == Array(b.unicodeScalars)
                let expected = equal ? 0 : (scalars ? -1 : 1)
                #expect(byteOrder(KeyCodec.encode(.s(a)), KeyCodec.encode(.s(b))) == expected)
            }
            #expect(KeyCodec.decode(KeyCodec.encode(.s(a)), type: .S) == .s(a))
        }
        // U+FFFF sorts before U+10000 by code point (UTF-16 order would say otherwise).
        #expect(byteOrder(skey("\u{FFFF}"), skey("\u{10000}")) == -1)
        // A precomposed é (U+00E9) sorts after e + combining accent, although Swift calls them equal.
        #expect("é" == "e\u{301}")
        #expect(byteOrder(skey("e\u{301}"), skey("é")) == -1)
    }

    /// B: unsigned byte order, shorter prefix first.
    @Test func binariesSortUnsigned() {
        var g = SeededGenerator(seed: 4)
        var blobs: [[UInt8]] = [[], [0], [0, 0], [1], [0x7F], [0x80], [0xFF], [0xFF, 0]]
        for _ in 0..<300 { blobs.append((0..<Int.random(in: 0...5, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }) }
        for a in blobs {
            for b in blobs {
                var expected = 0
                for (x, y) in zip(a, b) where x != y { expected = x < y ? -1 : 1; break }
                if expected == 0 && a.count != b.count { expected = a.count < b.count ? -1 : 1 }
                #expect(byteOrder(KeyCodec.encode(.b(a)), KeyCodec.encode(.b(b))) == expected)
            }
            #expect(KeyCodec.decode(KeyCodec.encode(.b(a)), type: .B) == .b(a))
        }
        #expect(byteOrder([0x7F], [0x80]) == -1)
    }

    /// The real property: SQLite hands rows back in DynamoDB's order.
    @Test func sqliteReturnsNumericOrder() throws {
        try withStore { store, _ throws in
            var g = SeededGenerator(seed: 5)
            var numbers = Set<DynamoNumber>()
            while numbers.count < 300 { numbers.insert(number(randomNumberText(&g))) }
            try store.writeAndWait { w in
                for n in numbers {
                    try w.putItem(tid: 1, pk: skey("p"), sk: KeyCodec.encode(.n(n)), item: Array("{}".utf8), size: 1, expires: nil)
                }
            }
            let forward = try store.sortKeys(pk: skey("p")).map { KeyCodec.decode($0, type: .N) }
            #expect(forward == numbers.sorted().map { AttributeValue.n($0) })
            let backward = try store.sortKeys(pk: skey("p"), forward: false).map { KeyCodec.decode($0, type: .N) }
            #expect(backward == forward.reversed())
        }
    }

    @Test(arguments: [
        ([0x61], [0x62]), ([0x61, 0x62], [0x61, 0x63]), ([0x61, 0xFF], [0x62]), ([0x00], [0x01]),
        ([0x61, 0xFF, 0xFF], [0x62]), ([0xFE, 0xFF], [0xFF]),
    ] as [([UInt8], [UInt8])])
    func prefixSuccessor(_ prefix: [UInt8], _ successor: [UInt8]) {
        #expect(KeyCodec.prefixSuccessor(prefix) == successor)
    }

    @Test func prefixWithoutSuccessor() {
        #expect(KeyCodec.prefixSuccessor([]) == nil)
        #expect(KeyCodec.prefixSuccessor([0xFF]) == nil)
        #expect(KeyCodec.prefixSuccessor([0xFF, 0xFF, 0xFF]) == nil)
    }

    /// [prefix, successor) holds exactly the byte strings that start with the prefix.
    @Test func prefixRangeProperty() {
        var g = SeededGenerator(seed: 6)
        for _ in 0..<2000 {
            let alphabet: [UInt8] = [0x00, 0x01, 0x61, 0x62, 0xFE, 0xFF]
            let prefix = (0..<Int.random(in: 1...3, using: &g)).map { _ in alphabet.randomElement(using: &g)! }
            let s = (0..<Int.random(in: 0...5, using: &g)).map { _ in alphabet.randomElement(using: &g)! }
            let starts = s.starts(with: prefix)
            let successor = KeyCodec.prefixSuccessor(prefix)
            let inRange = byteOrder(prefix, s) <= 0 && (successor.map { byteOrder(s, $0) < 0 } ?? true)
            #expect(starts == inRange, "\(prefix) \(s)")
        }
    }

    @Test(arguments: [2, 3, 4, 7, 16, 100])
    func segmentsAreEvenAndStable(_ total: Int) {
        var g = SeededGenerator(seed: UInt64(total))
        var counts = [Int](repeating: 0, count: total)
        let keys = 20_000
        for i in 0..<keys {
            let key: [UInt8] = i % 2 == 0 ? skey("user#\(i)") : (0..<8).map { _ in UInt8.random(in: 0...255, using: &g) }
            let s = KeyCodec.segment(of: key, total: total)
            #expect(s >= 0 && s < total)
            #expect(KeyCodec.segment(of: key, total: total) == s)
            counts[s] += 1
        }
        let expected = Double(keys) / Double(total)
        for c in counts {
            #expect(abs(Double(c) - expected) < expected * 0.25, "\(counts)")
        }
    }

    @Test func segmentEdges() {
        #expect(KeyCodec.segment(of: [], total: 1) == 0)
        #expect(KeyCodec.segment(of: skey("anything"), total: 1) == 0)
        for i in 0..<200 {
            let s = KeyCodec.segment(of: skey("k\(i)"), total: 1_000_000)
            #expect(s >= 0 && s < 1_000_000)
        }
    }

    /// Short keys that differ only in their last characters (p0…p59, small numbers) must still
    /// spread over every segment: a parallel scan of such a table would otherwise hand whole
    /// segments nothing and others everything.
    @Test(arguments: [2, 4, 8])
    func shortSequentialKeysSpread(_ total: Int) {
        let keySets: [[[UInt8]]] = [
            (0..<60).map { skey("p\($0)") },
            (1...200).map { nkey(String($0)) },
            (0..<64).map { [UInt8($0)] },
        ]
        for keys in keySets {
            var counts = [Int](repeating: 0, count: total)
            for key in keys { counts[KeyCodec.segment(of: key, total: total)] += 1 }
            let expected = Double(keys.count) / Double(total)
            // Every segment gets some keys and none gets far more than its share.
            #expect(counts.allSatisfy { $0 > 0 && Double($0) < expected * 2 }, "\(counts)")
        }
    }
}

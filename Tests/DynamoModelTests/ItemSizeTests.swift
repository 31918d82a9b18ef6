import Testing
@testable import DynamoModel

/// Sizes as DynamoDB counts them
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
struct ItemSizeTests {
    @Test(arguments: [
        (AttributeValue.s(""), 0), (.s("abc"), 3), (.s("é"), 2), (.s("日本"), 6), (.s("😀"), 4),
        (.b([]), 0), (.b([1, 2, 3]), 3),
        (.null, 1), (.bool(true), 1), (.bool(false), 1),
        (.ss(["a", "bc"]), 3), (.bs([[1], [2, 3]]), 3),
    ])
    func scalarsAndSets(_ value: AttributeValue, _ size: Int) {
        #expect(ItemSize.of(value) == size)
    }

    /// Numbers: one byte per two significant digits, plus one (plus one when negative).
    @Test(arguments: [
        ("0", 1), ("1", 2), ("12", 2), ("123", 3), ("1234", 3), ("12345", 4), ("100000", 2), ("0.001", 2),
        ("1.5", 2), ("-1", 3), ("-12345", 5), (String(repeating: "9", count: 38), 20), ("1e125", 2), ("1e-130", 2),
    ])
    func numbers(_ text: String, _ size: Int) {
        #expect(ItemSize.of(.n(num(text))) == size)
    }

    @Test func numberSets() {
        #expect(ItemSize.of(.ns([num("1"), num("12345"), num("-1")])) == 2 + 4 + 3)
    }

    /// Lists and maps: three bytes, plus one per element, plus contents (map keys included).
    @Test func documents() {
        #expect(ItemSize.of(.l([])) == 3)
        #expect(ItemSize.of(.m([:])) == 3)
        #expect(ItemSize.of(.l([.s("ab"), .null])) == 3 + (1 + 2) + (1 + 1))
        #expect(ItemSize.of(.m(["k": .s("v"), "key": .n(num("1"))])) == 3 + (1 + 1 + 1) + (1 + 3 + 2))
        #expect(ItemSize.of(.m(["outer": .l([.m(["i": .bool(true)])])])) == 3 + (1 + 5 + (3 + (1 + (3 + (1 + 1 + 1))))))
    }

    @Test func items() {
        #expect(ItemSize.of([:] as Item) == 0)
        // The conformance suite's item: pk "cnt", sk 1, v "abc".
        let item: Item = ["pk": .s("cnt"), "sk": .n(num("1")), "v": .s("abc")]
        #expect(ItemSize.of(item) == (2 + 3) + (2 + 2) + (1 + 3))
        // Attribute names count by UTF-8 length.
        #expect(ItemSize.of(["né": .null] as Item) == 3 + 1)
        #expect(ItemSize.maxItemBytes == 409_600)
    }
}

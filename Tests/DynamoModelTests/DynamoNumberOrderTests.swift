import TestSupport
import Testing
@testable import DynamoModel

struct DynamoNumberOrderTests {
    @Test(arguments: [
        ("1", "2", -1), ("2", "1", 1), ("-1", "1", -1), ("-2", "-1", -1), ("0", "-0", 0), ("0", "1e-130", -1),
        ("-1e-130", "0", -1), ("1.5", "1.50", 0), ("10", "9.99", 1), ("0.1", "0.09", 1), ("-0.1", "-0.09", -1),
        ("123", "1234", -1), ("-123", "-1234", 1), ("1e125", "9.99e124", 1), ("12", "12.0000001", -1),
        ("-12", "-12.0000001", 1), ("99", "100", -1), ("1e-5", "1e-6", 1),
    ])
    func knownOrder(_ a: String, _ b: String, _ expected: Int) {
        #expect(DynamoNumber.compare(num(a), num(b)) == expected)
        #expect(DynamoNumber.compare(num(b), num(a)) == -expected)
        #expect((num(a) < num(b)) == (expected < 0))
        #expect((num(a) == num(b)) == (expected == 0))
    }

    /// Random decimals (up to 38 digits, leading zeros, both signs, zero, wide exponents)
    /// compare as the reference big-integer comparison says.
    @Test(arguments: [1, 2, 3])
    func randomAgainstReference(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        var values: [RefDecimal] = []
        for _ in 0..<400 {
            let scales: ClosedRange<Int> = Int.random(in: 0..<3, using: &g) == 0 ? -120...80 : -6...6
            values.append(RefDecimal.random(scales: scales, using: &g))
        }
        // Near neighbours: the same digits at the same scale with one more digit, etc.
        for v in values.prefix(60) where v.digits.count < 38 {
            values.append(RefDecimal(negative: v.negative, digits: v.digits + "1", scale: v.scale - 1))
            values.append(RefDecimal(negative: v.negative, digits: v.digits + "0", scale: v.scale - 1))
        }
        let parsed = values.map { DynamoNumber.parse($0.text) }
        for i in 0..<values.count {
            guard case .success(let a) = parsed[i] else {
                Issue.record("\(values[i].text) did not parse: \(parsed[i])")
                continue
            }
            #expect(a.description == values[i].plain, "\(values[i].text)")
            for j in stride(from: i % 7, to: values.count, by: 7) {
                guard case .success(let b) = parsed[j] else { continue }
                let expected = RefDecimal.compare(values[i], values[j])
                #expect(DynamoNumber.compare(a, b) == expected, "\(values[i].text) vs \(values[j].text)")
            }
        }
    }

    /// Sorting random numbers with `<` agrees with sorting them by the reference.
    @Test func sortingAgreesWithReference() {
        var g = SeededGenerator(seed: 99)
        let values = (0..<300).map { _ in RefDecimal.random(maxDigits: 12, scales: -10...10, using: &g) }
        let byModel = values.sorted { num($0.text) < num($1.text) }
        for (x, y) in zip(byModel, byModel.dropFirst()) {
            #expect(RefDecimal.compare(x, y) <= 0, "\(x.text) before \(y.text)")
        }
    }
}

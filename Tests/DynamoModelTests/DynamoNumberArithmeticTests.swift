import TestSupport
import Testing
@testable import DynamoModel

struct DynamoNumberArithmeticTests {
    func sum(_ a: String, _ b: String) -> Result<DynamoNumber, DynamoNumber.Failure> { num(a).adding(num(b)) }
    func difference(_ a: String, _ b: String) -> Result<DynamoNumber, DynamoNumber.Failure> { num(a).subtracting(num(b)) }

    @Test(arguments: [
        ("1", "2", "3"), ("0", "5", "5"), ("5", "0", "5"), ("-5", "0", "-5"), ("0", "0", "0"),
        ("9", "1", "10"), ("999", "1", "1000"), ("99.99", "0.01", "100"), ("0.5", "0.5", "1"),      // carries
        ("1.25", "-0.25", "1"), ("1", "-0.001", "0.999"), ("1000", "-1", "999"), ("-1000", "1", "-999"), // borrows
        ("0.1", "-0.1", "0"), ("123.456", "-123.456", "0"), ("-7", "7", "0"),                             // cancellation
        ("-1", "-2", "-3"), ("-9.9", "-0.1", "-10"), ("1", "-3", "-2"), ("-3", "1", "-2"),
        ("1e20", "1", "100000000000000000001"), ("1e-20", "1", "1.00000000000000000001"),
        ("12345678901234567890123456789012345678", "1", "12345678901234567890123456789012345679"),
        ("99999999999999999999999999999999999999", "-1", "99999999999999999999999999999999999998"),
        ("1e125", "-1e125", "0"), ("9e125", "-8e125", "1" + String(repeating: "0", count: 125)),
        ("1e-130", "1e-130", "0." + String(repeating: "0", count: 129) + "2"),
        ("0.1", "0.2", "0.3"),
    ])
    func exactSums(_ a: String, _ b: String, _ expected: String) {
        #expect(sum(a, b).successValue?.description == expected)
        #expect(sum(b, a).successValue?.description == expected)
        // a + b - b == a
        if case .success(let s) = sum(a, b) {
            #expect(s.subtracting(num(b)).successValue == num(a))
        }
    }

    @Test(arguments: [
        ("5", "3", "2"), ("3", "5", "-2"), ("0", "5", "-5"), ("5", "0", "5"), ("-5", "-5", "0"), ("10", "0.001", "9.999"),
        ("1e30", "1", String(repeating: "9", count: 30)), ("1", "1e-37", "0." + String(repeating: "9", count: 37)),
    ])
    func exactDifferences(_ a: String, _ b: String, _ expected: String) {
        #expect(difference(a, b).successValue?.description == expected)
    }

    /// Results beyond 38 digits or out of range fail as "Number overflow" (AWS reports both so).
    @Test(arguments: [
        ("99999999999999999999999999999999999999", "2"),                 // 39 digits by carry
        ("1e20", "1e-20"),                                                // 41 digits
        ("9." + String(repeating: "9", count: 37) + "e125", "1e88"),        // range
        ("9e125", "9e125"),
        ("-9e125", "-2e125"),
        ("1e125", "1e-130"),
    ])
    func overflow(_ a: String, _ b: String) {
        #expect(sum(a, b).failureValue == .overflow)
        #expect(sum(b, a).failureValue == .overflow)
    }

    @Test func underflow() {
        // 2E-130 − 1.5E-130 = 5E-131, below the smallest magnitude.
        #expect(difference("2e-130", "1.5e-130").failureValue == .underflow)
    }

    /// Random pairs against the reference big-integer sum.
    @Test(arguments: [11, 12, 13, 14])
    func randomAgainstReference(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        var succeeded = 0, overflowed = 0
        for _ in 0..<1500 {
            let digits = Int.random(in: 0..<2, using: &g) == 0 ? 38 : 10
            let a = RefDecimal.random(maxDigits: digits, scales: -25...25, using: &g)
            let b = RefDecimal.random(maxDigits: digits, scales: -25...25, using: &g)
            let expected = RefDecimal.sum(a, b)
            let got = num(a.text).adding(num(b.text))
            if expected.significantDigits > 38 {
                #expect(got.failureValue == .overflow, "\(a.text) + \(b.text)")
                overflowed += 1
            } else {
                #expect(got.successValue?.description == expected.plain, "\(a.text) + \(b.text)")
                succeeded += 1
            }
            let negB = RefDecimal(negative: !b.negative, digits: b.digits, scale: b.scale)
            let expectedDiff = RefDecimal.sum(a, negB)
            let gotDiff = num(a.text).subtracting(num(b.text))
            if expectedDiff.significantDigits > 38 {
                #expect(gotDiff.failureValue == .overflow)
            } else {
                #expect(gotDiff.successValue?.description == expectedDiff.plain, "\(a.text) - \(b.text)")
            }
        }
        // Both outcomes were exercised.
        #expect(succeeded > 100 && overflowed > 100)
    }
}

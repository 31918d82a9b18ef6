import Testing
@testable import DynamoModel

struct DynamoNumberParseTests {
    /// Valid spellings and the normalized plain-decimal text AWS returns for them.
    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("+0", "0"), ("0.000", "0"), ("0e1000", "0"), ("-0E-1000", "0"), ("000", "0"),
        ("1", "1"), ("+3", "3"), ("-7", "-7"), (".5", "0.5"), ("-.5", "-0.5"), ("5.", "5"), ("0001.23", "1.23"),
        ("1.0", "1"), ("0.10", "0.1"), ("1e+5", "100000"), ("1E5", "100000"), ("1e-5", "0.00001"), ("1E2", "100"),
        ("12.34e1", "123.4"), ("12.34e-1", "1.234"), ("12.34e2", "1234"), ("12.34e3", "12340"),
        ("-12.5", "-12.5"), ("100", "100"), ("1000.000100", "1000.0001"), (".000", "0"),
        ("123456789012345678901234567890.12345678", "123456789012345678901234567890.12345678"),
        ("3.1415926535897932384626433832795028841", "3.1415926535897932384626433832795028841"),
        ("1e-130", "0." + String(repeating: "0", count: 129) + "1"),
        ("-1e-130", "-0." + String(repeating: "0", count: 129) + "1"),
        ("9.99999999e125", "999999999" + String(repeating: "0", count: 117)),
        ("1e125", "1" + String(repeating: "0", count: 125)),
        ("0.0001e129", "1" + String(repeating: "0", count: 125)),
        ("100000e-135", "0." + String(repeating: "0", count: 129) + "1"),
        ("1" + String(repeating: "0", count: 200) + "e-100", "1" + String(repeating: "0", count: 100)),
        ("0." + String(repeating: "0", count: 200) + "1e100", "0." + String(repeating: "0", count: 100) + "1"),
    ])
    func validForms(_ text: String, _ normalized: String) {
        let n = num(text)
        #expect(n.description == normalized)
        // The normalized text reads back as the same number.
        #expect(num(n.description) == n)
    }

    /// Exactly 38 significant digits; zeros around them do not count.
    @Test(arguments: [
        String(repeating: "9", count: 38),
        "-" + String(repeating: "9", count: 38),
        "0.000" + String(repeating: "1", count: 38) + "000",
        String(repeating: "1", count: 38) + String(repeating: "0", count: 60),
        "1" + String(repeating: "0", count: 36) + "1",
        "00000" + String(repeating: "7", count: 19) + "." + String(repeating: "7", count: 19) + "00000",
    ])
    func thirtyEightDigitsFit(_ text: String) {
        #expect(parseFailure(text) == nil)
    }

    @Test(arguments: [
        String(repeating: "9", count: 39),
        "1" + String(repeating: "0", count: 37) + "1",
        "0." + String(repeating: "1", count: 39),
        "3.14159265358979323846264338327950288419",
        String(repeating: "1", count: 20) + "." + String(repeating: "1", count: 19),
    ])
    func thirtyNineDigitsDoNot(_ text: String) {
        #expect(parseFailure(text) == .tooManyDigits)
        #expect(DynamoNumber.Failure.tooManyDigits.message(for: text) == "Attempting to store more than 38 significant digits in a Number")
    }

    @Test(arguments: [
        ("1e126", DynamoNumber.Failure.overflow), ("-1e126", .overflow), ("-11e125", .overflow), ("10e125", .overflow),
        ("99.9e125", .overflow), ("1e999999999999", .overflow), ("0.1e127", .overflow),
        ("1e-131", .underflow), ("-1e-131", .underflow), ("0.9e-130", .underflow), ("1e-999999999999", .underflow),
        ("0.00001e-126", .underflow),
    ])
    func outOfRange(_ text: String, _ failure: DynamoNumber.Failure) {
        #expect(parseFailure(text) == failure)
    }

    @Test func rangeMessages() {
        #expect(DynamoNumber.Failure.overflow.message(for: "1e126")
            == "Number overflow. Attempting to store a number with magnitude larger than supported range")
        #expect(DynamoNumber.Failure.underflow.message(for: "1e-131")
            == "Number underflow. Attempting to store a number with magnitude smaller than supported range")
    }

    @Test(arguments: ["", "NaN", "nan", "Infinity", "-Infinity", "inf", " 1", "1 ", "1\n", "dog", "1e", "1e+", "1E-", ".",
                      "-", "+", "+-1", "--1", "1..2", "1.2.3", "e5", ".e5", "1e5.5", "1,000", "0x10", "1_000", "١", "１",
                      "1e 5", "1f", "1d", "+.", "-.e1"])
    func notANumber(_ text: String) {
        #expect(parseFailure(text) == .notANumber)
    }

    @Test func notANumberMessages() {
        #expect(DynamoNumber.Failure.notANumber.message(for: "dog") == "The parameter cannot be converted to a numeric value: dog")
        #expect(DynamoNumber.Failure.notANumber.message(for: " 1") == "The parameter cannot be converted to a numeric value:  1")
        #expect(DynamoNumber.Failure.notANumber.message(for: "") == "The parameter cannot be converted to a numeric value")
    }

    @Test func representationIsNormalized() {
        let n = num("-0012.3400e1")
        #expect(n.negative)
        #expect(n.digits == [1, 2, 3, 4])
        #expect(n.exponent == 3)
        #expect(num("0").digits.isEmpty && num("-0").negative == false)
        #expect(num("0.05").exponent == -1)
        #expect(num("1e-130").exponent == -129)
        #expect(num("9e125").exponent == 126)
    }

    @Test func equalValuesAreEqualAndHashAlike() {
        let spellings = ["1.5", "1.50", "15e-1", "0.15E1", "+001.5000", "150E-2"]
        let numbers = spellings.map { num($0) }
        #expect(Set(numbers).count == 1)
        #expect(num("-0") == num("0"))
        #expect(num("1") != num("-1"))
    }

    @Test(arguments: [0, 1, -1, 10, 100, -100, 1_000_000, Int.max, Int.min, 120, 1234567890])
    func integerInit(_ value: Int) {
        let n = DynamoNumber(value)
        #expect(n.description == String(value))
        #expect(n.int64Value == Int64(value))
    }

    @Test(arguments: [
        ("1.5", nil), ("0.1", nil), ("1e19", nil), ("9223372036854775808", nil), ("-9223372036854775809", nil),
        ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min), ("1e18", 1_000_000_000_000_000_000),
        ("0", 0), ("120", 120), ("-5e2", -500),
    ] as [(String, Int64?)])
    func int64Value(_ text: String, _ expected: Int64?) {
        #expect(num(text).int64Value == expected)
    }

    @Test func doubleValue() {
        #expect(num("1.5").doubleValue == 1.5)
        #expect(num("-2e3").doubleValue == -2000)
        #expect(num("0").doubleValue == 0)
        #expect(num("1700000000").doubleValue == 1_700_000_000)
    }

    @Test func negation() {
        #expect(num("1.5").negated == num("-1.5"))
        #expect(num("-1.5").negated == num("1.5"))
        #expect(num("0").negated == .zero)
        #expect(!DynamoNumber.zero.negated.negative)
    }
}

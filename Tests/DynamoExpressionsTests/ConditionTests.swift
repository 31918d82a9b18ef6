import DynamoModel
import Testing
@testable import DynamoExpressions

/// An item with one attribute of each type.
let sample = #"""
{"s":{"S":"hello"},"n":{"N":"10"},"b":{"B":"AQID"},"t":{"BOOL":true},"z":{"NULL":true},
 "ss":{"SS":["dog","cat"]},"ns":{"NS":["1","2","3"]},"bs":{"BS":["AQ==","Ag=="]},
 "l":{"L":[{"S":"x"},{"N":"5"},{"M":{"k":{"S":"v"}}}]},"m":{"M":{"a":{"M":{"b":{"L":[{"N":"1"},{"N":"2"}]}}},"c":{"S":"d"}}},
 "name with space":{"S":"spaced"}}
"""#

struct ComparisonTests {
    @Test(arguments: [
        ("s = :v", #"{":v":{"S":"hello"}}"#, true),
        ("s = :v", #"{":v":{"S":"hellO"}}"#, false),
        ("n = :v", #"{":v":{"N":"10.0"}}"#, true),
        ("n = :v", #"{":v":{"S":"10"}}"#, false),
        ("b = :v", #"{":v":{"B":"AQID"}}"#, true),
        ("t = :v", #"{":v":{"BOOL":true}}"#, true),
        ("t = :v", #"{":v":{"N":"1"}}"#, false),
        ("z = :v", #"{":v":{"NULL":true}}"#, true),
        ("ss = :v", #"{":v":{"SS":["cat","dog"]}}"#, true),
        ("ss = :v", #"{":v":{"SS":["cat"]}}"#, false),
        ("ns = :v", #"{":v":{"NS":["3","2","1.00"]}}"#, true),
        ("bs = :v", #"{":v":{"BS":["Ag==","AQ=="]}}"#, true),
        ("l = :v", #"{":v":{"L":[{"S":"x"},{"N":"5"},{"M":{"k":{"S":"v"}}}]}}"#, true),
        ("l = :v", #"{":v":{"L":[{"N":"5"},{"S":"x"},{"M":{"k":{"S":"v"}}}]}}"#, false),
        ("m.c = :v", #"{":v":{"S":"d"}}"#, true),
        ("absent = :v", #"{":v":{"S":"d"}}"#, false),
        ("s <> :v", #"{":v":{"S":"x"}}"#, true),
        ("s <> :v", #"{":v":{"S":"hello"}}"#, false),
        ("n <> :v", #"{":v":{"S":"10"}}"#, true),
        ("absent <> :v", #"{":v":{"S":"x"}}"#, true),
        ("n < :v", #"{":v":{"N":"10.5"}}"#, true),
        ("n < :v", #"{":v":{"N":"10"}}"#, false),
        ("n <= :v", #"{":v":{"N":"10"}}"#, true),
        ("n > :v", #"{":v":{"N":"-3"}}"#, true),
        ("n >= :v", #"{":v":{"N":"1E1"}}"#, true),
        ("n > :v", #"{":v":{"S":"1"}}"#, false),
        ("s < :v", #"{":v":{"S":"hellp"}}"#, true),
        ("s > :v", #"{":v":{"S":"Zebra"}}"#, true),
        ("b < :v", #"{":v":{"B":"/w=="}}"#, true),
        ("b > :v", #"{":v":{"B":"AQI="}}"#, true),
        ("absent < :v", #"{":v":{"N":"1"}}"#, false),
        ("ss < :v", #"{":v":{"N":"1"}}"#, false),
        (":v < n", #"{":v":{"N":"9"}}"#, true),
    ])
    func comparison(_ text: String, _ valuesJSON: String, _ expected: Bool) {
        #expect(check(text, sample, values: valuesJSON) == expected)
    }

    @Test func twoMissingAttributes() {
        // scylladb test_condition_expression.py (against DynamoDB): an unset attribute is
        // never equal to anything, always "not equal", and never ordered.
        #expect(check("q = z1", sample) == false)
        #expect(check("q <> z1", sample) == true)
        for op in ["<", "<=", ">", ">="] { #expect(check("q \(op) z1", sample) == false) }
        #expect(check("q between z1 and x1", sample) == false)
    }

    @Test func stringsCompareByUTF8Bytes() {
        // "é" precomposed vs decomposed are different strings in DynamoDB.
        let it = #"{"a":{"S":"\u00e9"}}"#
        #expect(check("a = :v", it, values: #"{":v":{"S":"e\u0301"}}"#) == false)
        #expect(check("a = :v", it, values: #"{":v":{"S":"\u00e9"}}"#) == true)
        // Bytewise: "Z" (0x5A) < "a" (0x61); U+FFFF sorts after ASCII.
        #expect(check("a > :v", #"{"a":{"S":"a"}}"#, values: #"{":v":{"S":"Z"}}"#) == true)
        #expect(check("a > :v", #"{"a":{"S":"\uffff"}}"#, values: #"{":v":{"S":"zzz"}}"#) == true)
    }

    @Test func binaryComparesUnsigned() {
        #expect(check("a > :v", #"{"a":{"B":"gA=="}}"#, values: #"{":v":{"B":"fw=="}}"#) == true)
    }

    @Test func between() {
        let vals = #"{":lo":{"N":"5"},":hi":{"N":"10"},":slo":{"S":"a"},":shi":{"S":"i"}}"#
        #expect(check("n BETWEEN :lo AND :hi", sample, values: vals) == true)
        #expect(check("n between :lo and :lo", sample, values: vals) == false)
        #expect(check("s BETWEEN :slo AND :shi", sample, values: vals) == true)
        #expect(check("s BETWEEN :lo AND :hi", sample, values: vals) == false)
        #expect(check("absent BETWEEN :lo AND :hi", sample, values: vals) == false)
        // Bounds from the item in the wrong order: simply false.
        #expect(check("n BETWEEN n AND ns", sample) == false)
    }

    @Test func inList() {
        let vals = #"{":a":{"N":"1"},":b":{"N":"10"},":c":{"S":"hello"},":d":{"SS":["cat","dog"]}}"#
        #expect(check("n IN (:a, :b)", sample, values: vals) == true)
        #expect(check("n in (:a)", sample, values: vals) == false)
        #expect(check("s IN (:a, :c)", sample, values: vals) == true)
        #expect(check("ss IN (:d)", sample, values: vals) == true)
        #expect(check("absent IN (:a, :b)", sample, values: vals) == false)
        #expect(check("n IN (absent, n)", sample) == true)
    }

    @Test func inListLimit() {
        let list100 = (0..<100).map { _ in ":v" }.joined(separator: ", ")
        #expect(check("s IN (\(list100))", sample, values: #"{":v":{"S":"hello"}}"#) == true)
        // reapit/foundations#8255 quotes DynamoDB's answer for 163 operands.
        let list163 = (0..<163).map { _ in ":v" }.joined(separator: ",")
        #expect(conditionError("s IN (\(list163))", kind: .filter, values: v)
            == "Invalid FilterExpression: The IN operator is provided with too many operands; number of operands: 163")
    }
}

struct FunctionTests {
    @Test func attributeExistence() {
        #expect(check("attribute_exists(s)", sample) == true)
        #expect(check("attribute_exists(m.a.b[1])", sample) == true)
        #expect(check("attribute_exists(m.a.b[2])", sample) == false)
        #expect(check("attribute_exists(m.c.d)", sample) == false)
        #expect(check("attribute_exists(l[2].k)", sample) == true)
        #expect(check("attribute_exists(#n)", sample, names: ["#n": "name with space"]) == true)
        #expect(check("attribute_not_exists(nope)", sample) == true)
        #expect(check("attribute_not_exists(s)", sample) == false)
        #expect(check("attribute_not_exists(s)", nil) == true)
        #expect(check("attribute_exists(s)", nil) == false)
        // A #name holding a dot names a top-level attribute, not a path.
        #expect(check("attribute_exists(#n)", #"{"a.b":{"N":"1"}}"#, names: ["#n": "a.b"]) == true)
        #expect(check("attribute_exists(a.b)", #"{"a.b":{"N":"1"}}"#) == false)
    }

    @Test(arguments: [("s", "S"), ("n", "N"), ("b", "B"), ("t", "BOOL"), ("z", "NULL"), ("ss", "SS"),
                      ("ns", "NS"), ("bs", "BS"), ("l", "L"), ("m", "M")])
    func attributeType(_ attribute: String, _ type: String) {
        #expect(check("attribute_type(\(attribute), :t)", sample, values: #"{":t":{"S":"\#(type)"}}"#) == true)
        let other = type == "S" ? "N" : "S"
        #expect(check("attribute_type(\(attribute), :t)", sample, values: #"{":t":{"S":"\#(other)"}}"#) == false)
    }

    @Test func beginsWith() {
        #expect(check("begins_with(s, :p)", sample, values: #"{":p":{"S":"hel"}}"#) == true)
        #expect(check("begins_with(s, :p)", sample, values: #"{":p":{"S":"hello!"}}"#) == false)
        #expect(check("begins_with(s, :p)", sample, values: #"{":p":{"S":""}}"#) == true)
        #expect(check("begins_with(b, :p)", sample, values: #"{":p":{"B":"AQ=="}}"#) == true)
        #expect(check("begins_with(b, :p)", sample, values: #"{":p":{"S":"A"}}"#) == false)
        // Wrong type in the item: false, not an error.
        #expect(check("begins_with(n, :p)", sample, values: #"{":p":{"S":"1"}}"#) == false)
        #expect(check("begins_with(absent, :p)", sample, values: #"{":p":{"S":"1"}}"#) == false)
    }

    @Test func contains() {
        #expect(check("contains(s, :v)", sample, values: #"{":v":{"S":"ell"}}"#) == true)
        #expect(check("contains(s, :v)", sample, values: #"{":v":{"S":"elk"}}"#) == false)
        #expect(check("contains(b, :v)", sample, values: #"{":v":{"B":"AgM="}}"#) == true)
        #expect(check("contains(ss, :v)", sample, values: #"{":v":{"S":"cat"}}"#) == true)
        #expect(check("contains(ss, :v)", sample, values: #"{":v":{"S":"ca"}}"#) == false)
        #expect(check("contains(ns, :v)", sample, values: #"{":v":{"N":"2.0"}}"#) == true)
        #expect(check("contains(ns, :v)", sample, values: #"{":v":{"S":"2"}}"#) == false)
        #expect(check("contains(bs, :v)", sample, values: #"{":v":{"B":"Ag=="}}"#) == true)
        #expect(check("contains(l, :v)", sample, values: #"{":v":{"N":"5"}}"#) == true)
        #expect(check("contains(l, :v)", sample, values: #"{":v":{"M":{"k":{"S":"v"}}}}"#) == true)
        #expect(check("contains(l, :v)", sample, values: #"{":v":{"S":"y"}}"#) == false)
        #expect(check("contains(n, :v)", sample, values: #"{":v":{"N":"1"}}"#) == false)
        #expect(check("contains(m, :v)", sample, values: #"{":v":{"S":"c"}}"#) == false)
        #expect(check("contains(absent, :v)", sample, values: #"{":v":{"S":"c"}}"#) == false)
    }

    @Test func size() {
        let vals = #"{":five":{"N":"5"},":two":{"N":"2"},":three":{"N":"3"},":one":{"N":"1"}}"#
        #expect(check("size(s) = :five", sample, values: vals) == true)
        #expect(check("size(b) = :three", sample, values: vals) == true)
        #expect(check("size(ss) = :two", sample, values: vals) == true)
        #expect(check("size(ns) = :three", sample, values: vals) == true)
        #expect(check("size(bs) = :two", sample, values: vals) == true)
        #expect(check("size(l) = :three", sample, values: vals) == true)
        #expect(check("size(m) = :two", sample, values: vals) == true)
        #expect(check("size(m.a.b) > :one", sample, values: vals) == true)
        #expect(check("size(n) = :two", sample, values: vals) == false)
        #expect(check("size(n) <> :two", sample, values: vals) == true)
        #expect(check("size(absent) < :two", sample, values: vals) == false)
        #expect(check("size(s) BETWEEN :two AND :five", sample, values: vals) == true)
        #expect(check("size(l) IN (:one, :three)", sample, values: vals) == true)
        // UTF-8 bytes.
        #expect(check("size(a) = :two", #"{"a":{"S":"\u00e9"}}"#, values: vals) == true)
    }
}

struct LogicTests {
    let vals = #"{":t":{"S":"hello"},":f":{"S":"nope"}}"#

    @Test func andOrNot() {
        #expect(check("s = :t AND s <> :f", sample, values: vals) == true)
        #expect(check("s = :f AND s = :t", sample, values: vals) == false)
        #expect(check("s = :f OR s = :t", sample, values: vals) == true)
        #expect(check("NOT s = :f", sample, values: vals) == true)
        #expect(check("NOT (s = :t)", sample, values: vals) == false)
        #expect(check("not attribute_exists(s)", sample, values: nil) == false)
    }

    @Test func precedence() {
        // NOT binds tighter than AND, which binds tighter than OR.
        #expect(check("s = :t OR s = :f AND s = :f", sample, values: vals) == true)
        #expect(check("(s = :t OR s = :f) AND s = :f", sample, values: vals) == false)
        #expect(check("NOT s = :f AND s = :f", sample, values: vals) == false)
        #expect(check("NOT (s = :f AND s = :f)", sample, values: vals) == true)
        #expect(check("s = :f AND s = :f OR NOT s = :f", sample, values: vals) == true)
    }

    @Test func parenthesesAndCase() {
        #expect(check("(s) = (:t)", sample, values: vals) == true)
        #expect(check("((s = :t) and (s <> :f))", sample, values: vals) == true)
        #expect(check("s = :t aNd s <> :f oR s = :f", sample, values: vals) == true)
        #expect(check("s=:t", sample, values: vals) == true)
        #expect(check("\ts\n=\r:t ", sample, values: vals) == true)
    }

    @Test func operatorLimit() {
        // aws/aws-sdk-js#3721 quotes DynamoDB's answer for 301 operators.
        let ok = (0..<150).map { _ in "s = :t" }.joined(separator: " OR ")  // 299 operators
        #expect(check(ok, sample, values: vals) == true)
        let tooMany = (0..<151).map { _ in "s = :t" }.joined(separator: " OR ")
        #expect(conditionError(tooMany, kind: .filter, values: vals)
            == "Invalid FilterExpression: The expression contains too many operators; operator count: 301")
    }

    @Test func topLevelAttributes() throws {
        var request = makeRequest(names: ["#x": "m"], values: vals)
        let condition = try request.condition("#x.a.b[1] = :t AND (size(l) > s OR attribute_exists(q.r))", kind: .filter)
        #expect(condition.topLevelAttributes == ["m", "l", "s", "q"])
        #expect(request.topLevelAttributes == ["m", "l", "s", "q"])
    }
}

import DynamoModel
import Testing
@testable import DynamoExpressions

/// One invalid input and the exact message DynamoDB gives for it.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    enum Kind: Sendable { case condition(ConditionKind), update, projection }
    var kind: Kind
    var text: String
    var names: [String: String]?
    var values: String?
    var expected: String

    var testDescription: String { text }

    static func cond(_ text: String, _ expected: String, names: [String: String]? = nil, values: String? = nil,
                     kind: ConditionKind = .condition) -> InvalidCase {
        InvalidCase(kind: .condition(kind), text: text, names: names, values: values, expected: expected)
    }
    static func key(_ text: String, _ expected: String, values: String? = nil) -> InvalidCase {
        cond(text, expected, values: values, kind: .keyCondition)
    }
    static func upd(_ text: String, _ expected: String, names: [String: String]? = nil, values: String? = nil) -> InvalidCase {
        InvalidCase(kind: .update, text: text, names: names, values: values, expected: expected)
    }
    static func proj(_ text: String, _ expected: String, names: [String: String]? = nil) -> InvalidCase {
        InvalidCase(kind: .projection, text: text, names: names, values: nil, expected: expected)
    }

    func run() -> String? {
        switch kind {
        case .condition(let k): return conditionError(text, kind: k, names: names, values: values)
        case .update: return updateError(text, names: names, values: values)
        case .projection: return projectionError(text, names: names)
        }
    }
}

let v = #"{":v":{"S":"x"}}"#
// dynalite's UpdateExpression tests use these maps with every expression.
let dynaliteNames = ["#a": "a", "#b": "b"]
let dynaliteValues = #"{":a":{"S":"a"},":b":{"S":"a"}}"#
// The values of dynalite's "incorrect types to functions" test.
let typedValues = #"{":a":{"S":"a"},":b":{"N":"1"},":c":{"B":"YQ=="},":d":{"BOOL":false},":e":{"NULL":true},":f":{"SS":["a"]},":g":{"NS":["1"]},":h":{"BS":["YQ=="]},":i":{"M":{}},":j":{"L":[]}}"#

let syntaxCases: [InvalidCase] = [
    // Real DynamoDB answer quoted in aws/aws-cdk#7591.
    .upd("ADD hits : incr", #"Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr""#, values: #"{":incr":{"N":"1"}}"#),
    // Real DynamoDB answer quoted in nubo-db/dynoxide#12 (conformance run against AWS).
    .upd("INVALID SYNTAX HERE", #"Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX""#),
    // Real DynamoDB answer quoted in getndazn/dazn-lambda-powertools#242.
    .upd("SET #a = :v, #, b = :v", ##"Invalid UpdateExpression: Syntax error; token: "#", near: ", #,""##, names: ["#a": "a"], values: v),
    // The same near-text rule (previous token, bad token, next token), applied:
    .upd("whatever", #"Invalid UpdateExpression: Syntax error; token: "whatever", near: "whatever""#),
    .upd("set a", #"Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "a""#),
    .upd("SET", #"Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET""#),
    .upd("set a = b / c", #"Invalid UpdateExpression: Syntax error; token: "/", near: "b / c""#),
    .upd("set a = b + c + d", #"Invalid UpdateExpression: Syntax error; token: "+", near: "c + d""#),
    .upd("set a[1] = 1", #"Invalid UpdateExpression: Syntax error; token: "1", near: "= 1""#),
    .upd("remove :a", #"Invalid UpdateExpression: Syntax error; token: ":a", near: "remove :a""#),
    .upd("delete a b", #"Invalid UpdateExpression: Syntax error; token: "b", near: "a b""#),
    .upd("set a=set", #"Invalid UpdateExpression: Syntax error; token: "set", near: "=set""#),
    .upd("set (a = (b + c))", #"Invalid UpdateExpression: Syntax error; token: "(", near: "set (a""#),
    .cond("a b", #"Invalid ConditionExpression: Syntax error; token: "b", near: "a b""#),
    .cond("a = :v AND", #"Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND""#, values: v),
    .cond("a > 4", #"Invalid ConditionExpression: Syntax error; token: "4", near: "> 4""#),
    .cond("(a = :v", #"Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ":v""#, values: v),
    .cond("a !! :v", #"Invalid ConditionExpression: Syntax error; token: "!", near: "a !!""#, values: v),
    .cond("a = :v OR OR b = :v", #"Invalid FilterExpression: Syntax error; token: "OR", near: "OR OR b""#, values: v, kind: .filter),
    .key("things are not gonna be ok", #"Invalid KeyConditionExpression: Syntax error; token: "are", near: "things are not""#),
    .proj("a b", #"Invalid ProjectionExpression: Syntax error; token: "b", near: "a b""#),
    .proj("!!!", #"Invalid ProjectionExpression: Syntax error; token: "!", near: "!!""#),
    .proj("a,", #"Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ",""#),
    .proj("a[-1]", #"Invalid ProjectionExpression: Syntax error; token: "-", near: "[-1""#),
]

let conditionCases: [InvalidCase] = [
    // dynalite test/updateItem.js (validated against DynamoDB): empty expressions.
    .cond("", "Invalid ConditionExpression: The expression can not be empty;"),
    .cond("   ", "Invalid FilterExpression: The expression can not be empty;", kind: .filter),
    .cond("((a = :v))", "Invalid ConditionExpression: The expression has redundant parentheses;", values: v),
    .cond("((a)) = :v", "Invalid ConditionExpression: The expression has redundant parentheses;", values: v),
    .cond("foo(a)", "Invalid ConditionExpression: Invalid function name; function: foo"),
    .cond("if_not_exists(a, :v) = :v", "Invalid ConditionExpression: Invalid function name; function: if_not_exists", values: v),
    .cond("attribute_exists(a) = :v", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists", values: v),
    .cond("size(a)", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size"),
    .cond("a.name = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name", values: v),
    .cond("Status = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Status", values: v),
    .cond("#n = :v", "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #n", values: v),
    .cond("a = :w", "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w", values: v),
    .cond("begins_with(a)", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"),
    .cond("a = a", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
    .cond("contains(#x.b, x.b)", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [x, b]", names: ["#x": "x"]),
    // The brief's text for a number prefix, as DynamoDB words it.
    .cond("begins_with(a, :n)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N", values: #"{":n":{"N":"1"}}"#),
    .cond("attribute_type(a, :t)", "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}", values: #"{":t":{"S":"STRING"}}"#),
    .cond("attribute_type(a, :n)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N", values: #"{":n":{"N":"1"}}"#),
    .cond("attribute_exists(:v)", "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists", values: v),
    // The brief's exact BETWEEN text.
    .cond("a BETWEEN :lo AND :hi", "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}", values: #"{":lo":{"N":"10"},":hi":{"N":"1"}}"#),
    .cond("a BETWEEN :lo AND :hi", "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}", values: #"{":lo":{"N":"1"},":hi":{"S":"a"}}"#),
    // scylladb test_condition_expression.py (run against DynamoDB): a list constant in "<" is a ValidationException.
    .cond("a < :l", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: L", values: #"{":l":{"L":[]}}"#),
    .cond("size(:n) > a", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N", values: #"{":n":{"N":"1"}}"#),
    // Undefined names win over wrong operand types within one condition.
    .cond("begins_with(:n, #zz)", "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #zz", values: #"{":n":{"N":"1"}}"#),
]

let keyConditionCases: [InvalidCase] = [
    // dynalite test/query.js (validated against DynamoDB), "invalid operators".
    .key("a > b and size(b) > c or a > c", "Invalid operator used in KeyConditionExpression: OR"),
    .key("a in (b, size(c), d)", "Invalid operator used in KeyConditionExpression: IN"),
    .key("attribute_exists(a)", "Invalid operator used in KeyConditionExpression: attribute_exists"),
    .key("attribute_not_exists(a)", "Invalid operator used in KeyConditionExpression: attribute_not_exists"),
    .key("contains(a.d, b)", "Invalid operator used in KeyConditionExpression: contains"),
    .key("not a > b", "Invalid operator used in KeyConditionExpression: NOT"),
    .key("a <> b", "Invalid operator used in KeyConditionExpression: <>"),
    .key("attribute_type(a, :a)", "Invalid operator used in KeyConditionExpression: attribute_type", values: #"{":a":{"S":"S"}}"#),
    .key(":a between size(b) and size(a) and b > :b", "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand", values: #"{":a":{"S":"1"},":b":{"S":"1"}}"#),
    .key("begins_with(:a, b) and a > :b", "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand", values: #"{":a":{"S":"1"},":b":{"S":"1"}}"#),
    .key("size(b) > a AND a.b > b AND b > c", "KeyConditionExpressions cannot contain nested operations"),
    .key("a > size(b.d)", "KeyConditionExpressions cannot contain nested operations"),
    .key("b > a.b", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
    .key("a between b and size(a)", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
    .key("begins_with(a, b)", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
    .key("a.d > c", "KeyConditionExpressions cannot have conditions on nested attributes"),
    .key("b[0] > a", "KeyConditionExpressions cannot have conditions on nested attributes"),
    .key(":b > :a AND a < :b", "Invalid condition in KeyConditionExpression: No key attribute specified", values: #"{":a":{"N":"1"},":b":{"N":"1"}}"#),
    // dynalite test/query.js, with the prefix DynamoDB now adds (pinned against AWS in a KeyConditionExpression test suite).
    .key("(a > :a and b > :a) and (b > :a and c > :a)", "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key", values: #"{":a":{"N":"1"}}"#),
    // dynalite test/query.js: BETWEEN bounds.
    .key("a between :b and :a", "Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}", values: #"{":a":{"S":"a"},":b":{"N":"1"}}"#),
    .key("a between :b and :a", "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}", values: #"{":a":{"S":"a"},":b":{"S":"b"}}"#),
    // Pinned against DynamoDB ("Query - KeyConditionExpression operand types").
    .key("pk = :p AND begins_with(sk, :v)", "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N", values: #"{":p":{"S":"q"},":v":{"N":"1"}}"#),
    .key("pk = :p AND begins_with(sk, :v)", "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: BOOL", values: #"{":p":{"S":"q"},":v":{"BOOL":true}}"#),
    .key("pk = :p AND sk < :v", "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL", values: #"{":p":{"S":"q"},":v":{"BOOL":true}}"#),
    .key("pk = :p AND :v >= sk", "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: >=, operand type: BOOL", values: #"{":p":{"S":"q"},":v":{"BOOL":true}}"#),
    .key("pk = :p AND sk BETWEEN :a AND :b", "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: BOOL", values: #"{":p":{"S":"q"},":a":{"BOOL":false},":b":{"BOOL":true}}"#),
    .key("pk = :p AND sk > :a AND sk < :b", "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key", values: #"{":p":{"S":"q"},":a":{"N":"1"},":b":{"N":"5"}}"#),
]

let updateCases: [InvalidCase] = [
    // dynalite test/updateItem.js (validated against DynamoDB).
    .upd("", "Invalid UpdateExpression: The expression can not be empty;"),
    .upd(" set #c = :c set abOrt = true ", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: abOrt", names: dynaliteNames, values: dynaliteValues),
    .upd(" remove Absolute ", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Absolute", names: dynaliteNames, values: dynaliteValues),
    .upd("set #c = if_not_exist(:c) set c = d", "Invalid UpdateExpression: Invalid function name; function: if_not_exist", names: dynaliteNames, values: dynaliteValues),
    .upd("set a = #c set c = :d", #"Invalid UpdateExpression: The "SET" section can only be used once in an update expression;"#, names: dynaliteNames, values: dynaliteValues),
    .upd("remove #d set a = b remove e", #"Invalid UpdateExpression: The "REMOVE" section can only be used once in an update expression;"#, names: dynaliteNames, values: dynaliteValues),
    .upd("add #d :e set a = b add e :f", #"Invalid UpdateExpression: The "ADD" section can only be used once in an update expression;"#, names: dynaliteNames, values: dynaliteValues),
    .upd("delete #d :e set a = b delete #e :f", #"Invalid UpdateExpression: The "DELETE" section can only be used once in an update expression;"#, names: dynaliteNames, values: dynaliteValues),
    .upd("SET #c = if_not_exists(:c)", "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #c", names: dynaliteNames, values: dynaliteValues),
    .upd("SET #a = if_not_exists(:c)", "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :c", names: dynaliteNames, values: dynaliteValues),
    .upd("set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a)", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [1], a], path two: [c]", names: ["#c": "c", "#d": "[3]"]),
    .upd("set c.b.#c = a, c = a, #d = a", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, b, c], path two: [c]", names: ["#c": "c", "#d": "[3]"]),
    .upd("set a = b remove a, #c, #d", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]", names: ["#c": "c", "#d": "[3]"]),
    .upd("set #c[3].#d = a, #c[3] = a", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3]]", names: ["#c": "c", "#d": "[3]"]),
    .upd("remove c, #c.a, #d", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c], path two: [c, a]", names: ["#c": "c", "#d": "[3]"]),
    .upd("remove a, #c, a, #d", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]", names: ["#c": "c", "#d": "[3]"]),
    .upd("set #c[3].#d = a, #c.#d[3] = if_not_exists(a)", "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3], [3]]", names: ["#b": "b", "#c": "c", "#d": "[3]"]),
    .upd("remove a.#c set a[1] = #d", "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]", names: ["#b": "b", "#c": "c", "#d": "[3]"]),
    // HENNGE/aiodynamo#2 (real DynamoDB answer).
    .upd("SET f = :v, f = :v", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [f], path two: [f]", values: v),
    .upd("set b = list_append(:a, a), c = if_not_exists(a) add a.b :a", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING", values: #"{":a":{"S":"a"},":b":{"S":"a"}}"#),
    .upd("delete a.b :a", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: STRING", values: #"{":a":{"S":"a"}}"#),
    .upd("add a.b :a", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: NULL", values: #"{":a":{"NULL":true}}"#),
    .upd("add a.b :a", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: BOOLEAN", values: #"{":a":{"BOOL":false}}"#),
    .upd("add a.b :a", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: BINARY", values: #"{":a":{"B":"YQ=="}}"#),
    .upd("add a.b :a", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: MAP", values: #"{":a":{"M":{"a":{"L":[{"N":"1"}]}}}}"#),
    .upd("delete a.b :a", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: LIST", values: #"{":a":{"L":[{"N":"1"}]}}"#),
    .upd("delete a.b :a", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER", values: #"{":a":{"N":"1"}}"#),
    .upd("set a = if_not_exists(c)", "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1", names: dynaliteNames, values: dynaliteValues),
    .upd("set a = list_append(c)", "Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1", names: dynaliteNames, values: dynaliteValues),
    .upd("set a = if_not_exists(:a, c)", "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists", names: dynaliteNames, values: dynaliteValues),
    .upd("set a = if_not_exists(if_not_exists(a, b), c)", "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists", names: dynaliteNames, values: dynaliteValues),
    .upd("set a = size(b)", "Invalid UpdateExpression: Invalid function name; function: size"),
]

/// dynalite test/updateItem.js "incorrect types to functions" (validated against DynamoDB).
let functionTypeCases: [InvalidCase] = [
    ("set a = list_append(:a, a)", "list_append", "S"), ("set a = list_append(a, :b)", "list_append", "N"),
    ("set a = list_append(:c, a)", "list_append", "B"), ("set a = list_append(:d, a)", "list_append", "BOOL"),
    ("set a = list_append(:e, a)", "list_append", "NULL"), ("set a = list_append(:f, a)", "list_append", "SS"),
    ("set a = list_append(:g, a)", "list_append", "NS"), ("set a = list_append(:h, a)", "list_append", "BS"),
    ("set a = list_append(:i, a)", "list_append", "M"), ("set a = a + :a", "+", "S"), ("set a = :a + :c", "+", "S"),
    ("set a = :c + a", "+", "B"), ("set a = a + :d", "+", "BOOL"), ("set a = a + :e", "+", "NULL"),
    ("set a = a + :f", "+", "SS"), ("set a = a + :g", "+", "NS"), ("set a = a + :h", "+", "BS"),
    ("set a = a + :i", "+", "M"), ("set a = a + :j", "+", "L"), ("set a = a - :a", "-", "S"),
    ("set a = :a - :c", "-", "S"), ("set a = :c - a", "-", "B"), ("set a = a - :d", "-", "BOOL"),
    ("set a = a - :e", "-", "NULL"), ("set a = a - :f", "-", "SS"), ("set a = a - :g", "-", "NS"),
    ("set a = a - :h", "-", "BS"), ("set a = a - :i", "-", "M"), ("set a = a - :j", "-", "L"),
].map { text, op, type in
    .upd(text, "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: \(op), operand type: \(type)",
         names: nil, values: typedValues)
}

let projectionCases: [InvalidCase] = [
    .proj("", "Invalid ProjectionExpression: The expression can not be empty;"),
    .proj("a, name", "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name"),
    .proj("a.#b", "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #b"),
    .proj("a, a.b", "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"),
    .proj("a.b, #x[1]", "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]", names: ["#x": "a"]),
]

@Test(arguments: syntaxCases + conditionCases + keyConditionCases + updateCases + functionTypeCases + projectionCases)
func invalidExpression(_ c: InvalidCase) {
    #expect(c.run() == c.expected)
}

@Test func invalidCaseCount() {
    let all = syntaxCases + conditionCases + keyConditionCases + updateCases + functionTypeCases + projectionCases
    #expect(Set(all.map { "\($0.text)|\($0.expected)" }).count >= 60)
}

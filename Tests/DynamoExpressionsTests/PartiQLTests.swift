import DynamoModel
import Testing
@testable import DynamoExpressions

/// Reads and binds a statement.
private func bound(_ text: String, _ parameters: [AttributeValue] = []) throws(DynamoError) -> BoundStatement {
    try PartiQLStatement.parse(text).bind(parameters)
}

private func failure(_ text: String, _ parameters: [AttributeValue] = []) -> String? {
    message { () throws(DynamoError) in _ = try bound(text, parameters) }
}

private func select(_ text: String, _ parameters: [AttributeValue] = []) -> PartiQLSelect {
    guard case .select(let s) = try! bound(text, parameters) else { fatalError("not a SELECT: \(text)") }
    return s
}

private let malformed = "Statement wasn't well formed, can't be processed: "

struct PartiQLParsingTests {
    @Test func statementsAndTheirTables() throws {
        let cases: [(String, PartiQLStatement.Kind, String, String?)] = [
            (#"SELECT * FROM "Music" WHERE Artist = 'a'"#, .select, "Music", nil),
            (#"select a, b.c FROM Music."byYear" where x = 1"#, .select, "Music", "byYear"),
            (#"INSERT INTO "Music" VALUE {'Artist': 'a'}"#, .insert, "Music", nil),
            (#"UPDATE Music SET a = 1 REMOVE b WHERE Artist = 'a' RETURNING MODIFIED NEW *"#, .update, "Music", nil),
            (#"DELETE FROM "my-table" WHERE pk = ?;"#, .delete, "my-table", nil),
            (#"EXISTS(SELECT * FROM Music WHERE Artist = 'a' AND x IS MISSING)"#, .exists, "Music", nil),
        ]
        for (text, kind, table, index) in cases {
            let statement = try PartiQLStatement.parse(text)
            #expect(statement.kind == kind, "\(text)")
            #expect(statement.tableName == table && statement.indexName == index, "\(text)")
        }
        #expect(try PartiQLStatement.parse("DELETE FROM t WHERE pk = ? AND sk = ?").parameterCount == 2)
        #expect(try PartiQLStatement.parse("UPDATE t SET a = 1 WHERE pk = 'x' RETURNING ALL OLD *").returning == .allOld)
    }

    /// DynamoDB's texts for statements it cannot read (nubo-db dynamodb-conformance,
    /// tests/tier3/error-messages/partiqlGrammar.test.ts, captured from the service).
    @Test func malformedStatementsAnswerDynamoDBsTexts() {
        let cases: [(String, String)] = [
            (#"SELECT * FROM "t" WHERE pk = 1 foo"#, malformed + "Unexpected token after expression"),
            (#"SELECT * FROM "t" WHERE pk = 1)"#, malformed + "Unexpected token after expression"),
            (#"DELETE FROM "t" WHERE pk = 1 ORDER BY pk"#, malformed + "Unexpected token after expression"),
            (#"SELECT * FROM "t" WHERE"#, malformed + "Unexpected term"),
            (#"SELECT * FROM "t" WHERE;"#, malformed + "Unexpected term"),
            (#"SELECT * FROM "t" WHERE NOT"#, malformed + "Unexpected term"),
            (#"SELECT * FROM "t" WHERE ("#, malformed + "Unexpected term"),
            ("SELECT * FROM", malformed + "Unexpected term"),
            (#"SELECT * FROM "t" WHERE pk = 'p1' AND"#, malformed + "Missing right-hand side expression of infix operator"),
            (#"SELECT * FROM "t" WHERE pk = 'p1' OR"#, malformed + "Missing right-hand side expression of infix operator"),
            (#"SELECT * FROM "t" WHERE ORDER BY pk"#, malformed + "Unexpected keyword"),
            (#"SELECT * FROM "t" WHERE IS NULL"#, malformed + "Unexpected operator"),
            (#"SELECT * FROM "t" WHERE pk = 'a' AND x IS 5"#, malformed + "Expected type name"),
            ("DELETE FROM", malformed + "Expected identifier for simple path"),
            ("DELETE FROM WHERE pk = 'a'", malformed + "Expected identifier for simple path"),
            (#"SELECT * FROM "t" WHERE pk = 1 # note"#, malformed),
            (#"SELECT * FROM "t" WHERE pk = 1 /* note"#, malformed),
            (#"SELECT * FROM "t"#, malformed),
            ("SLECT * FROM t", malformed + "Expected data manipulation"),
            (#"SELECT * FROM "t" x WHERE pk = 'x'"#, "Aliasing is not supported"),
            (#"SELECT * FROM "t" AS x WHERE pk = 'x'"#, "Aliasing is not supported"),
            (#"INSERT INTO "t" x VALUE {'pk': 'x'}"#, malformed + "Unexpected token after expression"),
            (#"SELECT * FROM "t"."i"."x""#, "A path may contain at most 2 components in the FROM clause"),
            (#"SELECT * FROM """#, "Path component cannot be an empty string"),
            (#"INSERT INTO "t"."i" VALUE {'pk': 'x'}"#, "FROM clause may only contain a single table name in data manipulation statements"),
            (#"DELETE FROM t WHERE pk = 'x' RETURNING ALL NEW *"#,
             "Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements."),
            ("SELECT *, a FROM t", "Other attributes should not be present in the projection when '*' is used."),
        ]
        for (statement, expected) in cases {
            #expect(failure(statement) == expected, "\(statement)")
        }
    }

    /// The texts of literals DynamoDB refuses, with where they sit in the value.
    @Test func literalsFollowDynamoDBsNumberAndSetRules() {
        #expect(failure("SELECT * FROM t WHERE pk = 1e126") == "Number overflow. Attempting to store a number with magnitude larger than supported range under root")
        #expect(failure("SELECT * FROM t WHERE pk = 1e-131") == "Number underflow. Attempting to store a number with magnitude smaller than supported range under root")
        #expect(failure("INSERT INTO t VALUE {'pk': 1, 'm': {'x': 1e126}}")?.hasSuffix(" under root.m.x") == true)
        #expect(failure("INSERT INTO t VALUE {'pk': 1, 'l': [1, 1e126]}")?.hasSuffix(" under root.l[1]") == true)
        #expect(failure("SELECT * FROM t WHERE pk = 1e2147483648") == malformed)
        #expect(failure("INSERT INTO t VALUE {'pk': 'a', 's': <<'a', 'a'>>}") == "One or more parameter values were invalid: Input collection [a, a] contains duplicates.")
        #expect(failure("INSERT INTO t VALUE {'pk': 'a', 's': <<>>}") == "Empty bags are not supported")
        #expect(failure("INSERT INTO t VALUE {'pk': 'a', 's': <<'a', 1>>}") == "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in bags")
        #expect(failure("INSERT INTO t VALUE {'pk': 'a', 'pk': 'b'}") == "Duplicate keys in tuple. Key: pk under root")
        #expect(failure("INSERT INTO t VALUE ['a']") == "Unsupported format in item expression. Please use struct format {...} to express item values for insert statement.")
        #expect(failure("INSERT INTO t VALUES {'pk': 'a'}")?.hasPrefix("Unsupported operation: Inserting multiple items") == true)
        #expect(failure("SELECT * FROM t WHERE pk = ?") == "Number of parameters in request and statement don't match.")
        #expect(failure("SELECT * FROM t WHERE pk = ?", [.s("a"), .s("b")]) == "Number of parameters in request and statement don't match.")
    }

    @Test func anInsertItemBindsEveryType() throws {
        guard case .insert(let value) = try bound("INSERT INTO t VALUE {'pk': ?, 'n': -1.50, 'b': TRUE, 'z': NULL, 'l': [1, 'two'], 'm': {'x': 'y'}, 'ns': <<3, 1>>, 'ss': <<'a'>>}",
                                                  [.b([1, 2])]) else { Issue.record("not an INSERT"); return }
        #expect(value == item(#"{"pk":{"B":"AQI="},"n":{"N":"-1.5"},"b":{"BOOL":true},"z":{"NULL":true},"l":{"L":[{"N":"1"},{"S":"two"}]},"m":{"M":{"x":{"S":"y"}}},"ns":{"NS":["3","1"]},"ss":{"SS":["a"]}}"#))
    }

    /// Operands of an ordering comparison must be strings, numbers or binaries (texts captured
    /// by nubo-db's tests/tier2/partiql/comparison.test.ts).
    @Test func orderingOperandsAreChecked() {
        for op in ["<", "<=", ">", ">="] {
            #expect(failure("SELECT pk FROM t WHERE pk = 'x' AND val \(op) ?", [.bool(true)])
                == "Incorrect operand type for operator or function; operator or function: \(op), operand type: BOOL")
        }
        #expect(failure("SELECT pk FROM t WHERE val BETWEEN ? AND ?", [.bool(true), .bool(false)])?.contains("operator or function: BETWEEN") == true)
        #expect(failure("SELECT pk FROM t WHERE val < ?", [.n(DynamoNumber(5))]) == nil)
        #expect(failure("SELECT * FROM t WHERE x = MISSING") == "MISSING must be compared using IS operator")
        #expect(failure("SELECT * FROM t WHERE x IS INT4") == "Unsupported data type for IS operator: INT4. Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]")
        #expect(failure("SELECT * FROM t WHERE x") == "WHERE clause must contain an expression that resolves to a boolean")
        #expect(failure("SELECT * FROM t WHERE nope(x)") == "Unrecognized function: nope")
        #expect(failure("SELECT * FROM t WHERE attribute_type(x, 'Z')")?.hasPrefix("Invalid attribute type name found; type: Z") == true)
    }
}

struct PartiQLEvaluationTests {
    /// The WHERE of a statement evaluates as the equivalent ConditionExpression does.
    @Test func whereClausesEvaluateLikeConditions() {
        let stored = item(#"{"pk":{"S":"a"},"n":{"N":"5"},"s":{"S":"hello"},"l":{"L":[{"S":"x"}]},"z":{"NULL":true},"m":{"M":{"k":{"N":"1"}}}}"#)
        let truths: [(String, Bool)] = [
            ("n = 5", true), ("n <> 5", false), ("n != 4", true), ("n > 4 AND n < 6", true), ("n BETWEEN 1 AND 4", false),
            ("n NOT BETWEEN 1 AND 4", true), ("n IN [1, 5]", true), ("n NOT IN (1, 2)", true), ("absent IS MISSING", true),
            ("n IS NOT MISSING", true), ("z IS NULL", true), ("absent IS NULL", false), ("absent IS NOT NULL", true), ("s IS STRING", true),
            ("m IS STRUCT", true), ("l IS LIST", true), ("begins_with(s, 'he')", true), ("contains(l, 'x')", true), ("contains(s, 'ell')", true),
            ("attribute_type(n, 'N')", true), ("size(s) = 5", true), ("m.k = 1", true), ("\"m\".\"k\" >= 1", true), ("l[0] = 'x'", true),
            ("NOT (n = 5) OR s = 'hello'", true), ("absent = 'a'", false), ("NOT absent = 'a'", true), ("absent <> 'a'", true),
            ("n = 5 AND (s = 'no' OR s = 'hello')", true), ("'hello' = s", true), ("n = -5", false), ("attribute_exists(m.k)", true),
        ]
        for (condition, expected) in truths {
            let where_ = select("SELECT * FROM t WHERE \(condition)").condition!
            #expect((try? where_.condition.evaluate(stored)) == expected, "\(condition)")
        }
    }

    /// Which partitions a SELECT reads, or that it scans (the documented cases:
    /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html).
    @Test func partitionsOrAScan() {
        let cases: [(String, [AttributeValue]?)] = [
            ("OrderID = 100", [n("100")]),
            ("OrderID = 100 and Address = 'some address'", [n("100")]),
            ("OrderID = 100 or OrderID = 200", [n("100"), n("200")]),
            ("OrderID IN [100, 300, 234]", [n("100"), n("300"), n("234")]),
            ("(OrderID = 1 AND x = 2) OR OrderID = 1", [n("1")]),
            ("OrderID > 1", nil),
            ("Address = 'some address'", nil),
            ("OrderID = 100 OR Address = 'some address'", nil),
            ("NOT OrderID = 100", nil),
            ("m.OrderID = 100", nil),
        ]
        for (condition, expected) in cases {
            let where_ = select("SELECT * FROM Orders WHERE \(condition)").condition!
            #expect(where_.partitionValues(partitionKey: "OrderID") == expected, "\(condition)")
        }
        let keyed = select("SELECT * FROM t WHERE pk = 'a' AND sk BETWEEN 'b' AND 'c'").condition!
        #expect(keyed.sortCondition(sortKey: "sk") == .between(.s("b"), .s("c")))
        #expect(select("SELECT * FROM t WHERE pk = 'a' AND 'c' > sk").condition!.sortCondition(sortKey: "sk") == .less(.s("c")))
        #expect(select("SELECT * FROM t WHERE pk = 'a' AND begins_with(sk, 'x')").condition!.sortCondition(sortKey: "sk") == .beginsWith(.s("x")))
    }

    /// An UPDATE or DELETE addresses one item: an equality on every key attribute at the top.
    @Test func writesNeedTheWholeKey() throws {
        guard case .update(let w) = try bound("UPDATE t SET a = a + 1 WHERE pk = 'a' AND sk = ? AND x > 1", [n("2")]) else { return }
        let (key, rest) = try PartiQLWhere.itemKey(w.condition, keyNames: ["pk", "sk"])
        #expect(key == item(#"{"pk":{"S":"a"},"sk":{"N":"2"}}"#))
        #expect(rest?.topLevelAttributes == ["x"])
        let incomplete = "Where clause does not contain a mandatory equality on all key attributes"
        for statement in ["DELETE FROM t WHERE pk = 'a'", "DELETE FROM t WHERE pk = 'a' OR sk = 'b'", "DELETE FROM t WHERE pk > 'a' AND sk = 'b'", "DELETE FROM t"] {
            guard case .delete(let d) = try bound(statement) else { continue }
            #expect(message { () throws(DynamoError) in _ = try PartiQLWhere.itemKey(d.condition, keyNames: ["pk", "sk"]) } == incomplete, "\(statement)")
        }
        guard case .delete(let twice) = try bound("DELETE FROM t WHERE pk = 'a' AND pk = 'b' AND sk = 'c'") else { return }
        #expect(message { () throws(DynamoError) in _ = try PartiQLWhere.itemKey(twice.condition, keyNames: ["pk", "sk"]) }
            == "Multiple conditions on same key pk. Only single item Update/Insert/Delete are supported")
    }

    /// SET and REMOVE become the UpdateExpression actions: arithmetic, list_append, nested
    /// paths, set_add/set_delete as ADD/DELETE of a set.
    @Test func updatesApplyLikeUpdateExpressions() throws {
        let old = item(#"{"pk":{"S":"a"},"n":{"N":"5"},"l":{"L":[{"N":"1"}]},"ss":{"SS":["a","b"]},"m":{"M":{"k":{"N":"1"}}},"gone":{"S":"x"}}"#)
        guard case .update(let w) = try bound(
            "UPDATE t SET n = n - 2 SET l = list_append(l, [2]), ss = set_add(ss, <<'c'>>), m.k2 = 'v' REMOVE gone SET ns = <<1, 2>> WHERE pk = 'a'"),
            let update = w.update else { Issue.record("no update"); return }
        let new = try update.apply(to: old).item
        #expect(new == item(#"{"pk":{"S":"a"},"n":{"N":"3"},"l":{"L":[{"N":"1"},{"N":"2"}]},"ss":{"SS":["a","b","c"]},"m":{"M":{"k":{"N":"1"},"k2":{"S":"v"}}},"ns":{"NS":["1","2"]}}"#))
        guard case .update(let del) = try bound("UPDATE t SET ss = set_delete(ss, <<'a'>>) WHERE pk = 'a'") else { return }
        #expect(try del.update!.apply(to: old).item["ss"] == .ss(["b"]))
        #expect(failure("UPDATE t SET ss = set_add(other, <<'a'>>) WHERE pk = 'a'") == "The first argument to SET_ADD must equal the assignment value")
        #expect(failure("UPDATE t SET ss = set_add(ss, 'a') WHERE pk = 'a'") == "The second argument to SET_ADD must be a value with type SET")
        #expect(failure("UPDATE t SET n = n + 'x' WHERE pk = 'a'") == "Incorrect operand type for operator or function; operator or function: +, operand type: S")
        #expect(failure("UPDATE t SET a = 1, a.b = 2 WHERE pk = 'a'")?.hasPrefix("Two document paths overlap") == true)
        #expect(failure("UPDATE t SET a = (b = 1) WHERE pk = 'a'") == "Unsupported operator in Update Expression. Operator: =")
    }

    /// A SELECT list answers each path under its last name; a path ending in an index under
    /// its place in the list.
    @Test func projectionsNameValuesByTheirLastStep() {
        let stored = item(#"{"pk":{"S":"a"},"m":{"M":{"nested":{"S":"deep"}}},"l":{"L":[{"S":"x"}]}}"#)
        let projection = select("SELECT pk, m.nested, l[0], absent FROM t WHERE pk = 'a'").projection!
        #expect(projection.apply(to: stored) == item(#"{"pk":{"S":"a"},"nested":{"S":"deep"},"_3":{"S":"x"}}"#))
        #expect(failure("SELECT a.x, b.x FROM t") == "Duplicate identifiers in select clause: x")
    }
}

/// Hostile input: whatever the text, reading it ends in a statement or a ValidationException,
/// within the stack (nesting and operators are bounded).
struct PartiQLRobustnessTests {
    @Test func deepNestingIsRefusedNotRecursedInto() async {
        let depth = 4000
        let texts = [
            "SELECT * FROM t WHERE " + String(repeating: "(", count: depth) + "a = 1" + String(repeating: ")", count: depth),
            "SELECT * FROM t WHERE " + String(repeating: "NOT ", count: depth) + "a = 1",
            "INSERT INTO t VALUE " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            "INSERT INTO t VALUE {'a': " + String(repeating: "{'a': ", count: depth) + "1" + String(repeating: "}", count: depth + 1),
            "SELECT * FROM t WHERE a = " + String(repeating: "-", count: depth) + "1",
            "UPDATE t SET a = " + String(repeating: "a + ", count: depth) + "1 WHERE pk = 'a'",
            "SELECT * FROM t WHERE " + String(repeating: "a = 1 AND ", count: depth) + "a = 1",
        ]
        let results = await Task.detached { texts.map { failure($0) } }.value
        for (text, result) in zip(texts, results) {
            #expect(result != nil, "\(text.prefix(40))")
        }
        #expect(results[2] == "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit" || results[2] == malformed)
    }

    /// Random bytes and random arrangements of PartiQL's own tokens never crash the reader.
    @Test func arbitraryTextNeverCrashes() {
        var generator = SplitMix(seed: 0x5EED)
        let pieces = ["SELECT", "INSERT", "INTO", "UPDATE", "DELETE", "FROM", "WHERE", "SET", "REMOVE", "VALUE", "RETURNING", "ALL", "OLD", "NEW",
                      "MODIFIED", "AND", "OR", "NOT", "IN", "IS", "MISSING", "NULL", "BETWEEN", "EXISTS", "ORDER", "BY", "DESC", "*", "?", "=", "<>",
                      "<", ">=", "(", ")", "[", "]", "{", "}", "<<", ">>", ",", ".", ":", ";", "-", "+", "'s'", "\"t\"", "t", "a", "1", "1e5",
                      "size", "begins_with", "set_add", "list_append", "'", "\"", "/*", "--", "`", "é", "\u{0}"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 24) { text += pieces[Int(generator.next() % UInt64(pieces.count))] + " " }
            let parameters = (0..<Int(generator.next() % 3)).map { _ in AttributeValue.s("p") }
            _ = failure(text, parameters)
        }
        for _ in 0..<2000 {
            let bytes = (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = failure(String(decoding: bytes, as: UTF8.self))
        }
    }
}

/// A small deterministic generator, so a failure reproduces.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

import DynamoModel
import Testing
@testable import DynamoExpressions

let base = #"""
{"pk":{"S":"k"},"n":{"N":"5"},"s":{"S":"str"},"ns":{"NS":["1","2"]},"ss":{"SS":["a","b"]},"bs":{"BS":["AQ=="]},
 "l":{"L":[{"N":"0"},{"N":"1"},{"N":"2"},{"N":"3"}]},"m":{"M":{"x":{"N":"1"},"in":{"M":{"y":{"S":"z"}}}}}}
"""#

func updated(_ text: String, _ itemJSON: String? = base, names: [String: String]? = nil, values: String? = nil,
             sourceLocation: SourceLocation = #_sourceLocation) -> Item {
    switch applyUpdate(text, to: itemJSON, names: names, values: values) {
    case .success(let item): return item
    case .failure(let error):
        Issue.record("unexpected error: \(error.message ?? "")", sourceLocation: sourceLocation)
        return [:]
    }
}

struct SetTests {
    @Test func setTopLevelAndNested() {
        let out = updated("SET a = :v, m.x = :w, m.#new = :v, m.#in.y = :w", names: ["#new": "new", "#in": "in"],
                          values: #"{":v":{"S":"V"},":w":{"N":"7"}}"#)
        #expect(out["a"] == av(#"{"S":"V"}"#))
        #expect(out["m"] == av(#"{"M":{"x":{"N":"7"},"new":{"S":"V"},"in":{"M":{"y":{"N":"7"}}}}}"#))
        #expect(out["pk"] == av(#"{"S":"k"}"#))
    }

    @Test func setListElementsAndAppendBeyondEnd() {
        let out = updated("SET l[1] = :v, l[10] = :w, l[20] = :v", values: #"{":v":{"S":"V"},":w":{"S":"W"}}"#)
        #expect(out["l"] == av(#"{"L":[{"N":"0"},{"S":"V"},{"N":"2"},{"N":"3"},{"S":"W"},{"S":"V"}]}"#))
    }

    @Test func rightHandSidesReadTheOldItem() {
        let out = updated("SET n = s, s = n")
        #expect(out["n"] == av(#"{"S":"str"}"#))
        #expect(out["s"] == av(#"{"N":"5"}"#))
    }

    @Test func arithmetic() {
        #expect(updated("SET n = n + :d", values: #"{":d":{"N":"0.5"}}"#)["n"] == n("5.5"))
        #expect(updated("SET n = n - :d", values: #"{":d":{"N":"7"}}"#)["n"] == n("-2"))
        #expect(updated("SET c = :a + :b", values: #"{":a":{"N":"1E-3"},":b":{"N":"2"}}"#)["c"] == n("2.001"))
        #expect(updated("SET c = (n + n)")["c"] == n("10"))
        #expect(updated("SET c = (n) - (:d)", values: #"{":d":{"N":"1"}}"#)["c"] == n("4"))
        // Exact decimal arithmetic, up to 38 significant digits.
        #expect(updated("SET c = :a + :b", values: #"{":a":{"N":"0.1"},":b":{"N":"0.2"}}"#)["c"] == n("0.3"))
        #expect(updated("SET c = :a + :b", values: #"{":a":{"N":"12345678901234567890123456789012345678"},":b":{"N":"1"}}"#)["c"]
            == n("12345678901234567890123456789012345679"))
        // A sum needing more than 38 digits is refused like an overflow (DynamoNumber.adding).
        #expect(applyUpdate("SET c = :a + :b", to: base, values: #"{":a":{"N":"12345678901234567890123456789012345678"},":b":{"N":"0.1"}}"#).errorMessage
            == "Number overflow. Attempting to store a number with magnitude larger than supported range")
    }

    @Test func ifNotExistsAndListAppend() {
        let vals = #"{":d":{"N":"100"},":l":{"L":[{"S":"end"}]},":e":{"L":[]}}"#
        #expect(updated("SET n = if_not_exists(n, :d)", values: vals)["n"] == n("5"))
        #expect(updated("SET c = if_not_exists(c, :d)", values: vals)["c"] == n("100"))
        #expect(updated("SET c = if_not_exists(c, n) + :d", values: vals)["c"] == n("105"))
        #expect(updated("SET l = list_append(l, :l)", values: vals)["l"]
            == av(#"{"L":[{"N":"0"},{"N":"1"},{"N":"2"},{"N":"3"},{"S":"end"}]}"#))
        #expect(updated("SET l = list_append(:l, l)", values: vals)["l"]
            == av(#"{"L":[{"S":"end"},{"N":"0"},{"N":"1"},{"N":"2"},{"N":"3"}]}"#))
        #expect(updated("SET c = list_append(if_not_exists(c, :e), :l)", values: vals)["c"] == av(#"{"L":[{"S":"end"}]}"#))
    }

    @Test func setOnNoItem() {
        #expect(updated("SET a = :v", nil, values: #"{":v":{"N":"1"}}"#) == ["a": n("1")])
    }

    @Test func errors() {
        // dynalite test/updateItem.js (validated against DynamoDB).
        #expect(applyUpdate("set c = b", to: base).errorMessage
            == "The provided expression refers to an attribute that does not exist in the item")
        #expect(applyUpdate("set e = list_append(b, c)", to: base).errorMessage
            == "The provided expression refers to an attribute that does not exist in the item")
        #expect(applyUpdate("set b.a = :v", to: nil, values: v).errorMessage
            == "The document path provided in the update expression is invalid for update")
        #expect(applyUpdate("set b[1] = :v", to: nil, values: v).errorMessage
            == "The document path provided in the update expression is invalid for update")
        for text in ["set s.a = :v", "set s[1] = :v", "set y.a = :v", "set m[1] = :v", "set l.#one = :v",
                     "set m.nope.deeper = :v", "set l[9].x = :v"] {
            #expect(applyUpdate(text, to: base, names: ["#one": "1"], values: v).errorMessage
                == "The document path provided in the update expression is invalid for update", "\(text)")
        }
        #expect(applyUpdate("set e = s + :d", to: base, values: #"{":d":{"N":"1"}}"#).errorMessage
            == "An operand in the update expression has an incorrect data type")
        #expect(applyUpdate("set e = list_append(ns, :l)", to: base, values: #"{":l":{"L":[]}}"#).errorMessage
            == "An operand in the update expression has an incorrect data type")
        // Number overflow, as DynamoNumber reports it.
        #expect(applyUpdate("set n = :a + :a", to: base, values: #"{":a":{"N":"9.9999999999999999999999999999999999999E+125"}}"#).errorMessage
            == "Number overflow. Attempting to store a number with magnitude larger than supported range")
    }
}

struct RemoveTests {
    @Test func removeAttributesAndNested() {
        let out = updated("REMOVE s, m.x, absent, m.nothing")
        #expect(out["s"] == nil)
        #expect(out["m"] == av(#"{"M":{"in":{"M":{"y":{"S":"z"}}}}}"#))
    }

    @Test func removeListElementsShiftsByOriginalPositions() {
        #expect(updated("REMOVE l[1], l[2]")["l"] == av(#"{"L":[{"N":"0"},{"N":"3"}]}"#))
        #expect(updated("REMOVE l[2], l[0]")["l"] == av(#"{"L":[{"N":"1"},{"N":"3"}]}"#))
        #expect(updated("REMOVE l[9]")["l"] == av(#"{"L":[{"N":"0"},{"N":"1"},{"N":"2"},{"N":"3"}]}"#))
        #expect(updated("SET l[1] = :v REMOVE l[0]", values: v)["l"] == av(#"{"L":[{"S":"x"},{"N":"2"},{"N":"3"}]}"#))
    }

    @Test func removeInvalidPaths() {
        // dynalite test/updateItem.js (validated against DynamoDB).
        for text in ["remove s.a", "remove s[1]", "remove y.a", "remove y[1]", "remove m[1]", "remove l.#one"] {
            #expect(applyUpdate(text, to: base, names: ["#one": "1"]).errorMessage
                == "The document path provided in the update expression is invalid for update", "\(text)")
        }
    }
}

struct AddDeleteTests {
    @Test func add() {
        let vals = #"{":one":{"N":"1"},":ss":{"SS":["b","c"]},":ns":{"NS":["2","3"]},":bs":{"BS":["Ag=="]}}"#
        let out = updated("ADD n :one, c :one, ss :ss, ns :ns, bs :bs, newset :ss, m.x :one, m.y :one", values: vals)
        #expect(out["n"] == n("6"))
        #expect(out["c"] == n("1"))
        #expect(out["ss"] == av(#"{"SS":["a","b","c"]}"#))
        #expect(out["ns"] == av(#"{"NS":["1","2","3"]}"#))
        #expect(out["bs"] == av(#"{"BS":["AQ==","Ag=="]}"#))
        #expect(out["newset"] == av(#"{"SS":["b","c"]}"#))
        #expect(out["m"] == av(#"{"M":{"x":{"N":"2"},"y":{"N":"1"},"in":{"M":{"y":{"S":"z"}}}}}"#))
    }

    @Test func delete() {
        let vals = #"{":a":{"SS":["a","zz"]},":all":{"SS":["a","b"]},":ns":{"NS":["2"]}}"#
        let out = updated("DELETE ss :a, ns :ns, absent :a", values: vals)
        #expect(out["ss"] == av(#"{"SS":["b"]}"#))
        #expect(out["ns"] == av(#"{"NS":["1"]}"#))
        #expect(out["absent"] == nil)
        // Deleting the last elements removes the attribute.
        #expect(updated("DELETE ss :all", values: vals)["ss"] == nil)
    }

    @Test func typeMismatches() {
        // dynalite test/updateItem.js (validated against DynamoDB).
        let cases: [(String, String)] = [
            ("delete ns :a", #"{":a":{"SS":["1"]}}"#), ("delete m :a", #"{":a":{"NS":["1"]}}"#),
            ("delete n :a", #"{":a":{"NS":["1"]}}"#), ("add m :a", #"{":a":{"NS":["1"]}}"#),
            ("add ns :a", #"{":a":{"N":"1"}}"#), ("add s :a", #"{":a":{"N":"1"}}"#),
        ]
        for (text, vals) in cases {
            #expect(applyUpdate(text, to: base, values: vals).errorMessage
                == "An operand in the update expression has an incorrect data type", "\(text)")
        }
        #expect(applyUpdate("add y.a :a", to: base, values: #"{":a":{"N":"1"}}"#).errorMessage
            == "The document path provided in the update expression is invalid for update")
    }
}

struct UpdateResultTests {
    @Test func touchedPathsAndPurity() throws {
        var request = makeRequest(values: #"{":v":{"N":"9"}}"#)
        let update = try request.update("SET m.x = :v, a = :v REMOVE s ADD n :v")
        let old = item(base)
        let result = try update.apply(to: old)
        #expect(old == item(base))  // the input is untouched
        #expect(result.touchedPaths.map(\.description) == ["[m, x]", "[a]", "[s]", "[n]"])
        #expect(result.updatedAttributes(of: old) == item(#"{"m":{"M":{"x":{"N":"1"}}},"s":{"S":"str"},"n":{"N":"5"}}"#))
        #expect(result.updatedAttributes(of: result.item) == item(#"{"m":{"M":{"x":{"N":"9"}}},"a":{"N":"9"},"n":{"N":"14"}}"#))
        #expect(update.topLevelAttributes == ["m", "a", "s", "n"])
        #expect(update.writtenTopLevelAttributes == ["m", "a", "s", "n"])
    }

    @Test func readAttributesCountAsTopLevel() throws {
        var request = makeRequest(names: ["#r": "reads"])
        let update = try request.update("SET a = if_not_exists(#r.x, src)")
        #expect(update.topLevelAttributes == ["a", "reads", "src"])
        #expect(update.writtenTopLevelAttributes == ["a"])
    }
}

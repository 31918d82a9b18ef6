import DynamoExpressions
import DynamoModel

/// The expression language: an expression text, its ExpressionAttributeNames and
/// ExpressionAttributeValues (parts separated by `%%` lines) go through every parser
/// (condition, filter, key condition, update, projection) and, when they resolve, are
/// evaluated and applied to a fixed item.
enum ExpressionTarget {
    static let item: Item = [
        "pk": .s("p"), "sk": .n(DynamoNumber.parseValid("1")), "n": .n(DynamoNumber.parseValid("-12.5e3")),
        "s": .s("text"), "b": .b([0, 1, 2]), "ss": .ss(["a", "b"]), "ns": .ns([DynamoNumber.parseValid("1"), DynamoNumber.parseValid("2")]),
        "bs": .bs([[1], [2]]), "l": .l([.s("x"), .n(DynamoNumber.parseValid("3")), .m(["deep": .l([.null])])]),
        "m": .m(["a": .s("1"), "b": .m(["c": .bool(true)])]), "t": .bool(false), "z": .null,
    ]

    static let target = FuzzTarget(name: "expressions") { bytes in
        let p = parts(bytes, count: 3)
        let expression = text(p[0])
        let names = p[1].isEmpty ? nil : try? JSONParser.parse(p[1])
        let values = p[2].isEmpty ? nil : try? JSONParser.parse(p[2])
        // A private cache per input: a cached parse must not hide a parser bug.
        let cache = ExpressionCache(capacity: 8)
        guard let request = try? ExpressionRequest(namesJSON: names, valuesJSON: values, cache: cache) else { return }
        for kind in [ConditionKind.condition, .filter, .keyCondition] {
            var r = request
            if let condition = try? r.condition(expression, kind: kind) {
                _ = try? condition.evaluate(item)
                _ = try? condition.evaluate(nil)
                _ = try? r.finish()
            }
        }
        var u = request
        if let update = try? u.update(expression) {
            _ = try? update.apply(to: item)
            _ = try? update.apply(to: nil)
            _ = try? u.finish()
        }
        var pr = request
        if let projection = try? pr.projection(expression) {
            _ = projection.apply(to: item)
        }
    }
}

extension DynamoNumber {
    /// A number the target knows is valid.
    static func parseValid(_ text: String) -> DynamoNumber {
        guard case .success(let n) = parse(text) else { fatalError("not a number: \(text)") }
        return n
    }
}

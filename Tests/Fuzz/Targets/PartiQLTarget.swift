import DynamoExpressions
import DynamoModel

/// PartiQL: a statement and its `Parameters` (a JSON list of AttributeValues, parts separated
/// by a `%%` line) are parsed, bound and, when they bind, evaluated against a fixed item the
/// way the operations use them: WHERE as a condition, key equalities and partition values,
/// SET/REMOVE applied, projections applied.
enum PartiQLTarget {
    static let target = FuzzTarget(name: "partiql") { bytes in
        let p = parts(bytes, count: 2)
        let statementText = text(p[0])
        guard statementText.utf8.count <= PartiQLStatement.maxLength,
              let statement = try? PartiQLStatement.parse(statementText) else { return }
        var parameters: [AttributeValue] = []
        if !p[1].isEmpty, let json = try? JSONParser.parse(p[1]), case .array(let list) = json {
            for entry in list { if let value = try? AttributeValueCodec.decode(entry) { parameters.append(value) } }
        }
        guard let bound = try? statement.bind(parameters) else { return }
        let item = ExpressionTarget.item
        func exercise(_ condition: PartiQLWhere?) {
            guard let condition else { return }
            _ = try? condition.condition.evaluate(item)
            _ = try? condition.condition.evaluate(nil)
            _ = condition.topLevelAttributes
            _ = condition.partitionValues(partitionKey: "pk")
            _ = condition.keyEqualities(keyNames: ["pk", "sk"])
            _ = condition.sortCondition(sortKey: "sk")
            _ = try? PartiQLWhere.itemKey(condition, keyNames: ["pk", "sk"])
        }
        switch bound {
        case .select(let s), .exists(let s):
            exercise(s.condition)
            _ = s.topLevelAttributes
            if let projection = s.projection { _ = projection.apply(to: item) }
        case .insert(let newItem):
            _ = ItemSize.of(newItem)
        case .update(let w), .delete(let w):
            exercise(w.condition)
            if let update = w.update {
                _ = try? update.apply(to: item)
                _ = try? update.apply(to: nil)
            }
        }
    }
}

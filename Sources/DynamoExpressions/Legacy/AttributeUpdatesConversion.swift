import DynamoModel

extension Legacy {
    /// `AttributeUpdates` of UpdateItem: per attribute an `Action` (PUT, the default, ADD or
    /// DELETE) and a `Value`. Applying it reports "Type mismatch for attribute to update"
    /// where an UpdateExpression would report an incorrect operand type, and ADD also
    /// appends to lists.
    public static func attributeUpdates(_ json: JSONValue) throws(DynamoError) -> Update {
        var actions: [UpdateAction] = []
        for (name, raw) in try members(json) {
            let entry = try structure(raw)
            var action = "PUT"
            if let a = entry["Action"], !a.isNull {
                guard case .string(let text) = a else { throw .serialization(LegacyComparison.nonStringMessage(a)) }
                guard ["ADD", "PUT", "DELETE"].contains(text) else {
                    throw .validation("1 validation error detected: Value '\(text)' at 'attributeUpdates.\(name).member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]")
                }
                action = text
            }
            let value = try entry["Value"].flatMap { (v) throws(DynamoError) -> AttributeValue? in
                v.isNull ? nil : try AttributeValueCodec.decode(v)
            }
            let path = DocumentPath(name: name)
            guard let value else {
                if action != "DELETE" {
                    throw .validation(invalid + "Only DELETE action is allowed when no attribute value is specified")
                }
                actions.append(.remove(path))
                continue
            }
            switch action {
            case "PUT":
                actions.append(.set(path, .operand(.value(value))))
            case "DELETE":
                guard value.isSet else {
                    throw .validation(invalid + "DELETE action with value is not supported for the type \(value.typeTag)")
                }
                actions.append(.delete(path, value))
            default:
                guard value.isSet || value.typeTag == "N" || value.typeTag == "L" else {
                    throw .validation(invalid + "ADD action is not supported for the type \(value.typeTag)")
                }
                actions.append(.add(path, value))
            }
        }
        return Update(actions: actions, legacy: true)
    }
}

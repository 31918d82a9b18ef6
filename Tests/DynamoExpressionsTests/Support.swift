import DynamoModel
import Testing
@testable import DynamoExpressions

/// Parses wire JSON (`{"S":"x"}`) into an AttributeValue.
func av(_ json: String) -> AttributeValue {
    try! AttributeValueCodec.decode(try! JSONParser.parse(json))
}

/// Parses a wire item (`{"a":{"S":"x"}}`).
func item(_ json: String) -> Item {
    try! AttributeValueCodec.decodeItem(try! JSONParser.parse(json))
}

func values(_ jsonText: String?) -> [String: AttributeValue]? {
    guard let jsonText else { return nil }
    let item = try! AttributeValueCodec.decodeItem(try! JSONParser.parse(jsonText))
    return Dictionary(uniqueKeysWithValues: item.map { ($0.key.string, $0.value) })
}

func n(_ text: String) -> AttributeValue {
    .n(try! DynamoNumber.parse(text).get())
}

/// A private cache per request, so tests do not depend on each other.
func makeRequest(names: [String: String]? = nil, values valuesJSON: String? = nil) -> ExpressionRequest {
    ExpressionRequest(names: names, values: values(valuesJSON), cache: ExpressionCache(capacity: 64))
}

/// The message of the DynamoError `body` throws, or nil if it does not throw.
func message<T>(_ body: () throws(DynamoError) -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.message
    }
}

func conditionError(_ text: String, kind: ConditionKind = .condition, names: [String: String]? = nil,
                    values: String? = nil) -> String? {
    var request = makeRequest(names: names, values: values)
    return message { () throws(DynamoError) in _ = try request.condition(text, kind: kind) }
}

func updateError(_ text: String, names: [String: String]? = nil, values: String? = nil) -> String? {
    var request = makeRequest(names: names, values: values)
    return message { () throws(DynamoError) in _ = try request.update(text) }
}

func projectionError(_ text: String, names: [String: String]? = nil) -> String? {
    var request = makeRequest(names: names)
    return message { () throws(DynamoError) in _ = try request.projection(text) }
}

/// Evaluates a condition against an item.
func check(_ text: String, _ itemJSON: String?, names: [String: String]? = nil, values: String? = nil,
           sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    var request = makeRequest(names: names, values: values)
    do {
        let condition = try request.condition(text, kind: .condition)
        return try condition.evaluate(itemJSON.map(item))
    } catch {
        Issue.record("unexpected error: \(error.message ?? "")", sourceLocation: sourceLocation)
        return false
    }
}

/// Applies an update to an item, returning the new item (or nil and the message).
func applyUpdate(_ text: String, to itemJSON: String?, names: [String: String]? = nil,
                 values: String? = nil) -> Result<Item, DynamoError> {
    var request = makeRequest(names: names, values: values)
    do {
        let update = try request.update(text)
        return .success(try update.apply(to: itemJSON.map(item)).item)
    } catch {
        return .failure(error)
    }
}

extension Result where Failure == DynamoError {
    var errorMessage: String? {
        if case .failure(let e) = self { return e.message }
        return nil
    }
    var value: Success? {
        if case .success(let v) = self { return v }
        return nil
    }
}

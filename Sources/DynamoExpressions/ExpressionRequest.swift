import DynamoModel

/// All the expressions of one request, parsed, resolved and checked together, so that
/// unused or undefined ExpressionAttributeNames/Values are reported as DynamoDB does,
/// across every expression of the request.
///
/// Order of use, as DynamoDB checks a request: build it (the names and values maps are
/// checked first), parse each expression in the order DynamoDB does for the operation
/// (UpdateItem: UpdateExpression before ConditionExpression; Query: KeyConditionExpression,
/// FilterExpression, ProjectionExpression), then call `finish()`.
public struct ExpressionRequest: Sendable {
    public let names: [String: String]?
    public let values: [String: AttributeValue]?
    public private(set) var usedNames: Set<String> = []
    public private(set) var usedValues: Set<String> = []
    /// Union of the top-level attributes of every expression parsed so far.
    public private(set) var topLevelAttributes: Set<AttributeName> = []
    let cache: ExpressionCache

    public init(names: [String: String]?, values: [String: AttributeValue]?, cache: ExpressionCache = .shared) {
        self.names = names
        self.values = values
        self.cache = cache
    }

    /// Decodes and checks the raw `ExpressionAttributeNames` and `ExpressionAttributeValues`
    /// members (either may be absent or JSON null), in DynamoDB's order: names empty, names
    /// keys, values empty, values keys, then each value.
    public init(namesJSON: JSONValue?, valuesJSON: JSONValue?, cache: ExpressionCache = .shared) throws(DynamoError) {
        var names: [String: String]?
        if let namesJSON, !namesJSON.isNull {
            guard case .object(let members) = namesJSON else { throw .serialization("Expected map or null") }
            var map: [String: String] = [:]
            for (key, value) in members {
                guard case .string(let s) = value else {
                    if value.isNull { continue }
                    throw .serialization(Self.stringTypeError(value))
                }
                map[key] = s
            }
            names = map
        }
        try Self.checkKeys(names.map { Array($0.keys) }, parameter: "ExpressionAttributeNames", sigil: "#")
        try Self.checkNames(names)
        var values: [String: AttributeValue]?
        if let valuesJSON, !valuesJSON.isNull {
            guard case .object(let members) = valuesJSON else { throw .serialization("Expected map or null") }
            try Self.checkKeys(members.map(\.0), parameter: "ExpressionAttributeValues", sigil: ":")
            var map: [String: AttributeValue] = [:]
            for (key, json) in members {
                do {
                    map[key] = try AttributeValueCodec.decode(json)
                } catch where error.code == "ValidationException" && error.message != AttributeValueCodec.attributeNameTooLarge {
                    throw .validation("ExpressionAttributeValues contains invalid value: \(error.message ?? "") for key \(key)",
                                      redacted: error.redactedMessage.map { "ExpressionAttributeValues contains invalid value: \($0) for key \(key)" })
                }
            }
            values = map
        }
        try Self.checkSubstitutionSize(names: names, values: values)
        self.init(names: names, values: values, cache: cache)
        try validateSubstitutions()
    }

    /// The names an ExpressionAttributeNames map stands for: not empty, and within the
    /// attribute-name length limit (messages captured from DynamoDB by peers' suites).
    private static func checkNames(_ names: [String: String]?) throws(DynamoError) {
        guard let names else { return }
        for key in names.keys.sorted() {
            let name = names[key]!
            if name.isEmpty { throw .validation("ExpressionAttributeNames contains invalid value: Empty attribute name for key \(key)") }
            try AttributeValueCodec.checkAttributeName(name)
        }
    }

    /// "The maximum length of all substitution variables in an expression is 2 MB: the sum of
    /// the lengths of all ExpressionAttributeNames and ExpressionAttributeValues"
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters).
    /// Lengths: each placeholder's bytes plus its name's bytes or its value's size. The texts
    /// are DynamoDB Local's (the service's own are not published).
    static let maxSubstitutionBytes = 2 * 1024 * 1024

    private static func checkSubstitutionSize(names: [String: String]?, values: [String: AttributeValue]?) throws(DynamoError) {
        let namesSize = names?.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count } ?? 0
        if namesSize > maxSubstitutionBytes { throw .validation("ExpressionAttributeNames exceeds max size") }
        let valuesSize = values?.reduce(0) { $0 + $1.key.utf8.count + ItemSize.of($1.value) } ?? 0
        if valuesSize > maxSubstitutionBytes { throw .validation("ExpressionAttributeValues exceeds max size") }
        if namesSize + valuesSize > maxSubstitutionBytes {
            throw .validation("Combined size of ExpressionAttributeNames and ExpressionAttributeValues exceeds max size")
        }
    }

    private static func stringTypeError(_ value: JSONValue) -> String {
        switch value {
        case .bool: return "class java.lang.Boolean can not be converted to an String"
        case .number: return "class java.lang.Integer can not be converted to an String"
        case .array: return "Start of list found where not expected"
        default: return "Start of structure or map found where not expected."
        }
    }

    static func isValidKey(_ key: String, sigil: UInt8) -> Bool {
        let bytes = Array(key.utf8)
        guard bytes.count >= 2, bytes[0] == sigil else { return false }
        return bytes.dropFirst().allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
    }

    /// Placeholders are at most 255 bytes, sigil included (checked before their syntax).
    static let maxKeyBytes = 255

    private static func checkKeys(_ keys: [String]?, parameter: String, sigil: Character) throws(DynamoError) {
        guard let keys else { return }
        if keys.isEmpty { throw .validation("\(parameter) must not be empty") }
        for key in keys {
            let size = key.utf8.count
            if size > maxKeyBytes {
                // The values map's text has no size, as captured from the service.
                let detail = sigil == "#" ? " size of key: \(size)" : ""
                throw .validation("\(parameter) contains invalid key: The expression attribute map contains a key that is too long;\(detail)")
            }
            if !isValidKey(key, sigil: sigil.asciiValue!) {
                throw .validation("\(parameter) contains invalid key: Syntax error; key: \"\(key)\"")
            }
        }
    }

    /// "must not be empty" and "contains invalid key" for the maps given to `init`.
    public func validateSubstitutions() throws(DynamoError) {
        try Self.checkKeys(names.map { $0.keys.sorted() }, parameter: "ExpressionAttributeNames", sigil: "#")
        try Self.checkKeys(values.map { $0.keys.sorted() }, parameter: "ExpressionAttributeValues", sigil: ":")
    }

    private mutating func record(_ subs: Substitutions) {
        usedNames.formUnion(subs.usedNames)
        usedValues.formUnion(subs.usedValues)
    }

    public mutating func condition(_ text: String, kind: ConditionKind) throws(DynamoError) -> Condition {
        try validateSubstitutions()
        let subs = Substitutions(names: names, values: values)
        defer { record(subs) }
        do throws(ExpressionFailure) {
            try Limits.checkText(text, reportsSize: kind != .keyCondition)
            let raw = try cache.condition(kind, text)
            let node = try ConditionResolver(subs: subs).resolve(raw)
            let keyParts = kind == .keyCondition ? try KeyConditionShape.parts(node) : nil
            let condition = Condition(root: node, keyParts: keyParts)
            topLevelAttributes.formUnion(condition.topLevelAttributes)
            return condition
        } catch {
            throw error.dynamoError(parameter: kind.parameterName)
        }
    }

    public mutating func projection(_ text: String) throws(DynamoError) -> Projection {
        try validateSubstitutions()
        let subs = Substitutions(names: names, values: values)
        defer { record(subs) }
        do throws(ExpressionFailure) {
            try Limits.checkText(text, reportsSize: false)
            let raw = try cache.projection(text)
            var paths: [DocumentPath] = []
            for rawPath in raw.paths { paths.append(try subs.resolve(rawPath).get()) }
            if let failure = PathOverlap.check(paths) { throw failure }
            let projection = Projection(paths: paths)
            topLevelAttributes.formUnion(projection.topLevelAttributes)
            return projection
        } catch {
            throw error.dynamoError(parameter: "ProjectionExpression")
        }
    }

    public mutating func update(_ text: String) throws(DynamoError) -> Update {
        try validateSubstitutions()
        let subs = Substitutions(names: names, values: values)
        defer { record(subs) }
        do throws(ExpressionFailure) {
            try Limits.checkText(text, reportsSize: false)
            let raw = try cache.update(text)
            let update = Update(actions: try UpdateResolver(subs: subs).resolve(raw), legacy: false)
            topLevelAttributes.formUnion(update.topLevelAttributes)
            return update
        } catch {
            throw error.dynamoError(parameter: "UpdateExpression")
        }
    }

    /// The errors for names and values no expression used (names first), keys sorted.
    public func finish() throws(DynamoError) {
        if let names {
            let unused = names.keys.filter { !usedNames.contains($0) }.sorted()
            if !unused.isEmpty {
                throw .validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {\(unused.joined(separator: ", "))}")
            }
        }
        if let values {
            let unused = values.keys.filter { !usedValues.contains($0) }.sorted()
            if !unused.isEmpty {
                throw .validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {\(unused.joined(separator: ", "))}")
            }
        }
    }
}

import DynamoModel
import WardenSupport

/// Parsing of the schema shapes shared by CreateTable, UpdateTable and restores: key
/// schemas, attribute definitions, projections and throughput, with AWS's texts.
enum SchemaParsing {
    typealias RawKeyElement = (name: String?, keyType: String?)

    /// A KeySchema list. Tables and local secondary indexes have at most 2 elements; a global
    /// secondary index up to 8 (`maxCount` nil: its multi-attribute rules are checked in `keySchema`).
    static func keyElements(_ json: JSONValue?, path: String, maxCount: Int? = 2, constraints: inout Constraints) throws(DynamoError) -> [RawKeyElement]? {
        guard let json, !json.isNull else {
            constraints.notNull(nil as String?, at: path)
            return nil
        }
        let list = try Params.list(json)
        constraints.count(list.count, rendered: render(list), at: path, min: 1, max: maxCount)
        var out: [RawKeyElement] = []
        for (i, element) in list.enumerated() {
            let p = try Params.structure(element)
            let name = try p.string("AttributeName")
            let keyType = try p.string("KeyType")
            constraints.notNull(name, at: "\(path).\(i + 1).member.attributeName")
            constraints.length(name, at: "\(path).\(i + 1).member.attributeName", min: 1, max: 255)
            constraints.notNull(keyType, at: "\(path).\(i + 1).member.keyType")
            constraints.oneOf(keyType, at: "\(path).\(i + 1).member.keyType", ["HASH", "RANGE"])
            out.append((name, keyType))
        }
        return out
    }

    static func attributeDefinitions(_ json: JSONValue?, path: String, constraints: inout Constraints) throws(DynamoError) -> [(String?, String?)]? {
        guard let json, !json.isNull else {
            constraints.notNull(nil as String?, at: path)
            return nil
        }
        let list = try Params.list(json)
        var out: [(String?, String?)] = []
        for (i, element) in list.enumerated() {
            let p = try Params.structure(element)
            let name = try p.string("AttributeName")
            let type = try p.string("AttributeType")
            constraints.notNull(name, at: "\(path).\(i + 1).member.attributeName")
            constraints.length(name, at: "\(path).\(i + 1).member.attributeName", min: 1, max: 255)
            constraints.notNull(type, at: "\(path).\(i + 1).member.attributeType")
            constraints.oneOf(type, at: "\(path).\(i + 1).member.attributeType", ["B", "N", "S"])
            out.append((name, type))
        }
        return out
    }

    static func render(_ list: [JSONValue]) -> String {
        "[" + list.map { JSONWriter.string($0) }.joined(separator: ", ") + "]"
    }

    /// Checks the structure of a key schema (already constraint-checked) and resolves its
    /// types from the attribute definitions. A global secondary index (`multiAttribute`) may
    /// have up to four HASH elements followed by up to four RANGE elements
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.MultiAttributeKeys).
    static func keySchema(_ elements: [RawKeyElement], definitions: [AttributeDefinition], multiAttribute: Bool = false) throws(DynamoError) -> KeySchema {
        let names = elements.compactMap(\.name)
        for name in names where !definitions.contains(where: { AttributeName($0.name) == AttributeName(name) }) {
            throw .validation("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [\(names.joined(separator: ", "))], AttributeDefinitions: [\(definitions.map(\.name).joined(separator: ", "))]")
        }
        guard let first = elements.first, first.keyType == "HASH" else {
            throw .validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
        }
        if elements.count == 2 && elements[0].name.map({ AttributeName($0) }) == elements[1].name.map({ AttributeName($0) }) {
            throw .validation("Both the Hash Key and the Range Key element in the KeySchema have the same name")
        }
        func attribute(_ e: RawKeyElement) -> KeyAttribute {
            KeyAttribute(name: e.name!, type: definitions.first { AttributeName($0.name) == AttributeName(e.name!) }!.type)
        }
        guard multiAttribute else {
            if elements.count == 2 && elements[1].keyType != "RANGE" {
                throw .validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
            }
            return KeySchema(partition: [attribute(first)], sort: elements.dropFirst().map(attribute))
        }
        let hashCount = elements.prefix { $0.keyType == "HASH" }.count
        if elements.dropFirst(hashCount).contains(where: { $0.keyType == "HASH" }) {
            throw .validation("Invalid KeySchema: A HASH KeySchemaElement cannot follow a RANGE KeySchemaElement")
        }
        if hashCount > maxKeyAttributes {
            throw .validation("One or more parameter values were invalid: Number of HASH key attributes in the KeySchema (\(hashCount)) exceeds the limit of \(maxKeyAttributes)")
        }
        if elements.count - hashCount > maxKeyAttributes {
            throw .validation("One or more parameter values were invalid: Number of RANGE key attributes in the KeySchema (\(elements.count - hashCount)) exceeds the limit of \(maxKeyAttributes)")
        }
        var seen = AttributeNameSet()
        for name in names where !seen.insert(AttributeName(name)).inserted {
            throw .validation("One or more parameter values were invalid: Duplicate attribute name in the KeySchema: \(name)")
        }
        return KeySchema(partition: elements.prefix(hashCount).map(attribute), sort: elements.dropFirst(hashCount).map(attribute))
    }

    /// Attributes per partition key and per sort key of a global secondary index.
    static let maxKeyAttributes = 4

    static func projection(_ json: JSONValue?, path: String, constraints: inout Constraints) throws(DynamoError) -> (type: String?, nonKey: [String]?)? {
        guard let json, !json.isNull else {
            constraints.notNull(nil as String?, at: path)
            return nil
        }
        let p = try Params.structure(json)
        let type = try p.string("ProjectionType")
        constraints.oneOf(type, at: "\(path).projectionType", ["ALL", "KEYS_ONLY", "INCLUDE"])
        let nonKey = try p.list("NonKeyAttributes").map { (list) throws(DynamoError) -> [String] in
            try list.map { (v) throws(DynamoError) -> String in try Params.string(v) }
        }
        if let nonKey {
            constraints.count(nonKey.count, rendered: "[" + nonKey.joined(separator: ", ") + "]", at: "\(path).nonKeyAttributes", min: 1, max: 20)
            // Projected attribute names are at most 255 characters (NonKeyAttributeName).
            constraints.memberLengths(nonKey, at: "\(path).nonKeyAttributes", min: 1, max: 255)
        }
        return (type, nonKey)
    }

    static func checkProjection(_ raw: (type: String?, nonKey: [String]?)) throws(DynamoError) -> IndexProjection {
        guard let type = raw.type, let projectionType = ProjectionType(rawValue: type) else {
            throw .validation("One or more parameter values were invalid: Unknown ProjectionType: null")
        }
        if let nonKey = raw.nonKey {
            if projectionType != .include {
                throw .validation("One or more parameter values were invalid: ProjectionType is \(type), but NonKeyAttributes is specified")
            }
            return IndexProjection(type: .include, nonKeyAttributes: nonKey)
        }
        if projectionType == .include {
            throw .validation("One or more parameter values were invalid: NonKeyAttributes must not be empty")
        }
        return IndexProjection(type: projectionType)
    }

    /// ProvisionedThroughput: both units present and ≥ 1.
    static func throughput(_ json: JSONValue?, path: String, constraints: inout Constraints) throws(DynamoError) -> (Int64?, Int64?)? {
        guard let json, !json.isNull else { return nil }
        let p = try Params.structure(json)
        let read = try p.long("ReadCapacityUnits")
        let write = try p.long("WriteCapacityUnits")
        constraints.notNull(write, at: "\(path).writeCapacityUnits")
        constraints.atLeast(write, at: "\(path).writeCapacityUnits", 1)
        constraints.notNull(read, at: "\(path).readCapacityUnits")
        constraints.atLeast(read, at: "\(path).readCapacityUnits", 1)
        return (read, write)
    }

    static func checkThroughputBounds(_ t: (Int64?, Int64?)) throws(DynamoError) {
        let limit: Int64 = 1_000_000_000_000
        if let r = t.0, r > limit { throw .validation("Given value \(r) for ReadCapacityUnits is out of bounds") }
        if let w = t.1, w > limit { throw .validation("Given value \(w) for WriteCapacityUnits is out of bounds") }
    }

    static func onDemand(_ json: JSONValue?) throws(DynamoError) -> OnDemandThroughput? {
        guard let json, !json.isNull else { return nil }
        let p = try Params.structure(json)
        let r = try p.long("MaxReadRequestUnits")
        let w = try p.long("MaxWriteRequestUnits")
        if r == nil && w == nil { return nil }
        return OnDemandThroughput(maxRead: r, maxWrite: w)
    }

    static func tags(_ json: JSONValue?, path: String, constraints: inout Constraints) throws(DynamoError) -> [Tag]? {
        guard let json, !json.isNull else { return nil }
        let list = try Params.list(json)
        var out: [Tag] = []
        for (i, element) in list.enumerated() {
            let p = try Params.structure(element)
            let key = try p.string("Key")
            let value = try p.string("Value")
            constraints.notNull(key, at: "\(path).\(i + 1).member.key")
            constraints.length(key, at: "\(path).\(i + 1).member.key", min: 1, max: 128)
            constraints.notNull(value, at: "\(path).\(i + 1).member.value")
            constraints.length(value, at: "\(path).\(i + 1).member.value", max: 256)
            if let key, let value { out.append(Tag(key: key, value: value)) }
        }
        return out
    }

    /// SSESpecification → the settings to record (nil means AWS-owned key: no SSEDescription).
    static func sse(_ json: JSONValue?, account: String, region: String, constraints: inout Constraints) throws(DynamoError) -> SSESettings?? {
        guard let json, !json.isNull else { return .none }
        let p = try Params.structure(json)
        let enabled = try p.bool("Enabled")
        let type = try p.string("SSEType")
        constraints.oneOf(type, at: "sSESpecification.sSEType", ["AES256", "KMS"])
        let keyId = try p.string("KMSMasterKeyId")
        if enabled == false {
            if keyId != nil || type != nil {
                throw .validation("One or more parameter values were invalid: SSEType and KMSMasterKeyId cannot be specified when Enabled is false")
            }
            return .some(nil)
        }
        if enabled == nil && type == nil && keyId == nil { return .some(nil) }
        if type == "AES256" {
            throw .validation("One or more parameter values were invalid: SSEType AES256 is not supported")
        }
        return .some(SSESettings(sseType: "KMS", kmsMasterKeyArn: kmsKeyArn(keyId, account: account, region: region)))
    }

    /// AWS reports the key's ARN: a bare key id or alias is expanded in the table's account and
    /// region; no key means the AWS-managed key `alias/aws/dynamodb`.
    static func kmsKeyArn(_ keyId: String?, account: String, region: String) -> String {
        guard let keyId, !keyId.isEmpty else {
            return "arn:aws:kms:\(region):\(account):key/\(managedKeyId(account: account, region: region))"
        }
        if keyId.hasPrefix("arn:") { return keyId }
        if keyId.hasPrefix("alias/") { return "arn:aws:kms:\(region):\(account):\(keyId)" }
        return "arn:aws:kms:\(region):\(account):key/\(keyId)"
    }

    /// A stable id for the account's AWS-managed DynamoDB key.
    static func managedKeyId(account: String, region: String) -> String {
        var h: UInt64 = 1_469_598_103_934_665_603
        for b in (account + region + "aws/dynamodb").utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        let hex = String(h, radix: 16).leftPadded(to: 16) + String(h &* 31, radix: 16).leftPadded(to: 16)
        let c = Array(hex)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-\(String(c[12..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }

    static func streamSpecification(_ json: JSONValue?, constraints: inout Constraints) throws(DynamoError) -> (enabled: Bool, viewType: String?)? {
        guard let json, !json.isNull else { return nil }
        let p = try Params.structure(json)
        let enabled = try p.bool("StreamEnabled")
        let viewType = try p.string("StreamViewType")
        constraints.notNull(enabled, at: "streamSpecification.streamEnabled")
        constraints.oneOf(viewType, at: "streamSpecification.streamViewType", ["NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"])
        return (enabled ?? false, viewType)
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

import DynamoModel

/// Typed access to a request's top-level JSON members, raising AWS's SerializationException
/// texts when a member has the wrong JSON type (AWS's deserializer is Jackson-based; its
/// texts are reproduced from dynalite's `validations/index.js`, which recorded them).
public struct Params: Sendable {
    public let json: JSONValue

    public init(_ json: JSONValue) throws(DynamoError) {
        guard case .object = json else {
            throw .serialization("Start of list found where not expected")
        }
        self.json = json
    }

    public func has(_ key: String) -> Bool {
        guard let v = json[key] else { return false }
        return !v.isNull
    }

    public subscript(key: String) -> JSONValue? {
        guard let v = json[key], !v.isNull else { return nil }
        return v
    }

    public func string(_ key: String) throws(DynamoError) -> String? {
        guard let v = self[key] else { return nil }
        return try Params.string(v)
    }

    public func bool(_ key: String) throws(DynamoError) -> Bool? {
        guard let v = self[key] else { return nil }
        return try Params.bool(v)
    }

    public func int(_ key: String) throws(DynamoError) -> Int64? {
        guard let v = self[key] else { return nil }
        return try Params.int(v, javaType: "Integer")
    }

    public func long(_ key: String) throws(DynamoError) -> Int64? {
        guard let v = self[key] else { return nil }
        return try Params.int(v, javaType: "Long")
    }

    public func object(_ key: String) throws(DynamoError) -> [(String, JSONValue)]? {
        guard let v = self[key] else { return nil }
        return try Params.object(v)
    }

    public func list(_ key: String) throws(DynamoError) -> [JSONValue]? {
        guard let v = self[key] else { return nil }
        return try Params.list(v)
    }

    public func structure(_ key: String) throws(DynamoError) -> Params? {
        guard let v = self[key] else { return nil }
        return try Params.structure(v)
    }

    // MARK: value-level conversions

    public static func string(_ v: JSONValue) throws(DynamoError) -> String {
        try AttributeValueCodec.string(v)
    }

    public static func bool(_ v: JSONValue) throws(DynamoError) -> Bool {
        switch v {
        case .bool(let b): return b
        case .string(let s): throw .serialization("'\(s.uppercased())' can not be converted to an Boolean")
        case .number(let n):
            let cls = javaNumberClass(n)
            if cls == "java.lang.Double" { return (Double(n) ?? 0).magnitude >= 1 }
            throw .serialization("class \(cls) can not be converted to an Boolean")
        case .array: throw .serialization("Start of list found where not expected")
        case .object: throw .serialization("Start of structure or map found where not expected.")
        case .null: throw .serialization("Unexpected null")
        }
    }

    public static func int(_ v: JSONValue, javaType: String) throws(DynamoError) -> Int64 {
        switch v {
        case .number(let n):
            if let i = Int64(n) { return i }
            if let d = Double(n) { return Int64(d.rounded(.down).clamped(to: -9.2e18...9.2e18)) }
            throw .serialization("Invalid number")
        case .bool: throw .serialization("class java.lang.Boolean can not be converted to an \(javaType)")
        case .string: throw .serialization("class java.lang.String can not be converted to an \(javaType)")
        case .array: throw .serialization("Start of list found where not expected")
        case .object: throw .serialization("Start of structure or map found where not expected.")
        case .null: throw .serialization("Unexpected null")
        }
    }

    public static func object(_ v: JSONValue) throws(DynamoError) -> [(String, JSONValue)] {
        switch v {
        case .object(let o): return o
        case .array: throw .serialization("Start of list found where not expected")
        default: throw .serialization("Expected map or null")
        }
    }

    public static func list(_ v: JSONValue) throws(DynamoError) -> [JSONValue] {
        try AttributeValueCodec.list(v)
    }

    public static func structure(_ v: JSONValue) throws(DynamoError) -> Params {
        switch v {
        case .object: return try Params(v)
        case .array: throw .serialization("Start of list found where not expected")
        default: throw .serialization("Expected null")
        }
    }

    static func javaNumberClass(_ text: String) -> String {
        AttributeValueCodec.javaNumberClass(text)
    }
}

extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}

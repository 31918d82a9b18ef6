/// AttributeValue ↔ DynamoDB's wire JSON (`{"S":"x"}`, `{"N":"1"}`, …) with AWS's validation
/// texts for malformed values.
public enum AttributeValueCodec {
    /// DynamoDB caps document nesting at 32 levels, counting a top-level value as level 1.
    public static let maxNestingDepth = 32
    /// Attribute names, at any depth of a document, are at most 65,535 UTF-8 bytes ("64 KB" in
    /// the developer guide's Constraints page; 65,536 is refused, as the service's text says).
    public static let maxAttributeNameBytes = 65_535
    static let invalidPrefix = "One or more parameter values were invalid: "

    /// The service's text for it, the same wherever the name appears (captured by ExtendDB's
    /// issue 365 and ScyllaDB's test_limits.py against DynamoDB).
    public static let attributeNameTooLarge = "1 validation error detected: Attribute name is too large, must be less than 65536 bytes"

    public static let nestingExceeded = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"

    /// The levels of a value, itself counting as one (a map holding a string: 2).
    public static func nestingLevels(_ value: AttributeValue) -> Int {
        switch value {
        case .m(let m): return 1 + (m.values.map(nestingLevels).max() ?? 0)
        case .l(let l): return 1 + (l.map(nestingLevels).max() ?? 0)
        default: return 1
        }
    }

    /// Refuses an attribute name longer than DynamoDB allows, with the service's text.
    @inline(__always)
    public static func checkAttributeName(_ name: String) throws(DynamoError) {
        if name.utf8.count > maxAttributeNameBytes { throw .validation(attributeNameTooLarge) }
    }

    // MARK: decoding

    public static func decodeItem(_ json: JSONValue) throws(DynamoError) -> Item {
        guard case .object(let members) = json else { throw shapeError(json, expected: "map") }
        var item = Item(minimumCapacity: members.count)
        for (name, value) in members {
            try checkAttributeName(name)
            item[name] = try decode(value)
        }
        return item
    }

    public static func decode(_ json: JSONValue) throws(DynamoError) -> AttributeValue {
        try decode(json, depth: 0)
    }

    static func decode(_ json: JSONValue, depth: Int) throws(DynamoError) -> AttributeValue {
        guard case .object(let members) = json else { throw shapeError(json, expected: "structure") }
        // Unknown members are ignored by AWS's deserializer; nulls count as absent.
        var found: (String, JSONValue)?
        var count = 0
        for (tag, value) in members where !value.isNull && knownTags.contains(tag) {
            count += 1
            if found == nil { found = (tag, value) }
        }
        guard let (tag, value) = found else {
            throw .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        }
        let decoded = try decodeTagged(tag, value, depth: depth)
        if count > 1 {
            throw .validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        }
        return decoded
    }

    static let knownTags: Set<String> = ["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"]

    static func decodeTagged(_ tag: String, _ value: JSONValue, depth: Int) throws(DynamoError) -> AttributeValue {
        if depth >= maxNestingDepth {
            throw .validation(nestingExceeded)
        }
        switch tag {
        case "S":
            return .s(try string(value))
        case "N":
            return .n(try number(string(value)))
        case "B":
            return .b(try binary(string(value)))
        case "BOOL":
            return .bool(try bool(value))
        case "NULL":
            guard try bool(value) else {
                throw .validation(invalidPrefix + "Null attribute value types must have the value of true")
            }
            return .null
        case "SS":
            let strings = try list(value).map { (v) throws(DynamoError) -> String in try string(v) }
            if strings.isEmpty { throw .validation(invalidPrefix + "An string set  may not be empty") }
            // Set members are distinct by their UTF-8 bytes, not by canonical equivalence.
            if Set(strings.map { Array($0.utf8) }).count != strings.count {
                throw .validation(invalidPrefix + "Input collection [\(strings.joined(separator: ", "))] contains duplicates.",
                                  redacted: invalidPrefix + "Input collection [\(DynamoError.redactionMarker)] contains duplicates.")
            }
            return .ss(strings)
        case "NS":
            let texts = try list(value).map { (v) throws(DynamoError) -> String in try string(v) }
            if texts.isEmpty { throw .validation(invalidPrefix + "An number set  may not be empty") }
            let numbers = try texts.map { (t) throws(DynamoError) -> DynamoNumber in try number(t) }
            if Set(numbers).count != numbers.count { throw .validation("Input collection contains duplicates") }
            return .ns(numbers)
        case "BS":
            let texts = try list(value).map { (v) throws(DynamoError) -> String in try string(v) }
            if texts.isEmpty { throw .validation(invalidPrefix + "Binary sets should not be empty") }
            let blobs = try texts.map { (t) throws(DynamoError) -> [UInt8] in try binary(t) }
            if Set(blobs).count != blobs.count {
                throw .validation(invalidPrefix + "Input collection [\(texts.joined(separator: ", "))]of type BS contains duplicates.",
                                  redacted: invalidPrefix + "Input collection [\(DynamoError.redactionMarker)]of type BS contains duplicates.")
            }
            return .bs(blobs)
        case "L":
            var out: [AttributeValue] = []
            for element in try list(value) { out.append(try decode(element, depth: depth + 1)) }
            return .l(out)
        case "M":
            guard case .object(let members) = value else { throw shapeError(value, expected: "map") }
            var out = [AttributeName: AttributeValue](minimumCapacity: members.count)
            for (k, v) in members {
                try checkAttributeName(k)
                out[AttributeName(k)] = try decode(v, depth: depth + 1)
            }
            return .m(out)
        default:
            throw .validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        }
    }

    public static func number(_ text: String) throws(DynamoError) -> DynamoNumber {
        switch DynamoNumber.parse(text) {
        case .success(let n): return n
        case .failure(let f):
            throw .validation(f.message(for: text), redacted: f == .notANumber && !text.isEmpty ? f.message(for: DynamoError.redactionMarker) : nil)
        }
    }

    static func binary(_ text: String) throws(DynamoError) -> [UInt8] {
        switch Base64.decode(text) {
        case .success(let bytes): return bytes
        case .failure(let f):
            throw .serialization("'\(text)' can not be converted to a Blob: \(f.reason)",
                                 redacted: "'\(DynamoError.redactionMarker)' can not be converted to a Blob: \(f.redactedReason)")
        }
    }

    /// A JSON string member, or the deserializer's SerializationException text.
    public static func string(_ value: JSONValue) throws(DynamoError) -> String {
        switch value {
        case .string(let s): return s
        case .bool: throw .serialization("class java.lang.Boolean can not be converted to an String")
        case .number(let n): throw .serialization("class \(javaNumberClass(n)) can not be converted to an String")
        case .array: throw .serialization("Start of list found where not expected")
        case .object: throw .serialization("Start of structure or map found where not expected.")
        case .null: throw .serialization("Unexpected null")
        }
    }

    static func bool(_ value: JSONValue) throws(DynamoError) -> Bool {
        switch value {
        case .bool(let b): return b
        case .string(let s):
            throw .serialization("'\(s.uppercased())' can not be converted to an Boolean",
                                 redacted: "'\(DynamoError.redactionMarker)' can not be converted to an Boolean")
        case .number(let n): throw .serialization("class \(javaNumberClass(n)) can not be converted to an Boolean")
        case .array: throw .serialization("Start of list found where not expected")
        case .object: throw .serialization("Start of structure or map found where not expected.")
        case .null: throw .serialization("Unexpected null")
        }
    }

    /// A JSON list member, or the deserializer's SerializationException text.
    public static func list(_ value: JSONValue) throws(DynamoError) -> [JSONValue] {
        switch value {
        case .array(let a): return a
        case .object: throw .serialization("Start of structure or map found where not expected.")
        default: throw .serialization("Expected list or null")
        }
    }

    static func shapeError(_ value: JSONValue, expected: String) -> DynamoError {
        switch value {
        case .array: return .serialization("Start of list found where not expected")
        case .object: return .serialization("Start of structure or map found where not expected.")
        default: return .serialization("Expected \(expected) or null")
        }
    }

    /// The Java class AWS's (Jackson-based) deserializer names for a JSON number.
    public static func javaNumberClass(_ text: String) -> String {
        if text.contains(".") || text.contains("e") || text.contains("E") { return "java.lang.Double" }
        guard let v = Int64(text) else { return "java.math.BigInteger" }
        if v >= -32768 && v <= 32767 { return "java.lang.Short" }
        if v >= Int64(Int32.min) && v <= Int64(Int32.max) { return "java.lang.Integer" }
        return "java.lang.Long"
    }

    // MARK: encoding

    public static func encode(_ value: AttributeValue, into w: inout JSONWriter) {
        switch value {
        case .s(let s):
            w.raw("{\"S\":"); w.writeString(s); w.raw("}")
        case .n(let n):
            w.raw("{\"N\":\""); w.bytes.append(contentsOf: n.description.utf8); w.raw("\"}")
        case .b(let b):
            w.raw("{\"B\":\""); w.bytes.append(contentsOf: Base64.encodeBytes(b)); w.raw("\"}")
        case .ss(let ss):
            w.raw("{\"SS\":[")
            for (i, s) in ss.enumerated() {
                if i > 0 { w.raw(",") }
                w.writeString(s)
            }
            w.raw("]}")
        case .ns(let ns):
            w.raw("{\"NS\":[")
            for (i, n) in ns.enumerated() {
                if i > 0 { w.raw(",") }
                w.raw("\""); w.bytes.append(contentsOf: n.description.utf8); w.raw("\"")
            }
            w.raw("]}")
        case .bs(let bs):
            w.raw("{\"BS\":[")
            for (i, b) in bs.enumerated() {
                if i > 0 { w.raw(",") }
                w.raw("\""); w.bytes.append(contentsOf: Base64.encodeBytes(b)); w.raw("\"")
            }
            w.raw("]}")
        case .m(let m):
            w.raw("{\"M\":")
            encodeItem(m, into: &w)
            w.raw("}")
        case .l(let l):
            w.raw("{\"L\":[")
            for (i, e) in l.enumerated() {
                if i > 0 { w.raw(",") }
                encode(e, into: &w)
            }
            w.raw("]}")
        case .null:
            w.raw("{\"NULL\":true}")
        case .bool(let b):
            w.raw(b ? "{\"BOOL\":true}" : "{\"BOOL\":false}")
        }
    }

    /// Writes `{"name":{...},...}` with names in sorted order, so equal items encode equally.
    public static func encodeItem(_ item: Item, into w: inout JSONWriter) {
        w.raw("{")
        var first = true
        for (name, value) in item.sorted(by: { $0.key < $1.key }) {
            if !first { w.raw(",") }
            first = false
            w.writeString(name.string)
            w.raw(":")
            encode(value, into: &w)
        }
        w.raw("}")
    }

    public static func encodeItem(_ item: Item) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        encodeItem(item, into: &w)
        return w.bytes
    }

    /// As a JSONValue (for building responses that are not on the hot path).
    public static func json(_ value: AttributeValue) -> JSONValue {
        var w = JSONWriter()
        encode(value, into: &w)
        // Our own output always parses.
        return (try? JSONParser.parse(w.bytes)) ?? .null
    }

    public static func json(item: Item) -> JSONValue {
        (try? JSONParser.parse(encodeItem(item))) ?? .null
    }
}

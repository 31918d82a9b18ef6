import DynamoModel

/// A KMS request's JSON members, read with the service's validation sentences. Member names
/// in messages are the lower-camel-case forms Coral uses (`KeyId` → `keyId`).
struct Params {
    let json: JSONValue

    init(_ json: JSONValue) { self.json = json }

    static func member(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.lowercased() + name.dropFirst()
    }

    func string(_ name: String, min: Int = 1, max: Int = 2048) throws(KMSError) -> String? {
        guard let value = json[name], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw .serialization() }
        if text.count < min {
            throw .constraint(value: text, member: Self.member(name), "Member must have length greater than or equal to \(min)")
        }
        if text.count > max {
            throw .constraint(value: text, member: Self.member(name), "Member must have length less than or equal to \(max)")
        }
        return text
    }

    func required(_ name: String, min: Int = 1, max: Int = 2048) throws(KMSError) -> String {
        guard let text = try string(name, min: min, max: max) else {
            throw .constraint(value: nil, member: Self.member(name), "Member must not be null")
        }
        return text
    }

    func int(_ name: String) throws(KMSError) -> Int? {
        guard let value = json[name], !value.isNull else { return nil }
        guard case .number(let text) = value, let n = Int(text) else { throw .serialization() }
        return n
    }

    func bool(_ name: String) throws(KMSError) -> Bool? {
        guard let value = json[name], !value.isNull else { return nil }
        guard let b = value.boolValue else { throw .serialization() }
        return b
    }

    /// A blob member (base64 on the wire).
    func blob(_ name: String, min: Int = 1, max: Int) throws(KMSError) -> [UInt8]? {
        guard let value = json[name], !value.isNull else { return nil }
        guard let text = value.stringValue, case .success(let bytes) = Base64.decode(text) else { throw .serialization() }
        if bytes.count < min {
            throw .constraint(value: nil, member: Self.member(name), "Member must have length greater than or equal to \(min)")
        }
        if bytes.count > max {
            throw .constraint(value: nil, member: Self.member(name), "Member must have length less than or equal to \(max)")
        }
        return bytes
    }

    func enumValue(_ name: String, _ allowed: [String]) throws(KMSError) -> String? {
        guard let text = try string(name, min: 0) else { return nil }
        guard allowed.contains(text) else {
            throw .constraint(value: text, member: Self.member(name), "Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
        }
        return text
    }

    /// An EncryptionContext map (string → string).
    func context(_ name: String) throws(KMSError) -> EncryptionContext {
        guard let value = json[name], !value.isNull else { return EncryptionContext() }
        guard let members = value.objectValue else { throw .serialization() }
        var pairs: [String: String] = [:]
        for (k, v) in members {
            guard let s = v.stringValue else { throw .serialization() }
            pairs[k] = s
        }
        return EncryptionContext(pairs)
    }

    func stringList(_ name: String) throws(KMSError) -> [String]? {
        guard let value = json[name], !value.isNull else { return nil }
        guard let items = value.arrayValue else { throw .serialization() }
        var out: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw .serialization() }
            out.append(s)
        }
        return out
    }

    /// `Limit` (1–1000) and `Marker` of a List operation.
    func page() throws(KMSError) -> (limit: Int, marker: Int) {
        let limit = try int("Limit") ?? 100
        if limit < 1 { throw .constraint(value: String(limit), member: "limit", "Member must have value greater than or equal to 1") }
        if limit > 1000 { throw .constraint(value: String(limit), member: "limit", "Member must have value less than or equal to 1000") }
        guard let marker = try string("Marker", max: 1024) else { return (limit, 0) }
        guard let offset = Int(marker), offset >= 0 else { throw .invalidMarker() }
        return (limit, offset)
    }

    func tags(_ name: String) throws(KMSError) -> [KMSTag] {
        guard let value = json[name], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw .serialization() }
        var out: [KMSTag] = []
        for item in items {
            let p = Params(item)
            let key = try p.required("TagKey", min: 1, max: 128)
            let tagValue = try p.string("TagValue", min: 0, max: 256)
            guard let tagValue else { throw .constraint(value: nil, member: "tagValue", "Member must not be null") }
            if key.hasPrefix("aws:") { throw .tag("Tags beginning with aws: are reserved") }
            out.append(KMSTag(key: key, value: tagValue))
        }
        return out
    }
}

/// A page of a list and the marker of the next one.
func paginate<T>(_ all: [T], limit: Int, marker: Int) -> (page: [T], next: String?) {
    let start = min(marker, all.count)
    let end = min(start + limit, all.count)
    return (Array(all[start..<end]), end < all.count ? String(end) : nil)
}

import DynamoModel

/// ListResourceTags: a key's tags.
enum ListResourceTags: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let (limit, marker) = try p.page()
        return try prepareOnKey("kms:ListResourceTags", p, env, aliases: false) { _, key throws(KMSError) in
            let (page, next) = paginate(key.tags, limit: limit, marker: marker)
            var body: [(String, JSONValue)] = [("Tags", .array(page.map { ["TagKey": .string($0.key), "TagValue": .string($0.value)] }))]
            if let next { body.append(("NextMarker", .string(next))) }
            body.append(("Truncated", .bool(next != nil)))
            return KMSResult(.object(body))
        }
    }
}

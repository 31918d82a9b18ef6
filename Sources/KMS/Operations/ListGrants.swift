import DynamoModel

/// ListGrants: a key's grants, optionally one grant id or one grantee.
enum ListGrants: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let (limit, marker) = try p.page()
        let grantId = try p.string("GrantId", max: 128)
        let grantee = try p.string("GranteePrincipal", max: 256)
        return try prepareOnKey("kms:ListGrants", p, env, aliases: false) { store, key throws(KMSError) in
            let grants = store.state.withLock { s in
                s.grants.values.filter { g in
                    g.keyArn == key.arn && (grantId == nil || g.grantId == grantId) && (grantee == nil || g.granteePrincipal == grantee)
                }.sorted { ($0.creationDate, $0.grantId) < ($1.creationDate, $1.grantId) }
            }
            let (page, next) = paginate(grants, limit: limit, marker: marker)
            var body: [(String, JSONValue)] = [("Grants", .array(page.map(\.listEntry)))]
            if let next { body.append(("NextMarker", .string(next))) }
            body.append(("Truncated", .bool(next != nil)))
            return KMSResult(.object(body))
        }
    }
}

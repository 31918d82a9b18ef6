import DynamoModel

/// ListKeys: the caller's account's keys in the Region (pending deletion included).
enum ListKeys: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let (limit, marker) = try p.page()
        let check = KMSCheck(action: "kms:ListKeys", resource: "*", account: env.caller.account,
                             conditionKeys: ["kms:CallerAccount": [env.caller.account]])
        let store = env.store
        let caller = env.caller
        return KMSPrepared(checks: [check], params: p, keys: []) { () throws(KMSError) -> KMSResult in
            let now = store.clock.now()
            let (keys, sql) = try store.transact { (s: inout KeyStore.State) throws(KMSError) in
                s.keys.values.filter { $0.account == caller.account && $0.region == caller.region }
                    .sorted { ($0.creationDate, $0.keyId) < ($1.creationDate, $1.keyId) }
                    .compactMap { s.key(arn: $0.arn, now: now, persistence: store.persistence) }
            }
            let (page, next) = paginate(keys, limit: limit, marker: marker)
            var body: [(String, JSONValue)] = [("Keys", .array(page.map { ["KeyId": .string($0.keyId), "KeyArn": .string($0.arn)] }))]
            if let next { body.append(("NextMarker", .string(next))) }
            body.append(("Truncated", .bool(next != nil)))
            return KMSResult(.object(body), sql: sql)
        }
    }
}

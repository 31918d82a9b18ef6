import DynamoModel

/// ListAliases: the account's aliases in the Region, or those of one key.
enum ListAliases: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let (limit, marker) = try p.page()
        let keyFilter = try p.string("KeyId").map { (text: String) throws(KMSError) -> String in
            try env.store.resolve(text, caller: env.caller, aliases: false).keyId
        }
        let check = KMSCheck(action: "kms:ListAliases", resource: "*", account: env.caller.account,
                             conditionKeys: ["kms:CallerAccount": [env.caller.account]])
        let store = env.store
        let caller = env.caller
        return KMSPrepared(checks: [check], params: p, keys: []) { () throws(KMSError) -> KMSResult in
            let now = store.clock.now()
            let (aliases, sql) = try store.transact { (s: inout KeyStore.State) throws(KMSError) in
                s.aliases.values.filter { alias in
                    alias.account == caller.account && alias.region == caller.region && (keyFilter == nil || alias.targetKeyId == keyFilter)
                        && s.key(arn: KMSKey.arn(account: alias.account, region: alias.region, keyId: alias.targetKeyId), now: now,
                                 persistence: store.persistence) != nil
                }.sorted { $0.name < $1.name }
            }
            let (page, next) = paginate(aliases, limit: limit, marker: marker)
            let entries: [JSONValue] = page.map { a in
                ["AliasName": .string(a.name), "AliasArn": .string(a.arn), "TargetKeyId": .string(a.targetKeyId),
                 "CreationDate": .timestamp(a.creationDate), "LastUpdatedDate": .timestamp(a.lastUpdatedDate)]
            }
            var body: [(String, JSONValue)] = [("Aliases", .array(entries))]
            if let next { body.append(("NextMarker", .string(next))) }
            body.append(("Truncated", .bool(next != nil)))
            return KMSResult(.object(body), sql: sql)
        }
    }
}

/// DeleteAlias: checks kms:DeleteAlias on the alias and on its key.
enum DeleteAlias: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let name = try p.required("AliasName", max: 256)
        guard name.hasPrefix("alias/") else { throw .validation("Invalid identifier") }
        let aliasArn = KMSAlias.arn(account: env.caller.account, region: env.caller.region, name: name)
        let key = try env.store.resolve(name, caller: env.caller)
        let checks = [
            KMSCheck(action: "kms:DeleteAlias", resource: aliasArn, account: env.caller.account,
                     conditionKeys: ["kms:CallerAccount": [env.caller.account]]),
            KMSCheck(action: "kms:DeleteAlias", key: key, conditionKeys: keyConditionKeys(env, key)),
        ]
        let store = env.store
        return KMSPrepared(checks: checks, params: p, keys: [key.arn]) { () throws(KMSError) -> KMSResult in
            let (_, sql) = try store.transact { (s: inout KeyStore.State) throws(KMSError) in
                guard s.aliases[aliasArn] != nil else { throw .aliasNotFound(aliasArn) }
                s.aliases[aliasArn] = nil
                s.sql.append(KMSPersistence.deleteAliasSQL(aliasArn))
            }
            return KMSResult(.object([]), sql: sql)
        }
    }
}

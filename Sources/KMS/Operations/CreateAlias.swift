/// CreateAlias: `alias/…` for a key of the same account and Region. Checks kms:CreateAlias
/// on the alias (identity policy) and on the key (key policy), as AWS does.
enum CreateAlias: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let name = try p.required("AliasName", max: 256)
        let target = try p.required("TargetKeyId")
        try validateAliasName(name)
        if KeyReference(target)?.isAlias == true { throw .validation("Aliases must refer to keys. Not aliases") }
        let key = try env.store.resolve(target, caller: env.caller, aliases: false)
        let aliasArn = KMSAlias.arn(account: env.caller.account, region: env.caller.region, name: name)
        if key.account != env.caller.account || key.region != env.caller.region { throw .keyNotFound(key.arn) }
        let checks = [
            KMSCheck(action: "kms:CreateAlias", resource: aliasArn, account: env.caller.account,
                     conditionKeys: ["kms:CallerAccount": [env.caller.account]]),
            KMSCheck(action: "kms:CreateAlias", key: key, conditionKeys: keyConditionKeys(env, key)),
        ]
        let store = env.store
        let caller = env.caller
        let keyArn = key.arn
        let keyId = key.keyId
        return KMSPrepared(checks: checks, params: p, keys: [keyArn]) { () throws(KMSError) -> KMSResult in
            let now = store.clock.now()
            let (_, sql) = try store.transact { (s: inout KeyStore.State) throws(KMSError) in
                guard let key = s.key(arn: keyArn, now: now, persistence: store.persistence) else { throw .keyNotFound(keyArn) }
                try requireNotPendingDeletion(key)
                if s.aliases[aliasArn] != nil { throw .alreadyExists("An alias with the name \(aliasArn) already exists") }
                let alias = KMSAlias(name: name, account: caller.account, region: caller.region, targetKeyId: keyId,
                                     creationDate: now, lastUpdatedDate: now)
                s.aliases[aliasArn] = alias
                if store.persistence != nil { s.sql.append(KMSPersistence.saveSQL(alias)) }
            }
            return KMSResult(.object([]), sql: sql)
        }
    }
}

/// Alias names: `alias/` then letters, digits, `/`, `_`, `-`; `alias/aws/` is AWS's own.
func validateAliasName(_ name: String) throws(KMSError) {
    guard name.hasPrefix("alias/") else { throw .validation("Invalid identifier") }
    if name.contains(":") { throw .validation("\(name) contains invalid characters for an alias") }
    let allowed = name.utf8.allSatisfy { b in
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "/") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "-")
    }
    if !allowed {
        throw .constraint(value: name, member: "aliasName", "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$")
    }
    if name.hasPrefix("alias/aws/") { throw KMSError("NotAuthorizedException", "") }
}

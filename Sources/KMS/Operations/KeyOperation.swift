import DynamoModel

/// The shape most operations share: one KeyId, one check on that key, a run on the key as
/// it is when the run starts.
func prepareOnKey(_ action: String, _ p: Params, _ env: KMSEnvironment, aliases: Bool, member: String = "KeyId",
                  extraKeys: [String: [String]] = [:], context: EncryptionContext? = nil,
                  run: @escaping @Sendable (KeyStore, KMSKey) throws(KMSError) -> KMSResult) throws(KMSError) -> KMSPrepared {
    let keyId = try p.required(member)
    let key = try env.store.resolve(keyId, caller: env.caller, aliases: aliases)
    var keys = extraKeys
    if aliases, KeyReference(keyId)?.isAlias == true, let alias = aliasName(keyId) { keys["kms:RequestAlias"] = [alias] }
    var check = KMSCheck(action: action, key: key, conditionKeys: keyConditionKeys(env, key, extra: keys))
    check.grantId = env.store.grant(allowing: action, keyArn: key.arn, caller: env.caller, context: context)
    let store = env.store
    let arn = key.arn
    return KMSPrepared(checks: [check], params: p, keys: [arn]) { () throws(KMSError) -> KMSResult in
        try run(store, try store.current(arn: arn))
    }
}

/// `alias/x` of an alias name or alias ARN.
func aliasName(_ text: String) -> String? {
    if text.hasPrefix("alias/") { return text }
    guard let range = text.firstRange(of: ":alias/") else { return nil }
    return String(text[text.index(after: range.lowerBound)...])
}

/// A change to one key, persisted; the run's answer.
func change(_ store: KeyStore, _ arn: String, body: JSONValue = .object([]),
            _ mutate: (inout KMSKey) throws(KMSError) -> Void) throws(KMSError) -> KMSResult {
    let (_, sql) = try store.update(arn: arn, mutate)
    return KMSResult(body, sql: sql)
}

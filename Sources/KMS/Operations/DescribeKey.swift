/// DescribeKey: the key's metadata (a key id, key ARN, alias name or alias ARN). On a
/// predefined AWS alias (`alias/aws/<service>`) with no key yet, KMS creates the AWS managed
/// key (API_DescribeKey.html: "If you call the DescribeKey operation on a predefined AWS
/// alias … KMS creates an AWS managed key").
enum DescribeKey: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        if let keyId = try p.string("KeyId"), let alias = aliasName(keyId), alias.hasPrefix("alias/aws/"), alias.count > "alias/aws/".count,
           KeyReference(keyId) != nil, (try? env.store.resolve(keyId, caller: env.caller)) == nil,
           !keyId.hasPrefix("arn:") || keyId.hasPrefix("arn:aws:kms:\(env.caller.region):\(env.caller.account):") {
            _ = KMSService(keys: env.store).managedKey(service: String(alias.dropFirst("alias/aws/".count)), account: env.caller.account,
                                                       region: env.caller.region)
        }
        return try prepareOnKey("kms:DescribeKey", p, env, aliases: true) { _, key throws(KMSError) in
            KMSResult(["KeyMetadata": key.metadata])
        }
    }
}

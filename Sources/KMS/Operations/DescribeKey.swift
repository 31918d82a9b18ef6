/// DescribeKey: the key's metadata (a key id, key ARN, alias name or alias ARN).
enum DescribeKey: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        try prepareOnKey("kms:DescribeKey", p, env, aliases: true) { _, key throws(KMSError) in
            KMSResult(["KeyMetadata": key.metadata])
        }
    }
}

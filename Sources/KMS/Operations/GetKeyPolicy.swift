/// GetKeyPolicy: the key policy (its only name is `default`).
enum GetKeyPolicy: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let name = try p.string("PolicyName", max: 128) ?? "default"
        return try prepareOnKey("kms:GetKeyPolicy", p, env, aliases: false) { _, key throws(KMSError) in
            guard name == "default" else { throw KMSError("NotFoundException", "No such policy exists") }
            return KMSResult(["Policy": .string(key.policy), "PolicyName": "default"])
        }
    }
}

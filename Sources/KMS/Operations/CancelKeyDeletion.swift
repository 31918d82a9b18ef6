/// CancelKeyDeletion: PendingDeletion → Disabled.
enum CancelKeyDeletion: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        try prepareOnKey("kms:CancelKeyDeletion", p, env, aliases: false) { store, key throws(KMSError) in
            try change(store, key.arn, body: ["KeyId": .string(key.arn)]) { (k: inout KMSKey) throws(KMSError) in
                guard k.state == .pendingDeletion else { throw .notPendingDeletion(k.arn) }
                k.state = .disabled
                k.deletionDate = nil
                k.pendingWindowInDays = nil
            }
        }
    }
}

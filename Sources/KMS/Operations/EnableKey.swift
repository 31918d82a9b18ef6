/// EnableKey: Disabled → Enabled (a key pending deletion must be cancelled first).
enum EnableKey: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        try prepareOnKey("kms:EnableKey", p, env, aliases: false) { store, key throws(KMSError) in
            try change(store, key.arn) { (k: inout KMSKey) throws(KMSError) in
                try requireNotPendingDeletion(k)
                k.state = .enabled
                k.unusableSince = nil
            }
        }
    }
}

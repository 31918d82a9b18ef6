/// DisableKey: Enabled → Disabled; cryptographic operations then fail with DisabledException.
enum DisableKey: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        try prepareOnKey("kms:DisableKey", p, env, aliases: false) { store, key throws(KMSError) in
            try change(store, key.arn) { (k: inout KMSKey) throws(KMSError) in
                try requireNotPendingDeletion(k)
                if k.state == .enabled { k.unusableSince = store.clock.now() }
                k.state = .disabled
            }
        }
    }
}

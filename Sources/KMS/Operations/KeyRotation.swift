import DynamoModel

/// EnableKeyRotation / DisableKeyRotation / GetKeyRotationStatus. A key with rotation on
/// gets new material every RotationPeriodInDays (90–2560, default 365) on the simulated
/// clock; older material keeps decrypting what it encrypted.
enum EnableKeyRotation: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let period = try p.int("RotationPeriodInDays") ?? 365
        if period < 90 {
            throw .constraint(value: String(period), member: "rotationPeriodInDays", "Member must have value greater than or equal to 90")
        }
        if period > 2560 {
            throw .constraint(value: String(period), member: "rotationPeriodInDays", "Member must have value less than or equal to 2560")
        }
        return try prepareOnKey("kms:EnableKeyRotation", p, env, aliases: false) { store, key throws(KMSError) in
            let now = store.clock.now()
            return try change(store, key.arn) { (k: inout KMSKey) throws(KMSError) in
                try requireUsable(k)
                k.rotationEnabled = true
                k.rotationPeriodInDays = period
                k.rotationAnchor = now
            }
        }
    }
}

enum DisableKeyRotation: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        try prepareOnKey("kms:DisableKeyRotation", p, env, aliases: false) { store, key throws(KMSError) in
            try change(store, key.arn) { (k: inout KMSKey) throws(KMSError) in
                try requireUsable(k)
                k.rotationEnabled = false
                k.rotationAnchor = nil
            }
        }
    }
}

enum GetKeyRotationStatus: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        try prepareOnKey("kms:GetKeyRotationStatus", p, env, aliases: false) { _, key throws(KMSError) in
            try requireNotPendingDeletion(key)
            var body: [(String, JSONValue)] = [("KeyRotationEnabled", .bool(key.rotationEnabled)), ("KeyId", .string(key.arn))]
            if key.rotationEnabled, let anchor = key.rotationAnchor {
                body.append(("RotationPeriodInDays", .int(key.rotationPeriodInDays)))
                body.append(("NextRotationDate", .timestamp(anchor + Double(key.rotationPeriodInDays) * 86_400)))
            }
            return KMSResult(.object(body))
        }
    }
}

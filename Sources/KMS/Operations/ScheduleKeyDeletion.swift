import DynamoModel

/// ScheduleKeyDeletion: PendingDeletion for 7–30 days (default 30) on the simulated clock,
/// then the key (and its aliases) are gone.
enum ScheduleKeyDeletion: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let days = try p.int("PendingWindowInDays") ?? 30
        if days < 7 {
            throw .constraint(value: String(days), member: "pendingWindowInDays", "Member must have value greater than or equal to 7")
        }
        if days > 30 {
            throw .constraint(value: String(days), member: "pendingWindowInDays", "Member must have value less than or equal to 30")
        }
        return try prepareOnKey("kms:ScheduleKeyDeletion", p, env, aliases: false) { store, key throws(KMSError) in
            let date = store.clock.now() + Double(days) * 86_400
            let body: JSONValue = [
                "KeyId": .string(key.arn), "DeletionDate": .timestamp(date), "KeyState": "PendingDeletion",
                "PendingWindowInDays": .int(days),
            ]
            return try change(store, key.arn, body: body) { (k: inout KMSKey) throws(KMSError) in
                try requireNotPendingDeletion(k)
                if k.state == .enabled { k.unusableSince = store.clock.now() }
                k.state = .pendingDeletion
                k.deletionDate = date
                k.pendingWindowInDays = days
            }
        }
    }
}

/// UntagResource: removes tags by key.
enum UntagResource: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        guard let names = try p.stringList("TagKeys") else {
            throw .constraint(value: nil, member: "tagKeys", "Member must not be null")
        }
        return try prepareOnKey("kms:UntagResource", p, env, aliases: false, extraKeys: ["aws:TagKeys": names]) { store, key throws(KMSError) in
            try change(store, key.arn) { (k: inout KMSKey) throws(KMSError) in
                try requireNotPendingDeletion(k)
                k.tags.removeAll { names.contains($0.key) }
            }
        }
    }
}

/// TagResource: adds or replaces tags (at most 50 per key).
enum TagResource: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let tags = try p.tags("Tags")
        var keys: [String: [String]] = ["aws:TagKeys": tags.map(\.key)]
        for tag in tags { keys["aws:RequestTag/\(tag.key)"] = [tag.value] }
        return try prepareOnKey("kms:TagResource", p, env, aliases: false, extraKeys: keys) { store, key throws(KMSError) in
            try change(store, key.arn) { (k: inout KMSKey) throws(KMSError) in
                try requireNotPendingDeletion(k)
                for tag in tags {
                    if let i = k.tags.firstIndex(where: { $0.key == tag.key }) { k.tags[i] = tag } else { k.tags.append(tag) }
                }
                if k.tags.count > 50 { throw .tag("Too many tags") }
            }
        }
    }
}

// Long-term access keys of users and of the account root (CreateAccessKey without UserName,
// called by the root). Two keys at most per user: "Cannot exceed quota for
// AccessKeysPerUser: 2".

extension Account {
    /// Creates a key for `userName`, or for the root when nil.
    public mutating func createAccessKey(userName: String?, now: Double) throws(IdentityError) -> AccessKey {
        let key = AccessKey(id: IdentifierGenerator.accessKeyId(), secret: IdentifierGenerator.secretAccessKey(), createDate: now)
        guard let userName else {
            if rootKeys.count >= 2 { throw .limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2") }
            rootKeys.append(key)
            return key
        }
        try updateUser(userName) { (user: inout User) throws(IdentityError) in
            if user.accessKeys.count >= 2 { throw .limitExceeded("Cannot exceed quota for AccessKeysPerUser: 2") }
            user.accessKeys.append(key)
        }
        return key
    }

    /// Adds a key with a given id and secret (config files); replaces the secret of an
    /// existing key with the same id.
    public mutating func importAccessKey(userName: String?, id keyId: String, secret: String, status: AccessKey.Status = .active, now: Double) throws(IdentityError) {
        func put(_ keys: inout [AccessKey]) {
            if let index = keys.firstIndex(where: { $0.id == keyId }) {
                keys[index].secret = secret
                keys[index].status = status
            } else {
                keys.append(AccessKey(id: keyId, secret: secret, status: status, createDate: now))
            }
        }
        guard let userName else { return put(&rootKeys) }
        try updateUser(userName) { (user: inout User) throws(IdentityError) in put(&user.accessKeys) }
    }

    public func accessKeys(userName: String?) throws(IdentityError) -> [AccessKey] {
        guard let userName else { return rootKeys }
        return try existingUser(userName).accessKeys
    }

    public mutating func deleteAccessKey(userName: String?, keyId: String) throws(IdentityError) {
        let notFound = IdentityError.noSuchEntity("The Access Key with id \(keyId) cannot be found.")
        guard let userName else {
            guard rootKeys.contains(where: { $0.id == keyId }) else { throw notFound }
            rootKeys.removeAll { $0.id == keyId }
            return
        }
        try updateUser(userName) { (user: inout User) throws(IdentityError) in
            guard user.accessKeys.contains(where: { $0.id == keyId }) else { throw notFound }
            user.accessKeys.removeAll { $0.id == keyId }
        }
    }

    public mutating func updateAccessKey(userName: String?, keyId: String, status: AccessKey.Status) throws(IdentityError) {
        let notFound = IdentityError.noSuchEntity("The Access Key with id \(keyId) cannot be found.")
        guard let userName else {
            guard let index = rootKeys.firstIndex(where: { $0.id == keyId }) else { throw notFound }
            rootKeys[index].status = status
            return
        }
        try updateUser(userName) { (user: inout User) throws(IdentityError) in
            guard let index = user.accessKeys.firstIndex(where: { $0.id == keyId }) else { throw notFound }
            user.accessKeys[index].status = status
        }
    }

    /// Which user (nil: the root) owns a long-term key of this account.
    public func owner(ofAccessKey keyId: String) -> (found: Bool, userName: String?) {
        if rootKeys.contains(where: { $0.id == keyId }) { return (true, nil) }
        for user in users.values where user.accessKeys.contains(where: { $0.id == keyId }) { return (true, user.name) }
        return (false, nil)
    }
}

import WardenSupport
import DynamoModel

/// CreateGrant: lets GranteePrincipal use the key for Operations (within the constraints).
/// The same Name with the same settings returns the existing grant (AWS's idempotence).
enum CreateGrant: KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared {
        let grantee = try p.required("GranteePrincipal", max: 256)
        let retiring = try p.string("RetiringPrincipal", max: 256)
        let name = try p.string("Name", max: 256)
        guard let operations = try p.stringList("Operations") else {
            throw .constraint(value: nil, member: "operations", "Member must not be null")
        }
        for operation in operations where !KMSGrant.operationNames.contains(operation) {
            throw .constraint(value: "[\(operations.joined(separator: ", "))]", member: "operations",
                              "Member must satisfy constraint: [Member must satisfy enum value set: [\(KMSGrant.operationNames.joined(separator: ", "))]]")
        }
        if operations.isEmpty { throw .validation("Grant operations must not be empty") }
        let constraints = p.json["Constraints"].map(Params.init)
        let subset = try constraints.map { (c: Params) throws(KMSError) in try c.context("EncryptionContextSubset") }
        let equals = try constraints.map { (c: Params) throws(KMSError) in try c.context("EncryptionContextEquals") }
        let hasSubset = constraints?.json["EncryptionContextSubset"].map { !$0.isNull } ?? false
        let hasEquals = constraints?.json["EncryptionContextEquals"].map { !$0.isNull } ?? false
        var keys: [String: [String]] = ["kms:GranteePrincipal": [grantee], "kms:GrantOperations": operations, "kms:GrantIsForAWSResource": ["false"]]
        if let retiring { keys["kms:RetiringPrincipal"] = [retiring] }
        if hasSubset { keys["kms:GrantConstraintType"] = ["EncryptionContextSubset"] }
        if hasEquals { keys["kms:GrantConstraintType"] = ["EncryptionContextEquals"] }
        let caller = env.caller
        return try prepareOnKey("kms:CreateGrant", p, env, aliases: false, extraKeys: keys) { store, key throws(KMSError) in
            try requireNotPendingDeletion(key)
            let now = store.clock.now()
            let (grant, sql) = try store.transact { (s: inout KeyStore.State) throws(KMSError) -> KMSGrant in
                if let name, let same = s.grants.values.first(where: {
                    $0.keyArn == key.arn && $0.name == name && $0.granteePrincipal == grantee && $0.operations == operations
                        && $0.retiringPrincipal == retiring
                }) {
                    return same
                }
                let id = Hex.encode(SecureRandom.bytes(32))
                let grant = KMSGrant(grantId: id, token: Base64.encode(Array("warden-grant:\(id):".utf8) + SecureRandom.bytes(16)),
                                     keyArn: key.arn, name: name, granteePrincipal: grantee, retiringPrincipal: retiring,
                                     issuingAccount: caller.account, operations: operations,
                                     contextSubset: hasSubset ? subset?.pairs : nil, contextEquals: hasEquals ? equals?.pairs : nil,
                                     creationDate: now)
                s.grants[id] = grant
                s.sql.append(KMSPersistence.saveSQL(grant))
                return grant
            }
            return KMSResult(["GrantToken": .string(grant.token), "GrantId": .string(grant.grantId)], sql: sql)
        }
    }
}

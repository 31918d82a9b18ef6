import WardenSupport
import DynamoModel

/// What other services on the endpoint (DynamoDB) use KMS for: their AWS managed keys,
/// resolving the key a caller names, whether a key is usable, and the grants they create.
extension KMSService {
    /// The AWS managed key of `service` (`alias/aws/<service>`) in an account and Region,
    /// created the first time it is needed, with the key policy AWS gives it.
    public func managedKey(service: String, account: String, region: String) -> KMSKey {
        let aliasName = "alias/aws/\(service)"
        let aliasArn = KMSAlias.arn(account: account, region: region, name: aliasName)
        let store = keys
        let now = store.clock.now()
        let result = try? store.transact { (s: inout KeyStore.State) throws(KMSError) -> KMSKey in
            if let alias = s.aliases[aliasArn],
               let key = s.key(arn: KMSKey.arn(account: account, region: region, keyId: alias.targetKeyId), now: now, persistence: store.persistence) {
                return key
            }
            let key = KMSKey(keyId: SecureRandom.uuid(), account: account, region: region, creationDate: now,
                             description: "Default master key that protects my \(service == "dynamodb" ? "DynamoDB" : service) data when no other key is defined",
                             state: .enabled, deletionDate: nil, pendingWindowInDays: nil, keyManager: "AWS",
                             policy: ManagedKeyPolicy.document(service: service, account: account, region: region), tags: [],
                             material: [SecureRandom.bytes(32)], rotationEnabled: true, rotationPeriodInDays: 365, rotationAnchor: now)
            s.save(key, store.persistence)
            let alias = KMSAlias(name: aliasName, account: account, region: region, targetKeyId: key.keyId, creationDate: now, lastUpdatedDate: now)
            s.aliases[aliasArn] = alias
            s.sql.append(KMSPersistence.saveSQL(alias))
            return key
        }
        guard let (key, _) = result else { preconditionFailure("creating a managed key cannot fail") }
        return key
    }

    /// The key a caller in `account`/`region` names (key id, key ARN, alias name or ARN).
    public func resolve(_ text: String, account: String, region: String) throws(KMSError) -> KMSKey {
        try keys.resolve(text, caller: KMSCaller(account: account, region: region, arn: "arn:aws:iam::\(account):root"))
    }

    /// Why a key cannot be used now — KMS's error for it and since when — or nil when it can.
    public func unavailability(_ keyArn: String) -> (error: KMSError, since: Double)? {
        do {
            let key = try keys.current(arn: keyArn)
            switch key.state {
            case .enabled: return nil
            case .disabled: return (.disabled(key.arn), key.unusableSince ?? key.creationDate)
            case .pendingDeletion: return (.pendingDeletion(key.arn), key.unusableSince ?? key.creationDate)
            }
        } catch {
            return (error, 0)
        }
    }

    /// The key policy and tags of a key, for authorizing another service's use of it.
    public func keyFacts(_ keyArn: String) -> (policy: String, tags: [KMSTag])? {
        guard let key = try? keys.current(arn: keyArn) else { return nil }
        return (key.policy, key.tags)
    }

    /// A grant a service creates for itself (DynamoDB's grant for a table); an existing grant
    /// with the same name on the key is kept. Returns the grant id.
    @discardableResult
    public func serviceGrant(keyArn: String, name: String, grantee: String, operations: [String], contextSubset: [String: String],
                             issuingAccount: String) -> String? {
        let store = keys
        let now = store.clock.now()
        let result = try? store.transact { (s: inout KeyStore.State) throws(KMSError) -> String in
            if let same = s.grants.values.first(where: { $0.keyArn == keyArn && $0.name == name }) { return same.grantId }
            let id = Hex.encode(SecureRandom.bytes(32))
            let grant = KMSGrant(grantId: id, token: Base64.encode(Array("warden-grant:\(id):".utf8) + SecureRandom.bytes(16)), keyArn: keyArn,
                                 name: name, granteePrincipal: grantee, retiringPrincipal: grantee, issuingAccount: issuingAccount,
                                 operations: operations, contextSubset: contextSubset, contextEquals: nil, creationDate: now)
            s.grants[id] = grant
            s.sql.append(KMSPersistence.saveSQL(grant))
            return id
        }
        guard let (id, _) = result else { return nil }
        return id
    }
}

/// The key policy AWS gives an AWS managed key: any principal of the account may use it
/// through the service (kms:ViaService, kms:CallerAccount), and the account may read its
/// metadata ("AWS managed keys", e.g. the policy of aws/dynamodb).
enum ManagedKeyPolicy {
    static func document(service: String, account: String, region: String) -> String {
        let display = service == "dynamodb" ? "Amazon DynamoDB" : service
        return """
        {
          "Version" : "2012-10-17",
          "Id" : "auto-\(service)-1",
          "Statement" : [ {
            "Sid" : "Allow access through \(display) for all principals in the account that are authorized to use \(display)",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "*"
            },
            "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey" ],
            "Resource" : "*",
            "Condition" : {
              "StringEquals" : {
                "kms:CallerAccount" : "\(account)",
                "kms:ViaService" : "\(service).\(region).amazonaws.com"
              }
            }
          }, {
            "Sid" : "Allow direct access to key metadata to the account",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "arn:aws:iam::\(account):root"
            },
            "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant" ],
            "Resource" : "*"
          } ]
        }
        """
    }
}

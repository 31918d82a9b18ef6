import AccessPolicy
import DynamoModel
import KMS

extension Authorizer.Check {
    /// A KMS check: on a key, the key policy is the resource policy and must itself allow
    /// (identity policies count only where it delegates to the account, "Key policies in
    /// AWS KMS", https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html);
    /// without a key (CreateKey, List*), identity policies decide.
    init(kms check: KMSCheck) {
        self.init(action: check.action, resource: check.resource, resourceAccount: check.resourceAccount, resourcePolicy: nil,
                  keys: check.conditionKeys, contextKeys: nil, resourceTags: check.resourceTags.map { Tag(key: $0.key, value: $0.value) })
        grantId = check.grantId
        if let document = check.keyPolicy {
            resourcePolicyMustAllow = true
            // A key policy that no longer parses allows nothing: an empty policy stands in.
            resourcePolicy = Authorizer.keyPolicy(document, arn: check.resource)
        }
    }
}

extension Authorizer {
    static func keyPolicy(_ document: String, arn: String) -> AttachedPolicy {
        let policy = (try? Policy.parse(document, kind: .resource)) ?? (try! Policy.parse(#"{"Version":"2012-10-17","Statement":[]}"#, kind: .resource))
        return AttachedPolicy(id: arn, name: "key policy of \(arn)", sourceType: .resource, policy: policy)
    }

    /// The lockout safety check of PutKeyPolicy and CreateKey: would `policy` still allow
    /// this caller kms:PutKeyPolicy?
    func keyPolicyLetsCallerUpdate(_ caller: Caller, policy: String, origin: Origin, now: Double) -> Bool {
        var check = Check(action: "kms:PutKeyPolicy", resource: "*", resourceAccount: caller.accountId, resourcePolicy: nil,
                          keys: ["kms:CallerAccount": [caller.accountId]])
        check.resourcePolicyMustAllow = true
        check.resourcePolicy = Authorizer.keyPolicy(policy, arn: "*")
        return decide(caller, [check], origin: origin, now: now).denied == nil
    }
}

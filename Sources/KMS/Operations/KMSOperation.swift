import WardenSupport
import DynamoModel

/// Who calls: the signed caller's account, region (of the credential scope) and ARN, and for
/// a role session the role's ARN (a grant to the role covers its sessions).
public typealias KMSCaller = ServiceCaller

extension ServiceCaller {
    /// The ARNs a grant's GranteePrincipal or RetiringPrincipal may name for this caller.
    var principalArns: [String] {
        var arns = [arn]
        if let roleArn { arns.append(roleArn) }
        if arn.hasSuffix(":root") || arn == "arn:aws:iam::\(account):root" { arns.append(account) }
        return arns
    }
}

/// One thing a KMS request needs allowed. With a key policy, the key policy is the primary
/// control: the server evaluates it as a resource policy that must itself allow (identity
/// policies count only where it delegates to the account). Without one (CreateKey, the
/// List operations), identity policies alone decide.
public struct KMSCheck: Sendable {
    public var action: String
    public var resource: String
    public var resourceAccount: String
    public var keyPolicy: String?
    public var conditionKeys: [String: [String]]
    public var resourceTags: [KMSTag]
    /// A grant that allows this check where the policies do not (its id).
    public var grantId: String?

    init(action: String, key: KMSKey, conditionKeys: [String: [String]] = [:]) {
        self.action = action
        resource = key.arn
        resourceAccount = key.account
        keyPolicy = key.policy
        self.conditionKeys = conditionKeys
        resourceTags = key.tags
    }

    init(action: String, resource: String, account: String, conditionKeys: [String: [String]] = [:]) {
        self.action = action
        self.resource = resource
        resourceAccount = account
        keyPolicy = nil
        self.conditionKeys = conditionKeys
        resourceTags = []
    }
}

/// What an operation's successful run returns: the response body and the SQL to persist.
public struct KMSResult: Sendable {
    public var body: JSONValue
    /// The commit of the run's change.
    let write: PendingWrite

    init(_ body: JSONValue, sql write: PendingWrite = .nothing()) {
        self.body = body
        self.write = write
    }
}

/// A validated request: what it needs allowed, how CloudTrail shows it, and the run itself
/// (called only once authorization allowed every check).
public struct KMSPrepared: Sendable {
    public var checks: [KMSCheck]
    /// requestParameters as CloudTrail records them (plaintext and ciphertext left out).
    public var auditParameters: JSONValue
    /// The keys the request names (CloudTrail's resources).
    public var keyArns: [String]
    /// A key policy the request sets without BypassPolicyLockoutSafetyCheck: the server
    /// checks that it still lets the caller call PutKeyPolicy, or answers
    /// MalformedPolicyDocumentException (`KMSService.lockoutMessage`).
    public var lockoutPolicy: String?
    let execute: @Sendable () throws(KMSError) -> KMSResult

    public func run() throws(KMSError) -> KMSResult { try execute() }
}

/// The environment an operation is prepared in.
struct KMSEnvironment {
    var store: KeyStore
    var caller: KMSCaller
    var now: Double
}

/// One KMS API operation: validates its input and declares its checks; its run happens later.
protocol KMSOperation {
    static func prepare(_ p: Params, _ env: KMSEnvironment) throws(KMSError) -> KMSPrepared
}

extension KMSPrepared {
    init(checks: [KMSCheck], params: Params, keys: [String], execute: @escaping @Sendable () throws(KMSError) -> KMSResult) {
        self.init(checks: checks, auditParameters: AuditShape.shape(params.json), keyArns: keys, lockoutPolicy: nil, execute: execute)
    }
}

/// Condition keys every check on a key carries: kms:CallerAccount and the key's facts.
func keyConditionKeys(_ env: KMSEnvironment, _ key: KMSKey, extra: [String: [String]] = [:]) -> [String: [String]] {
    var keys: [String: [String]] = [
        "kms:CallerAccount": [env.caller.account], "kms:KeySpec": ["SYMMETRIC_DEFAULT"], "kms:KeyUsage": ["ENCRYPT_DECRYPT"],
        "kms:KeyOrigin": ["AWS_KMS"], "kms:KeyManager": [key.keyManager], "kms:MultiRegion": ["false"],
    ]
    for (k, v) in extra { keys[k] = v }
    return keys
}

/// A key usable for cryptographic operations: Enabled (DisabledException,
/// KMSInvalidStateException otherwise).
func requireUsable(_ key: KMSKey) throws(KMSError) {
    switch key.state {
    case .enabled: return
    case .disabled: throw .disabled(key.arn)
    case .pendingDeletion: throw .pendingDeletion(key.arn)
    }
}

/// Management operations refuse a key pending deletion.
func requireNotPendingDeletion(_ key: KMSKey) throws(KMSError) {
    if key.state == .pendingDeletion { throw .pendingDeletion(key.arn) }
}

import DynamoModel
import Synchronization

/// What DynamoDB needs from KMS for a table encrypted with a KMS key (SSEType KMS): the key
/// resolved as DynamoDB resolves KMSMasterKeyId, whether the key is usable, and the KMS calls
/// DynamoDB makes on the caller's behalf (the grant, the CloudTrail records). The server
/// installs the implementation (backed by the KMS module) in `DynamoService.tableKeys`; with
/// none installed, tables keep the key ARN they were given (as before KMS existed).
public protocol TableKeyService: Sendable {
    /// KMSMasterKeyId — a key id, key ARN, alias name or alias ARN; nil for the AWS managed
    /// key `alias/aws/dynamodb` of the table's account and Region (created on first use) —
    /// to the key's ARN, or KMS's error for it.
    func resolve(_ keyId: String?, account: String, region: String, now: Double) -> Result<String, KeyUnavailable>
    /// Why the key cannot be used now (disabled, pending deletion, deleted) and since when;
    /// nil while it is enabled.
    func unavailable(_ keyArn: String, now: Double) -> KeyUnavailable?
    /// DynamoDB starts using the key for a table (created, restored, re-keyed, or given new
    /// indexes): it creates its grant for the table, puts the table's data keys under the key
    /// and records its KMS calls in CloudTrail as invoked by dynamodb.amazonaws.com.
    func adopt(_ keyArn: String, table: TableDefinition, env: RequestEnvironment)
}

/// A KMS key DynamoDB cannot use: KMS's exception name and message, and since when.
public struct KeyUnavailable: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    public var since: Double

    public init(code: String, message: String, since: Double) {
        self.code = code
        self.message = message
        self.since = since
    }

    /// KMS's error as the AWS SDK inside DynamoDB words it.
    func kmsText(requestId: String) -> String {
        "com.amazonaws.services.kms.model.\(code): \(message) (Service: AWSKMS; Status Code: 400; Error Code: \(code); Request ID: \(requestId); Proxy: null)"
    }
}

/// Holds the installed TableKeyService (set once at start-up).
public final class TableKeysSlot: Sendable {
    private let value = Mutex<(any TableKeyService)?>(nil)

    public init() {}

    public func install(_ service: any TableKeyService) { value.withLock { $0 = service } }

    public var service: (any TableKeyService)? { value.withLock { $0 } }
}

/// DynamoDB's side of customer managed keys.
public enum TableEncryption {
    /// How long a table keeps working after its key becomes unusable before DynamoDB notices
    /// (it caches the table key; "How Amazon DynamoDB uses AWS KMS",
    /// https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html: the
    /// plaintext table key is cached and KMS asked again after five minutes). On the
    /// simulated clock.
    public static let gracePeriod: Double = 300

    /// When DynamoDB detected the table's key inaccessible (InaccessibleEncryptionDateTime),
    /// and why; nil while the table is accessible.
    public static func inaccessible(_ table: TableDefinition, service: DynamoService, now: Double) -> KeyUnavailable? {
        guard let keys = service.tableKeys.service, let arn = table.sse?.kmsMasterKeyArn, var down = keys.unavailable(arn, now: now),
              now >= down.since + gracePeriod else { return nil }
        down.since += gracePeriod
        return down
    }

    /// The data-plane answer for a table whose key is inaccessible: KMS's error, as DynamoDB
    /// passes it on ("KMS key access denied error: …", the wording DynamoDB gives KMS errors;
    /// e.g. aws/aws-cdk#18616).
    static func accessDenied(_ down: KeyUnavailable, requestId: String) -> DynamoError {
        .accessDenied("KMS key access denied error: \(down.kmsText(requestId: requestId))")
    }

    /// CreateTable/UpdateTable with a key DynamoDB cannot use: "KMS validation error: …"
    /// (as CloudFormation relays it for a missing key, e.g.
    /// aws-solutions/generative-ai-application-builder-on-aws#29).
    static func validationError(_ down: KeyUnavailable, requestId: String) -> DynamoError {
        .validation("KMS validation error: \(down.kmsText(requestId: requestId))")
    }

    /// Resolves an SSESpecification's key (leaving AES256/owned-key settings as they are) and
    /// checks the key is usable; the settings to store.
    static func resolve(_ sse: SSESettings??, keyId: String?, service: DynamoService, env: RequestEnvironment) throws(DynamoError) -> SSESettings?? {
        guard let keys = service.tableKeys.service, case .some(.some(var settings)) = sse, settings.sseType == "KMS" else { return sse }
        switch keys.resolve(keyId, account: env.accountId, region: env.region, now: env.now) {
        case .failure(let down):
            throw validationError(down, requestId: env.requestId)
        case .success(let arn):
            if let down = keys.unavailable(arn, now: env.now) { throw validationError(down, requestId: env.requestId) }
            settings.kmsMasterKeyArn = arn
            return .some(.some(settings))
        }
    }

    /// The KMS permissions DynamoDB exercises for the caller when a table starts using a key
    /// (it describes the key and creates a grant, through the caller's forward access
    /// session: kms:ViaService is dynamodb.<region>.amazonaws.com).
    static func checks(_ sse: SSESettings??, keyId: String?, service: DynamoService, env: RequestEnvironment) -> [AuthorizationCheck] {
        guard let keys = service.tableKeys.service, case .some(.some(let settings)) = sse, settings.sseType == "KMS",
              case .success(let arn) = keys.resolve(keyId, account: env.accountId, region: env.region, now: env.now) else { return [] }
        let account = arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? env.accountId
        let via: [String: [String]] = ["kms:ViaService": ["dynamodb.\(env.region).amazonaws.com"], "kms:CallerAccount": [env.accountId]]
        var grantKeys = via
        grantKeys["kms:GrantIsForAWSResource"] = ["true"]
        return [
            AuthorizationCheck(action: "kms:DescribeKey", resource: arn, resourceAccount: account, keys: via),
            AuthorizationCheck(action: "kms:CreateGrant", resource: arn, resourceAccount: account, keys: grantKeys),
        ]
    }

    /// DescribeTable's view of an inaccessible table: TableStatus
    /// INACCESSIBLE_ENCRYPTION_CREDENTIALS and SSEDescription.InaccessibleEncryptionDateTime.
    static func annotate(_ description: JSONValue, _ table: TableDefinition, service: DynamoService, now: Double) -> JSONValue {
        guard let down = inaccessible(table, service: service, now: now), case .object(var members) = description else { return description }
        for i in members.indices {
            if members[i].0 == "TableStatus" { members[i].1 = "INACCESSIBLE_ENCRYPTION_CREDENTIALS" }
            if members[i].0 == "SSEDescription", case .object(var sse) = members[i].1 {
                sse.append(("InaccessibleEncryptionDateTime", .timestamp(down.since)))
                members[i].1 = .object(sse)
            }
        }
        return .object(members)
    }
}

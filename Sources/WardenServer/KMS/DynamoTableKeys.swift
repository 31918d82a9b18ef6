import AuditTrail
import DynamoModel
import DynamoOperations
import KMS

/// DynamoDB's use of KMS for tables with a KMS key: resolves KMSMasterKeyId (the AWS
/// managed key alias/aws/dynamodb when none is given), reports unusable keys, creates the
/// grant DynamoDB creates for a table and records DynamoDB's KMS calls in CloudTrail as AWS
/// does: the caller's identity, `invokedBy`, `sourceIPAddress` and `userAgent`
/// dynamodb.amazonaws.com ("How Amazon DynamoDB uses AWS KMS",
/// https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html).
final class DynamoTableKeys: TableKeyService {
    static let service = "dynamodb.amazonaws.com"
    /// The operations of the grant DynamoDB creates for a table.
    static let grantOperations = ["Decrypt", "Encrypt", "GenerateDataKey", "ReEncryptFrom", "ReEncryptTo", "DescribeKey", "CreateGrant", "RetireGrant"]

    let kms: KMSService
    let trail: AuditTrail?
    let dataKeys: TableDataKeys?

    init(kms: KMSService, trail: AuditTrail?, dataKeys: TableDataKeys? = nil) {
        self.kms = kms
        self.trail = trail
        self.dataKeys = dataKeys
    }

    func resolve(_ keyId: String?, account: String, region: String, now: Double) -> Result<String, KeyUnavailable> {
        // No key, or the managed key's alias: the AWS managed key (made on first use).
        guard let keyId, !keyId.isEmpty, keyId != "alias/aws/dynamodb", keyId != "arn:aws:kms:\(region):\(account):alias/aws/dynamodb" else {
            return .success(kms.managedKey(service: "dynamodb", account: account, region: region).arn)
        }
        do {
            return .success(try kms.resolve(keyId, account: account, region: region).arn)
        } catch {
            return .failure(KeyUnavailable(code: error.code, message: error.message, since: 0))
        }
    }

    func unavailable(_ keyArn: String, now: Double) -> KeyUnavailable? {
        kms.unavailability(keyArn).map { KeyUnavailable(code: $0.error.code, message: $0.error.message, since: $0.since) }
    }

    /// The table's encryption context, as DynamoDB sends it to KMS.
    static func context(_ table: TableKey) -> [String: String] {
        ["aws:dynamodb:tableName": table.name, "aws:dynamodb:subscriberId": table.account]
    }

    func adopt(_ keyArn: String, table definition: TableDefinition, env: RequestEnvironment) {
        let table = TableKey(account: definition.account, region: definition.region, name: definition.name)
        let context = Self.context(table)
        let grantId = kms.serviceGrant(keyArn: keyArn, name: "dynamodb-\(table.account)-\(table.region)-\(table.name)",
                                       grantee: "dynamodb.\(table.region).amazonaws.com", operations: Self.grantOperations,
                                       contextSubset: context, issuingAccount: table.account)
        // Envelope encryption: the table's (and its indexes') data keys now under this key.
        if let dataKeys {
            let ids = [definition.storageId] + (definition.globalIndexes + definition.localIndexes).map(\.storageId)
            dataKeys.protect(storageIds: ids, keyArn: keyArn, context: context)
        }
        let contextJSON: JSONValue = .object(context.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
        record("DescribeKey", keyArn: keyArn, env: env, request: ["keyId": .string(keyArn)], readOnly: true)
        record("CreateGrant", keyArn: keyArn, env: env, request: [
            "keyId": .string(keyArn), "granteePrincipal": .string("dynamodb.\(table.region).amazonaws.com"),
            "retiringPrincipal": .string("dynamodb.\(table.region).amazonaws.com"),
            "operations": .array(Self.grantOperations.map { .string($0) }),
            "constraints": ["encryptionContextSubset": contextJSON],
        ], response: grantId.map { ["grantId": .string($0)] }, readOnly: false)
        record("GenerateDataKey", keyArn: keyArn, env: env, request: ["keyId": .string(keyArn), "keySpec": "AES_256",
                                                                      "encryptionContext": contextJSON], readOnly: true)
    }

    /// A KMS call DynamoDB makes for the caller.
    func record(_ name: String, keyArn: String, env: RequestEnvironment, request: JSONValue, response: JSONValue? = nil, readOnly: Bool) {
        guard let trail else { return }
        let keyAccount = keyArn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? env.accountId
        var identity = UserIdentity(type: Self.kind(env.callerArn), arn: env.callerArn, accountId: env.accountId)
        identity.invokedBy = Self.service
        trail.submit(AuditEvent(
            eventTime: env.now, eventSource: KMSService.eventSource, eventName: name, awsRegion: env.region,
            sourceIPAddress: Self.service, userAgent: Self.service, userIdentity: identity, request: .shaped(request),
            response: response.map(AuditEvent.Body.shaped), errorCode: nil, errorMessage: nil, denied: false, requestID: UUIDs.make(),
            eventID: UUIDs.make(), readOnly: readOnly, resources: [.init(type: "AWS::KMS::Key", arn: keyArn, accountId: keyAccount)],
            category: .management, recipientAccountId: keyAccount, apiVersion: "2014-11-01", eventType: "AwsApiCall"))
    }

    static func kind(_ arn: String) -> UserIdentity.Kind {
        if arn.hasSuffix(":root") { return .root }
        if arn.contains(":assumed-role/") { return .assumedRole }
        return .iamUser
    }
}

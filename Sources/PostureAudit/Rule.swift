/// A check the audit runs. Ids `DynamoDB.N` are AWS Security Hub's DynamoDB controls (same
/// number, title and severity: https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html);
/// `Warden.*` ids are the misconfigurations DynamoDB's security guidance lists that Security
/// Hub has no control for. DynamoDB.3 and DynamoDB.7 (DAX encryption at rest and in transit)
/// do not apply: there is no DAX here.
public struct Rule: Sendable, Equatable {
    public var id: String
    public var severity: Severity
    public var title: String
    public var why: String

    public static let autoScaling = Rule(
        id: "DynamoDB.1", severity: .medium, title: "DynamoDB tables should automatically scale capacity with demand",
        why: "A provisioned table without auto scaling is throttled when traffic grows past its fixed capacity. A provisioned table passes when its read and write capacity, and each global secondary index's, have an Application Auto Scaling target and scaling policy; on-demand tables pass.")
    public static let pointInTimeRecovery = Rule(
        id: "DynamoDB.2", severity: .medium, title: "DynamoDB tables should have point-in-time recovery enabled",
        why: "Without PITR an accidental or malicious write or delete cannot be undone: there is no restore to a moment in the last 35 days.")
    public static let backupPlan = Rule(
        id: "DynamoDB.4", severity: .medium, title: "DynamoDB tables should be present in a backup plan",
        why: "Without a backup plan a deleted or corrupted table cannot be restored beyond the PITR window. A table passes when a selection of an AWS Backup plan assigns it (by ARN, tag conditions or both).")
    public static let deletionProtection = Rule(
        id: "DynamoDB.6", severity: .medium, title: "DynamoDB tables should have deletion protection enabled",
        why: "Without deletion protection one DeleteTable call by an administrator or a leaked key destroys the table.")
    public static let awsOwnedKey = Rule(
        id: "Warden.SSE.1", severity: .low, title: "Table is encrypted with an AWS owned key, not a customer managed KMS key",
        why: "With an AWS owned key you cannot see who used the key in CloudTrail, restrict it with a key policy, or revoke access by disabling the key.")
    public static let awsManagedKey = Rule(
        id: "Warden.SSE.2", severity: .low, title: "Table is encrypted with the AWS managed key aws/dynamodb, not a customer managed KMS key",
        why: "The AWS managed key's policy cannot be changed: you cannot limit who may use it or disable it to cut off access to the table.")
    public static let noTTL = Rule(
        id: "Warden.TTL.1", severity: .low, title: "Table has no time to live",
        why: "Data that should expire (sessions, tokens, personal data past its retention) stays forever unless a TTL attribute removes it.")
    public static let streamImages = Rule(
        id: "Warden.Stream.1", severity: .info, title: "Stream carries NEW_AND_OLD_IMAGES",
        why: "Every reader of the stream sees whole items before and after each change, including attributes an FGAC policy hides on the table: keep stream readers as narrow as table readers.")
    public static let wildcardResourcePolicy = Rule(
        id: "Warden.Policy.1", severity: .high, title: "Resource policy allows any principal without a condition",
        why: "A statement with Principal \"*\" and no Condition lets every AWS account call the allowed actions on this resource. (DynamoDB's Block Public Access refuses to store such a policy, so this finding means the policy came from elsewhere.)")
    public static let conditionalWildcardResourcePolicy = Rule(
        id: "Warden.Policy.2", severity: .low, title: "Resource policy allows any principal, narrowed only by conditions",
        why: "A statement with Principal \"*\" is as narrow as its conditions: one on aws:PrincipalOrgID or aws:SourceVpce admits every principal of that organization or network. Name the principals instead.")
    public static let fullAccessIdentityPolicy = Rule(
        id: "Warden.IAM.1", severity: .high, title: "Identity policy allows dynamodb:* on *",
        why: "Whoever holds this policy can read, change and delete every table, backup and stream in the account, and change their policies.")
    public static let scanWithLeadingKeys = Rule(
        id: "Warden.FGAC.1", severity: .medium, title: "FGAC policy restricts dynamodb:LeadingKeys but also allows Scan",
        why: "dynamodb:LeadingKeys does not limit Scan: a Scan has no partition key, so a ForAllValues condition on it is true and the caller reads every item, not only their own.")
    public static let noDataEventTrail = Rule(
        id: "Warden.Trail.1", severity: .medium, title: "No trail logs data events for the table",
        why: "Without a logging trail that selects DynamoDB data events, reads and writes of items leave no audit record: an exfiltration cannot be investigated.")

    public static let all: [Rule] = [
        autoScaling, pointInTimeRecovery, backupPlan, deletionProtection, awsOwnedKey, awsManagedKey, noTTL, streamImages,
        wildcardResourcePolicy, conditionalWildcardResourcePolicy, fullAccessIdentityPolicy, scanWithLeadingKeys, noDataEventTrail,
    ]
}

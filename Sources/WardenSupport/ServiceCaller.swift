/// Who calls a service beside DynamoDB (KMS, AWS Backup, Application Auto Scaling): the signed
/// caller's account, region (of the credential scope) and ARN.
public struct ServiceCaller: Sendable {
    public var account: String
    public var region: String
    public var arn: String
    /// For a role session, the role's ARN (a KMS grant to the role covers its sessions).
    public var roleArn: String?

    public init(account: String, region: String, arn: String, roleArn: String? = nil) {
        self.account = account
        self.region = region
        self.arn = arn
        self.roleArn = roleArn
    }
}

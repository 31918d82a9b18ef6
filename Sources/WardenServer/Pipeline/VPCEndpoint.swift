import AccessPolicy

/// A simulated interface VPC endpoint: a listener of its own whose requests carry
/// `aws:SourceVpce`, `aws:SourceVpc` and `aws:VpceAccount` and no `aws:SourceIp` (the peer
/// address goes to `aws:VpcSourceIp` instead), as AWS sets them for requests through an
/// endpoint ("AWS global condition context keys": aws:SourceIp "is not present in the request
/// context ... if the requester uses a VPC endpoint to make the request"), and whose endpoint
/// policy must allow every request through it.
///
/// "Control access to VPC endpoints using endpoint policies"
/// (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html): "An
/// endpoint policy does not override or replace identity-based policies or resource-based
/// policies"; it "must contain a Principal element"; without one, the default policy "allows
/// full access through the endpoint". Shared by every request on its listener (a reference:
/// no copy per request).
public final class VPCEndpoint: Sendable {
    /// e.g. `vpce-0a1b2c3d`.
    public let id: String
    /// e.g. `vpc-1234`.
    public let vpcId: String
    /// The account that owns the endpoint.
    public let accountId: String
    /// The endpoint policy; nil is the default policy (full access), which needs no evaluation.
    public let policy: AttachedPolicy?

    public init(id: String, vpcId: String, accountId: String, policy: AttachedPolicy?) {
        self.id = id
        self.vpcId = vpcId
        self.accountId = accountId
        self.policy = policy
    }

    /// The endpoint's ARN (its policy's id in decisions and traces).
    public static func arn(id: String, accountId: String, region: String) -> String {
        "arn:aws:ec2:\(region):\(accountId):vpc-endpoint/\(id)"
    }
}

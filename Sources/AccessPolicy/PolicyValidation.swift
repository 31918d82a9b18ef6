// IAM's MalformedPolicyDocument texts and the checks that produce them.
//
// The texts and the order in which IAM checks are taken from moto's
// iam/policy_validation.py (written against real IAM responses) and from IAM's own
// answers quoted in issue threads: "Syntax errors in policy.", "The policy failed legacy
// parsing", "Policy statement must contain actions.", "Policy statement must contain
// resources.", "Statement IDs (SID) in a single policy must be unique.", "Actions/Conditions
// must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", "Actions/Condition can contain
// only one colon.", "Vendor X is not valid", `Resource X must be in ARN format or "*".`,
// "Policy document should not specify a principal.", "Missing required field Principal",
// "Has prohibited field Resource", `Invalid principal in policy: "AWS":"x"`.
// IAM rejects an unknown Version, an unknown Effect and an unknown condition operator
// (with a non-empty body) as plain syntax errors.

public enum MalformedPolicyMessage {
    public static let syntaxErrors = "Syntax errors in policy."
    public static let legacyParsing = "The policy failed legacy parsing"
    public static let mustContainActions = "Policy statement must contain actions."
    public static let mustContainResources = "Policy statement must contain resources."
    public static let sidsMustBeUnique = "Statement IDs (SID) in a single policy must be unique."
    public static let sidMustBeAlphanumeric =
        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"
    public static let shouldNotSpecifyPrincipal = "Policy document should not specify a principal."
    public static let missingPrincipal = "Missing required field Principal"
    public static let prohibitedResource = "Has prohibited field Resource"
    public static let actionNeedsVendor = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
    public static let actionOneColon = "Actions/Condition can contain only one colon."
    public static let resourceVendor = "Resource vendor must be fully qualified and cannot contain regexes."
    /// AWS Organizations' text for an SCP/RCP that breaks its type's rules.
    public static let organizationsPolicyType =
        "The provided policy document does not meet the requirements of the specified policy type."

    /// Managed policies (CreatePolicy/CreatePolicyVersion) refuse Version 2008-10-17 or none.
    public static let versionTooOld = "Policy document must be version 2012-10-17 or greater."
    public static let iamResourcePath =
        "IAM resource path must either be \"*\" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/."

    public static func vendorNotValid(_ vendor: String) -> String { "Vendor \(vendor) is not valid" }

    public static func iamRegion(_ resource: String) -> String {
        "IAM resource \(resource) cannot contain region information."
    }

    public static func s3Region(_ resource: String) -> String {
        "Resource \(resource) can not contain region information."
    }

    public static func resourceNotARN(_ resource: String) -> String {
        "Resource \(resource) must be in ARN format or \"*\"."
    }

    public static func invalidPrincipal(_ entry: PrincipalEntry) -> String {
        "Invalid principal in policy: \(entry)"
    }

    public static func partitionNotValid(_ partition: String, _ rest: [Substring]) -> String {
        let arn1 = !rest.isEmpty && (!rest[0].isEmpty || rest.count > 1) ? String(rest[0]) : "*"
        let arn2 = rest.count > 1 ? String(rest[1]) : "*"
        let arn3 = rest.count > 2 ? String(rest[2]) : "*"
        let arn4 = rest.count > 3 ? rest[3...].joined(separator: ":") : "*"
        return "Partition \"\(partition)\" is not valid for resource \"arn:\(partition):\(arn1):\(arn2):\(arn3):\(arn4)\"."
    }
}

enum PolicyValidation {
    static let knownPartitions: Set<String> = [
        "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc",
    ]

    /// Checks an Action/NotAction entry; returns IAM's message if it is refused.
    static func actionProblem(_ action: String) -> String? {
        if action == "*" { return nil }
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 1 { return MalformedPolicyMessage.actionNeedsVendor }
        if parts.count > 2 { return MalformedPolicyMessage.actionOneColon }
        let vendor = parts[0]
        if vendor != "*" {
            let valid = !vendor.isEmpty && vendor.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            }
            if !valid { return MalformedPolicyMessage.vendorNotValid(String(vendor)) }
        }
        return nil
    }

    enum ResourceProblem {
        case format(String)
        case legacy
    }

    /// Checks a Resource/NotResource entry.
    static func resourceProblem(_ resource: String) -> ResourceProblem? {
        if resource == "*" { return nil }
        guard resource.contains(":") else {
            return .format(MalformedPolicyMessage.resourceNotARN(resource))
        }
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        let partition = parts.count > 1 ? String(parts[1]) : ""
        let wildcardPartition = partition.contains("*") || partition.contains("?") || partition.contains("${")
        if !knownPartitions.contains(partition) && !wildcardPartition {
            return .format(MalformedPolicyMessage.partitionNotValid(partition, Array(parts.dropFirst(2))))
        }
        guard parts.count >= 3 else { return .format(MalformedPolicyMessage.resourceVendor) }
        let service = parts[2]
        if service.contains("*") || service.contains("?") {
            return .format(MalformedPolicyMessage.resourceVendor)
        }
        if service.isEmpty { return .legacy }
        if parts.count < 6 && resource.contains("::") { return .legacy }
        let region = parts.count > 3 ? parts[3] : ""
        if service == "iam" && !region.isEmpty { return .format(MalformedPolicyMessage.iamRegion(resource)) }
        if service == "s3" && !region.isEmpty { return .format(MalformedPolicyMessage.s3Region(resource)) }
        if service == "iam" && parts.count > 5 {
            let path = parts[5...].joined(separator: ":")
            let open = path.hasPrefix("*") || path.hasPrefix("?") || path.hasPrefix("${")
            if !open && !iamPathPrefixes.contains(where: { path.hasPrefix($0) }) {
                return .format(MalformedPolicyMessage.iamResourcePath)
            }
        }
        return nil
    }

    static let iamPathPrefixes = [
        "user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/", "server-certificate/",
        "policy/", "sms-mfa/", "saml-provider/", "oidc-provider/", "report/", "access-report/",
    ]

    /// `{"AWS": ...}` values must be `*`, a 12-digit account id or an ARN.
    static func awsPrincipalIsValid(_ value: String) -> Bool {
        if value == "*" { return true }
        if value.utf8.count == 12 && value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return true
        }
        guard let parts = ARNSegments.split(value), parts[0] == "arn" else { return false }
        return parts[2] == "iam" || parts[2] == "sts"
    }

    static func sidIsAlphanumeric(_ sid: String) -> Bool {
        sid.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
    }
}

import AccessPolicy
import Identity
import WardenSupport

/// IAM's response shapes (as botocore's IAM model names their members) and helpers the IAM
/// operations share.
enum IAMRender {
    static func date(_ seconds: Double) -> String { ISO8601Format.string(seconds) }

    /// Policy documents come back URL-encoded, as IAM returns them (every byte but
    /// letters, digits and `-_.~*` percent-encoded); boto3 and the CLI decode them.
    static func encodeDocument(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count * 2)
        let hex = Array("0123456789ABCDEF")
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "*"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }

    static func tags(_ tags: [Tag]) -> XML {
        .members("Tags", tags.map { [.leaf("Key", $0.key), .leaf("Value", $0.value)] })
    }

    static func boundary(_ arn: String?) -> XML {
        guard let arn else { return .empty }
        return .node("PermissionsBoundary", [.leaf("PermissionsBoundaryType", "Policy"), .leaf("PermissionsBoundaryArn", arn)])
    }

    /// A user's members; `withTags` for GetUser/CreateUser (ListUsers leaves tags out).
    static func user(_ user: User, account: String, withTags: Bool = true) -> [XML] {
        [
            .leaf("Path", user.path),
            .leaf("UserName", user.name),
            .leaf("UserId", user.id),
            .leaf("Arn", user.arn(account: account)),
            .leaf("CreateDate", date(user.createDate)),
            boundary(user.permissionsBoundaryArn),
            withTags && !user.tags.isEmpty ? tags(user.tags) : .empty,
        ]
    }

    static func group(_ group: Group, account: String) -> [XML] {
        [
            .leaf("Path", group.path),
            .leaf("GroupName", group.name),
            .leaf("GroupId", group.id),
            .leaf("Arn", group.arn(account: account)),
            .leaf("CreateDate", date(group.createDate)),
        ]
    }

    /// A role's members; GetRole and CreateRole include tags and RoleLastUsed.
    static func role(_ role: Role, account: String, detailed: Bool = true) -> [XML] {
        var lastUsed: XML = .empty
        if detailed {
            lastUsed = .node("RoleLastUsed", [
                .optional("LastUsedDate", role.lastUsedDate.map(date)),
                .optional("Region", role.lastUsedRegion),
            ])
        }
        return [
            .leaf("Path", role.path),
            .leaf("RoleName", role.name),
            .leaf("RoleId", role.id),
            .leaf("Arn", role.arn(account: account)),
            .leaf("CreateDate", date(role.createDate)),
            .leaf("AssumeRolePolicyDocument", encodeDocument(role.trustPolicy)),
            .optional("Description", role.description),
            .int("MaxSessionDuration", role.maxSessionDuration),
            boundary(role.permissionsBoundaryArn),
            detailed && !role.tags.isEmpty ? tags(role.tags) : .empty,
            lastUsed,
        ]
    }

    static func policy(_ policy: ManagedPolicy, account: Account, withTags: Bool = true) -> [XML] {
        let arn = policy.arn(account: account.id)
        return [
            .leaf("PolicyName", policy.name),
            .leaf("PolicyId", policy.id),
            .leaf("Arn", arn),
            .leaf("Path", policy.path),
            .leaf("DefaultVersionId", policy.defaultVersionId),
            .int("AttachmentCount", account.attachmentCount(arn)),
            .int("PermissionsBoundaryUsageCount", account.boundaryUsageCount(arn)),
            .bool("IsAttachable", true),
            .optional("Description", policy.description),
            .leaf("CreateDate", date(policy.createDate)),
            .leaf("UpdateDate", date(policy.updateDate)),
            withTags && !policy.tags.isEmpty ? tags(policy.tags) : .empty,
        ]
    }

    static func awsPolicy(_ entry: AWSManagedPolicies.Entry, attachmentCount: Int, boundaryCount: Int) -> [XML] {
        [
            .leaf("PolicyName", entry.name),
            .leaf("PolicyId", entry.id),
            .leaf("Arn", entry.arn),
            .leaf("Path", entry.path),
            .leaf("DefaultVersionId", "v1"),
            .int("AttachmentCount", attachmentCount),
            .int("PermissionsBoundaryUsageCount", boundaryCount),
            .bool("IsAttachable", true),
            .leaf("Description", entry.description),
            .leaf("CreateDate", date(AWSManagedPolicies.createDate)),
            .leaf("UpdateDate", date(AWSManagedPolicies.createDate)),
        ]
    }

    static func version(_ version: PolicyVersion, isDefault: Bool, withDocument: Bool = true) -> [XML] {
        [
            withDocument ? .leaf("Document", encodeDocument(version.document)) : .empty,
            .leaf("VersionId", version.id),
            .bool("IsDefaultVersion", isDefault),
            .leaf("CreateDate", date(version.createDate)),
        ]
    }

    /// `IsTruncated` (and `Marker` when there is more).
    static func truncation(_ page: Page) -> [XML] {
        [.bool("IsTruncated", page.marker != nil), .optional("Marker", page.marker)]
    }
}

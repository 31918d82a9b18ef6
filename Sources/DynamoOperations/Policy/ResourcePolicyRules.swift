import AccessPolicy
import DynamoModel

/// Rules DynamoDB applies to resource-based policies on the way in: size, syntax (in the
/// texts DynamoDB uses, which differ from IAM's), Block Public Access, and the lockout check.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html
enum ResourcePolicyRules {
    static let maxBytes = 20 * 1024

    /// Which resource a policy request names: a table or one of its streams.
    struct Target {
        var table: TableKey
        var streamLabel: String?
        var arn: String
    }

    static func target(_ arn: TableArn, text: String) throws(DynamoError) -> Target {
        var label: String?
        if let suffix = arn.suffix {
            guard suffix.hasPrefix("stream/"), suffix.count > "stream/".count else {
                throw .validation("One or more parameter values were invalid: Invalid resource arn provided, only table or stream is accepted. Provided resource arn: \(text)")
            }
            label = String(suffix.dropFirst("stream/".count))
        }
        return Target(table: TableKey(account: arn.account, region: arn.region, name: arn.name), streamLabel: label, arn: text)
    }

    static func parse(_ document: String) throws(DynamoError) -> Policy {
        if document.utf8.count > maxBytes {
            throw .validation("One or more parameter values were invalid: Maximum policy size of 20480 bytes exceeded")
        }
        do {
            return try Policy.parse(document, kind: .resource)
        } catch {
            throw .validation("One or more parameter values were invalid: Invalid policy document: \(dynamoText(error))")
        }
    }

    /// DynamoDB reports policy-document problems in its own words for the common cases.
    static func dynamoText(_ error: PolicyParseError) -> String {
        switch error.message {
        case "Syntax errors in policy.", "This policy contains invalid Json":
            return "This policy contains invalid Json"
        case "Policy statement must contain resources.": return "Missing required field Resource"
        case "Statement IDs (SID) in a single policy must be unique.": return "The Statement Ids in the policy are not unique"
        default: return error.message
        }
    }

    /// Condition keys that make a public principal non-public, per the BPA page
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/rbac-bpa-rbp.html).
    static let trustedKeys: Set<String> = [
        "aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths", "aws:sourceaccount",
        "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:userid", "aws:principalservicename",
        "aws:principalservicenameslist", "aws:principalisawsservice", "aws:ec2instancesourcevpc", "aws:sourceorgid", "aws:sourceorgpaths",
    ]

    /// Block Public Access: an Allow for a `*` principal must be narrowed by a trusted
    /// condition key whose values hold no wildcard or variable.
    static func checkNotPublic(_ policy: Policy) throws(DynamoError) {
        for statement in policy.statements where statement.effect == .allow {
            guard isPublic(statement.principals) else { continue }
            let narrowed = statement.conditions.contains { condition in
                guard trustedKeys.contains(condition.key.lowercased()), !condition.operation.ifExists else { return false }
                if condition.operation.base.isNegated { return false }
                let values = condition.values
                if values.isEmpty { return false }
                if condition.key.lowercased() == "aws:principalisawsservice" { return values.allSatisfy { $0 == "true" } }
                return values.allSatisfy { !$0.contains("*") && !$0.contains("?") && !$0.contains("${") }
            }
            if !narrowed {
                throw .validation("Resource-based policy grants unbounded access in one or more elements. Please revise the policy to ensure least-privilege form of access")
            }
        }
    }

    static func isPublic(_ principals: PrincipalElement?) -> Bool {
        switch principals {
        case .principal(let entries)?: return entries.contains(.all)
        case .notPrincipal?: return true  // everyone but the listed principals
        case nil: return false
        }
    }

    /// The lockout check: a new policy that would deny the caller PutResourcePolicy on this
    /// resource needs ConfirmRemoveSelfResourceAccess.
    static func locksOut(_ policy: Policy, target: Target, env: RequestEnvironment) -> Bool {
        guard let principal = env.principal else { return false }
        let keys = env.globalKeys()
        let context = RequestContext(principal: principal, action: "dynamodb:PutResourcePolicy", resource: target.arn,
                                     resourceAccountId: target.table.account, keys: keys)
        let input = EvaluationInput(identityPolicies: [], resourcePolicy: AttachedPolicy(id: target.arn, name: "resource-policy", sourceType: .resource, policy: policy),
                                    context: context)
        return Evaluator.evaluate(input).outcome == .explicitDeny
    }

    /// A revision id: the current time in milliseconds, kept increasing.
    static func nextRevision(now: Double, after previous: String?) -> String {
        var ms = Int64((now * 1000).rounded(.down))
        if let previous, let p = Int64(previous), p >= ms { ms = p + 1 }
        return String(ms)
    }
}

/// Identity policies: full DynamoDB access on every resource, and the FGAC pitfall of a
/// LeadingKeys condition next to an allowed Scan on the same table
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
enum IdentityPolicyChecks {
    static func findings(for policy: IdentityPolicy) -> [Finding] {
        let all = PolicyDocument(policy.document).statements
        let statements = all.filter(\.allows)
        // README's advice, AWS's example: an unconditional Deny of Scan on the table closes the gap.
        let scanDenials = all.filter { !$0.allows && !$0.hasCondition && $0.covers("dynamodb:Scan") }
        var out: [Finding] = []
        let fullAccess = statements.contains { s in
            !s.hasCondition && s.notActions.isEmpty && s.resources.contains("*")
                && s.actions.contains { $0 == "*" || $0.lowercased() == "dynamodb:*" }
        }
        if fullAccess {
            out.append(Finding(rule: .fullAccessIdentityPolicy, resourceArn: policy.arn,
                               title: "Identity policy \(policy.policyName) allows dynamodb:* on *", fix: replaceFix(policy)))
        }
        let leading = statements.filter { $0.conditionKeys.contains { $0.lowercased() == "dynamodb:leadingkeys" } }
        let scans = statements.filter { $0.covers("dynamodb:Scan") }
        let pitfall = leading.contains { l in
            l.resources.contains { r in
                scans.contains { s in s.resources.contains { Glob.overlap(r, $0) } }
                    && !scanDenials.contains { d in d.resources.contains { Glob.matches($0, r) } }
            }
        }
        if pitfall {
            out.append(Finding(rule: .scanWithLeadingKeys, resourceArn: policy.arn,
                               title: "FGAC policy \(policy.policyName) restricts dynamodb:LeadingKeys but also allows Scan",
                               fix: replaceFix(policy)))
        }
        return out
    }

    /// The AWS CLI line that replaces the document with a narrower one.
    static func replaceFix(_ policy: IdentityPolicy) -> String {
        switch policy.holder {
        case .user(let name):
            return "aws iam put-user-policy --user-name \(name) --policy-name \(policy.policyName) --policy-document file://narrower-policy.json"
        case .role(let name):
            return "aws iam put-role-policy --role-name \(name) --policy-name \(policy.policyName) --policy-document file://narrower-policy.json"
        case .group(let name):
            return "aws iam put-group-policy --group-name \(name) --policy-name \(policy.policyName) --policy-document file://narrower-policy.json"
        case .managed:
            return "aws iam create-policy-version --policy-arn \(policy.arn) --policy-document file://narrower-policy.json --set-as-default"
        }
    }
}

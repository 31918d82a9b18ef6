/// A table's or stream's resource policy with a statement that allows any principal: with no
/// Condition (high), or narrowed only by conditions (low) (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html).
enum ResourcePolicyChecks {
    static func findings(for table: TableState) -> [Finding] {
        var out: [Finding] = []
        for (arn, policy) in [(table.arn, table.resourcePolicy), (table.streamArn ?? "", table.streamPolicy)] {
            guard let policy, !arn.isEmpty else { continue }
            let open = PolicyDocument(policy).statements.filter { $0.allows && $0.principalIsWildcard }
            let fix = "aws dynamodb delete-resource-policy --resource-arn \(arn)"
            if open.contains(where: { !$0.hasCondition }) {
                out.append(Finding(rule: .wildcardResourcePolicy, resourceArn: arn, fix: fix))
            } else if !open.isEmpty {
                out.append(Finding(rule: .conditionalWildcardResourcePolicy, resourceArn: arn, fix: fix))
            }
        }
        return out
    }
}

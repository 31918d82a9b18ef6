import AccessPolicy

/// The IAM policy language: any text parses as each kind of policy or is refused with
/// IAM's message; what parses is evaluated for a few principals and requests.
enum PolicyTarget {
    static let account = "123456789012"
    static let contexts: [RequestContext] = [
        RequestContext(principal: PrincipalInfo(arn: "arn:aws:iam::123456789012:user/alice", accountId: account, type: .iamUser),
                       action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:us-east-1:123456789012:table/Orders",
                       keys: ["dynamodb:LeadingKeys": ["u1", "u2"], "aws:SourceIp": "10.1.2.3", "aws:CurrentTime": "2024-05-01T00:00:00Z",
                              "aws:SecureTransport": "true", "dynamodb:Attributes": ["a", "b"], "aws:EpochTime": "1714521600",
                              "aws:PrincipalTag/team": "red"]),
        RequestContext(principal: PrincipalInfo(arn: "arn:aws:sts::123456789012:assumed-role/R/s", accountId: account, type: .assumedRole,
                                                matchingArns: ["arn:aws:iam::123456789012:role/R"]),
                       action: "iam:CreateUser", resource: "arn:aws:iam::123456789012:user/bob", keys: [:]),
        RequestContext(principal: PrincipalInfo(arn: "arn:aws:iam::210987654321:root", accountId: "210987654321", type: .root),
                       action: "sts:AssumeRole", resource: "arn:aws:iam::123456789012:role/R", keys: ["sts:ExternalId": "x"]),
    ]

    static let target = FuzzTarget(name: "policy") { bytes in
        let document = text(bytes)
        for kind in [PolicyKind.identity, .resource, .trust, .boundary, .session, .serviceControl, .resourceControl] {
            guard let policy = try? Policy.parse(document, kind: kind) else { continue }
            let attached = AttachedPolicy(id: "p", sourceType: .userManaged, policy: policy)
            for context in contexts {
                let input: EvaluationInput
                switch kind {
                case .identity: input = EvaluationInput(identityPolicies: [attached], context: context)
                case .resource, .trust: input = EvaluationInput(resourcePolicy: attached, context: context)
                case .boundary: input = EvaluationInput(identityPolicies: [attached], permissionsBoundary: [attached], context: context)
                case .session: input = EvaluationInput(identityPolicies: [attached], sessionPolicies: [attached], context: context)
                case .serviceControl: input = EvaluationInput(identityPolicies: [attached], serviceControlPolicies: [[attached]], context: context)
                case .resourceControl: input = EvaluationInput(identityPolicies: [attached], resourceControlPolicies: [[attached]], context: context)
                }
                _ = Evaluator.evaluate(input)
            }
        }
    }
}

import Testing
@testable import AccessPolicy

/// A VPC endpoint policy is one more gate: it must allow (matching its Principal element),
/// and a Deny in it is final; IAM's words name it.
@Suite("Evaluation: VPC endpoint policies")
struct VPCEndpointPolicyTests {
    static let endpointId = "arn:aws:ec2:us-east-1:123456789012:vpc-endpoint/vpce-1"

    func endpoint(_ statements: String) throws -> AttachedPolicy {
        try attached(Self.endpointId, #"{"Version": "2012-10-17", "Statement": [\#(statements)]}"#, .resource, source: .resource, name: "vpce-1")
    }

    func input(_ endpoint: AttachedPolicy?, action: String = "dynamodb:PutItem", principal: PrincipalInfo = Fixtures.alice) throws -> EvaluationInput {
        EvaluationInput(identityPolicies: [try attached("p", Docs.allow("All", "dynamodb:*"))],
                        context: context(principal, action: action), vpcEndpointPolicy: endpoint)
    }

    @Test func anEndpointPolicyThatDoesNotAllowDenies() throws {
        let policy = try endpoint(#"{"Effect": "Allow", "Principal": "*", "Action": "dynamodb:GetItem", "Resource": "*"}"#)
        let denied = Evaluator.evaluate(try input(policy))
        #expect(denied.outcome == .implicitDeny)
        #expect(denied.decidingLayer == .vpcEndpointPolicy)
        #expect(denied.accessDeniedMessage == "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: dynamodb:PutItem on resource: \(Fixtures.table) because no VPC endpoint policy allows the dynamodb:PutItem action")
        #expect(denied.notes.contains("No statement in the VPC endpoint policy allows the request."))
        #expect(Evaluator.evaluate(try input(policy, action: "dynamodb:GetItem")).outcome == .allow)
    }

    @Test func theEndpointPolicyDoesNotGrantOnItsOwn() throws {
        let policy = try endpoint(#"{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}"#)
        let decision = Evaluator.evaluate(EvaluationInput(context: context(action: "dynamodb:GetItem"), vpcEndpointPolicy: policy))
        #expect(decision.outcome == .implicitDeny)
        #expect(decision.decidingLayer == .identityBased)
    }

    @Test func anExplicitDenyInTheEndpointPolicyIsFinal() throws {
        let policy = try endpoint(#"""
            {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Principal": "*", "Action": "dynamodb:PutItem", "Resource": "*"}
            """#)
        let decision = Evaluator.evaluate(try input(policy, principal: Fixtures.root))
        #expect(decision.outcome == .explicitDeny)
        #expect(decision.accessDeniedMessage.hasSuffix("with an explicit deny in a VPC endpoint policy"))
    }

    @Test func theEndpointPolicyMatchesItsPrincipal() throws {
        let policy = try endpoint(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/bob"}, "Action": "*", "Resource": "*"}"#)
        let decision = Evaluator.evaluate(try input(policy))
        #expect(decision.outcome == .implicitDeny && decision.decidingLayer == .vpcEndpointPolicy)
        let mine = try endpoint(#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"}, "Action": "*", "Resource": "*"}"#)
        #expect(Evaluator.evaluate(try input(mine)).outcome == .allow)
    }

    @Test func withoutAnEndpointNothingChanges() throws {
        #expect(Evaluator.evaluate(try input(nil)).outcome == .allow)
    }
}

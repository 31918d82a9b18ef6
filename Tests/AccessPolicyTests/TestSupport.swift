import Testing
@testable import AccessPolicy

enum Fixtures {
    static let account = "123456789012"
    static let otherAccount = "210987654321"
    static let table = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"
    static let otherTable = "arn:aws:dynamodb:us-east-1:210987654321:table/Shared"

    static let alice = PrincipalInfo(
        arn: "arn:aws:iam::123456789012:user/alice", accountId: account, type: .iamUser)
    static let roleArn = "arn:aws:iam::123456789012:role/Reader"
    static let roleSession = PrincipalInfo(
        arn: "arn:aws:sts::123456789012:assumed-role/Reader/s1", accountId: account, type: .assumedRole,
        matchingArns: [roleArn])
    static let federatedSession = PrincipalInfo(
        arn: "arn:aws:sts::123456789012:federated-user/bob", accountId: account, type: .federatedUser,
        matchingArns: ["arn:aws:iam::123456789012:user/bob"])
    static let webSession = PrincipalInfo(
        arn: "arn:aws:sts::123456789012:assumed-role/WebRole/app", accountId: account, type: .webIdentity,
        matchingArns: ["arn:aws:iam::123456789012:role/WebRole"], federatedProvider: "www.amazon.com")
    static let root = PrincipalInfo(arn: "arn:aws:iam::123456789012:root", accountId: account, type: .root)
    static let stranger = PrincipalInfo(
        arn: "arn:aws:iam::210987654321:user/carol", accountId: otherAccount, type: .iamUser)
    static let dynamoService = PrincipalInfo(
        arn: "dynamodb.amazonaws.com", accountId: "", type: .service, serviceName: "dynamodb.amazonaws.com")
}

/// Parses a policy, failing the test on error.
func policy(_ text: String, _ kind: PolicyKind = .identity) throws -> Policy {
    try Policy.parse(text, kind: kind)
}

func attached(_ id: String, _ text: String, _ kind: PolicyKind = .identity,
              source: PolicySourceType = .userManaged, name: String? = nil) throws -> AttachedPolicy {
    AttachedPolicy(id: id, name: name, sourceType: source, policy: try policy(text, kind))
}

func context(
    _ principal: PrincipalInfo = Fixtures.alice, action: String = "dynamodb:GetItem",
    resource: String = Fixtures.table, keys: ContextKeys = [:]
) -> RequestContext {
    RequestContext(principal: principal, action: action, resource: resource, keys: keys)
}

/// A one-statement identity policy allowing dynamodb:GetItem on everything when
/// `condition` (a JSON object) holds.
func allowWhen(_ condition: String, version: String? = "2012-10-17") -> String {
    let versionLine = version.map { "\"Version\": \"\($0)\"," } ?? ""
    return """
    {\(versionLine)
     "Statement": {"Sid": "Cond", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
                   "Condition": \(condition)}}
    """
}

/// Evaluates `allowWhen(condition)` for alice with the given context keys.
func decide(_ condition: String, _ keys: ContextKeys = [:], version: String? = "2012-10-17",
            principal: PrincipalInfo = Fixtures.alice) throws -> Decision {
    let input = EvaluationInput(
        identityPolicies: [try attached("p", allowWhen(condition, version: version))],
        context: context(principal, keys: keys))
    return Evaluator.evaluate(input)
}

/// True when the condition holds (the Allow applies).
func holds(_ condition: String, _ keys: ContextKeys = [:], version: String? = "2012-10-17") throws -> Bool {
    let decision = try decide(condition, keys, version: version)
    // Every decision test checks the trace too: an allow comes from the one statement,
    // a deny from a recorded failed condition.
    if decision.outcome == .allow {
        #expect(decision.matchedStatements.map(\.sid) == ["Cond"])
        #expect(decision.failedConditions.isEmpty)
    } else {
        #expect(decision.matchedStatements.isEmpty)
        #expect(!decision.failedConditions.isEmpty)
        #expect(decision.failedConditions.allSatisfy { $0.sid == "Cond" })
    }
    return decision.outcome == .allow
}

/// Expects `Policy.parse` to fail with exactly `message`.
func expectParseError(_ text: String, _ kind: PolicyKind = .identity, _ message: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try Policy.parse(text, kind: kind)
        Issue.record("expected MalformedPolicyDocument: \(message)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.message == message, sourceLocation: sourceLocation)
    }
}

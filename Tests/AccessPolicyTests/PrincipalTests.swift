import Testing
@testable import AccessPolicy

@Suite("Principal matching")
struct PrincipalTests {
    @Test(arguments: [
        (PrincipalEntry.all, Fixtures.alice, PrincipalMatch.everyone),
        (.all, .anonymous, .everyone),
        (.all, Fixtures.dynamoService, .everyone),
        (.aws("123456789012"), Fixtures.alice, .account),
        (.aws("arn:aws:iam::123456789012:root"), Fixtures.alice, .account),
        (.aws("arn:aws:iam::123456789012:root"), Fixtures.root, .account),
        (.aws("arn:aws:iam::123456789012:root"), Fixtures.roleSession, .account),
        (.aws("arn:aws:iam::123456789012:user/alice"), Fixtures.alice, .principalArn),
        (.aws("arn:aws:iam::123456789012:role/Reader"), Fixtures.roleSession, .relatedArn),
        (.aws("arn:aws:sts::123456789012:assumed-role/Reader/s1"), Fixtures.roleSession, .principalArn),
        (.aws("arn:aws:iam::123456789012:user/bob"), Fixtures.federatedSession, .relatedArn),
        (.aws("arn:aws:sts::123456789012:federated-user/bob"), Fixtures.federatedSession, .principalArn),
        (.service("dynamodb.amazonaws.com"), Fixtures.dynamoService, .service),
        (.federated("www.amazon.com"), Fixtures.webSession, .federatedProvider),
    ])
    func matches(_ entry: PrincipalEntry, _ principal: PrincipalInfo, _ expected: PrincipalMatch) {
        #expect(PrincipalMatching.match(entry, principal) == expected)
    }

    @Test(arguments: [
        (PrincipalEntry.aws("123456789012"), Fixtures.stranger),
        (.aws("123456789012"), .anonymous),
        (.aws("123456789012"), Fixtures.dynamoService),
        (.aws("arn:aws:iam::210987654321:root"), Fixtures.alice),
        (.aws("arn:aws:iam::123456789012:user/alice2"), Fixtures.alice),
        (.aws("arn:aws:iam::123456789012:role/Writer"), Fixtures.roleSession),
        (.aws("arn:aws:sts::123456789012:assumed-role/Reader/s2"), Fixtures.roleSession),
        (.service("dynamodb.amazonaws.com"), Fixtures.alice),
        (.service("s3.amazonaws.com"), Fixtures.dynamoService),
        (.federated("accounts.google.com"), Fixtures.webSession),
        (.canonicalUser("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"), Fixtures.alice),
    ])
    func doesNotMatch(_ entry: PrincipalEntry, _ principal: PrincipalInfo) {
        #expect(PrincipalMatching.match(entry, principal) == nil)
    }

    @Test func notPrincipalNeedsTheWholeChain() {
        let session = Fixtures.roleSession
        let sessionArn = PrincipalEntry.aws(session.arn)
        let role = PrincipalEntry.aws(Fixtures.roleArn)
        let account = PrincipalEntry.aws("arn:aws:iam::123456789012:root")
        #expect(PrincipalMatching.isExcluded(by: [sessionArn, role, account], session))
        #expect(!PrincipalMatching.isExcluded(by: [sessionArn, role], session))
        #expect(!PrincipalMatching.isExcluded(by: [role, account], session))
        #expect(PrincipalMatching.isExcluded(by: [.aws(Fixtures.alice.arn), .aws("123456789012")], Fixtures.alice))
        #expect(!PrincipalMatching.isExcluded(by: [.aws(Fixtures.alice.arn)], Fixtures.alice))
        #expect(PrincipalMatching.isExcluded(by: [.all], .anonymous))
        #expect(!PrincipalMatching.isExcluded(by: [account], .anonymous))
        #expect(PrincipalMatching.isExcluded(by: [.service("dynamodb.amazonaws.com")], Fixtures.dynamoService))
    }

    static let bucketDeny = """
    {"Version": "2012-10-17", "Statement": [
      {"Sid": "OnlyAdmin", "Effect": "Deny",
       "NotPrincipal": {"AWS": ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:root"]},
       "Action": "dynamodb:*", "Resource": "*"},
      {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "dynamodb:*", "Resource": "*"}]}
    """

    @Test func notPrincipalDenyExemptsTheListedPrincipal() throws {
        let resource = try attached("table", Self.bucketDeny, .resource, source: .resource)
        let alice = Evaluator.evaluate(EvaluationInput(resourcePolicy: resource, context: context(Fixtures.alice)))
        #expect(alice.outcome == .allow)
        #expect(alice.matchedStatements.map(\.sid) == ["Everyone"])
        #expect(alice.matchedStatements.first?.principalMatch == .everyone)

        let session = Evaluator.evaluate(EvaluationInput(resourcePolicy: resource, context: context(Fixtures.roleSession)))
        #expect(session.outcome == .explicitDeny)
        #expect(session.decidingLayer == .resourceBased)
        #expect(session.matched(.deny).first?.principalMatch == .notPrincipal)
    }

    @Test func notPrincipalDenyAlwaysHitsAPrincipalWithABoundary() throws {
        // Permissions boundaries page: NotPrincipal with Deny "will always deny any IAM
        // principal that has a permissions boundary policy attached".
        let resource = try attached("table", Self.bucketDeny, .resource, source: .resource)
        let boundary = try attached("b", #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#, .boundary)
        let decision = Evaluator.evaluate(EvaluationInput(permissionsBoundary: [boundary], resourcePolicy: resource,
                                                          context: context(Fixtures.alice)))
        #expect(decision.outcome == .explicitDeny)
        #expect(decision.matched(.deny).map(\.sid) == ["OnlyAdmin"])
    }
}

import Testing
@testable import AccessPolicy

@Suite("Evaluation: resource-based policies, cross-account, trust policies")
struct ResourcePolicyEvaluationTests {
    func table(_ principal: String, _ action: String = "dynamodb:GetItem") throws -> AttachedPolicy {
        try attached("arn:aws:dynamodb:us-east-1:123456789012:table/Orders/policy",
                     Docs.resourceAllow("TablePolicy", principal: principal, action), .resource, source: .resource)
    }

    let narrowBoundary = try! attached("boundary", Docs.allow("OnlyQuery", "dynamodb:Query"), .boundary)
    let narrowSession = try! attached("session", Docs.allow("OnlyQuery", "dynamodb:Query"), .session, source: .none)

    // MARK: Same account

    @Test func userArnGrantNeedsNoIdentityPolicyAndIgnoresTheBoundary() throws {
        let resource = try table(#"{"AWS": "arn:aws:iam::123456789012:user/alice"}"#)
        let bare = Evaluator.evaluate(EvaluationInput(resourcePolicy: resource, context: context()))
        #expect(bare.outcome == .allow)
        #expect(bare.grantedBy == [.resourceBased])
        #expect(bare.matchedStatements.first?.principalMatch == .principalArn)

        let bounded = Evaluator.evaluate(EvaluationInput(permissionsBoundary: [narrowBoundary], resourcePolicy: resource, context: context()))
        #expect(bounded.outcome == .allow)
        #expect(bounded.grantedBy == [.resourceBased])
    }

    @Test func roleArnGrantIsLimitedByBoundaryAndSessionPolicy() throws {
        let resource = try table(#"{"AWS": "arn:aws:iam::123456789012:role/Reader"}"#)
        let plain = Evaluator.evaluate(EvaluationInput(resourcePolicy: resource, context: context(Fixtures.roleSession)))
        #expect(plain.outcome == .allow)
        #expect(plain.grantedBy == [.resourceBased])
        #expect(plain.matchedStatements.first?.principalMatch == .relatedArn)

        let bounded = Evaluator.evaluate(EvaluationInput(permissionsBoundary: [narrowBoundary], resourcePolicy: resource,
                                                         context: context(Fixtures.roleSession)))
        #expect(bounded.outcome == .implicitDeny)
        #expect(bounded.decidingLayer == .permissionsBoundary)

        let sessioned = Evaluator.evaluate(EvaluationInput(sessionPolicies: [narrowSession], resourcePolicy: resource,
                                                           context: context(Fixtures.roleSession)))
        #expect(sessioned.outcome == .implicitDeny)
        #expect(sessioned.decidingLayer == .sessionPolicy)
    }

    @Test func sessionArnGrantIsNotLimitedByAnything() throws {
        let resource = try table(#"{"AWS": "arn:aws:sts::123456789012:assumed-role/Reader/s1"}"#)
        let decision = Evaluator.evaluate(EvaluationInput(sessionPolicies: [narrowSession], permissionsBoundary: [narrowBoundary],
                                                          resourcePolicy: resource, context: context(Fixtures.roleSession)))
        #expect(decision.outcome == .allow)
        #expect(decision.grantedBy == [.resourceBased])
        #expect(decision.matchedStatements.map(\.sid) == ["TablePolicy"])
    }

    @Test func federatedSessionGrants() throws {
        // Granting the federated-user session ARN reaches the session directly...
        let direct = try table(#"{"AWS": "arn:aws:sts::123456789012:federated-user/bob"}"#)
        let viaSession = Evaluator.evaluate(EvaluationInput(resourcePolicy: direct, context: context(Fixtures.federatedSession)))
        #expect(viaSession.outcome == .allow)
        // ... granting the IAM user who federated is limited by the session policy (none
        // passed: a federated session has no permissions without one).
        let viaUser = try table(#"{"AWS": "arn:aws:iam::123456789012:user/bob"}"#)
        let limited = Evaluator.evaluate(EvaluationInput(resourcePolicy: viaUser, context: context(Fixtures.federatedSession)))
        #expect(limited.outcome == .implicitDeny)
        #expect(limited.decidingLayer == .sessionPolicy)
        let withSession = try attached("s", Docs.allow("Get"), .session, source: .none)
        let allowed = Evaluator.evaluate(EvaluationInput(sessionPolicies: [withSession], resourcePolicy: viaUser,
                                                         context: context(Fixtures.federatedSession)))
        #expect(allowed.outcome == .allow)
    }

    @Test func accountGrantDelegatesToIdentityPolicies() throws {
        let resource = try table(#"{"AWS": "123456789012"}"#)
        let bare = Evaluator.evaluate(EvaluationInput(resourcePolicy: resource, context: context()))
        #expect(bare.outcome == .implicitDeny)
        #expect(bare.decidingLayer == .identityBased)
        #expect(bare.matchedStatements.first?.principalMatch == .account)

        let withIdentity = Evaluator.evaluate(EvaluationInput(identityPolicies: [try attached("read", Docs.allow("Read"))],
                                                              resourcePolicy: resource, context: context()))
        #expect(withIdentity.outcome == .allow)
        #expect(withIdentity.grantedBy == [.identityBased, .resourceBased])
    }

    @Test func sameAccountIdentityAllowSufficesWithoutResourceGrant() throws {
        let resource = try table(#"{"AWS": "arn:aws:iam::123456789012:user/somebody-else"}"#)
        let decision = Evaluator.evaluate(EvaluationInput(identityPolicies: [try attached("read", Docs.allow("Read"))],
                                                          resourcePolicy: resource, context: context()))
        #expect(decision.outcome == .allow)
        #expect(decision.grantedBy == [.identityBased])
        #expect(decision.matchedStatements.map(\.sid) == ["Read"])
    }

    @Test func resourcePolicyDenyIsExplicit() throws {
        let deny = try attached("table", """
        {"Version": "2012-10-17", "Statement": {"Sid": "NoAlice", "Effect": "Deny",
         "Principal": {"AWS": "arn:aws:iam::123456789012:user/alice"}, "Action": "dynamodb:*", "Resource": "*"}}
        """, .resource, source: .resource)
        let decision = Evaluator.evaluate(EvaluationInput(identityPolicies: [try attached("read", Docs.allow("Read"))],
                                                          resourcePolicy: deny, context: context()))
        #expect(decision.outcome == .explicitDeny)
        #expect(decision.decidingLayer == .resourceBased)
        #expect(decision.matched(.deny).map(\.sid) == ["NoAlice"])
    }

    // MARK: Cross-account

    func crossContext(_ principal: PrincipalInfo = Fixtures.stranger) -> RequestContext {
        context(principal, resource: Fixtures.table)
    }

    @Test func crossAccountNeedsBothSides() throws {
        let strangerAllow = [try attached("carol", Docs.allow("CarolRead"))]
        let noResource = Evaluator.evaluate(EvaluationInput(identityPolicies: strangerAllow, context: crossContext()))
        #expect(noResource.isCrossAccount)
        #expect(noResource.outcome == .implicitDeny)
        #expect(noResource.decidingLayer == .resourceBased)

        let resource = try table(#"{"AWS": "arn:aws:iam::210987654321:user/carol"}"#)
        let noIdentity = Evaluator.evaluate(EvaluationInput(resourcePolicy: resource, context: crossContext()))
        #expect(noIdentity.outcome == .implicitDeny)
        #expect(noIdentity.decidingLayer == .identityBased)
        #expect(noIdentity.matchedStatements.map(\.sid) == ["TablePolicy"])

        let both = Evaluator.evaluate(EvaluationInput(identityPolicies: strangerAllow, resourcePolicy: resource, context: crossContext()))
        #expect(both.outcome == .allow)
        #expect(both.grantedBy == [.identityBased, .resourceBased])
        #expect(both.matchedStatements.map(\.sid) == ["TablePolicy", "CarolRead"])
    }

    @Test func crossAccountGrantToTheAccountWorksWithAnIdentityAllow() throws {
        let resource = try table(#"{"AWS": "arn:aws:iam::210987654321:root"}"#)
        let allowed = Evaluator.evaluate(EvaluationInput(identityPolicies: [try attached("carol", Docs.allow("CarolRead"))],
                                                         resourcePolicy: resource, context: crossContext()))
        #expect(allowed.outcome == .allow)
        let root = PrincipalInfo(arn: "arn:aws:iam::210987654321:root", accountId: Fixtures.otherAccount, type: .root)
        let rootAllowed = Evaluator.evaluate(EvaluationInput(resourcePolicy: resource, context: crossContext(root)))
        #expect(rootAllowed.outcome == .allow)
    }

    @Test func crossAccountBoundaryStillApplies() throws {
        let resource = try table(#"{"AWS": "arn:aws:iam::210987654321:user/carol"}"#)
        let decision = Evaluator.evaluate(EvaluationInput(identityPolicies: [try attached("carol", Docs.allow("CarolRead"))],
                                                          permissionsBoundary: [narrowBoundary], resourcePolicy: resource,
                                                          context: crossContext()))
        #expect(decision.outcome == .implicitDeny)
        #expect(decision.decidingLayer == .permissionsBoundary)
    }

    @Test func resourceAccountComesFromTheContextOrTheArn() {
        var explicit = context(Fixtures.alice, resource: "arn:aws:s3:::bucket")
        #expect(explicit.effectiveResourceAccountId == nil)
        explicit.resourceAccountId = Fixtures.otherAccount
        #expect(explicit.effectiveResourceAccountId == Fixtures.otherAccount)
        #expect(context(resource: Fixtures.otherTable).effectiveResourceAccountId == Fixtures.otherAccount)
    }

    // MARK: Principals without identity policies

    @Test func servicePrincipalsAndAnonymousCallersNeedTheResourcePolicy() throws {
        let service = try table(#"{"Service": "dynamodb.amazonaws.com"}"#)
        let viaService = Evaluator.evaluate(EvaluationInput(resourcePolicy: service, context: context(Fixtures.dynamoService)))
        #expect(viaService.outcome == .allow)
        #expect(viaService.matchedStatements.first?.principalMatch == .service)
        let noPolicy = Evaluator.evaluate(EvaluationInput(context: context(Fixtures.dynamoService)))
        #expect(noPolicy.outcome == .implicitDeny)
        #expect(noPolicy.decidingLayer == .resourceBased)

        let everyone = try table(#""*""#)
        #expect(Evaluator.evaluate(EvaluationInput(resourcePolicy: everyone, context: context(.anonymous))).outcome == .allow)
        let account = try table(#"{"AWS": "123456789012"}"#)
        let anonymous = Evaluator.evaluate(EvaluationInput(resourcePolicy: account, context: context(.anonymous)))
        #expect(anonymous.outcome == .implicitDeny)
        #expect(anonymous.matchedStatements.isEmpty)
    }

    // MARK: Trust policies (sts:AssumeRole)

    let roleArn = "arn:aws:iam::123456789012:role/Target"

    func assume(_ principal: PrincipalInfo, trust: String, identity: [AttachedPolicy] = [],
                effect: String = "Allow") throws -> Decision {
        let trustPolicy = try attached(roleArn, Docs.trust("Trust", principal: trust, effect: effect), .trust, source: .resource)
        return Evaluator.evaluate(EvaluationInput(identityPolicies: identity, resourcePolicy: trustPolicy,
                                                  context: context(principal, action: "sts:AssumeRole", resource: roleArn)))
    }

    @Test func trustPolicyNamingTheUserSufficesInTheSameAccount() throws {
        let decision = try assume(Fixtures.alice, trust: #"{"AWS": "arn:aws:iam::123456789012:user/alice"}"#)
        #expect(decision.outcome == .allow)
        #expect(decision.grantedBy == [.roleTrust])
        #expect(decision.matchedStatements.first?.layer == .roleTrust)
    }

    @Test func trustPolicyNamingTheAccountNeedsAnIdentityAllow() throws {
        let noIdentity = try assume(Fixtures.alice, trust: #"{"AWS": "123456789012"}"#)
        #expect(noIdentity.outcome == .implicitDeny)
        #expect(noIdentity.decidingLayer == .identityBased)
        let withIdentity = try assume(Fixtures.alice, trust: #"{"AWS": "123456789012"}"#,
                                      identity: [try attached("assume", Docs.allow("Assume", "sts:AssumeRole", resource: roleArn))])
        #expect(withIdentity.outcome == .allow)
    }

    @Test func trustPolicyMustAllowEvenWithAnIdentityAllow() throws {
        let decision = try assume(Fixtures.alice, trust: #"{"Service": "lambda.amazonaws.com"}"#,
                                  identity: [try attached("admin", Docs.allow("Admin", "*"))])
        #expect(decision.outcome == .implicitDeny)
        #expect(decision.decidingLayer == .roleTrust)
        #expect(decision.matchedStatements.map(\.sid) == ["Admin"])
    }

    @Test func crossAccountAssumeRoleNeedsBoth() throws {
        let trust = #"{"AWS": "arn:aws:iam::210987654321:user/carol"}"#
        let noIdentity = try assume(Fixtures.stranger, trust: trust)
        #expect(noIdentity.outcome == .implicitDeny)
        #expect(noIdentity.decidingLayer == .identityBased)
        let allowed = try assume(Fixtures.stranger, trust: trust,
                                 identity: [try attached("assume", Docs.allow("Assume", "sts:AssumeRole", resource: roleArn))])
        #expect(allowed.outcome == .allow)
        #expect(allowed.isCrossAccount)
    }

    @Test func trustPolicyDenyAndWebIdentity() throws {
        let denied = try assume(Fixtures.alice, trust: #"{"AWS": "arn:aws:iam::123456789012:user/alice"}"#, effect: "Deny")
        #expect(denied.outcome == .explicitDeny)
        #expect(denied.decidingLayer == .roleTrust)
        let web = PrincipalInfo(arn: "arn:aws:sts::123456789012:assumed-role/Target/web", accountId: Fixtures.account,
                                type: .webIdentity, federatedProvider: "www.amazon.com")
        let trustPolicy = try attached(roleArn, Docs.trust("Web", principal: #"{"Federated": "www.amazon.com"}"#)
            .replacingSts(), .trust, source: .resource)
        let decision = Evaluator.evaluate(EvaluationInput(resourcePolicy: trustPolicy, context: context(
            web, action: "sts:AssumeRoleWithWebIdentity", resource: roleArn)))
        #expect(decision.outcome == .allow)
        #expect(decision.matchedStatements.first?.principalMatch == .federatedProvider)
    }
}

private extension String {
    func replacingSts() -> String {
        replacing("sts:AssumeRole\"", with: "sts:AssumeRoleWithWebIdentity\"")
    }
}

import AccessPolicy
import Testing
@testable import Identity
import WardenSupport

/// sts:AssumeRole decisions: the trust policy is the resource policy of the check.
@Suite("Trust policies")
struct TrustPolicyTests {
    struct World {
        let fixture: TempStore
        let directory: IdentityDirectory
        let alice: Principal
        let bob: Principal
    }

    func world(aliceIdentityPolicy: String? = nil) throws -> World {
        let fixture = try TempStore()
        let config = IdentityConfig(accounts: [
            AccountConfig(id: account1, rootCredentials: [KeyConfig(accessKeyId: "root1", secretAccessKey: "s1")]),
            AccountConfig(id: account2, rootCredentials: [KeyConfig(accessKeyId: "root2", secretAccessKey: "s2")]),
        ])
        let directory = try fixture.directory(config: config)
        let alice = try directory.mutateAndWait(account: account1) { account, m -> User in
            let user = try account.createUser(name: "alice", now: m.now)
            if let aliceIdentityPolicy { try account.putInlinePolicy(.user, entity: "alice", policyName: "p", document: aliceIdentityPolicy) }
            return user
        }
        let bob = try directory.mutateAndWait(account: account2) { account, m in try account.createUser(name: "bob", now: m.now) }
        return World(fixture: fixture, directory: directory, alice: .user(alice, accountId: account1), bob: .user(bob, accountId: account2))
    }

    func decide(_ w: World, caller: Principal, trustDocument: String, account: String = account1) throws -> Decision {
        let role = try w.directory.mutateAndWait(account: account) { a, m -> Role in
            if a.role("target") == nil { return try a.createRole(name: "target", trustPolicy: trustDocument, now: m.now) }
            try a.updateAssumeRolePolicy(name: "target", document: trustDocument)
            return try a.existingRole("target")
        }
        let trustPolicy = try #require(w.directory.trustPolicy(of: role, accountId: account))
        return w.directory.evaluate(caller, AuthorizationCheck(action: "sts:AssumeRole", resource: role.arn(account: account),
                                                               resourceAccountId: account, resourcePolicy: trustPolicy))
    }

    @Test("a trust policy naming the user allows it without an identity policy")
    func namesUser() throws {
        let w = try world()
        #expect(try decide(w, caller: w.alice, trustDocument: trust("arn:aws:iam::123456789012:user/alice")).isAllowed)
    }

    @Test("a trust policy naming the account defers to the caller's identity policies")
    func namesAccount() throws {
        let without = try world()
        let denied = try decide(without, caller: without.alice, trustDocument: trust("arn:aws:iam::123456789012:root"))
        #expect(!denied.isAllowed)
        #expect(denied.decidingLayer == .identityBased)
        let with = try world(aliceIdentityPolicy: allow("sts:AssumeRole", "arn:aws:iam::123456789012:role/target"))
        #expect(try decide(with, caller: with.alice, trustDocument: trust("arn:aws:iam::123456789012:root")).isAllowed)
    }

    @Test("a trust policy that does not name the caller refuses it, whatever its identity policies say")
    func notNamed() throws {
        let w = try world(aliceIdentityPolicy: allow("sts:AssumeRole"))
        let decision = try decide(w, caller: w.alice, trustDocument: trust("arn:aws:iam::123456789012:user/carol"))
        #expect(!decision.isAllowed)
        #expect(decision.decidingLayer == .roleTrust)
    }

    @Test("cross-account: the trust policy and the caller's own account must both allow")
    func crossAccount() throws {
        let w = try world()
        let trustBob = trust("arn:aws:iam::210987654321:user/bob")
        let noIdentityPolicy = try decide(w, caller: w.bob, trustDocument: trustBob)
        #expect(!noIdentityPolicy.isAllowed)
        try w.directory.mutateAndWait(account: account2) { a, _ in
            try a.putInlinePolicy(.user, entity: "bob", policyName: "assume", document: allow("sts:AssumeRole", "arn:aws:iam::123456789012:role/target"))
        }
        #expect(try decide(w, caller: w.bob, trustDocument: trustBob).isAllowed)
        #expect(!(try decide(w, caller: w.bob, trustDocument: trust("arn:aws:iam::123456789012:root")).isAllowed))
    }

    @Test("a Deny in the trust policy wins")
    func explicitDeny() throws {
        let w = try world()
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:user/alice"},"Action":"sts:AssumeRole"}]}"#
        let decision = try decide(w, caller: w.alice, trustDocument: document)
        #expect(decision.outcome == .explicitDeny)
    }

    @Test("role sessions carry role tags overridden by session tags, and session policies")
    func sessionPolicySet() throws {
        let w = try world()
        let role = try w.directory.mutateAndWait(account: account1) { a, m in
            try a.createRole(name: "app", trustPolicy: trust("arn:aws:iam::123456789012:root"),
                             tags: [Tag(key: "team", value: "blue"), Tag(key: "env", value: "dev")], now: m.now)
        }
        var request = RoleSessionRequest(role: role, roleAccountId: account1, sessionName: "s", durationSeconds: 900)
        request.tags = [Tag(key: "Team", value: "red")]
        request.sessionPolicy = allow("dynamodb:GetItem")
        request.caller = w.alice
        let session = try waitSession { w.directory.issueRoleSession(request, region: "us-east-1", completion: $0) }
        let set = w.directory.policySet(for: .session(session))
        #expect(set.principal.type == .assumedRole)
        #expect(set.principal.matchingArns == ["arn:aws:iam::123456789012:role/app"])
        #expect(set.principalTags.contains(Tag(key: "Team", value: "red")))
        #expect(set.principalTags.contains(Tag(key: "env", value: "dev")))
        #expect(!set.principalTags.contains(Tag(key: "team", value: "blue")))
        #expect(set.contextKeys["aws:PrincipalTag/team"] == .single("red"))
        #expect(set.sessionPolicies.count == 1)
        #expect(set.contextKeys["aws:userid"] == .single("\(role.id):s"))
    }
}

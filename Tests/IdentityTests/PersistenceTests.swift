import TestSupport
import Testing
@testable import Identity
import WardenSupport

@Suite("Persistence")
struct PersistenceTests {
    @Test("accounts, identities, keys and sessions survive a restart")
    func roundTrip() throws {
        let fixture = try TempStore()
        var directory: IdentityDirectory? = try fixture.directory()
        let key = try directory!.mutateAndWait(account: account1) { account, m -> AccessKey in
            try account.createUser(name: "alice", path: "/eng/", tags: [Tag(key: "team", value: "blue")], now: m.now)
            try account.putInlinePolicy(.user, entity: "alice", policyName: "p", document: allow("dynamodb:*"))
            try account.createPolicy(name: "Read", document: allow("dynamodb:GetItem"), now: m.now)
            try account.attachPolicy(.user, entity: "alice", policyArn: "arn:aws:iam::123456789012:policy/Read")
            try account.createRole(name: "app", trustPolicy: trust("arn:aws:iam::123456789012:root"), now: m.now)
            try account.createGroup(name: "devs", now: m.now)
            try account.addUserToGroup(userName: "alice", groupName: "devs")
            return try account.createAccessKey(userName: "alice", now: m.now)
        }
        let role = directory!.account(account1)!.role("app")!
        let session = try waitSession { done in
            directory!.issueRoleSession(RoleSessionRequest(role: role, roleAccountId: account1, sessionName: "s", durationSeconds: 900),
                                        region: "us-east-1", completion: done)
        }
        let before = directory!.account(account1)!
        directory = nil
        try fixture.reopen()

        let reopened = try fixture.directory()
        let after = reopened.account(account1)!
        #expect(after.users == before.users)
        #expect(after.groups == before.groups)
        #expect(after.policies == before.policies)
        #expect(after.roles["app"]?.trustPolicy == before.roles["app"]?.trustPolicy)
        guard case .valid(let secret, nil, let principal) = reopened.lookupCredential(key.id, now: fixture.clock.now()) else {
            Issue.record("user key not found after restart")
            return
        }
        #expect(secret == key.secret)
        #expect(principal.arn == "arn:aws:iam::123456789012:user/eng/alice")
        guard case .valid(_, let token, let assumed) = reopened.lookupCredential(session.accessKeyId, now: fixture.clock.now()) else {
            Issue.record("session not found after restart")
            return
        }
        #expect(token == session.token)
        #expect(assumed.arn == "arn:aws:sts::123456789012:assumed-role/app/s")
    }

    @Test("the web identity signing key is made once and kept")
    func signingKeyKept() throws {
        let fixture = try TempStore()
        var directory: IdentityDirectory? = try fixture.directory()
        let token = directory!.tokenSigner.issue(provider: "www.amazon.com", subject: "amzn1.account.A", audience: "app", now: fixture.clock.now())
        let keyId = directory!.tokenSigner.keyId
        directory = nil
        try fixture.reopen()
        let reopened = try fixture.directory()
        #expect(reopened.tokenSigner.keyId == keyId)
        #expect((try? reopened.tokenSigner.verify(token, now: fixture.clock.now()).get()) != nil)
    }

    @Test("writes are bound statements: constant SQL, the caller's text only as a bound value")
    func boundStatements() throws {
        let session = Session(accessKeyId: "ASIA'; DROP TABLE identity_accounts; --", secret: "s", token: "t", kind: .sessionToken,
                              accountId: "123456789012", issued: 0, expiration: 1_000)
        let save = try IdentityPersistence.saveSession(session)
        #expect(save.sql == "INSERT OR REPLACE INTO identity_sessions(access_key_id, expires, body) VALUES (?1, ?2, ?3)")
        #expect(save.arguments.first == .blob(Array("ASIA'; DROP TABLE identity_accounts; --".utf8)))
        #expect(save.arguments[1] == .real(1_000))
        #expect(IdentityPersistence.pruneSessions(expiredBefore: .infinity).arguments == [.real(0)])
    }
}

/// Waits for a completion-style call.
func waitSession(_ body: (@escaping @Sendable (Result<Session, IdentityError>) -> Void) -> Void) throws -> Session {
    try waitForCompletion(body).get()
}

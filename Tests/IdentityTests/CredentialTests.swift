import Testing
@testable import Identity

@Suite("Credential lookup and session expiry")
struct CredentialTests {
    @Test("root, user and unknown keys; inactive keys")
    func lookup() throws {
        let fixture = try TempStore()
        let directory = try fixture.directory()
        guard case .valid("test", nil, let root) = directory.lookupCredential("test", now: 0) else {
            Issue.record("root key")
            return
        }
        #expect(root.isRoot)
        #expect(directory.lookupCredential("nobody", now: 0) == .unknown)
        let key = try directory.mutateAndWait(account: account1) { account, m -> AccessKey in
            try account.createUser(name: "alice", now: m.now)
            return try account.createAccessKey(userName: "alice", now: m.now)
        }
        guard case .valid(key.secret, nil, let alice) = directory.lookupCredential(key.id, now: 0) else {
            Issue.record("user key")
            return
        }
        #expect(alice.kind == .user && alice.userName == "alice")
        try directory.mutateAndWait(account: account1) { account, _ in
            try account.updateAccessKey(userName: "alice", keyId: key.id, status: .inactive)
        }
        #expect(directory.lookupCredential(key.id, now: 0) == .inactive)
        try directory.mutateAndWait(account: account1) { account, _ in
            try account.updateAccessKey(userName: "alice", keyId: key.id, status: .active)
            try account.deleteAccessKey(userName: "alice", keyId: key.id)
        }
        #expect(directory.lookupCredential(key.id, now: 0) == .unknown)
    }

    @Test("sessions expire on the simulated clock")
    func expiry() throws {
        let fixture = try TempStore()
        let directory = try fixture.directory()
        let role = try directory.mutateAndWait(account: account1) { account, m in
            try account.createRole(name: "app", trustPolicy: trust("arn:aws:iam::123456789012:root"), now: m.now)
        }
        let session = try waitSession { done in
            directory.issueRoleSession(RoleSessionRequest(role: role, roleAccountId: account1, sessionName: "s", durationSeconds: 900),
                                       region: "us-east-1", completion: done)
        }
        #expect(session.accessKeyId.hasPrefix("ASIA"))
        #expect(session.expiration == fixture.clock.now() + 900)
        guard case .valid = directory.lookupCredential(session.accessKeyId, now: fixture.clock.now()) else {
            Issue.record("fresh session")
            return
        }
        fixture.clock.advance(by: 899)
        guard case .valid = directory.lookupCredential(session.accessKeyId, now: fixture.clock.now()) else {
            Issue.record("session before expiry")
            return
        }
        fixture.clock.advance(by: 1)
        #expect(directory.lookupCredential(session.accessKeyId, now: fixture.clock.now()) == .expired)
    }

    @Test("GetSessionToken: users and roots, never from session credentials; root sessions last an hour at most")
    func sessionTokens() throws {
        let fixture = try TempStore()
        let directory = try fixture.directory()
        let root = try waitSession { directory.issueSessionToken(for: .root(account1), durationSeconds: 7200, completion: $0) }
        #expect(root.expiration - root.issued == 3600)
        let rootSession = Principal.session(root)
        #expect(rootSession.arn == "arn:aws:iam::123456789012:root")
        #expect(throws: IdentityError.accessDenied("Cannot call GetSessionToken with session credentials")) {
            _ = try waitSession { directory.issueSessionToken(for: rootSession, durationSeconds: nil, completion: $0) }
        }
    }

    @Test("role chaining is limited to an hour; MaxSessionDuration otherwise")
    func durations() {
        var role = Role(name: "r", path: "/", id: "AROA", createDate: 0, trustPolicy: "{}")
        role.maxSessionDuration = 7200
        #expect(throws: Never.self) { try STSRules.checkDuration(7200, role: role, chained: false) }
        #expect(throws: IdentityError.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")) {
            try STSRules.checkDuration(7201, role: role, chained: false)
        }
        #expect(throws: IdentityError.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")) {
            try STSRules.checkDuration(3601, role: role, chained: true)
        }
    }
}

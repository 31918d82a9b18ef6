import Testing
@testable import Identity

@Suite("Identifiers")
struct IdentifierTests {
    let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    @Test("unique ids: type prefix and 21 characters", arguments: [
        (IdentifierGenerator.Prefix.user, "AIDA"), (.role, "AROA"), (.group, "AGPA"), (.managedPolicy, "ANPA"),
    ])
    func uniqueIds(prefix: IdentifierGenerator.Prefix, text: String) {
        let id = IdentifierGenerator.uniqueId(prefix)
        #expect(id.hasPrefix(text))
        #expect(id.count == 21)
        #expect(id.dropFirst(4).allSatisfy { alphabet.contains($0) })
    }

    @Test("access keys: AKIA long-term, ASIA temporary, 20 characters; 40-character secrets")
    func accessKeys() {
        let long = IdentifierGenerator.accessKeyId()
        let temporary = IdentifierGenerator.accessKeyId(temporary: true)
        #expect(long.hasPrefix("AKIA") && long.count == 20)
        #expect(temporary.hasPrefix("ASIA") && temporary.count == 20)
        #expect(IdentifierGenerator.secretAccessKey().count == 40)
        #expect(IdentifierGenerator.accessKeyId() != IdentifierGenerator.accessKeyId())
        #expect(IdentifierGenerator.sessionToken().count > 100)
    }

    @Test("IAM ARNs split into account, type, path and name")
    func arns() {
        let arn = IAMArn("arn:aws:iam::123456789012:user/division/team/alice")
        #expect(arn?.account == "123456789012")
        #expect(arn?.resourceType == "user")
        #expect(arn?.path == "/division/team/")
        #expect(arn?.name == "alice")
        #expect(IAMArn("arn:aws:iam::123456789012:role/app")?.path == "/")
        #expect(IAMArn("arn:aws:iam::123456789012:root") == nil)
        #expect(IAMArn("arn:aws:s3:::bucket/key") == nil)
    }

    @Test("principals answer GetCallerIdentity as AWS does")
    func principals() {
        let root = Principal.root("123456789012")
        #expect(root.arn == "arn:aws:iam::123456789012:root")
        #expect(root.userId == "123456789012")
        let user = User(name: "alice", path: "/eng/", id: "AIDAEXAMPLE0000000000", createDate: 0)
        let p = Principal.user(user, accountId: "123456789012")
        #expect(p.arn == "arn:aws:iam::123456789012:user/eng/alice")
        #expect(p.userId == "AIDAEXAMPLE0000000000")
        var session = Session(accessKeyId: "ASIA1", secret: "s", token: "t", kind: .assumedRole, accountId: "123456789012", issued: 0, expiration: 1)
        session.roleName = "app"
        session.roleId = "AROAEXAMPLE0000000000"
        session.rolePath = "/svc/"
        session.sessionName = "build"
        let assumed = Principal.session(session)
        #expect(assumed.arn == "arn:aws:sts::123456789012:assumed-role/app/build")
        #expect(assumed.userId == "AROAEXAMPLE0000000000:build")
        #expect(assumed.roleArn == "arn:aws:iam::123456789012:role/svc/app")
    }
}

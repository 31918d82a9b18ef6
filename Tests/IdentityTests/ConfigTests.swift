import Testing
@testable import Identity
import WardenSupport

@Suite("Config files")
struct ConfigTests {
    static let json = #"""
    {
      "accounts": [
        {"id": "111111111111",
         "rootCredentials": [{"accessKeyId": "root1", "secretAccessKey": "root1secret"}],
         "policies": [{"name": "ReadItems", "document": {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}}],
         "groups": [{"name": "readers", "managedPolicies": ["ReadItems"]}],
         "users": [{"name": "alice", "tags": {"team": "blue"}, "groups": ["readers"],
                    "accessKeys": [{"accessKeyId": "AKIAALICE0000000000", "secretAccessKey": "alicesecret"}],
                    "permissionsBoundary": "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"}],
         "roles": [{"name": "app", "maxSessionDuration": 7200,
                    "trustPolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\"}]}",
                    "managedPolicies": ["arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"]}]},
        {"id": "222222222222", "rootCredentials": [{"accessKeyId": "root2", "secretAccessKey": "root2secret"}]}
      ],
      "organization": {"managementAccountId": "111111111111",
        "serviceControlPolicies": [{"name": "NoDeletes", "document": {"Version": "2012-10-17",
          "Statement": [{"Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*"}]}}]}
    }
    """#

    static let yaml = """
    accounts:
      - id: 111111111111
        rootCredentials:
          - accessKeyId: root1
            secretAccessKey: root1secret
        users:
          - name: bob
            tags:
              - Key: team
                Value: red
            inlinePolicies:
              - name: all
                document:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Action: "dynamodb:*"
                      Resource: "*"
    """

    @Test("JSON: accounts, users, groups, roles, policies, organization")
    func jsonConfig() throws {
        let config = try ConfigLoader.parse(Self.json, yaml: false)
        let fixture = try TempStore()
        let directory = try fixture.directory(config: config)
        #expect(directory.accountIds == ["111111111111", "222222222222"])
        #expect(directory.defaultAccountId == "111111111111")
        let account = try #require(directory.account("111111111111"))
        let alice = try #require(account.user("alice"))
        #expect(alice.groupNames == ["readers"])
        #expect(alice.tags == [Tag(key: "team", value: "blue")])
        #expect(alice.permissionsBoundaryArn == "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")
        #expect(account.group("readers")?.attachedPolicyArns == ["arn:aws:iam::111111111111:policy/ReadItems"])
        #expect(account.role("app")?.maxSessionDuration == 7200)
        guard case .valid(_, _, let principal) = directory.lookupCredential("root2", now: 0) else {
            Issue.record("second account's root key")
            return
        }
        #expect(principal.arn == "arn:aws:iam::222222222222:root")
        // Policy set: group's managed policy, boundary; SCPs for member accounts only.
        let set = directory.policySet(for: .user(alice, accountId: "111111111111"))
        #expect(set.identityPolicies.map(\.id) == ["arn:aws:iam::111111111111:policy/ReadItems"])
        #expect(set.permissionsBoundary?.count == 1)
        #expect(set.serviceControlPolicies.isEmpty)
        #expect(directory.serviceControlPolicies(forAccount: "222222222222").first?.map(\.name) == ["FullAWSAccess", "NoDeletes"])
    }

    @Test("YAML: unquoted account ids, tag lists, documents as maps")
    func yamlConfig() throws {
        let config = try ConfigLoader.parse(Self.yaml, yaml: true)
        #expect(config.accounts.first?.id.value == "111111111111")
        let fixture = try TempStore()
        let directory = try fixture.directory(config: config)
        let bob = try #require(directory.account("111111111111")?.user("bob"))
        #expect(bob.tags == [Tag(key: "team", value: "red")])
        let document = try #require(bob.inlinePolicies.first?.document)
        #expect(directory.parsePolicy(document, kind: .identity) != nil)
    }

    @Test("applying twice changes nothing; API changes survive a restart with the same config")
    func idempotent() throws {
        let config = try ConfigLoader.parse(Self.json, yaml: false)
        let fixture = try TempStore()
        var directory: IdentityDirectory? = try fixture.directory(config: config)
        let first = directory!.account("111111111111")!
        try directory!.mutateAndWait(account: "111111111111") { account, m in
            try account.createUser(name: "carol", now: m.now)
        }
        directory = nil
        try fixture.reopen()
        let again = try fixture.directory(config: config)
        let second = again.account("111111111111")!
        #expect(second.user("alice") == first.user("alice"))
        #expect(second.policies == first.policies)
        #expect(second.user("carol") != nil)
    }

    @Test("a malformed policy is refused with where it is")
    func malformed() throws {
        let text = Self.json.replacingOccurrences(of: #""Effect": "Allow", "Action": "dynamodb:GetItem""#, with: #""Effect": "Maybe", "Action": "dynamodb:GetItem""#)
        let config = try ConfigLoader.parse(text, yaml: false)
        let fixture = try TempStore()
        #expect {
            _ = try fixture.directory(config: config)
        } throws: { error in
            "\(error)".contains("account 111111111111 policy ReadItems: MalformedPolicyDocument")
        }
    }

    @Test("a missing account id is reported by path")
    func missingField() {
        #expect {
            _ = try ConfigLoader.parse(#"{"accounts": [{"rootCredentials": []}]}"#, yaml: false)
        } throws: { error in
            "\(error)".contains("missing \"id\"")
        }
    }
}

import Foundation

import Testing
@testable import AccessPolicy

@Suite("Policy variables")
struct VariableTests {
    func tableFor(_ variable: String, version: String = "2012-10-17") -> String {
        """
        {"Version": "\(version)", "Statement": {"Sid": "Own", "Effect": "Allow", "Action": "dynamodb:*",
         "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/\(variable)"}}
        """
    }

    func evaluate(_ text: String, _ principal: PrincipalInfo = Fixtures.alice, resource: String,
                  keys: ContextKeys = [:]) throws -> Decision {
        Evaluator.evaluate(EvaluationInput(identityPolicies: [try attached("p", text)],
                                           context: context(principal, resource: resource, keys: keys)))
    }

    @Test func usernameInResource() throws {
        let text = tableFor("${aws:username}")
        let own = try evaluate(text, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/alice")
        #expect(own.outcome == .allow)
        #expect(own.matchedStatements.map(\.sid) == ["Own"])
        let other = try evaluate(text, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/bob")
        #expect(other.outcome == .implicitDeny)
        #expect(other.matchedStatements.isEmpty)
    }

    @Test func useridFromTheContext() throws {
        let text = tableFor("${aws:userid}")
        let decision = try evaluate(text, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/AIDAEXAMPLE",
                                    keys: ["aws:userid": "AIDAEXAMPLE"])
        #expect(decision.outcome == .allow)
    }

    @Test func principalKeysAreALayerBehindTheRequestKeys() throws {
        let text = tableFor("${aws:PrincipalTag/team}")
        let resource = "arn:aws:dynamodb:us-east-1:123456789012:table/blue"
        func decide(request: ContextKeys, principal: ContextKeys) throws -> Outcome {
            var ctx = context(Fixtures.alice, resource: resource, keys: request)
            ctx.principalKeys = principal
            return Evaluator.evaluate(EvaluationInput(identityPolicies: [try attached("p", text)], context: ctx)).outcome
        }
        // Found in the principal's layer, in any case of the name.
        #expect(try decide(request: [:], principal: ["aws:PrincipalTag/team": "blue"]) == .allow)
        #expect(try decide(request: [:], principal: ["AWS:principaltag/TEAM": "blue"]) == .allow)
        // A request key of the same name wins over the principal's.
        #expect(try decide(request: ["aws:principaltag/team": "red"], principal: ["aws:PrincipalTag/team": "blue"]) == .implicitDeny)
        #expect(try decide(request: [:], principal: [:]) == .implicitDeny)
    }

    @Test func keysSetByTheirLowercasedNameAreFoundInAnyCase() {
        var keys = ContextKeys()
        keys.set("aws:SourceIp", lowercased: "aws:sourceip", .single("10.0.0.1"))
        #expect(keys["AWS:SOURCEIP"] == .single("10.0.0.1"))
        #expect(keys.names == ["aws:SourceIp"])
    }

    @Test func unresolvableVariableInResourceMatchesNothing() throws {
        let text = tableFor("${aws:userid}")
        let decision = try evaluate(text, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/anything")
        #expect(decision.outcome == .implicitDeny)
        #expect(decision.matchedStatements.isEmpty)
        #expect(decision.missingContextKeys == ["aws:userid"])
        // Not even a literal "${aws:userid}" table.
        let literal = try evaluate(text, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/${aws:userid}")
        #expect(literal.outcome == .implicitDeny)
    }

    @Test func principalTagWithDefault() throws {
        let text = tableFor("${aws:PrincipalTag/team, 'company-wide'}")
        let tagged = try evaluate(text, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/blue",
                                  keys: ["aws:PrincipalTag/team": "blue"])
        #expect(tagged.outcome == .allow)
        let untagged = try evaluate(text, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/company-wide")
        #expect(untagged.outcome == .allow)
        #expect(untagged.missingContextKeys.isEmpty)
        let wrong = try evaluate(text, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/blue")
        #expect(wrong.outcome == .implicitDeny)
    }

    @Test func principalAccountIsDerived() throws {
        let text = """
        {"Version": "2012-10-17", "Statement": {"Sid": "Acct", "Effect": "Allow", "Action": "dynamodb:*",
         "Resource": "arn:aws:dynamodb:*:${aws:PrincipalAccount}:table/*"}}
        """
        #expect(try evaluate(text, resource: Fixtures.table).outcome == .allow)
        #expect(try evaluate(text, resource: Fixtures.otherTable).outcome == .implicitDeny)
    }

    static let conditionCases: [ConditionCase] = [
        .init(#"{"StringEquals": {"dynamodb:LeadingKeys": "${www.amazon.com:user_id}"}}"#,
              ["dynamodb:LeadingKeys": "amzn1.account.X", "www.amazon.com:user_id": "amzn1.account.X"], true),
        .init(#"{"StringEquals": {"dynamodb:LeadingKeys": "${cognito-identity.amazonaws.com:sub}"}}"#,
              ["dynamodb:LeadingKeys": "us-east-1:1234", "cognito-identity.amazonaws.com:sub": "us-east-1:1234"], true),
        .init(#"{"StringEquals": {"dynamodb:LeadingKeys": "${accounts.google.com:sub}"}}"#,
              ["dynamodb:LeadingKeys": "1077", "accounts.google.com:sub": "1078"], false),
        .init(#"{"StringEquals": {"test:ip": "${aws:SourceIp}"}}"#, ["test:ip": "10.0.0.1", "aws:SourceIp": "10.0.0.1"], true),
        .init(#"{"StringEquals": {"test:select": "${dynamodb:Select}"}}"#,
              ["test:select": "COUNT", "dynamodb:Select": "COUNT"], true),
        .init(#"{"StringLike": {"s3:prefix": "home/${aws:username}/*"}}"#, ["s3:prefix": "home/alice/x"], true),
        .init(#"{"StringLike": {"s3:prefix": "home/${aws:username}/*"}}"#, ["s3:prefix": "home/bob/x"], false),
        .init(#"{"StringEqualsIgnoreCase": {"test:k": "${aws:username}"}}"#, ["test:k": "ALICE"], true),
        // Unresolved variable: the value does not match; a negated operator then holds.
        .init(#"{"StringEquals": {"test:k": "${aws:PrincipalTag/team}"}}"#, ["test:k": "x"], false),
        .init(#"{"StringNotEquals": {"test:k": "${aws:PrincipalTag/team}"}}"#, ["test:k": "x"], true),
        .init(#"{"StringEquals": {"test:k": ["${aws:PrincipalTag/team}", "x"]}}"#, ["test:k": "x"], true),
        // A multivalued key cannot be a variable.
        .init(#"{"StringEquals": {"test:k": "${aws:TagKeys}"}}"#, ["test:k": "a", "aws:TagKeys": ["a"]], false),
        // Escapes are literal characters, also under StringLike.
        .init(#"{"StringLike": {"test:k": "a${*}b"}}"#, ["test:k": "a*b"], true),
        .init(#"{"StringLike": {"test:k": "a${*}b"}}"#, ["test:k": "axb"], false),
        .init(#"{"StringLike": {"test:k": "a${?}"}}"#, ["test:k": "a?"], true),
        .init(#"{"StringLike": {"test:k": "a${?}"}}"#, ["test:k": "ab"], false),
        .init(#"{"StringEquals": {"test:k": "cost${$}"}}"#, ["test:k": "cost$"], true),
        // Substituted values are literal too: a tag value of "*" is not a wildcard.
        .init(#"{"StringLike": {"test:k": "team-${aws:PrincipalTag/team}"}}"#, ["test:k": "team-x", "aws:PrincipalTag/team": "*"], false),
        .init(#"{"StringLike": {"test:k": "team-${aws:PrincipalTag/team}"}}"#, ["test:k": "team-*", "aws:PrincipalTag/team": "*"], true),
        // Bool and ARN operators take variables.
        .init(#"{"Bool": {"test:flag": "${test:expected}"}}"#, ["test:flag": "true", "test:expected": "true"], true),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:${aws:PrincipalAccount}:*"}}"#,
              ["aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:topic"], true),
        .init(#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:${aws:PrincipalAccount}:*"}}"#,
              ["aws:SourceArn": "arn:aws:sns:us-east-1:999999999999:topic"], false),
        // A malformed variable stays literal text.
        .init(#"{"StringEquals": {"test:k": "${unclosed"}}"#, ["test:k": "${unclosed"], true),
    ]

    @Test(arguments: conditionCases)
    func variablesInConditions(_ testCase: ConditionCase) throws {
        #expect(try holds(testCase.condition, testCase.keys) == testCase.expected)
    }

    @Test func unresolvedConditionVariableIsReportedMissing() throws {
        let decision = try decide(#"{"StringEquals": {"test:k": "${aws:PrincipalTag/team}"}}"#, ["test:k": "x"])
        #expect(decision.missingContextKeys == ["aws:PrincipalTag/team"])
        #expect(decision.failedConditions.first?.expectedValues == ["${aws:PrincipalTag/team}"])
    }

    @Test(arguments: ["2008-10-17", nil] as [String?])
    func oldVersionsKeepVariablesLiteral(_ version: String?) throws {
        let versionLine = version.map { "\"Version\": \"\($0)\"," } ?? ""
        let text = """
        {\(versionLine) "Statement": {"Sid": "Own", "Effect": "Allow", "Action": "dynamodb:*",
         "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username}"}}
        """
        let literal = try evaluate(text, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/${aws:username}")
        #expect(literal.outcome == .allow)
        #expect(literal.matchedStatements.map(\.sid) == ["Own"])
        let substituted = try evaluate(text, resource: "arn:aws:dynamodb:us-east-1:123456789012:table/alice")
        #expect(substituted.outcome == .implicitDeny)
        // Conditions too.
        #expect(try holds(#"{"StringEquals": {"test:k": "${aws:username}"}}"#, ["test:k": "${aws:username}"], version: version))
        #expect(try !holds(#"{"StringEquals": {"test:k": "${aws:username}"}}"#, ["test:k": "alice"], version: version))
    }

    @Test func templateParsing() {
        let template = PolicyTemplate("a${aws:username}b${*}c${x, 'd e'}${bad", variablesEnabled: true)
        #expect(template.pieces == [
            .text("a"), .variable(name: "aws:username", lookupKey: "aws:username", defaultValue: nil),
            .text("b"), .escaped("*"), .text("c"),
            .variable(name: "x", lookupKey: "x", defaultValue: "d e"), .text("${bad"),
        ])
        #expect(PolicyTemplate("a${aws:username}", variablesEnabled: false).pieces == [.text("a${aws:username}")])
    }
}

import Testing
@testable import AccessPolicy

@Suite("Evaluation cost")
struct PerformanceTests {
    /// Ten statements, most with conditions, one of them a policy variable.
    static let tenStatements: String = {
        var statements: [String] = []
        for i in 0..<9 {
            statements.append("""
            {"Sid": "S\(i)", "Effect": "Allow", "Action": ["dynamodb:Get*", "dynamodb:Query"],
             "Resource": "arn:aws:dynamodb:*:123456789012:table/T\(i)*",
             "Condition": {"StringEquals": {"aws:PrincipalTag/team": "t\(i)"},
                           "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:userid}"]},
                           "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}
            """)
        }
        statements.append("""
        {"Sid": "Main", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:*:123456789012:table/Orders",
         "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:userid}"]},
                       "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}, "Bool": {"aws:SecureTransport": "true"}}}
        """)
        return #"{"Version": "2012-10-17", "Statement": ["# + statements.joined(separator: ",") + "]}"
    }()

    @Test func tenStatementPolicyEvaluatesQuickly() throws {
        let input = EvaluationInput(
            identityPolicies: [try attached("p", Self.tenStatements)],
            context: context(keys: [
                "dynamodb:LeadingKeys": ["AIDA1"], "aws:userid": "AIDA1", "aws:SourceIp": "10.1.2.3",
                "aws:CurrentTime": "2025-06-01T12:00:00Z", "aws:SecureTransport": "true",
                "aws:PrincipalTag/team": "t3",
            ]))
        #expect(Evaluator.evaluate(input).outcome == .allow)
        let rounds = 2_000
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<rounds { _ = Evaluator.evaluate(input) }
        }
        let micros = Double(elapsed.components.attoseconds) / 1e12 / Double(rounds)
            + Double(elapsed.components.seconds) * 1e6 / Double(rounds)
        print("AccessPolicy: 10-statement evaluation takes \(micros) µs")
        // Generous bound: debug builds on a shared two-core machine.
        #expect(micros < 500)
    }
}

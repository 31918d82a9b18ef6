// Micro-benchmarks that print figures (no assertions): SigV4 verifications per second and
// policy evaluations per second for a 10-statement policy with conditions.
// Run: swift run -c release warden-micro-bench
import AccessPolicy
import Foundation
import KMS
import SigV4

func measure(_ label: String, seconds: Double = 2, _ body: () -> Void) {
    for _ in 0..<1000 { body() }  // warm up
    var count = 0
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
        for _ in 0..<1000 { body() }
        count += 1000
    }
    let elapsed = Date().timeIntervalSince(start)
    let perSecond = Double(count) / elapsed
    print(String(format: "%-58@ %12.0f /s  %8.2f µs each", label as NSString, perSecond, 1e6 / perSecond))
}

// SigV4: a DynamoDB GetItem request as the AWS SDKs sign it.
let body = Array(#"{"TableName":"bench","Key":{"pk":{"S":"p00042"},"sk":{"S":"s007"}}}"#.utf8)
let now = Date().timeIntervalSince1970
let date = amzDate(fromEpoch: now)
var headers: [(name: String, value: String)] = [
    ("Host", "127.0.0.1:8000"), ("Content-Type", "application/x-amz-json-1.0"),
    ("X-Amz-Target", "DynamoDB_20120810.GetItem"), ("User-Agent", "Boto3/1.43.11 Python/3.11.7 Linux/6 Botocore/1.43.11"),
    ("Content-Length", String(body.count)),
]
headers += SigV4Signer.sign(method: "POST", rawPath: "/", rawQuery: "", headers: headers, body: body, accessKeyId: "test",
                            secretAccessKey: "test", sessionToken: nil, region: "us-east-1", service: "dynamodb", amzDate: date)
let request = SigV4HTTPRequest(method: "POST", rawPath: "/", rawQuery: "", headers: headers, body: body)
let verifier = SigV4Verifier()
measure("SigV4 verification (GetItem request, cached signing key)") {
    _ = verifier.verify(request, now: now, expectedService: "dynamodb") { _ in .secret(SigV4Secret(secretAccessKey: "test")) }
}

// A 10-statement identity policy with conditions, FGAC-shaped.
var statements: [String] = []
for i in 0..<9 {
    statements.append(#"""
    {"Sid": "S\#(i)", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
     "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/T\#(i)",
     "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:PrincipalTag/userId}"]},
                   "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}}
    """#)
}
statements.append(#"""
{"Sid": "Orders", "Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:PrincipalTag/userId}"],
                                            "dynamodb:Attributes": ["pk", "sk", "total", "status"]},
               "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}, "Bool": {"aws:SecureTransport": "false"}}}
"""#)
let policyText = #"{"Version": "2012-10-17", "Statement": [\#(statements.joined(separator: ","))]}"#
let policy = try! Policy.parse(policyText, kind: .identity)
let principal = PrincipalInfo(arn: "arn:aws:iam::123456789012:user/alice", accountId: "123456789012", type: .iamUser)
var keys = ContextKeys()
keys["aws:PrincipalTag/userId"] = .single("user-123")
keys["dynamodb:LeadingKeys"] = .multiple(["user-123"])
keys["dynamodb:Attributes"] = .multiple(["pk", "total"])
keys["dynamodb:Select"] = .single("SPECIFIC_ATTRIBUTES")
keys["aws:SecureTransport"] = .single("false")
let context = RequestContext(principal: principal, action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:us-east-1:123456789012:table/Orders",
                             resourceAccountId: "123456789012", keys: keys)
let input = EvaluationInput(identityPolicies: [AttachedPolicy(id: "p", name: "fgac", sourceType: .user, policy: policy)], context: context)
precondition(Evaluator.evaluate(input).outcome == .allow)
measure("Policy evaluation (10 statements with conditions, allow)") { _ = Evaluator.evaluate(input) }

// Encryption at rest: what sealing a ~1 KB item costs a PutItem and opening it costs a
// GetItem (AES-256-GCM through libcrypto, fresh IV, the data-key header as additional data).
let dataKey = SecureRandom.bytes(32)
let header: [UInt8] = [0x00, 0x57, 0x01, 1, 2, 3, 4, 5, 6, 7, 8]
let itemPayload = Array(#"{"pk":{"S":"p00042"},"sk":{"S":"s007"},"payload":{"S":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 960)
    + Array(#""}}"#.utf8)
measure("AES-256-GCM seal, 1 KB item (PutItem, at rest)") { _ = AESGCM.seal(itemPayload, key: dataKey, aad: header) }
let sealedItem = AESGCM.seal(itemPayload, key: dataKey, aad: header)
measure("AES-256-GCM open, 1 KB item (GetItem, at rest)") { _ = AESGCM.open(sealedItem, key: dataKey, aad: header) }
measure("RAND_bytes, 12 bytes (an IV)") { _ = SecureRandom.bytes(12) }

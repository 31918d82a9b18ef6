@testable import AuditTrail
import DynamoModel
import Foundation
import SigV4
import Synchronization
@testable import WardenServer

/// One request through the whole in-process pipeline (authenticate, decode, validate,
/// authorize, execute against SQLite, audit). The first part says what to send, the second
/// is the body:
/// - `GetItem` (a bare DynamoDB operation), `DynamoDB_20120810.X`, `DynamoDBStreams_20120810.X`
///   or the CloudTrail target: a JSON request signed by the account root;
/// - `iam` or `sts`: the body is a form, signed for that service;
/// - `/path?query` (e.g. `/_warden/explain/…`): a signed GET (empty body) or POST;
/// - `raw`: the body sent unsigned, without a target (routing, health, Query detection).
/// Signed requests reach the operation itself. Every answer must come, and none may be a 5xx.
enum PipelineTarget {
    /// Made once, on first use, and used only through its (Sendable) pipeline; libFuzzer
    /// runs one input at a time.
    nonisolated(unsafe) static let warden: Warden = {
        var configuration = WardenConfiguration()
        configuration.inMemory = true
        configuration.dataDirectory = nil
        configuration.threads = 1
        // Few recent events: the process lives for millions of inputs, and an audit read of
        // 10,000 records under AddressSanitizer takes long enough to trip libFuzzer's timeout.
        configuration.recentAuditEvents = 200
        configuration.trailDirectory = NSTemporaryDirectory() + "warden-fuzz-trails-\(getpid())"
        let warden = try! Warden(configuration: configuration)
        // Tables for inputs to find: a simple one, one with a sort key, an LSI, a GSI, a
        // stream and point-in-time recovery; a trail taking every event.
        for setup in [
            ("DynamoDB_20120810.CreateTable", #"{"TableName":"tab","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}"#),
            ("DynamoDB_20120810.CreateTable", #"{"TableName":"rng","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"},{"AttributeName":"l","AttributeType":"B"}],"LocalSecondaryIndexes":[{"IndexName":"byL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}],"GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],"BillingMode":"PAY_PER_REQUEST","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}}"#),
            ("DynamoDB_20120810.UpdateContinuousBackups", #"{"TableName":"rng","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}"#),
            ("DynamoDB_20120810.PutItem", #"{"TableName":"rng","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"x"},"n":{"N":"5"},"m":{"M":{"l":{"L":[{"S":"v"}]}}}}}"#),
            (CloudTrailEndpoint.targetPrefix + "CreateTrail", #"{"Name":"all","S3BucketName":"b","IsMultiRegionTrail":true}"#),
            (CloudTrailEndpoint.targetPrefix + "PutEventSelectors", #"{"TrailName":"all","EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::DynamoDB::Table","Values":["arn:aws:dynamodb"]}]}]}"#),
            (CloudTrailEndpoint.targetPrefix + "StartLogging", #"{"Name":"all"}"#),
        ] {
            _ = send(warden, target: setup.0, body: Array(setup.1.utf8))
        }
        return warden
    }()

    static func send(_ warden: Warden, target: String, body: [UInt8]) -> WardenResponse? {
        var method = "POST", path = "/", query = ""
        var service = "dynamodb"
        var headers: [(name: String, value: String)] = [("Host", "localhost:8000")]
        if target == "raw" {
            return handle(warden, WardenRequest(method: "POST", uri: "/", headers: headers, body: body))
        } else if target == "iam" || target == "sts" {
            service = target
            headers.append(("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"))
        } else if target.hasPrefix("/") {
            let split = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            path = String(split[0])
            query = split.count > 1 ? String(split[1]) : ""
            method = body.isEmpty ? "GET" : "POST"
            headers.append(("Content-Type", "application/json"))
        } else {
            service = target.hasPrefix(CloudTrailEndpoint.targetPrefix) ? "cloudtrail" : "dynamodb"
            headers.append(("Content-Type", service == "cloudtrail" ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0"))
            headers.append(("X-Amz-Target", target))
        }
        headers += SigV4Signer.sign(method: method, rawPath: path, rawQuery: query, headers: headers, body: body, accessKeyId: "test",
                                    secretAccessKey: "test", sessionToken: nil, region: "us-east-1", service: service,
                                    amzDate: amzDate(fromEpoch: Date().timeIntervalSince1970))
        return handle(warden, WardenRequest(method: method, uri: query.isEmpty ? path : path + "?" + query, headers: headers, body: body))
    }

    static func handle(_ warden: Warden, _ request: WardenRequest) -> WardenResponse? {
        let box = Mutex<WardenResponse?>(nil)
        let done = DispatchSemaphore(value: 0)
        warden.pipeline.handle(request) { response in
            box.withLock { $0 = response }
            done.signal()
        }
        guard done.wait(timeout: .now() + 30) == .success else { return nil }
        return box.withLock { $0 }
    }

    /// `WARDEN_FUZZ_VERBOSE=1`: print each answer (checking what seeds reach).
    static let verbose = ProcessInfo.processInfo.environment["WARDEN_FUZZ_VERBOSE"] != nil

    static let target = FuzzTarget(name: "pipeline") { bytes in
        let p = parts(bytes, count: 2)
        var operation = text(p[0]).trimmingCharacters(in: .whitespacesAndNewlines)
        if !operation.contains("."), !operation.hasPrefix("/"), !["iam", "sts", "raw"].contains(operation) {
            operation = "DynamoDB_20120810." + operation
        }
        guard let response = send(warden, target: operation, body: p[1]) else { return check(false, "no answer within 30 s") }
        // Render the request's record now, on this thread (the audit writer would a moment
        // later), so a renderer crash is charged to the input that caused it.
        warden.auditTrail.pass(force: false)
        if verbose { print("  \(response.status) \(text(response.body).prefix(160))") }
        check(response.status < 500, "a \(response.status): \(text(response.body).prefix(300))")
    }
}

import DynamoModel
import DynamoStorage
import Foundation
import Synchronization
import TestSupport
import Testing
@testable import DynamoOperations

/// A DynamoService over a private temporary database, with a simulated clock whose real-time
/// source is fixed (tests move time only with `clock.advance`). Removed when released.
final class Harness {
    static let account = "123456789012"
    static let region = "us-east-1"
    static let start = 1_700_000_000.0

    let directory: String
    let store: Store
    let clock: WardenClock
    let service: DynamoService

    init() throws {
        directory = makeScratchFolder("ops-tests")
        store = try Store(path: directory + "/db.sqlite")
        clock = WardenClock(offsetSeconds: 0, source: { Harness.start })
        service = try DynamoService(store: store, clock: clock)
    }

    deinit {
        store.close()
        removeScratchFolder(directory)
    }

    var env: RequestEnvironment {
        RequestEnvironment(requestId: "REQ", accountId: Harness.account, region: Harness.region,
                           callerArn: "arn:aws:iam::\(Harness.account):root", now: clock.now())
    }

    /// Builds an operation from JSON text (syntactic validation only).
    func make(_ operation: String, _ json: String) -> Result<any DynamoOperation, DynamoError> {
        guard let type = OperationRegistry.dynamo[operation] else { return .failure(.unknownOperation()) }
        do {
            let params = try Params(JSONParser.parse(json))
            return .success(try type.init(params: params, env: env))
        } catch let e as DynamoError {
            return .failure(e)
        } catch {
            return .failure(.serialization("test JSON did not parse: \(error)"))
        }
    }

    /// Validates, executes and waits for the answer.
    func call(_ operation: String, _ json: String) -> Result<JSONValue, DynamoError> {
        let op: any DynamoOperation
        switch make(operation, json) {
        case .success(let o): op = o
        case .failure(let e): return .failure(e)
        }
        switch waitForCompletion({ done in op.execute(service: service, env: env, completion: done) }) {
        case .success(let body):
            guard let json = try? JSONParser.parse(body) else { return .failure(.internalFailure("response is not JSON")) }
            return .success(json)
        case .failure(let e):
            return .failure(e)
        }
    }

    /// Calls and requires success.
    @discardableResult
    func ok(_ operation: String, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
        switch call(operation, json) {
        case .success(let v): return v
        case .failure(let e):
            Issue.record("\(operation) failed: \(e.code): \(e.message ?? "")", sourceLocation: sourceLocation)
            return .null
        }
    }

    /// The error's message, or nil on success.
    func message(_ operation: String, _ json: String) -> String? {
        call(operation, json).failureValue?.message
    }

    /// (code, message) of the error, or nil on success.
    func error(_ operation: String, _ json: String) -> (String, String?)? {
        call(operation, json).failureValue.map { ($0.code, $0.message) }
    }

    /// A PAY_PER_REQUEST table with a string hash key `pk` and optionally a sort key `sk`.
    @discardableResult
    func createTable(_ name: String = "tab", sortKey: String? = "N", extra: String = "", attributes: String = "",
                     sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
        var keys = #"[{"AttributeName":"pk","KeyType":"HASH"}"#
        var defs = #"[{"AttributeName":"pk","AttributeType":"S"}"#
        if let sortKey {
            keys += #",{"AttributeName":"sk","KeyType":"RANGE"}"#
            defs += #",{"AttributeName":"sk","AttributeType":"\#(sortKey)"}"#
        }
        if !attributes.isEmpty { defs += "," + attributes }
        let json = #"{"TableName":"\#(name)","KeySchema":\#(keys)],"AttributeDefinitions":\#(defs)],"BillingMode":"PAY_PER_REQUEST"\#(extra.isEmpty ? "" : "," + extra)}"#
        return ok("CreateTable", json, sourceLocation: sourceLocation)
    }

    func put(_ table: String, _ item: String, extra: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        ok("PutItem", #"{"TableName":"\#(table)","Item":\#(item)\#(extra.isEmpty ? "" : "," + extra)}"#, sourceLocation: sourceLocation)
    }

    func get(_ table: String, _ key: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue? {
        ok("GetItem", #"{"TableName":"\#(table)","Key":\#(key),"ConsistentRead":true}"#, sourceLocation: sourceLocation)["Item"]
    }
}

/// "1 validation error detected: Value … at 'path' failed to satisfy constraint: …".
func constraint(_ value: String?, _ path: String, _ rule: String) -> String {
    "1 validation error detected: Value \(value.map { "'\($0)'" } ?? "null") at '\(path)' failed to satisfy constraint: \(rule)"
}

let invalid = "One or more parameter values were invalid: "

extension JSONValue {
    /// Member names of an object, in order.
    var keys: [String] { objectValue?.map(\.0) ?? [] }
}

import DynamoModel
import DynamoStorage
import Foundation
import TestSupport
@testable import DynamoOperations

/// A private database, a fixed simulated clock and a service, for driving operations by name
/// with wire JSON as a client would (without HTTP or authorization).
final class PITRHarness {
    static let base: Double = 1_700_000_000

    let directory: String
    let store: Store
    let clock: WardenClock
    let service: DynamoService

    init() throws {
        directory = makeScratchFolder("pitr-test")
        store = try Store(path: directory + "/warden.sqlite")
        try BackupStorage.migrate(store)
        clock = WardenClock(source: { PITRHarness.base })
        service = try DynamoService(store: store, clock: clock)
    }

    deinit {
        store.close()
        removeScratchFolder(directory)
    }

    var env: RequestEnvironment {
        RequestEnvironment(requestId: "test", accountId: "123456789012", region: "us-east-1",
                           callerArn: "arn:aws:iam::123456789012:root", now: clock.now())
    }

    /// Runs an operation of the DynamoDB API (or the Streams API) and waits for its answer.
    func call(_ name: String, _ body: String, streams: Bool = false) -> Result<JSONValue, DynamoError> {
        let registry = streams ? OperationRegistry.streams : OperationRegistry.dynamo
        guard let type = registry[name] else { return .failure(.unknownOperation()) }
        let env = self.env
        let operation: any DynamoOperation
        do {
            operation = try type.init(params: Params(try JSONParser.parse(body)), env: env)
        } catch let error as DynamoError {
            return .failure(error)
        } catch {
            return .failure(.serialization(nil))
        }
        return waitForCompletion { done in operation.execute(service: service, env: env, completion: done) }
            .map { try! JSONParser.parse($0) }
    }

    @discardableResult
    func ok(_ name: String, _ body: String, streams: Bool = false) throws -> JSONValue {
        try call(name, body, streams: streams).get()
    }

    func error(_ name: String, _ body: String, streams: Bool = false) -> DynamoError? {
        if case .failure(let e) = call(name, body, streams: streams) { return e }
        return nil
    }

    func createTable(_ name: String, extra: String = "") throws {
        try ok("CreateTable", """
            {"TableName":"\(name)","BillingMode":"PAY_PER_REQUEST",
             "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
             "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}]\(extra)}
            """)
    }

    func put(_ table: String, _ pk: String, _ sk: String, v: Int) throws {
        try ok("PutItem", #"{"TableName":"\#(table)","Item":{"pk":{"S":"\#(pk)"},"sk":{"S":"\#(sk)"},"v":{"N":"\#(v)"}}}"#)
    }

    func delete(_ table: String, _ pk: String, _ sk: String) throws {
        try ok("DeleteItem", #"{"TableName":"\#(table)","Key":{"pk":{"S":"\#(pk)"},"sk":{"S":"\#(sk)"}}}"#)
    }

    /// Every item as "pk/sk=v", sorted.
    func contents(_ table: String) throws -> [String] {
        let out = try ok("Scan", #"{"TableName":"\#(table)"}"#)
        return (out["Items"]?.arrayValue ?? []).map { item in
            "\(item["pk"]?["S"]?.stringValue ?? "")/\(item["sk"]?["S"]?.stringValue ?? "")=\(item["v"]?["N"]?.stringValue ?? "")"
        }.sorted()
    }
}

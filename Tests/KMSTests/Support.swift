import DynamoModel
@testable import KMS

/// A KMS service in memory on a clock the test moves.
final class Harness: @unchecked Sendable {
    // @unchecked Sendable: `offset` is only touched by the test's own thread.
    var offset: Double = 0
    let clock: WardenClock
    let service: KMSService
    let caller = KMSCaller(account: "111122223333", region: "us-east-1", arn: "arn:aws:iam::111122223333:root")

    init() {
        clock = WardenClock(offsetSeconds: 0, source: { 1_700_000_000 })
        service = KMSService(keys: KeyStore(clock: clock))
    }

    /// Prepares and runs (no authorization: the server's job), returning the body.
    @discardableResult
    func call(_ name: String, _ body: JSONValue, as who: KMSCaller? = nil) throws(KMSError) -> JSONValue {
        let prepared = try service.prepare(name, body: body, caller: who ?? caller)
        return try prepared.run().body
    }

    func prepare(_ name: String, _ body: JSONValue) throws(KMSError) -> KMSPrepared {
        try service.prepare(name, body: body, caller: caller)
    }

    func createKey(_ extra: [(String, JSONValue)] = []) throws(KMSError) -> (id: String, arn: String) {
        let out = try call("CreateKey", .object(extra))
        return (out["KeyMetadata"]!["KeyId"]!.stringValue!, out["KeyMetadata"]!["Arn"]!.stringValue!)
    }

    func error(_ name: String, _ body: JSONValue) -> KMSError? {
        do {
            try call(name, body)
            return nil
        } catch {
            return error
        }
    }
}

func b64(_ text: String) -> JSONValue { .string(Base64.encode(Array(text.utf8))) }

func decoded(_ value: JSONValue?) -> String? {
    guard let text = value?.stringValue, case .success(let bytes) = Base64.decode(text) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
}

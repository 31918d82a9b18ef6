import DynamoModel
import Synchronization
import TestSupport
import WardenSupport
@testable import AWSBackup

/// Tables a test declares, and the backups the service asked of them.
final class FakeTables: BackupTables {
    let known = Mutex<[String: BackupTable]>([:])
    let taken = Mutex<[String]>([])

    func add(_ name: String, tags: [String: String] = [:]) {
        let arn = "arn:aws:dynamodb:us-east-1:111122223333:table/\(name)"
        known.withLock { $0[arn] = BackupTable(arn: arn, name: name, tags: tags) }
    }

    func table(arn: String) -> BackupTable? { known.withLock { $0[arn] } }
    func tables(account: String, region: String) -> [BackupTable] { known.withLock { Array($0.values) } }

    func takeBackup(tableArn: String, name: String, now: Double,
                    completion: @escaping @Sendable (Result<(arn: String, createdAt: Double, sizeBytes: Int64), BackupError>) -> Void) {
        let arn = "\(tableArn)/backup/01700000000000-0000000\(taken.withLock { $0.count })"
        taken.withLock { $0.append(name) }
        completion(.success((arn, now, 42)))
    }
}

/// An AWS Backup service in memory; calls are routed as the server routes them.
struct Harness {
    let tables = FakeTables()
    let service: BackupService
    let caller = BackupCaller(account: "111122223333", region: "us-east-1", arn: "arn:aws:iam::111122223333:root")

    init() {
        service = BackupService(store: BackupStore(clock: WardenClock(offsetSeconds: 0, source: { 1_700_000_000 })), tables: tables)
    }

    func prepare(_ method: String, _ path: String, _ body: String = "", query: String = "") throws(BackupError) -> BackupPrepared {
        guard let route = BackupRoutes.route(method: method, path: path) else { throw .unknownOperation() }
        return try service.prepare(route, query: query, body: Array(body.utf8), caller: caller)
    }

    func call(_ method: String, _ path: String, _ body: String = "", query: String = "") -> Result<JSONValue, BackupError> {
        do {
            let prepared = try prepare(method, path, body, query: query)
            return waitForCompletion { done in prepared.run(done) }
        } catch {
            return .failure(error)
        }
    }

    func ok(_ method: String, _ path: String, _ body: String = "", query: String = "") -> JSONValue {
        switch call(method, path, body, query: query) {
        case .success(let json): return json
        case .failure(let e): fatalError("\(method) \(path): \(e)")
        }
    }

    func error(_ method: String, _ path: String, _ body: String = "", query: String = "") -> BackupError? {
        if case .failure(let e) = call(method, path, body, query: query) { return e }
        return nil
    }

    /// A plan with one daily rule into `vault`; returns its id.
    func plan(_ name: String = "daily", vault: String = "Default") -> String {
        ok("PUT", "/backup/plans/", #"{"BackupPlan":{"BackupPlanName":"\#(name)","Rules":[{"RuleName":"r1","TargetBackupVaultName":"\#(vault)"}]}}"#)["BackupPlanId"]!.stringValue!
    }
}

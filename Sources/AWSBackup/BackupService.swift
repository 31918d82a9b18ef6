import DynamoStorage
import WardenSupport

/// What AWS Backup needs from DynamoDB: the table an ARN names (with its tags, for tag-based
/// selections) and a real on-demand backup of it. The server provides it over DynamoService.
public protocol BackupTables: Sendable {
    func table(arn: String) -> BackupTable?
    func tables(account: String, region: String) -> [BackupTable]
    func takeBackup(tableArn: String, name: String, now: Double,
                    completion: @escaping @Sendable (Result<(arn: String, createdAt: Double, sizeBytes: Int64), BackupError>) -> Void)
}

public struct BackupTable: Sendable {
    public var arn: String
    public var name: String
    public var tags: [String: String]

    public init(arn: String, name: String, tags: [String: String]) {
        self.arn = arn
        self.name = name
        self.tags = tags
    }
}

/// Who calls: the signed caller's account, region (of the credential scope) and ARN.
public typealias BackupCaller = ServiceCaller

/// One thing a request needs allowed: an action on a resource (identity policies decide;
/// AWS Backup's vault access policies are not modelled).
public struct BackupCheck: Sendable, Equatable {
    public var action: String
    public var resource: String
    public var resourceAccount: String
    public var conditionKeys: [String: [String]]

    init(_ action: String, _ resource: String, account: String, keys: [String: [String]] = [:]) {
        self.action = action
        self.resource = resource
        resourceAccount = account
        conditionKeys = keys
    }
}

/// A validated request: its checks, how CloudTrail shows it, and its run (called once every
/// check is allowed; it answers the response body after the change is durable).
public struct BackupPrepared: Sendable {
    public var checks: [BackupCheck]
    public var auditParameters: JSONValue
    /// CloudTrail's resources: (type, ARN).
    public var resources: [(type: String, arn: String)]
    let execute: @Sendable (@escaping @Sendable (Result<JSONValue, BackupError>) -> Void) -> Void

    public func run(_ completion: @escaping @Sendable (Result<JSONValue, BackupError>) -> Void) { execute(completion) }
}

/// The environment an operation is prepared in.
struct BackupEnvironment {
    var store: BackupStore
    var tables: any BackupTables
    var caller: BackupCaller
    var now: Double

    func vaultArn(_ name: String) -> String { "arn:aws:backup:\(caller.region):\(caller.account):backup-vault:\(name)" }
    func planArn(_ id: String) -> String { "arn:aws:backup:\(caller.region):\(caller.account):backup-plan:\(id)" }
    func check(_ action: String, _ resource: String, keys: [String: [String]] = [:]) -> BackupCheck {
        BackupCheck("backup:" + action, resource, account: caller.account, keys: keys)
    }
    /// iam:PassRole on the role a selection or job names, passed to AWS Backup.
    func passRole(_ roleArn: String) -> BackupCheck {
        let account = roleArn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? caller.account
        return BackupCheck("iam:PassRole", roleArn, account: account.isEmpty ? caller.account : account,
                           keys: ["iam:PassedToService": ["backup.amazonaws.com"]])
    }
}

protocol BackupOperation {
    static func prepare(_ p: BackupParams, _ env: BackupEnvironment) throws(BackupError) -> BackupPrepared
}

/// AWS Backup (REST-JSON, signed for `backup`): finds the operation a method and path name,
/// validates it and returns it prepared.
public final class BackupService: Sendable {
    public static let eventSource = "backup.amazonaws.com"
    public static let apiVersion = "2018-11-15"

    typealias Prepare = @Sendable (BackupParams, BackupEnvironment) throws(BackupError) -> BackupPrepared

    static let operations: [String: Prepare] = [
        "CreateBackupVault": CreateBackupVault.prepare, "DescribeBackupVault": DescribeBackupVault.prepare,
        "ListBackupVaults": ListBackupVaults.prepare, "DeleteBackupVault": DeleteBackupVault.prepare,
        "CreateBackupPlan": CreateBackupPlan.prepare, "GetBackupPlan": GetBackupPlan.prepare, "ListBackupPlans": ListBackupPlans.prepare,
        "UpdateBackupPlan": UpdateBackupPlan.prepare, "DeleteBackupPlan": DeleteBackupPlan.prepare,
        "CreateBackupSelection": CreateBackupSelection.prepare, "GetBackupSelection": GetBackupSelection.prepare,
        "ListBackupSelections": ListBackupSelections.prepare, "DeleteBackupSelection": DeleteBackupSelection.prepare,
        "StartBackupJob": StartBackupJob.prepare, "DescribeBackupJob": DescribeBackupJob.prepare, "ListBackupJobs": ListBackupJobs.prepare,
        "ListRecoveryPointsByBackupVault": ListRecoveryPointsByBackupVault.prepare, "ListProtectedResources": ListProtectedResources.prepare,
    ]

    public static func isReadOnly(_ name: String) -> Bool {
        name.hasPrefix("Describe") || name.hasPrefix("Get") || name.hasPrefix("List")
    }

    public let store: BackupStore
    let tables: any BackupTables

    public init(store: BackupStore, tables: any BackupTables) {
        self.store = store
        self.tables = tables
    }

    /// Validates a routed request and returns it prepared.
    public func prepare(_ route: BackupRoute, query: String, body: [UInt8], caller: BackupCaller) throws(BackupError) -> BackupPrepared {
        guard let prepare = Self.operations[route.operation] else { throw .unknownOperation() }
        let json: JSONValue
        if body.isEmpty || body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            json = .object([])
        } else {
            guard let parsed = try? JSONParser.parse(body), case .object = parsed else { throw .serialization() }
            json = parsed
        }
        let params = BackupParams(path: route.pathParameters, query: BackupParams.decodeQuery(query), body: json)
        return try prepare(params, BackupEnvironment(store: store, tables: tables, caller: caller, now: store.clock.now()))
    }

    /// requestParameters for a request that failed validation.
    public static func auditRequest(_ route: BackupRoute, query: String, body: [UInt8]) -> JSONValue {
        let json = (try? JSONParser.parse(body)) ?? .object([])
        return BackupParams(path: route.pathParameters, query: BackupParams.decodeQuery(query), body: json).audit
    }

    /// responseElements: the body with member names' first letters lowered.
    public static func auditResponse(_ body: JSONValue) -> JSONValue { BackupParams.lowered(body) }
}

extension BackupPrepared {
    /// A request whose run is one change of the store, answered once it is durable.
    init(checks: [BackupCheck], params: BackupParams, resources: [(type: String, arn: String)] = [],
         _ body: @escaping @Sendable () throws(BackupError) -> (JSONValue, PendingWrite)) {
        self.init(checks: checks, auditParameters: params.audit, resources: resources) { completion in
            do throws(BackupError) {
                let (json, write) = try body()
                write.answer(json, failed: BackupError.internalFailure, completion)
            } catch {
                completion(.failure(error))
            }
        }
    }

    /// A request that only reads.
    static func reading(checks: [BackupCheck], params: BackupParams, resources: [(type: String, arn: String)] = [],
                        _ body: @escaping @Sendable () throws(BackupError) -> JSONValue) -> BackupPrepared {
        BackupPrepared(checks: checks, auditParameters: params.audit, resources: resources) { completion in
            do throws(BackupError) { completion(.success(try body())) } catch { completion(.failure(error)) }
        }
    }
}

/// CloudTrail's resource types.
enum BackupResource {
    static let vault = "AWS::Backup::BackupVault"
    static let plan = "AWS::Backup::BackupPlan"
}

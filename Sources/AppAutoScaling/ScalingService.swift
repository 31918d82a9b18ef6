import WardenSupport

/// What Application Auto Scaling needs from DynamoDB: whether a table exists, and its global
/// secondary indexes. The server provides it over DynamoService's catalog.
public protocol ScalingTables: Sendable {
    /// The table's global secondary index names; nil when there is no such table.
    func globalIndexes(account: String, region: String, table: String) -> [String]?
}

/// Who calls: the signed caller's account, region and ARN.
public typealias ScalingCaller = ServiceCaller

/// One thing a request needs allowed (identity policies decide): the action on the scalable
/// target's ARN when the target exists, on `*` otherwise (the Describe operations and a target
/// being registered have no ARN to name yet).
public struct ScalingCheck: Sendable, Equatable {
    public var action: String
    public var resource: String
    public var resourceAccount: String
}

/// A validated request: its checks, how CloudTrail shows it, and its run.
public struct ScalingPrepared: Sendable {
    public var checks: [ScalingCheck]
    public var auditParameters: JSONValue
    let execute: @Sendable () throws(ScalingError) -> (JSONValue, PendingWrite)

    /// Runs the request; `completion` gets the response body once the change is durable.
    public func run(_ completion: @escaping @Sendable (Result<JSONValue, ScalingError>) -> Void) {
        do throws(ScalingError) {
            let (body, write) = try execute()
            write.answer(body, failed: ScalingError.internalFailure, completion)
        } catch {
            completion(.failure(error))
        }
    }
}

struct ScalingEnvironment {
    var store: ScalingStore
    var tables: any ScalingTables
    var caller: ScalingCaller
    var now: Double

    /// `application-autoscaling:ACTION` on the target `key` names, if registered.
    func check(_ action: String, target key: String? = nil) -> ScalingCheck {
        let arn = key.flatMap { k in store.state.withLock { $0.targets[k]?.arn } }
        return ScalingCheck(action: "application-autoscaling:" + action, resource: arn ?? "*", resourceAccount: caller.account)
    }

    func key(_ resourceId: String, _ dimension: String) -> String {
        ScalableTarget.key(account: caller.account, region: caller.region, resourceId: resourceId, dimension: dimension)
    }
}

protocol ScalingOperation {
    static func prepare(_ p: inout ScalingParams, _ env: ScalingEnvironment) throws(ScalingError) -> ScalingPrepared
}

extension ScalingPrepared {
    init(_ checks: [ScalingCheck], _ p: ScalingParams, _ execute: @escaping @Sendable () throws(ScalingError) -> (JSONValue, PendingWrite)) {
        self.init(checks: checks, auditParameters: ScalingParams.audit(p.json), execute: execute)
    }
}

/// Application Auto Scaling (AWS JSON 1.1, `X-Amz-Target: AnyScaleFrontendService.<Op>`,
/// signed for `application-autoscaling`), for DynamoDB tables and global secondary indexes.
public final class ScalingService: Sendable {
    public static let targetPrefix = "AnyScaleFrontendService."
    public static let eventSource = "application-autoscaling.amazonaws.com"
    public static let apiVersion = "2016-02-06"

    typealias Prepare = @Sendable (inout ScalingParams, ScalingEnvironment) throws(ScalingError) -> ScalingPrepared

    static let operations: [String: Prepare] = [
        "RegisterScalableTarget": RegisterScalableTarget.prepare, "DescribeScalableTargets": DescribeScalableTargets.prepare,
        "DeregisterScalableTarget": DeregisterScalableTarget.prepare, "PutScalingPolicy": PutScalingPolicy.prepare,
        "DescribeScalingPolicies": DescribeScalingPolicies.prepare, "DeleteScalingPolicy": DeleteScalingPolicy.prepare,
    ]

    public static func isOperation(_ name: String) -> Bool { operations[name] != nil }
    public static func isReadOnly(_ name: String) -> Bool { name.hasPrefix("Describe") }

    public let store: ScalingStore
    let tables: any ScalingTables

    public init(store: ScalingStore, tables: any ScalingTables) {
        self.store = store
        self.tables = tables
    }

    public func prepare(_ name: String, body: JSONValue, caller: ScalingCaller) throws(ScalingError) -> ScalingPrepared {
        guard let prepare = Self.operations[name] else { throw .unknownOperation() }
        guard case .object = body else { throw .serialization() }
        var params = ScalingParams(body)
        return try prepare(&params, ScalingEnvironment(store: store, tables: tables, caller: caller, now: store.clock.now()))
    }

    public static func auditRequest(_ body: JSONValue) -> JSONValue { ScalingParams.audit(body) }
    public static func auditResponse(_ body: JSONValue) -> JSONValue { ScalingParams.audit(body) }
}

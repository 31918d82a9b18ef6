import WardenSupport

/// RegisterScalableTarget — https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
/// Registers a DynamoDB table's or global secondary index's read or write capacity, or
/// updates a registered one (only the members given change). Capacity is recorded, not
/// applied: nothing here scales the table.
enum RegisterScalableTarget: ScalingOperation {
    static let minAboveMax = "Minimum capacity cannot be greater than maximum capacity"
    static let newNeedsBounds = "MinCapacity and MaxCapacity are required when registering a new scalable target"

    static func prepare(_ p: inout ScalingParams, _ env: ScalingEnvironment) throws(ScalingError) -> ScalingPrepared {
        let namespace = try p.enumValue("ServiceNamespace", ScalableResource.namespaces, required: true)
        let resourceId = try p.text("ResourceId", required: true)
        let dimension = try p.enumValue("ScalableDimension", ScalableResource.dimensions, required: true)
        let role = try p.text("RoleARN", required: false)
        try p.check()
        guard let namespace, let resourceId, let dimension,
              let resource = ScalableResource(namespace: namespace, resourceId: resourceId, dimension: dimension) else { throw .unsupported }
        let minCapacity = try p.int("MinCapacity"), maxCapacity = try p.int("MaxCapacity")
        if let minCapacity, let maxCapacity, minCapacity > maxCapacity { throw .validation(minAboveMax) }
        let suspended = p.json["SuspendedState"]
        func flag(_ name: String) throws(ScalingError) -> Bool? {
            guard let v = suspended?[name], !v.isNull else { return nil }
            guard let b = v.boolValue else { throw .serialization() }
            return b
        }
        let (sIn, sOut, sSched) = (try flag("DynamicScalingInSuspended"), try flag("DynamicScalingOutSuspended"), try flag("ScheduledScalingSuspended"))
        let key = env.key(resourceId, dimension), store = env.store, tables = env.tables, caller = env.caller, now = env.now
        return ScalingPrepared([env.check("RegisterScalableTarget", target: key)], p) { () throws(ScalingError) in
            guard let indexes = tables.globalIndexes(account: caller.account, region: caller.region, table: resource.table) else {
                throw .validation("DynamoDB table does not exist: table/\(resource.table)")
            }
            if let index = resource.index, !indexes.contains(index) {
                throw .validation("DynamoDB global secondary index does not exist: \(resourceId)")
            }
            return try store.transact { (s: inout ScalingStore.State) throws(ScalingError) -> JSONValue in
                var target: ScalableTarget
                if let existing = s.targets[key] {
                    target = existing
                    if let minCapacity { target.minCapacity = minCapacity }
                    if let maxCapacity { target.maxCapacity = maxCapacity }
                    if target.minCapacity > target.maxCapacity { throw .validation(minAboveMax) }
                } else {
                    guard let minCapacity, let maxCapacity else { throw .validation(newNeedsBounds) }
                    target = ScalableTarget(account: caller.account, region: caller.region, resourceId: resourceId, dimension: dimension,
                                            minCapacity: minCapacity, maxCapacity: maxCapacity,
                                            roleArn: role ?? ScalableTarget.serviceLinkedRole(caller.account), creationTime: now,
                                            suspendedIn: false, suspendedOut: false, suspendedScheduled: false, targetId: ScalingIds.hex(32))
                }
                if let sIn { target.suspendedIn = sIn }
                if let sOut { target.suspendedOut = sOut }
                if let sSched { target.suspendedScheduled = sSched }
                s.save(target)
                return ["ScalableTargetARN": .string(target.arn)]
            }
        }
    }
}

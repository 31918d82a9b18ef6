import WardenSupport

/// DescribeScalableTargets — in the order registered, filtered by `ResourceIds` and
/// `ScalableDimension`; paged by `MaxResults` (at most 50) and `NextToken`.
enum DescribeScalableTargets: ScalingOperation {
    static func prepare(_ p: inout ScalingParams, _ env: ScalingEnvironment) throws(ScalingError) -> ScalingPrepared {
        let namespace = try p.enumValue("ServiceNamespace", ScalableResource.namespaces, required: true)
        let dimension = try p.enumValue("ScalableDimension", ScalableResource.dimensions, required: false)
        let ids = try p.stringList("ResourceIds")
        if let ids, ids.count > 50 {
            p.violations.append(ScalingError.violation(value: "[" + ids.joined(separator: ", ") + "]", member: "resourceIds",
                                                       "Member must have length less than or equal to 50"))
        }
        try p.check()
        let (limit, start) = try p.page()
        let store = env.store, caller = env.caller
        return ScalingPrepared([env.check("DescribeScalableTargets")], p) { () throws(ScalingError) in
            let all: [ScalableTarget] = namespace != "dynamodb" ? [] : store.state.withLock { s in
                s.ordered(s.targets).filter { t in
                    t.account == caller.account && t.region == caller.region && ids.map { $0.contains(t.resourceId) } != false
                        && dimension.map { $0 == t.dimension } != false
                }
            }
            let (page, next) = paginate(all, limit: limit, start: start)
            var out: [(String, JSONValue)] = [("ScalableTargets", .array(page.map(\.json)))]
            if let next { out.append(("NextToken", .string(next))) }
            return (.object(out), .nothing())
        }
    }
}

import WardenSupport

/// DescribeScalingPolicies — in the order put, filtered by `PolicyNames`, `ResourceId` and
/// `ScalableDimension`.
enum DescribeScalingPolicies: ScalingOperation {
    static func prepare(_ p: inout ScalingParams, _ env: ScalingEnvironment) throws(ScalingError) -> ScalingPrepared {
        let namespace = try p.enumValue("ServiceNamespace", ScalableResource.namespaces, required: true)
        let resourceId = try p.text("ResourceId", required: false)
        let dimension = try p.enumValue("ScalableDimension", ScalableResource.dimensions, required: false)
        let names = try p.stringList("PolicyNames")
        if let names, names.count > 50 {
            p.violations.append(ScalingError.violation(value: "[" + names.joined(separator: ", ") + "]", member: "policyNames",
                                                       "Member must have length less than or equal to 50"))
        }
        try p.check()
        let (limit, start) = try p.page()
        let store = env.store, caller = env.caller
        return ScalingPrepared([env.check("DescribeScalingPolicies")], p) { () throws(ScalingError) in
            let all: [ScalingPolicy] = namespace != "dynamodb" ? [] : store.state.withLock { s in
                s.ordered(s.policies).filter { x in
                    x.account == caller.account && x.region == caller.region && names.map { $0.contains(x.name) } != false
                        && resourceId.map { $0 == x.resourceId } != false && dimension.map { $0 == x.dimension } != false
                }
            }
            let (page, next) = paginate(all, limit: limit, start: start)
            var out: [(String, JSONValue)] = [("ScalingPolicies", .array(page.map(\.json)))]
            if let next { out.append(("NextToken", .string(next))) }
            return (.object(out), .nothing())
        }
    }
}

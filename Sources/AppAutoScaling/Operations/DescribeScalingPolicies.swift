/// DescribeScalingPolicies — in the order put, filtered by `PolicyNames`, `ResourceId` and
/// `ScalableDimension`; paged by `MaxResults` (at most 50) and `NextToken`.
enum DescribeScalingPolicies: ScalingOperation {
    static func prepare(_ p: inout ScalingParams, _ env: ScalingEnvironment) throws(ScalingError) -> ScalingPrepared {
        let namespace = try p.enumValue("ServiceNamespace", ScalableResource.namespaces, required: true)
        let resourceId = try p.text("ResourceId", required: false)
        let dimension = try p.enumValue("ScalableDimension", ScalableResource.dimensions, required: false)
        let names = try p.nameList("PolicyNames")
        return try .describe("DescribeScalingPolicies", &p, env, namespace: namespace, dimension: dimension, member: "ScalingPolicies",
                             objects: { $0.policies }, filter: { x in
                                 names.map { $0.contains(x.name) } != false && resourceId.map { $0 == x.resourceId } != false
                             })
    }
}

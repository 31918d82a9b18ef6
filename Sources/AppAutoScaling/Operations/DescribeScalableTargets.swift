/// DescribeScalableTargets — in the order registered, filtered by `ResourceIds` and
/// `ScalableDimension`; paged by `MaxResults` (at most 50) and `NextToken`.
enum DescribeScalableTargets: ScalingOperation {
    static func prepare(_ p: inout ScalingParams, _ env: ScalingEnvironment) throws(ScalingError) -> ScalingPrepared {
        let namespace = try p.enumValue("ServiceNamespace", ScalableResource.namespaces, required: true)
        let dimension = try p.enumValue("ScalableDimension", ScalableResource.dimensions, required: false)
        let ids = try p.nameList("ResourceIds")
        return try .describe("DescribeScalableTargets", &p, env, namespace: namespace, dimension: dimension, member: "ScalableTargets",
                             objects: { $0.targets }, filter: { t in ids.map { $0.contains(t.resourceId) } != false })
    }
}

import WardenSupport

/// DeleteScalingPolicy
enum DeleteScalingPolicy: ScalingOperation {
    static func prepare(_ p: inout ScalingParams, _ env: ScalingEnvironment) throws(ScalingError) -> ScalingPrepared {
        let name = try p.text("PolicyName", required: true)
        let namespace = try p.enumValue("ServiceNamespace", ScalableResource.namespaces, required: true)
        let resourceId = try p.text("ResourceId", required: true)
        let dimension = try p.enumValue("ScalableDimension", ScalableResource.dimensions, required: true)
        try p.check()
        guard let name, let namespace, let resourceId, let dimension else { throw .unsupported }
        let key = env.key(resourceId, dimension), store = env.store
        return ScalingPrepared([env.check("DeleteScalingPolicy", target: key)], p) { () throws(ScalingError) in
            try store.transact { (s: inout ScalingStore.State) throws(ScalingError) -> JSONValue in
                let policyKey = key + "|" + name
                guard namespace == "dynamodb", s.policies[policyKey] != nil else {
                    throw .objectNotFound("No scaling policy found for service namespace: \(namespace), resource ID: \(resourceId), scalable dimension: \(dimension), policy name: \(name)")
                }
                s.removePolicy(policyKey)
                return .object([])
            }
        }
    }
}

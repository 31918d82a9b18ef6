import WardenSupport

/// DeregisterScalableTarget — removes the target and its scaling policies.
enum DeregisterScalableTarget: ScalingOperation {
    static func noTarget(_ resourceId: String, _ dimension: String, namespace: String = "dynamodb") -> ScalingError {
        .objectNotFound("No scalable target registered for service namespace: \(namespace), resource ID: \(resourceId), scalable dimension: \(dimension)")
    }

    static func prepare(_ p: inout ScalingParams, _ env: ScalingEnvironment) throws(ScalingError) -> ScalingPrepared {
        let namespace = try p.enumValue("ServiceNamespace", ScalableResource.namespaces, required: true)
        let resourceId = try p.text("ResourceId", required: true)
        let dimension = try p.enumValue("ScalableDimension", ScalableResource.dimensions, required: true)
        try p.check()
        guard let namespace, let resourceId, let dimension else { throw .unsupported }
        let key = env.key(resourceId, dimension), store = env.store
        return ScalingPrepared([env.check("DeregisterScalableTarget", target: key)], p) { () throws(ScalingError) in
            try store.transact { (s: inout ScalingStore.State) throws(ScalingError) -> JSONValue in
                guard namespace == "dynamodb", s.targets[key] != nil else { throw noTarget(resourceId, dimension, namespace: namespace) }
                for policy in s.policies.values where policy.targetKey == key { s.removePolicy(policy.key) }
                s.removeTarget(key)
                return .object([])
            }
        }
    }
}

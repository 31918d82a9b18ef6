import WardenSupport

/// PutScalingPolicy — a target tracking policy on a registered DynamoDB target, tracking
/// DynamoDBReadCapacityUtilization or DynamoDBWriteCapacityUtilization; putting a policy of
/// the same name replaces its configuration and keeps its ARN. A missing PolicyType means
/// StepScaling (API_PutScalingPolicy), which DynamoDB does not support.
enum PutScalingPolicy: ScalingOperation {
    static func prepare(_ p: inout ScalingParams, _ env: ScalingEnvironment) throws(ScalingError) -> ScalingPrepared {
        let name = try p.text("PolicyName", required: true, max: 256)
        let namespace = try p.enumValue("ServiceNamespace", ScalableResource.namespaces, required: true)
        let resourceId = try p.text("ResourceId", required: true)
        let dimension = try p.enumValue("ScalableDimension", ScalableResource.dimensions, required: true)
        let type = try p.enumValue("PolicyType", ["StepScaling", "TargetTrackingScaling", "PredictiveScaling"], required: false)
        try p.check()
        guard let name, let namespace, let resourceId, let dimension else { throw .unsupported }
        let resource = ScalableResource(namespace: namespace, resourceId: resourceId, dimension: dimension)
        if let resource {
            let policyType = type ?? "StepScaling"
            guard policyType == "TargetTrackingScaling" else {
                throw .validation("\(policyType) policies are not supported for service namespace dynamodb: use TargetTrackingScaling")
            }
        }
        let configuration = p.json["TargetTrackingScalingPolicyConfiguration"]
        if resource != nil {
            guard let configuration, case .object = configuration else {
                throw .validation("TargetTrackingScalingPolicyConfiguration is required for policy type TargetTrackingScaling")
            }
            guard case .number? = configuration["TargetValue"] else {
                throw .constraints([ScalingError.violation(value: nil, member: "targetTrackingScalingPolicyConfiguration.targetValue", "Member must not be null")])
            }
            if let predefined = configuration["PredefinedMetricSpecification"], !predefined.isNull {
                let metric = predefined["PredefinedMetricType"]?.stringValue ?? ""
                if metric != resource!.metric {
                    throw .validation("The predefined metric type \(metric) is not valid for scalable dimension \(dimension); use \(resource!.metric)")
                }
            } else if configuration["CustomizedMetricSpecification"]?.isNull ?? true {
                throw .validation("Either PredefinedMetricSpecification or CustomizedMetricSpecification must be specified")
            }
        }
        let key = env.key(resourceId, dimension), store = env.store, caller = env.caller, now = env.now
        let configText = String(decoding: JSONWriter.encode(configuration ?? .object([])), as: UTF8.self)
        return ScalingPrepared([env.check("PutScalingPolicy", target: key)], p) { () throws(ScalingError) in
            try store.transact { (s: inout ScalingStore.State) throws(ScalingError) -> JSONValue in
                guard resource != nil, s.targets[key] != nil else { throw DeregisterScalableTarget.noTarget(resourceId, dimension, namespace: namespace) }
                var policy = ScalingPolicy(account: caller.account, region: caller.region, name: name, resourceId: resourceId, dimension: dimension,
                                           policyId: ScalingIds.uuid(), configuration: configText, creationTime: now, alarmSuffix: ScalingIds.uuid())
                if let existing = s.policies[policy.key] {
                    policy.policyId = existing.policyId
                    policy.alarmSuffix = existing.alarmSuffix
                    policy.creationTime = existing.creationTime
                }
                s.save(policy)
                return ["PolicyARN": .string(policy.arn), "Alarms": policy.alarms]
            }
        }
    }
}

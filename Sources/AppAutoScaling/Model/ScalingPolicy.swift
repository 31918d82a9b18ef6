import WardenSupport

/// A target tracking scaling policy on a scalable target, and the CloudWatch alarms
/// Application Auto Scaling names for it (for DynamoDB: AlarmHigh, AlarmLow,
/// ProvisionedCapacityHigh, ProvisionedCapacityLow). The alarms are names only: nothing
/// evaluates them here.
struct ScalingPolicy: Codable, Sendable {
    var account: String
    var region: String
    var name: String
    var resourceId: String
    var dimension: String
    var policyId: String
    /// The TargetTrackingScalingPolicyConfiguration as given, as JSON text.
    var configuration: String
    var creationTime: Double
    var alarmSuffix: String

    var targetKey: String { ScalableTarget.key(account: account, region: region, resourceId: resourceId, dimension: dimension) }
    var key: String { targetKey + "|" + name }

    /// `arn:aws:autoscaling:REGION:ACCOUNT:scalingPolicy:ID:resource/dynamodb/RESOURCE:policyName/NAME`.
    var arn: String { "arn:aws:autoscaling:\(region):\(account):scalingPolicy:\(policyId):resource/dynamodb/\(resourceId):policyName/\(name)" }

    var alarms: JSONValue {
        .array(["AlarmHigh", "AlarmLow", "ProvisionedCapacityHigh", "ProvisionedCapacityLow"].map { kind in
            let alarm = "TargetTracking-\(resourceId)-\(kind)-\(alarmSuffix)"
            return ["AlarmName": .string(alarm), "AlarmARN": .string("arn:aws:cloudwatch:\(region):\(account):alarm:\(alarm)")]
        })
    }

    var json: JSONValue {
        [
            "PolicyARN": .string(arn), "PolicyName": .string(name), "ServiceNamespace": "dynamodb", "ResourceId": .string(resourceId),
            "ScalableDimension": .string(dimension), "PolicyType": "TargetTrackingScaling",
            "TargetTrackingScalingPolicyConfiguration": (try? JSONParser.parse(Array(configuration.utf8))) ?? .object([]),
            "Alarms": alarms, "CreationTime": .timestamp(creationTime),
        ]
    }
}

import WardenSupport

/// A registered scalable target.
struct ScalableTarget: Codable, Sendable {
    var account: String
    var region: String
    var resourceId: String
    var dimension: String
    var minCapacity: Int
    var maxCapacity: Int
    var roleArn: String
    var creationTime: Double
    var suspendedIn: Bool
    var suspendedOut: Bool
    var suspendedScheduled: Bool
    /// The `scalable-target/…` id of its ARN.
    var targetId: String

    var key: String { Self.key(account: account, region: region, resourceId: resourceId, dimension: dimension) }
    var arn: String { "arn:aws:application-autoscaling:\(region):\(account):scalable-target/\(targetId)" }

    static func key(account: String, region: String, resourceId: String, dimension: String) -> String {
        "\(account)|\(region)|dynamodb|\(resourceId)|\(dimension)"
    }

    /// The service-linked role Application Auto Scaling uses for DynamoDB when none is given.
    static func serviceLinkedRole(_ account: String) -> String {
        "arn:aws:iam::\(account):role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable"
    }

    var json: JSONValue {
        [
            "ServiceNamespace": "dynamodb", "ResourceId": .string(resourceId), "ScalableDimension": .string(dimension),
            "MinCapacity": .int(minCapacity), "MaxCapacity": .int(maxCapacity), "RoleARN": .string(roleArn),
            "CreationTime": .timestamp(creationTime),
            "SuspendedState": ["DynamicScalingInSuspended": .bool(suspendedIn), "DynamicScalingOutSuspended": .bool(suspendedOut),
                               "ScheduledScalingSuspended": .bool(suspendedScheduled)],
            "ScalableTargetARN": .string(arn),
        ]
    }
}

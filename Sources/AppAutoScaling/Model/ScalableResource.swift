/// A DynamoDB resource Application Auto Scaling scales: `table/NAME` with a
/// `dynamodb:table:…CapacityUnits` dimension, or `table/NAME/index/INDEX` with a
/// `dynamodb:index:…` one (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html).
struct ScalableResource: Equatable, Sendable {
    var table: String
    var index: String?
    var read: Bool

    /// The service model's enums (botocore application-autoscaling 2016-02-06).
    static let namespaces = [
        "ecs", "elasticmapreduce", "ec2", "appstream", "dynamodb", "rds", "sagemaker", "custom-resource", "comprehend", "lambda", "cassandra",
        "kafka", "elasticache", "neptune", "workspaces",
    ]
    static let dimensions = [
        "ecs:service:DesiredCount", "ec2:spot-fleet-request:TargetCapacity", "elasticmapreduce:instancegroup:InstanceCount",
        "appstream:fleet:DesiredCapacity", "dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits",
        "dynamodb:index:ReadCapacityUnits", "dynamodb:index:WriteCapacityUnits", "rds:cluster:ReadReplicaCount",
        "sagemaker:variant:DesiredInstanceCount", "custom-resource:ResourceType:Property",
        "comprehend:document-classifier-endpoint:DesiredInferenceUnits", "comprehend:entity-recognizer-endpoint:DesiredInferenceUnits",
        "lambda:function:ProvisionedConcurrency", "cassandra:table:ReadCapacityUnits", "cassandra:table:WriteCapacityUnits",
        "kafka:broker-storage:VolumeSize", "elasticache:cache-cluster:Nodes", "elasticache:replication-group:NodeGroups",
        "elasticache:replication-group:Replicas", "neptune:cluster:ReadReplicaCount", "sagemaker:variant:DesiredProvisionedConcurrency",
        "sagemaker:inference-component:DesiredCopyCount", "workspaces:workspacespool:DesiredUserSessions",
    ]

    /// nil when the namespace, resource id and dimension do not fit together (or name
    /// anything but DynamoDB, the only service scaled here).
    init?(namespace: String, resourceId: String, dimension: String) {
        guard namespace == "dynamodb" else { return nil }
        let parts = resourceId.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let kind: String
        switch parts.count {
        case 2 where parts[0] == "table" && Self.isName(parts[1]): kind = "table"; index = nil
        case 4 where parts[0] == "table" && Self.isName(parts[1]) && parts[2] == "index" && Self.isName(parts[3]): kind = "index"; index = parts[3]
        default: return nil
        }
        table = parts[1]
        switch dimension {
        case "dynamodb:\(kind):ReadCapacityUnits": read = true
        case "dynamodb:\(kind):WriteCapacityUnits": read = false
        default: return nil
        }
    }

    /// DynamoDB's table and index name rule: 3–255 of `[a-zA-Z0-9_.-]`.
    static func isName(_ s: String) -> Bool {
        (3...255).contains(s.utf8.count) && s.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2E || b == 0x2D
        }
    }

    /// The predefined metric that tracks this dimension's utilization.
    var metric: String { read ? "DynamoDBReadCapacityUtilization" : "DynamoDBWriteCapacityUtilization" }
}

import Foundation
import DynamoModel
import Synchronization
import Testing
import TestSupport
import WardenSupport
@testable import AppAutoScaling

struct FakeScalingTables: ScalingTables {
    func globalIndexes(account: String, region: String, table: String) -> [String]? { table == "orders" ? ["byDate"] : nil }
}

struct ScalingHarness {
    let service = ScalingService(store: ScalingStore(clock: WardenClock(offsetSeconds: 0, source: { 1_700_000_000 })), tables: FakeScalingTables())
    let caller = ScalingCaller(account: "111122223333", region: "us-east-1", arn: "arn:aws:iam::111122223333:root")

    func call(_ op: String, _ body: String) -> Result<JSONValue, ScalingError> {
        do {
            let prepared = try service.prepare(op, body: try! JSONParser.parse(Array(body.utf8)), caller: caller)
            return waitForCompletion { done in prepared.run(done) }
        } catch {
            return .failure(error)
        }
    }

    func ok(_ op: String, _ body: String) -> JSONValue {
        guard case .success(let json) = call(op, body) else { fatalError("\(op) failed: \(call(op, body))") }
        return json
    }

    func error(_ op: String, _ body: String) -> ScalingError? {
        if case .failure(let e) = call(op, body) { return e }
        return nil
    }
}

@Suite struct ScalingTests {
    let read = #""ServiceNamespace":"dynamodb","ResourceId":"table/orders","ScalableDimension":"dynamodb:table:ReadCapacityUnits""#

    @Test func resourceIdsMustFitTheirDimension() {
        let h = ScalingHarness()
        for (rid, dim) in [("orders", "dynamodb:table:ReadCapacityUnits"), ("table/orders", "dynamodb:index:ReadCapacityUnits"),
                           ("table/orders/index/byDate", "dynamodb:table:WriteCapacityUnits"), ("table/x/index", "dynamodb:index:ReadCapacityUnits")] {
            #expect(h.error("RegisterScalableTarget", #"{"ServiceNamespace":"dynamodb","ResourceId":"\#(rid)","ScalableDimension":"\#(dim)","MinCapacity":1,"MaxCapacity":5}"#)
                == .unsupported)
        }
        #expect(h.error("RegisterScalableTarget", #"{"ServiceNamespace":"dynamodb","ResourceId":"table/nope","ScalableDimension":"dynamodb:table:ReadCapacityUnits","MinCapacity":1,"MaxCapacity":5}"#)
            == .validation("DynamoDB table does not exist: table/nope"))
        let e = h.error("RegisterScalableTarget", #"{"ServiceNamespace":"dynamo","ResourceId":"","ScalableDimension":"dynamodb:table:ReadCapacityUnits"}"#)
        #expect(e?.message.hasPrefix("2 validation errors detected: Value 'dynamo' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum value set: [ecs, elasticmapreduce,") == true)
        #expect(e?.message.hasSuffix("; Value '' at 'resourceId' failed to satisfy constraint: Member must have length greater than or equal to 1") == true)
        #expect(h.error("RegisterScalableTarget", "{\(read),\"MinCapacity\":5,\"MaxCapacity\":1}") == .validation(RegisterScalableTarget.minAboveMax))
        #expect(h.error("RegisterScalableTarget", "{\(read)}") == .validation(RegisterScalableTarget.newNeedsBounds))
    }

    @Test func registerUpdateDescribeDeregister() {
        let h = ScalingHarness()
        let arn = h.ok("RegisterScalableTarget", "{\(read),\"MinCapacity\":5,\"MaxCapacity\":100}")["ScalableTargetARN"]!.stringValue!
        #expect(arn.hasPrefix("arn:aws:application-autoscaling:us-east-1:111122223333:scalable-target/"))
        #expect(h.ok("RegisterScalableTarget", "{\(read),\"MaxCapacity\":200}")["ScalableTargetARN"]?.stringValue == arn)
        let targets = h.ok("DescribeScalableTargets", #"{"ServiceNamespace":"dynamodb"}"#)["ScalableTargets"]!.arrayValue!
        #expect(targets.count == 1)
        #expect(targets[0]["MinCapacity"] == .int(5) && targets[0]["MaxCapacity"] == .int(200))
        #expect(targets[0]["RoleARN"]?.stringValue == "arn:aws:iam::111122223333:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable")
        #expect(h.ok("DescribeScalableTargets", #"{"ServiceNamespace":"ecs"}"#)["ScalableTargets"] == .array([]))
        _ = h.ok("PutScalingPolicy", #"{"PolicyName":"p",\#(read),"PolicyType":"TargetTrackingScaling","TargetTrackingScalingPolicyConfiguration":{"TargetValue":70,"PredefinedMetricSpecification":{"PredefinedMetricType":"DynamoDBReadCapacityUtilization"}}}"#)
        _ = h.ok("DeregisterScalableTarget", "{\(read)}")
        #expect(h.ok("DescribeScalingPolicies", #"{"ServiceNamespace":"dynamodb"}"#)["ScalingPolicies"] == .array([]))
        #expect(h.error("DeregisterScalableTarget", "{\(read)}") == .objectNotFound(
            "No scalable target registered for service namespace: dynamodb, resource ID: table/orders, scalable dimension: dynamodb:table:ReadCapacityUnits"))
    }

    @Test func policiesTrackTheRightMetricAndKeepTheirArn() {
        let h = ScalingHarness()
        let policy = #"{"PolicyName":"p",\#(read),"PolicyType":"TargetTrackingScaling","TargetTrackingScalingPolicyConfiguration":{"TargetValue":70,"PredefinedMetricSpecification":{"PredefinedMetricType":"DynamoDBReadCapacityUtilization"}}}"#
        #expect(h.error("PutScalingPolicy", policy) == .objectNotFound(
            "No scalable target registered for service namespace: dynamodb, resource ID: table/orders, scalable dimension: dynamodb:table:ReadCapacityUnits"))
        _ = h.ok("RegisterScalableTarget", "{\(read),\"MinCapacity\":5,\"MaxCapacity\":100}")
        let first = h.ok("PutScalingPolicy", policy)
        let arn = first["PolicyARN"]!.stringValue!
        #expect(arn.hasPrefix("arn:aws:autoscaling:us-east-1:111122223333:scalingPolicy:") && arn.hasSuffix(":resource/dynamodb/table/orders:policyName/p"))
        #expect(first["Alarms"]?.arrayValue?.map { $0["AlarmName"]!.stringValue!.split(separator: "-").dropLast(5).joined(separator: "-") }
            == ["TargetTracking-table/orders-AlarmHigh", "TargetTracking-table/orders-AlarmLow",
                "TargetTracking-table/orders-ProvisionedCapacityHigh", "TargetTracking-table/orders-ProvisionedCapacityLow"])
        #expect(h.ok("PutScalingPolicy", policy.replacingOccurrences(of: "70", with: "50"))["PolicyARN"]?.stringValue == arn)
        let described = h.ok("DescribeScalingPolicies", #"{"ServiceNamespace":"dynamodb","ResourceId":"table/orders"}"#)["ScalingPolicies"]!.arrayValue!
        #expect(described.count == 1 && described[0]["TargetTrackingScalingPolicyConfiguration"]?["TargetValue"] == .number("50"))
        #expect(h.error("PutScalingPolicy", #"{"PolicyName":"p",\#(read)}"#)?.message
            == "StepScaling policies are not supported for service namespace dynamodb: use TargetTrackingScaling")
        #expect(h.error("PutScalingPolicy", policy.replacingOccurrences(of: "DynamoDBReadCapacityUtilization", with: "DynamoDBWriteCapacityUtilization"))?.code
            == "ValidationException")
        _ = h.ok("DeleteScalingPolicy", #"{"PolicyName":"p",\#(read)}"#)
        #expect(h.error("DeleteScalingPolicy", #"{"PolicyName":"p",\#(read)}"#) == .objectNotFound(
            "No scaling policy found for service namespace: dynamodb, resource ID: table/orders, scalable dimension: dynamodb:table:ReadCapacityUnits, policy name: p"))
    }
}

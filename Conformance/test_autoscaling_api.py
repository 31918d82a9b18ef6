"""Application Auto Scaling on the same endpoint (AWS JSON 1.1, signed for
`application-autoscaling`), for DynamoDB tables and global secondary indexes: scalable
targets and target tracking policies, AWS's validation texts, authorization, audit records."""
import json
import time

import pytest
from botocore.exceptions import ClientError

from audit_support import audited_server, stream
from conftest import ACCOUNT, REGION, Server, create_table, error_of, unique
from identity_helpers import make_user
from signing import signed

READ = "dynamodb:table:ReadCapacityUnits"
WRITE = "dynamodb:table:WriteCapacityUnits"
SLR = ("arn:aws:iam::%s:role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/"
       "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable" % ACCOUNT)
UNSUPPORTED = ("ValidationException", "Unsupported service namespace, resource type or scalable dimension")


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    s.stop()


@pytest.fixture
def scaling(server):
    return server.client("application-autoscaling")


@pytest.fixture
def table(server):
    name = unique("tbl")
    create_table(server.client(), name, extra_defs=[("g", "S")], BillingMode="PROVISIONED",
                 ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
                 GlobalSecondaryIndexes=[{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                          "Projection": {"ProjectionType": "ALL"},
                                          "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}])
    return name


def fails(call, **kwargs):
    with pytest.raises(ClientError) as e:
        call(**kwargs)
    return error_of(e)


def tracking(metric="DynamoDBReadCapacityUtilization", value=70.0):
    return {"TargetValue": value, "PredefinedMetricSpecification": {"PredefinedMetricType": metric}}


def test_register_describe_update_deregister(scaling, table):
    rid = "table/" + table
    arn = scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ,
                                           MinCapacity=5, MaxCapacity=100)["ScalableTargetARN"]
    assert arn.startswith("arn:aws:application-autoscaling:%s:%s:scalable-target/" % (REGION, ACCOUNT))
    targets = scaling.describe_scalable_targets(ServiceNamespace="dynamodb", ResourceIds=[rid])["ScalableTargets"]
    assert len(targets) == 1
    t = targets[0]
    assert {k: t[k] for k in ("ServiceNamespace", "ResourceId", "ScalableDimension", "MinCapacity", "MaxCapacity", "RoleARN",
                              "SuspendedState", "ScalableTargetARN")} == {
        "ServiceNamespace": "dynamodb", "ResourceId": rid, "ScalableDimension": READ, "MinCapacity": 5, "MaxCapacity": 100,
        "RoleARN": SLR, "ScalableTargetARN": arn,
        "SuspendedState": {"DynamicScalingInSuspended": False, "DynamicScalingOutSuspended": False, "ScheduledScalingSuspended": False}}
    # Registering again updates only what is given, and keeps the ARN.
    again = scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ, MaxCapacity=200)
    assert again["ScalableTargetARN"] == arn
    t = scaling.describe_scalable_targets(ServiceNamespace="dynamodb", ResourceIds=[rid], ScalableDimension=READ)["ScalableTargets"][0]
    assert (t["MinCapacity"], t["MaxCapacity"]) == (5, 200)
    assert scaling.describe_scalable_targets(ServiceNamespace="dynamodb", ResourceIds=[rid], ScalableDimension=WRITE)["ScalableTargets"] == []
    scaling.deregister_scalable_target(ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ)
    assert scaling.describe_scalable_targets(ServiceNamespace="dynamodb", ResourceIds=[rid])["ScalableTargets"] == []
    assert fails(scaling.deregister_scalable_target, ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ) == (
        "ObjectNotFoundException",
        "No scalable target registered for service namespace: dynamodb, resource ID: %s, scalable dimension: %s" % (rid, READ))


def test_resource_ids_are_validated_as_aws_does(scaling, table):
    for rid, dim in [(table, READ), ("table/" + table, "dynamodb:index:ReadCapacityUnits"),
                     ("table/%s/index/byG" % table, READ), ("dynamo/" + table, READ), ("table/" + table + "/index", READ)]:
        assert fails(scaling.register_scalable_target, ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=dim,
                     MinCapacity=1, MaxCapacity=2) == UNSUPPORTED, rid
    assert fails(scaling.register_scalable_target, ServiceNamespace="dynamodb", ResourceId="table/no-such-table",
                 ScalableDimension=READ, MinCapacity=1, MaxCapacity=2) == (
        "ValidationException", "DynamoDB table does not exist: table/no-such-table")
    assert fails(scaling.register_scalable_target, ServiceNamespace="dynamodb", ResourceId="table/%s/index/nope" % table,
                 ScalableDimension="dynamodb:index:ReadCapacityUnits", MinCapacity=1, MaxCapacity=2) == (
        "ValidationException", "DynamoDB global secondary index does not exist: table/%s/index/nope" % table)
    assert fails(scaling.register_scalable_target, ServiceNamespace="dynamodb", ResourceId="table/" + table, ScalableDimension=READ,
                 MinCapacity=10, MaxCapacity=1) == ("ValidationException", "Minimum capacity cannot be greater than maximum capacity")
    assert fails(scaling.register_scalable_target, ServiceNamespace="dynamodb", ResourceId="table/" + table, ScalableDimension=READ) == (
        "ValidationException", "MinCapacity and MaxCapacity are required when registering a new scalable target")
    code, message = fails(scaling.register_scalable_target, ServiceNamespace="dynamo", ResourceId="table/" + table,
                          ScalableDimension="dynamodb:table:Reads")
    assert code == "ValidationException"
    assert message.startswith("2 validation errors detected: Value 'dynamo' at 'serviceNamespace' failed to satisfy constraint: "
                              "Member must satisfy enum value set: [ecs, elasticmapreduce, ec2, appstream, dynamodb,")
    assert "; Value 'dynamodb:table:Reads' at 'scalableDimension' failed to satisfy constraint: Member must satisfy enum value set: [" in message
    huge = "table/" + "x" * 2000
    assert fails(scaling.register_scalable_target, ServiceNamespace="dynamodb", ResourceId=huge, ScalableDimension=READ) == (
        "ValidationException", "1 validation error detected: Value '%s' at 'resourceId' failed to satisfy constraint: "
                               "Member must have length less than or equal to 1600" % huge)


def test_target_tracking_policies(scaling, table):
    rid = "table/" + table
    assert fails(scaling.put_scaling_policy, PolicyName="reads", ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ,
                 PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration=tracking()) == (
        "ObjectNotFoundException",
        "No scalable target registered for service namespace: dynamodb, resource ID: %s, scalable dimension: %s" % (rid, READ))
    scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ, MinCapacity=5, MaxCapacity=50)
    put = scaling.put_scaling_policy(PolicyName="reads", ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ,
                                     PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration=tracking())
    arn = put["PolicyARN"]
    assert arn.startswith("arn:aws:autoscaling:%s:%s:scalingPolicy:" % (REGION, ACCOUNT))
    assert arn.endswith(":resource/dynamodb/%s:policyName/reads" % rid)
    kinds = [a["AlarmName"].rsplit("-", 5)[0] for a in put["Alarms"]]
    assert kinds == ["TargetTracking-%s-%s" % (rid, k) for k in ("AlarmHigh", "AlarmLow", "ProvisionedCapacityHigh", "ProvisionedCapacityLow")]
    assert all(a["AlarmARN"] == "arn:aws:cloudwatch:%s:%s:alarm:%s" % (REGION, ACCOUNT, a["AlarmName"]) for a in put["Alarms"])
    again = scaling.put_scaling_policy(PolicyName="reads", ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ,
                                       PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration=tracking(value=50.0))
    assert again["PolicyARN"] == arn
    policies = scaling.describe_scaling_policies(ServiceNamespace="dynamodb", ResourceId=rid)["ScalingPolicies"]
    assert [(p["PolicyName"], p["PolicyType"], p["PolicyARN"], p["TargetTrackingScalingPolicyConfiguration"]) for p in policies] == [
        ("reads", "TargetTrackingScaling", arn, tracking(value=50.0))]
    assert scaling.describe_scaling_policies(ServiceNamespace="dynamodb", PolicyNames=["other"])["ScalingPolicies"] == []
    # DynamoDB takes target tracking only; a missing PolicyType means StepScaling.
    assert fails(scaling.put_scaling_policy, PolicyName="steps", ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ) == (
        "ValidationException", "StepScaling policies are not supported for service namespace dynamodb: use TargetTrackingScaling")
    assert fails(scaling.put_scaling_policy, PolicyName="w", ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ,
                 PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration=tracking("DynamoDBWriteCapacityUtilization")) == (
        "ValidationException", "The predefined metric type DynamoDBWriteCapacityUtilization is not valid for scalable dimension "
                               "%s; use DynamoDBReadCapacityUtilization" % READ)
    scaling.delete_scaling_policy(PolicyName="reads", ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ)
    assert fails(scaling.delete_scaling_policy, PolicyName="reads", ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ) == (
        "ObjectNotFoundException", "No scaling policy found for service namespace: dynamodb, resource ID: %s, scalable dimension: %s, "
                                   "policy name: reads" % (rid, READ))
    # Deregistering a target deletes its policies.
    scaling.put_scaling_policy(PolicyName="reads", ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ,
                               PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration=tracking())
    scaling.deregister_scalable_target(ServiceNamespace="dynamodb", ResourceId=rid, ScalableDimension=READ)
    assert scaling.describe_scaling_policies(ServiceNamespace="dynamodb", ResourceId=rid)["ScalingPolicies"] == []


def test_malformed_requests(server):
    target = "AnyScaleFrontendService.DescribeScalableTargets"
    bad = signed(server, "{nope", target=target, service="application-autoscaling", content_type="application/x-amz-json-1.1")
    assert (bad.status_code, bad.json()["__type"]) == (400, "SerializationException")
    unknown = signed(server, {}, target="AnyScaleFrontendService.Scale", service="application-autoscaling",
                     content_type="application/x-amz-json-1.1")
    assert (unknown.status_code, unknown.json()["__type"]) == (400, "UnknownOperationException")
    missing = signed(server, {}, target=target, service="application-autoscaling", content_type="application/x-amz-json-1.1")
    assert missing.json() == {"__type": "ValidationException", "Message": "1 validation error detected: Value null at 'serviceNamespace' "
                                                                          "failed to satisfy constraint: Member must not be null"}


def test_a_restricted_principal_is_denied(server, table):
    user, key = make_user(server, policy={"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "application-autoscaling:Describe*", "Resource": "*"}]})
    scaling = server.client("application-autoscaling", key=key)
    assert scaling.describe_scalable_targets(ServiceNamespace="dynamodb", ResourceIds=["table/" + table])["ScalableTargets"] == []
    code, message = fails(scaling.register_scalable_target, ServiceNamespace="dynamodb", ResourceId="table/" + table,
                          ScalableDimension=WRITE, MinCapacity=1, MaxCapacity=10)
    assert code == "AccessDeniedException"
    assert message.startswith("User: arn:aws:iam::%s:user/%s is not authorized to perform: application-autoscaling:RegisterScalableTarget on resource: *"
                              % (ACCOUNT, user))
    root = server.client("application-autoscaling")
    arn = root.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/" + table, ScalableDimension=WRITE,
                                        MinCapacity=1, MaxCapacity=10)["ScalableTargetARN"]
    # On a registered target the check names its ARN.
    code, message = fails(scaling.deregister_scalable_target, ServiceNamespace="dynamodb", ResourceId="table/" + table, ScalableDimension=WRITE)
    assert message.startswith("User: arn:aws:iam::%s:user/%s is not authorized to perform: application-autoscaling:DeregisterScalableTarget "
                              "on resource: %s" % (ACCOUNT, user, arn))
    assert len(root.describe_scalable_targets(ServiceNamespace="dynamodb", ResourceIds=["table/" + table])["ScalableTargets"]) == 1


def test_the_aws_cli(server, table):
    _, out, _ = server.cli("application-autoscaling", "register-scalable-target", "--service-namespace", "dynamodb",
                           "--resource-id", "table/" + table, "--scalable-dimension", WRITE, "--min-capacity", "2", "--max-capacity", "20")
    assert out["ScalableTargetARN"].startswith("arn:aws:application-autoscaling:")
    _, out, _ = server.cli("application-autoscaling", "describe-scalable-targets", "--service-namespace", "dynamodb",
                           "--resource-ids", "table/" + table)
    assert [(t["ScalableDimension"], t["MinCapacity"], t["MaxCapacity"]) for t in out["ScalableTargets"]] == [(WRITE, 2, 20)]
    code, _, err = server.cli("application-autoscaling", "register-scalable-target", "--service-namespace", "dynamodb",
                              "--resource-id", table, "--scalable-dimension", WRITE, "--min-capacity", "2", "--max-capacity", "20", check=False)
    assert code == 255
    assert ("An error occurred (ValidationException) when calling the RegisterScalableTarget operation: "
            "Unsupported service namespace, resource type or scalable dimension") in err


def test_scaling_calls_are_audited(tmp_path):
    server = audited_server(tmp_path)
    try:
        name = unique("tbl")
        create_table(server.client(), name, BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
        scaling = server.client("application-autoscaling")
        arn = scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/" + name, ScalableDimension=READ,
                                               MinCapacity=1, MaxCapacity=5)["ScalableTargetARN"]
        scaling.describe_scalable_targets(ServiceNamespace="dynamodb")
        deadline = time.time() + 10
        records = []
        while time.time() < deadline:
            records = [r for r in stream(server) if r["eventSource"] == "application-autoscaling.amazonaws.com"]
            if len(records) >= 2:
                break
            time.sleep(0.2)
        by_name = {r["eventName"]: r for r in records}
        reg = by_name["RegisterScalableTarget"]
        assert (reg["managementEvent"], reg["readOnly"], reg["apiVersion"]) == (True, False, "2016-02-06")
        assert reg["requestParameters"] == {"serviceNamespace": "dynamodb", "resourceId": "table/" + name, "scalableDimension": READ,
                                            "minCapacity": 1, "maxCapacity": 5}
        assert reg["responseElements"] == {"scalableTargetARN": arn}
        assert by_name["DescribeScalableTargets"]["readOnly"] is True
    finally:
        server.stop()


def test_requests_signed_for_another_service_are_refused(server):
    r = signed(server, {"ServiceNamespace": "dynamodb"}, target="AnyScaleFrontendService.DescribeScalableTargets", service="dynamodb",
               content_type="application/x-amz-json-1.1")
    assert r.status_code in (400, 403)
    assert r.json()["__type"].endswith(("InvalidSignatureException", "SignatureDoesNotMatch"))

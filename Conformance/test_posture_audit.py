"""`warden audit`: the security-posture report of the README's walkthrough state, in each
format, with its exit codes; the SARIF output checked against the SARIF 2.1.0 requirements."""
import json
import os
import re
import subprocess

import jsonschema
import pytest

from conftest import ACCOUNT, BINARY, REGION, ROOT_KEY, Server, cli_env
from identity_helpers import make_user, trust

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = "arn:aws:dynamodb:%s:%s:table/" % (REGION, ACCOUNT)
BOB = "arn:aws:iam::%s:user/bob" % ACCOUNT
APP = "arn:aws:iam::%s:role/app" % ACCOUNT


@pytest.fixture(scope="module")
def state():
    """shop-orders: kept as the guides say (in a backup plan through its tag); sessions:
    everything left at its default, plus a stream with whole images and a policy open to the
    account; bob: dynamodb:* on *; the role app: LeadingKeys next to Scan; a trail logging
    shop-orders' data events only."""
    server = Server()
    ddb = server.client()
    key = server.client("kms").create_key(Description="orders")["KeyMetadata"]["Arn"]
    ddb.create_table(TableName="shop-orders", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "orderId", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "orderId", "KeyType": "HASH"}],
                     SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key},
                     DeletionProtectionEnabled=True)
    ddb.update_continuous_backups(TableName="shop-orders", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    ddb.update_time_to_live(TableName="shop-orders", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expiresAt"})
    ddb.tag_resource(ResourceArn=TABLE + "shop-orders", Tags=[{"Key": "backup", "Value": "daily"}])
    backup = server.client("backup")
    plan = backup.create_backup_plan(BackupPlan={"BackupPlanName": "daily", "Rules": [
        {"RuleName": "daily", "TargetBackupVaultName": "Default"}]})["BackupPlanId"]
    backup.create_backup_selection(BackupPlanId=plan, BackupSelection={
        "SelectionName": "tagged", "IamRoleArn": "arn:aws:iam::%s:role/backup" % ACCOUNT,
        "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"}]})
    server.backup_plan = plan
    sessions = ddb.create_table(TableName="sessions",
                                AttributeDefinitions=[{"AttributeName": "sid", "AttributeType": "S"}],
                                KeySchema=[{"AttributeName": "sid", "KeyType": "HASH"}],
                                ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
                                StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})["TableDescription"]
    ddb.put_resource_policy(ResourceArn=TABLE + "sessions", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "dynamodb:GetItem", "Resource": TABLE + "sessions",
        "Condition": {"StringEquals": {"aws:PrincipalAccount": ACCOUNT}}}]}))
    make_user(server, "bob", policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]})
    iam = server.client("iam")
    iam.create_role(RoleName="app", AssumeRolePolicyDocument=trust("arn:aws:iam::%s:root" % ACCOUNT))
    iam.put_role_policy(RoleName="app", PolicyName="own-items", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"], "Resource": TABLE + "shop-orders",
        "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:userid}"]}}}]}))
    ct = server.client("cloudtrail")
    ct.create_trail(Name="main", S3BucketName="audit-bucket")
    ct.put_event_selectors(TrailName="main", EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True,
                                                              "DataResources": [{"Type": "AWS::DynamoDB::Table", "Values": [TABLE + "shop-orders"]}]}])
    ct.start_logging(Name="main")
    server.stream_arn = sessions["LatestStreamArn"]
    yield server
    server.stop()


def audit(server, *args, key=ROOT_KEY, endpoint=None):
    env = cli_env(key)
    out = subprocess.run([BINARY, "audit", "--endpoint", endpoint or server.endpoint, *args], capture_output=True, text=True, env=env)
    return out.returncode, out.stdout, out.stderr


def expected(stream_arn):
    """(id, severity, resource), in report order: most severe first, then resource and rule."""
    s = TABLE + "sessions"
    return [
        ("Warden.IAM.1", "high", BOB),
        ("DynamoDB.1", "medium", s), ("DynamoDB.2", "medium", s), ("DynamoDB.4", "medium", s),
        ("DynamoDB.6", "medium", s), ("Warden.Trail.1", "medium", s),
        ("Warden.FGAC.1", "medium", APP),
        ("Warden.Policy.2", "low", s), ("Warden.SSE.1", "low", s), ("Warden.TTL.1", "low", s),
        ("Warden.Stream.1", "info", stream_arn),
    ]


def test_json_lists_the_exact_findings(state):
    code, out, err = audit(state, "--format", "json")
    assert (code, err) == (0, "")
    findings = json.loads(out)["findings"]
    assert [(f["id"], f["severity"], f["resourceArn"]) for f in findings] == expected(state.stream_arn)
    by_id = {f["id"]: f for f in findings}
    assert by_id["DynamoDB.2"]["title"] == "DynamoDB tables should have point-in-time recovery enabled"
    assert by_id["DynamoDB.2"]["fix"] == ("aws dynamodb update-continuous-backups --table-name sessions "
                                          "--point-in-time-recovery-specification PointInTimeRecoveryEnabled=true")
    assert by_id["DynamoDB.4"]["title"] == "DynamoDB tables should be present in a backup plan"
    assert by_id["DynamoDB.4"]["fix"] == (
        "aws backup create-backup-selection --backup-plan-id YOUR_PLAN_ID --backup-selection "
        "'{\"SelectionName\":\"sessions\",\"IamRoleArn\":\"arn:aws:iam::%s:role/service-role/AWSBackupDefaultServiceRole\","
        "\"Resources\":[\"%ssessions\"]}'" % (ACCOUNT, TABLE))
    assert by_id["Warden.IAM.1"]["title"] == "Identity policy p allows dynamodb:* on *"
    assert by_id["Warden.IAM.1"]["fix"] == "aws iam put-user-policy --user-name bob --policy-name p --policy-document file://narrower-policy.json"
    assert by_id["Warden.FGAC.1"]["fix"] == ("aws iam put-role-policy --role-name app --policy-name own-items "
                                             "--policy-document file://narrower-policy.json")
    assert by_id["Warden.Trail.1"]["fix"].startswith("aws cloudtrail put-event-selectors --trail-name main --advanced-event-selectors ")
    assert all(f["why"] for f in findings)


def test_the_fix_commands_fix_it(state):
    """Running the printed fixes for sessions' deletion protection and PITR clears them."""
    code, out, _ = audit(state, "--format", "json")
    fixes = {f["id"]: f["fix"] for f in json.loads(out)["findings"] if f["resourceArn"] == TABLE + "sessions"}
    for rule in ("DynamoDB.6", "DynamoDB.2"):
        args = fixes[rule].split()[1:]
        state.cli(*args)
    try:
        code, out, _ = audit(state, "--format", "json")
        left = [(f["id"], f["severity"], f["resourceArn"]) for f in json.loads(out)["findings"]]
        assert left == [e for e in expected(state.stream_arn) if e[0] not in ("DynamoDB.2", "DynamoDB.6")]
    finally:
        ddb = state.client()
        ddb.update_table(TableName="sessions", DeletionProtectionEnabled=False)
        ddb.update_continuous_backups(TableName="sessions", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False})


def test_text_groups_by_severity(state):
    code, out, _ = audit(state)
    assert code == 0
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert headings == ["HIGH (1)", "MEDIUM (6)", "LOW (3)", "INFO (1)", "11 findings: 0 critical, 1 high, 6 medium, 3 low, 1 info"]
    assert "  [DynamoDB.6] DynamoDB tables should have deletion protection enabled\n    resource: %ssessions\n" % TABLE in out
    assert "    fix: aws dynamodb update-table --table-name sessions --deletion-protection-enabled\n" in out


def test_sarif_validates_and_maps_levels(state):
    code, out, _ = audit(state, "--format", "sarif")
    assert code == 0
    log = json.loads(out)
    with open(os.path.join(HERE, "data", "sarif-2.1.0-core.schema.json")) as f:
        jsonschema.validate(log, json.load(f))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {"DynamoDB.1", "DynamoDB.2", "DynamoDB.4", "DynamoDB.6"} <= {r["id"] for r in rules}
    results = run["results"]
    assert [(r["ruleId"], r["level"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]) for r in results] == [
        (rule, {"high": "error", "medium": "warning", "low": "note", "info": "note"}[sev], arn) for rule, sev, arn in expected(state.stream_arn)]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["message"]["text"]


def test_fail_on_sets_the_exit_code(state):
    assert audit(state, "--fail-on", "high", "--format", "json")[0] == 1
    assert audit(state, "--fail-on", "info", "--format", "json")[0] == 1
    assert audit(state, "--fail-on", "critical", "--format", "json")[0] == 0


def test_usage_and_connection_errors_exit_2(state):
    code, out, err = audit(state, "--format", "yaml")
    assert (code, out) == (2, "")
    assert "--format must be text, json or sarif" in err
    code, _, err = audit(state, "--fail-on", "severe")
    assert code == 2 and "--fail-on must be info, low, medium, high or critical" in err
    code, _, err = audit(state, "--no-such-option")
    assert code == 2
    code, _, err = audit(state, endpoint="http://127.0.0.1:1")
    assert code == 2 and "cannot reach" in err
    code, _, err = audit(state, key=("nobody", "wrong"))
    assert code == 2 and "UnrecognizedClientException" in err


def test_a_restricted_caller_sees_only_what_it_may(state):
    """The audit runs with the caller's permissions: a user who may list and describe tables
    but not read IAM is refused, not shown others' policies."""
    viewer = "arn:aws:iam::%s:user/viewer" % ACCOUNT
    _, key = make_user(state, "viewer", policy={"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["dynamodb:List*", "dynamodb:Describe*", "dynamodb:GetResourcePolicy"], "Resource": "*"}]})
    code, out, err = audit(state, key=key)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.splitlines()[0].startswith("warden audit: IAM ListUsers: HTTP 403: AccessDenied: User: %s is not authorized to perform: iam:ListUsers" % viewer)


def test_the_readme_example_is_the_real_output(state):
    """The README's example report is this state's report (why lines shortened there, the
    stream's timestamp differing)."""
    text = open(os.path.join(HERE, "..", "README.md")).read()
    section = text[text.index("## Security posture report"):]
    start = section.index("```text\n") + 8
    shown = section[start:section.index("```", start)].rstrip("\n").split("\n")
    _, out, _ = audit(state)
    real = out.rstrip("\n").split("\n")
    assert len(shown) == len(real)
    stamp = re.compile(r"/stream/[0-9T:.-]+")
    for s, r in zip(shown, real):
        s, r = stamp.sub("/stream/X", s), stamp.sub("/stream/X", r)
        if s.endswith("…"):
            assert r.startswith(s[:-1]), (s, r)
        else:
            assert s == r


def test_group_inline_and_customer_managed_policies_are_read(state):
    """Inline policies of groups and customer managed policies' default versions count too."""
    iam = state.client("iam")
    everything = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    iam.create_group(GroupName="ops")
    iam.put_group_policy(GroupName="ops", PolicyName="all", PolicyDocument=everything)
    managed = iam.create_policy(PolicyName="admin", PolicyDocument=everything)["Policy"]["Arn"]
    try:
        _, out, _ = audit(state, "--format", "json")
        high = [(f["id"], f["resourceArn"], f["fix"]) for f in json.loads(out)["findings"] if f["severity"] == "high"]
        assert high == [
            ("Warden.IAM.1", "arn:aws:iam::%s:group/ops" % ACCOUNT,
             "aws iam put-group-policy --group-name ops --policy-name all --policy-document file://narrower-policy.json"),
            ("Warden.IAM.1", managed,
             "aws iam create-policy-version --policy-arn %s --policy-document file://narrower-policy.json --set-as-default" % managed),
            ("Warden.IAM.1", BOB, "aws iam put-user-policy --user-name bob --policy-name p --policy-document file://narrower-policy.json"),
        ]
    finally:
        iam.delete_group_policy(GroupName="ops", PolicyName="all")
        iam.delete_group(GroupName="ops")
        iam.delete_policy(PolicyArn=managed)


def test_the_aws_managed_key_is_told_from_a_customer_managed_one(state):
    """A table under alias/aws/dynamodb (KMS DescribeKey: KeyManager AWS) is Warden.SSE.2;
    shop-orders, under a key the account made, has no key finding."""
    ddb = state.client()
    ddb.create_table(TableName="legacy", BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": "alias/aws/dynamodb"})
    try:
        _, out, _ = audit(state, "--format", "json")
        keys = [(f["id"], f["resourceArn"]) for f in json.loads(out)["findings"] if f["id"].startswith("Warden.SSE.")]
        assert keys == [("Warden.SSE.2", TABLE + "legacy"), ("Warden.SSE.1", TABLE + "sessions")]
    finally:
        ddb.delete_table(TableName="legacy")


def test_backup_plans_and_auto_scaling_clear_their_findings(state):
    """DynamoDB.4 passes once a backup plan's selection covers the table (by ARN here), and
    DynamoDB.1 once its read and write capacity have scalable targets and scaling policies."""
    backup, scaling = state.client("backup"), state.client("application-autoscaling")
    sessions = TABLE + "sessions"
    selection = backup.create_backup_selection(BackupPlanId=state.backup_plan, BackupSelection={
        "SelectionName": "sessions", "IamRoleArn": "arn:aws:iam::%s:role/backup" % ACCOUNT, "Resources": [sessions]})["SelectionId"]
    dims = ["dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits"]
    try:
        code, out, _ = audit(state, "--format", "json")
        left = [(f["id"], f["severity"], f["resourceArn"]) for f in json.loads(out)["findings"]]
        assert left == [e for e in expected(state.stream_arn) if e[0] != "DynamoDB.4"]
        for dim in dims:
            scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/sessions", ScalableDimension=dim,
                                             MinCapacity=5, MaxCapacity=50)
        # Targets without policies do not scale anything: still reported.
        code, out, _ = audit(state, "--format", "json")
        assert "DynamoDB.1" in [f["id"] for f in json.loads(out)["findings"]]
        for dim, metric in zip(dims, ["DynamoDBReadCapacityUtilization", "DynamoDBWriteCapacityUtilization"]):
            scaling.put_scaling_policy(PolicyName=metric, ServiceNamespace="dynamodb", ResourceId="table/sessions", ScalableDimension=dim,
                                       PolicyType="TargetTrackingScaling", TargetTrackingScalingPolicyConfiguration={
                                           "TargetValue": 70.0, "PredefinedMetricSpecification": {"PredefinedMetricType": metric}})
        code, out, _ = audit(state, "--format", "json")
        left = [(f["id"], f["severity"], f["resourceArn"]) for f in json.loads(out)["findings"]]
        assert left == [e for e in expected(state.stream_arn) if e[0] not in ("DynamoDB.1", "DynamoDB.4")]
    finally:
        backup.delete_backup_selection(BackupPlanId=state.backup_plan, SelectionId=selection)
        for dim in dims:
            try:
                scaling.deregister_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/sessions", ScalableDimension=dim)
            except Exception:
                pass

"""AWS Backup on the same endpoint (REST-JSON, signed for `backup`): vaults, plans,
selections, on-demand jobs that take real DynamoDB backups, recovery points and protected
resources — exact answers and errors, authorization through the one engine, audit records."""
import json
import time

import pytest
from botocore.exceptions import ClientError

from audit_support import audited_server, stream
from conftest import ACCOUNT, REGION, Server, create_table, error_of, unique
from identity_helpers import make_user
from signing import signed

ROLE = "arn:aws:iam::%s:role/service-role/AWSBackupDefaultServiceRole" % ACCOUNT
VAULTS = "arn:aws:backup:%s:%s:backup-vault:" % (REGION, ACCOUNT)
PLANS = "arn:aws:backup:%s:%s:backup-plan:" % (REGION, ACCOUNT)
TABLES = "arn:aws:dynamodb:%s:%s:table/" % (REGION, ACCOUNT)
DENIED_VAULT = ("AccessDeniedException", "Insufficient privileges to perform this action.")


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    s.stop()


@pytest.fixture
def backup(server):
    return server.client("backup")


def plan_input(name, vault="Default", **rule):
    return {"BackupPlanName": name, "Rules": [dict({"RuleName": "daily", "TargetBackupVaultName": vault}, **rule)]}


def fails(call, *args, **kwargs):
    with pytest.raises(ClientError) as e:
        call(*args, **kwargs)
    return error_of(e) + (e.value.response["ResponseMetadata"]["HTTPStatusCode"],)


def test_vault_lifecycle_and_errors(backup):
    name = unique("vault")
    created = backup.create_backup_vault(BackupVaultName=name, BackupVaultTags={"team": "data"}, CreatorRequestId="req-1")
    assert created["BackupVaultName"] == name and created["BackupVaultArn"] == VAULTS + name
    described = backup.describe_backup_vault(BackupVaultName=name)
    assert {k: described[k] for k in ("BackupVaultName", "BackupVaultArn", "VaultType", "VaultState", "CreatorRequestId",
                                       "NumberOfRecoveryPoints", "Locked", "EncryptionKeyType")} == {
        "BackupVaultName": name, "BackupVaultArn": VAULTS + name, "VaultType": "BACKUP_VAULT", "VaultState": "AVAILABLE",
        "CreatorRequestId": "req-1", "NumberOfRecoveryPoints": 0, "Locked": False, "EncryptionKeyType": "AWS_OWNED_KMS_KEY"}
    assert described["CreationDate"] == created["CreationDate"]
    assert name in [v["BackupVaultName"] for v in backup.list_backup_vaults()["BackupVaultList"]]
    assert fails(backup.create_backup_vault, BackupVaultName=name) == (
        "AlreadyExistsException", "Backup vault with the same name already exists", 400)
    backup.delete_backup_vault(BackupVaultName=name)
    # A vault that does not exist is answered as one the caller may not touch.
    assert fails(backup.describe_backup_vault, BackupVaultName=name) == DENIED_VAULT + (403,)
    assert fails(backup.delete_backup_vault, BackupVaultName=name) == DENIED_VAULT + (403,)


def test_vault_names_are_validated(backup):
    assert fails(backup.create_backup_vault, BackupVaultName="x") == ("InvalidParameterValueException", "Invalid backup vault name: x", 400)
    huge = "v" * 5000
    assert fails(backup.create_backup_vault, BackupVaultName=huge) == (
        "InvalidParameterValueException", "Invalid backup vault name: " + "v" * 100 + "...", 400)
    assert fails(backup.create_backup_vault, BackupVaultName="has.dot") == ("InvalidParameterValueException", "Invalid backup vault name: has.dot", 400)


def test_the_default_vault_goes_only_while_another_exists(fresh_server):
    server = fresh_server()
    backup = server.client("backup")
    # Through the API no Default vault exists until someone creates it.
    assert backup.list_backup_vaults()["BackupVaultList"] == []
    backup.create_backup_vault(BackupVaultName="Default")
    assert fails(backup.delete_backup_vault, BackupVaultName="Default") == (
        "InvalidRequestException", "Default backup vault cannot be deleted while it is the only backup vault in the Region.", 400)
    backup.create_backup_vault(BackupVaultName="second")
    backup.delete_backup_vault(BackupVaultName="Default")
    assert [v["BackupVaultName"] for v in backup.list_backup_vaults()["BackupVaultList"]] == ["second"]


def test_plan_lifecycle(backup):
    name = unique("plan")
    created = backup.create_backup_plan(BackupPlan=plan_input(name), CreatorRequestId="c1")
    plan_id = created["BackupPlanId"]
    assert created["BackupPlanArn"] == PLANS + plan_id and len(created["VersionId"]) == 48
    got = backup.get_backup_plan(BackupPlanId=plan_id)
    assert got["BackupPlan"]["BackupPlanName"] == name
    rule = got["BackupPlan"]["Rules"][0]
    assert {k: rule[k] for k in ("RuleName", "TargetBackupVaultName", "ScheduleExpression", "StartWindowMinutes",
                                 "CompletionWindowMinutes", "ScheduleExpressionTimezone")} == {
        "RuleName": "daily", "TargetBackupVaultName": "Default", "ScheduleExpression": "cron(0 5 ? * * *)",
        "StartWindowMinutes": 480, "CompletionWindowMinutes": 10080, "ScheduleExpressionTimezone": "Etc/UTC"}
    assert len(rule["RuleId"]) == 36 and got["CreatorRequestId"] == "c1" and got["VersionId"] == created["VersionId"]
    listed = [p for p in backup.list_backup_plans()["BackupPlansList"] if p["BackupPlanId"] == plan_id]
    assert [(p["BackupPlanName"], p["BackupPlanArn"], p["VersionId"]) for p in listed] == [(name, PLANS + plan_id, created["VersionId"])]
    assert fails(backup.create_backup_plan, BackupPlan=plan_input(name)) == (
        "AlreadyExistsException", "Backup plan with the same plan document already exists", 400)
    updated = backup.update_backup_plan(BackupPlanId=plan_id, BackupPlan=plan_input(name, ScheduleExpression="cron(0 1 ? * * *)"))
    assert updated["VersionId"] != created["VersionId"]
    assert backup.get_backup_plan(BackupPlanId=plan_id)["BackupPlan"]["Rules"][0]["ScheduleExpression"] == "cron(0 1 ? * * *)"
    assert fails(backup.get_backup_plan, BackupPlanId=plan_id, VersionId=created["VersionId"]) == (
        "ResourceNotFoundException", "Failed reading Backup plan with provided version", 400)
    deleted = backup.delete_backup_plan(BackupPlanId=plan_id)
    assert deleted["BackupPlanId"] == plan_id and "DeletionDate" in deleted
    assert plan_id not in [p["BackupPlanId"] for p in backup.list_backup_plans()["BackupPlansList"]]
    assert plan_id in [p["BackupPlanId"] for p in backup.list_backup_plans(IncludeDeleted=True)["BackupPlansList"]]
    assert fails(backup.update_backup_plan, BackupPlanId=plan_id, BackupPlan=plan_input(name)) == (
        "ResourceNotFoundException", "Failed reading Backup plan with provided version", 400)


def test_plan_input_is_validated(backup):
    assert fails(backup.create_backup_plan, BackupPlan={"BackupPlanName": unique("p"), "Rules": []}) == (
        "InvalidParameterValueException", "Backup plan must contain at least one rule", 400)
    assert fails(backup.create_backup_plan, BackupPlan=plan_input(unique("p"), ScheduleExpression="daily")) == (
        "InvalidParameterValueException", "Invalid schedule expression: daily", 400)
    assert fails(backup.create_backup_plan, BackupPlan=plan_input("n" * 300))[0] == "InvalidParameterValueException"
    assert fails(backup.get_backup_plan, BackupPlanId="no-such-plan") == (
        "ResourceNotFoundException", "Failed reading Backup plan with provided version", 400)


def test_selections_and_plan_deletion(backup):
    plan_id = backup.create_backup_plan(BackupPlan=plan_input(unique("plan")))["BackupPlanId"]
    selection = {"SelectionName": "tagged", "IamRoleArn": ROLE, "Resources": [TABLES + "*"],
                 "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"}]}
    created = backup.create_backup_selection(BackupPlanId=plan_id, BackupSelection=selection, CreatorRequestId="s1")
    sid = created["SelectionId"]
    assert created["BackupPlanId"] == plan_id and len(sid) == 36
    got = backup.get_backup_selection(BackupPlanId=plan_id, SelectionId=sid)
    assert got["BackupSelection"] == selection and got["CreatorRequestId"] == "s1"
    listed = backup.list_backup_selections(BackupPlanId=plan_id)["BackupSelectionsList"]
    assert [(s["SelectionId"], s["SelectionName"], s["IamRoleArn"]) for s in listed] == [(sid, "tagged", ROLE)]
    assert fails(backup.create_backup_selection, BackupPlanId=plan_id, BackupSelection=selection)[:2] == (
        "AlreadyExistsException", "Backup selection with the same name already exists")
    assert fails(backup.delete_backup_plan, BackupPlanId=plan_id) == (
        "InvalidRequestException", "Related backup plan selections must be deleted prior to backup plan deletion", 400)
    assert fails(backup.create_backup_selection, BackupPlanId=plan_id,
                 BackupSelection={"SelectionName": "bad", "IamRoleArn": "not-a-role"}) == (
        "InvalidParameterValueException", "Invalid ARN: not-a-role", 400)
    assert fails(backup.create_backup_selection, BackupPlanId=plan_id, BackupSelection={
        "SelectionName": "bad", "IamRoleArn": ROLE,
        "ListOfTags": [{"ConditionType": "STRINGLIKE", "ConditionKey": "a", "ConditionValue": "b"}]}) == (
        "InvalidParameterValueException", "Invalid value for ConditionType: STRINGLIKE. ListOfTags supports only STRINGEQUALS", 400)
    backup.delete_backup_selection(BackupPlanId=plan_id, SelectionId=sid)
    assert fails(backup.get_backup_selection, BackupPlanId=plan_id, SelectionId=sid) == (
        "ResourceNotFoundException", "Failed reading Backup selection with id %s" % sid, 400)
    backup.delete_backup_plan(BackupPlanId=plan_id)


def test_start_backup_job_takes_a_real_dynamodb_backup(server, backup):
    ddb = server.client()
    table = unique("tbl")
    create_table(ddb, table)
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "v": {"S": "kept"}})
    vault = unique("vault")
    backup.create_backup_vault(BackupVaultName=vault)
    started = backup.start_backup_job(BackupVaultName=vault, ResourceArn=TABLES + table, IamRoleArn=ROLE,
                                      Lifecycle={"DeleteAfterDays": 30})
    job_id, point = started["BackupJobId"], started["RecoveryPointArn"]
    assert point.startswith(TABLES + table + "/backup/") and started["IsParent"] is False
    # The recovery point is a DynamoDB on-demand backup of type AWS_BACKUP, restorable as any.
    summaries = ddb.list_backups(TableName=table, BackupType="AWS_BACKUP")["BackupSummaries"]
    assert [(b["BackupArn"], b["BackupType"]) for b in summaries] == [(point, "AWS_BACKUP")]
    assert ddb.describe_backup(BackupArn=point)["BackupDescription"]["BackupDetails"]["BackupName"] == "AwsBackup-" + job_id
    restored = unique("restored")
    ddb.restore_table_from_backup(TargetTableName=restored, BackupArn=point)
    assert ddb.get_item(TableName=restored, Key={"pk": {"S": "a"}})["Item"]["v"] == {"S": "kept"}
    job = backup.describe_backup_job(BackupJobId=job_id)
    assert {k: job[k] for k in ("AccountId", "BackupJobId", "BackupVaultName", "BackupVaultArn", "RecoveryPointArn", "ResourceArn",
                                "State", "PercentDone", "IamRoleArn", "ResourceType", "ResourceName")} == {
        "AccountId": ACCOUNT, "BackupJobId": job_id, "BackupVaultName": vault, "BackupVaultArn": VAULTS + vault, "RecoveryPointArn": point,
        "ResourceArn": TABLES + table, "State": "COMPLETED", "PercentDone": "100.0", "IamRoleArn": ROLE, "ResourceType": "DynamoDB",
        "ResourceName": table}
    assert job["RecoveryPointLifecycle"] == {"DeleteAfterDays": 30}
    assert [j["BackupJobId"] for j in backup.list_backup_jobs(ByResourceArn=TABLES + table)["BackupJobs"]] == [job_id]
    assert backup.list_backup_jobs(ByResourceArn=TABLES + table, ByState="FAILED")["BackupJobs"] == []
    points = backup.list_recovery_points_by_backup_vault(BackupVaultName=vault)["RecoveryPoints"]
    assert [(p["RecoveryPointArn"], p["ResourceArn"], p["Status"], p["ResourceType"]) for p in points] == [
        (point, TABLES + table, "COMPLETED", "DynamoDB")]
    assert backup.describe_backup_vault(BackupVaultName=vault)["NumberOfRecoveryPoints"] == 1
    protected = [r for r in backup.list_protected_resources()["Results"] if r["ResourceArn"] == TABLES + table]
    assert [(r["ResourceType"], r["ResourceName"], r["LastBackupVaultArn"], r["LastRecoveryPointArn"]) for r in protected] == [
        ("DynamoDB", table, VAULTS + vault, point)]
    assert fails(backup.delete_backup_vault, BackupVaultName=vault) == (
        "InvalidRequestException", "Backup vault cannot be deleted because it contains recovery points.", 400)


def test_start_backup_job_errors(backup):
    vault = unique("vault")
    backup.create_backup_vault(BackupVaultName=vault)
    assert fails(backup.start_backup_job, BackupVaultName=unique("none"), ResourceArn=TABLES + "t", IamRoleArn=ROLE) == DENIED_VAULT + (403,)
    assert fails(backup.start_backup_job, BackupVaultName=vault, ResourceArn="arn:aws:s3:::bucket", IamRoleArn=ROLE) == (
        "InvalidParameterValueException", "Unsupported resource type: arn:aws:s3:::bucket. Only DynamoDB tables can be backed up here", 400)
    assert fails(backup.start_backup_job, BackupVaultName=vault, ResourceArn="table", IamRoleArn=ROLE) == (
        "InvalidParameterValueException", "Invalid ARN: table", 400)
    # A table that does not exist: the job is made, and fails.
    started = backup.start_backup_job(BackupVaultName=vault, ResourceArn=TABLES + "no-such-table", IamRoleArn=ROLE)
    assert "RecoveryPointArn" not in started
    job = backup.describe_backup_job(BackupJobId=started["BackupJobId"])
    assert (job["State"], job["StatusMessage"]) == ("FAILED", "Resource not found: %sno-such-table" % TABLES)
    assert fails(backup.describe_backup_job, BackupJobId="NOPE") == ("ResourceNotFoundException", "Cannot find backup job with id NOPE", 400)
    assert fails(backup.list_backup_jobs, ByState="DONE") == ("InvalidParameterValueException", "Invalid value for ByState: DONE", 400)


def test_malformed_requests(server):
    bad = signed(server, "{not json", service="backup", method="PUT", path="/backup/plans/", content_type="application/json")
    assert bad.status_code == 400
    assert bad.headers["x-amzn-ErrorType"] == "SerializationException"
    assert bad.json() == {"Code": "SerializationException", "Message": "Unable to parse the request body as JSON"}
    missing = signed(server, {}, service="backup", method="PUT", path="/backup/plans/", content_type="application/json")
    assert missing.json() == {"Code": "MissingParameterValueException", "Message": "BackupPlan is required"}
    # Signed for another service: refused as AWS refuses a wrong credential scope.
    wrong = signed(server, "", service="dynamodb", method="GET", path="/backup-vaults/", content_type="application/json")
    assert wrong.status_code in (400, 403) and wrong.headers["x-amzn-ErrorType"] in ("InvalidSignatureException", "SignatureDoesNotMatch")
    unknown = signed(server, "", service="backup", method="PATCH", path="/backup-vaults/x", content_type="application/json")
    assert unknown.status_code == 404 and unknown.headers["x-amzn-ErrorType"] == "UnknownOperationException"


def test_a_restricted_principal_is_denied(server):
    user, key = make_user(server, policy={"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["backup:List*", "backup:CreateBackupPlan", "backup:CreateBackupSelection"], "Resource": "*"}]})
    backup = server.client("backup", key=key)
    backup.list_backup_vaults()
    arn = "arn:aws:iam::%s:user/%s" % (ACCOUNT, user)
    code, message, status = fails(backup.create_backup_vault, BackupVaultName=unique("v"))
    assert (code, status) == ("AccessDeniedException", 403)
    assert message.startswith("User: %s is not authorized to perform: backup:CreateBackupVault on resource: %s" % (arn, VAULTS))
    plan_id = backup.create_backup_plan(BackupPlan=plan_input(unique("p")))["BackupPlanId"]
    # A selection passes its role to AWS Backup: iam:PassRole is needed too.
    code, message, status = fails(backup.create_backup_selection, BackupPlanId=plan_id,
                                  BackupSelection={"SelectionName": "s", "IamRoleArn": ROLE, "Resources": ["*"]})
    assert (code, status) == ("AccessDeniedException", 403)
    assert message.startswith("User: %s is not authorized to perform: iam:PassRole on resource: %s" % (arn, ROLE))
    assert server.client("backup").list_backup_selections(BackupPlanId=plan_id)["BackupSelectionsList"] == []
    code, message, _ = fails(backup.delete_backup_plan, BackupPlanId=plan_id)
    assert message.startswith("User: %s is not authorized to perform: backup:DeleteBackupPlan on resource: %s%s" % (arn, PLANS, plan_id))


def test_the_aws_cli(server):
    vault = unique("cli")
    _, created, _ = server.cli("backup", "create-backup-vault", "--backup-vault-name", vault)
    assert created["BackupVaultArn"] == VAULTS + vault
    _, listed, _ = server.cli("backup", "list-backup-vaults")
    assert vault in [v["BackupVaultName"] for v in listed["BackupVaultList"]]
    code, _, err = server.cli("backup", "describe-backup-vault", "--backup-vault-name", unique("none"), check=False)
    assert code == 255
    assert "An error occurred (AccessDeniedException) when calling the DescribeBackupVault operation: Insufficient privileges to perform this action." in err


def test_backup_calls_are_audited(tmp_path):
    server = audited_server(tmp_path)
    try:
        backup = server.client("backup")
        backup.create_backup_vault(BackupVaultName="audited")
        backup.list_backup_vaults()
        with pytest.raises(ClientError):
            backup.describe_backup_vault(BackupVaultName="missing")
        deadline = time.time() + 10
        while time.time() < deadline:
            records = [r for r in stream(server) if r["eventSource"] == "backup.amazonaws.com"]
            if len(records) >= 3:
                break
            time.sleep(0.2)
        by_name = {r["eventName"]: r for r in records}
        created = by_name["CreateBackupVault"]
        assert (created["managementEvent"], created["readOnly"], created["eventCategory"], created["apiVersion"]) == (
            True, False, "Management", "2018-11-15")
        # boto3 fills in CreatorRequestId (an idempotency token): it is recorded too.
        assert sorted(created["requestParameters"]) == ["backupVaultName", "creatorRequestId"]
        assert created["requestParameters"]["backupVaultName"] == "audited"
        assert created["responseElements"]["backupVaultArn"] == VAULTS + "audited"
        assert created["resources"] == [{"accountId": ACCOUNT, "type": "AWS::Backup::BackupVault", "ARN": VAULTS + "audited"}]
        assert by_name["ListBackupVaults"]["readOnly"] is True and by_name["ListBackupVaults"]["responseElements"] is None
        assert by_name["DescribeBackupVault"]["errorCode"] == "AccessDeniedException"
    finally:
        server.stop()


def test_state_survives_a_restart(fresh_server):
    server = fresh_server()
    ddb, backup, scaling = server.client(), server.client("backup"), server.client("application-autoscaling")
    create_table(ddb, "kept", BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
    backup.create_backup_vault(BackupVaultName="v1")
    plan_id = backup.create_backup_plan(BackupPlan=plan_input("p1", vault="v1"))["BackupPlanId"]
    sid = backup.create_backup_selection(BackupPlanId=plan_id, BackupSelection={"SelectionName": "s", "IamRoleArn": ROLE,
                                                                                "Resources": [TABLES + "kept"]})["SelectionId"]
    job = backup.start_backup_job(BackupVaultName="v1", ResourceArn=TABLES + "kept", IamRoleArn=ROLE)
    target = scaling.register_scalable_target(ServiceNamespace="dynamodb", ResourceId="table/kept",
                                              ScalableDimension="dynamodb:table:ReadCapacityUnits", MinCapacity=1, MaxCapacity=9)
    server.restart()
    backup, scaling = server.client("backup"), server.client("application-autoscaling")
    assert backup.describe_backup_vault(BackupVaultName="v1")["NumberOfRecoveryPoints"] == 1
    assert backup.get_backup_plan(BackupPlanId=plan_id)["BackupPlan"]["BackupPlanName"] == "p1"
    assert backup.get_backup_selection(BackupPlanId=plan_id, SelectionId=sid)["BackupSelection"]["Resources"] == [TABLES + "kept"]
    assert backup.describe_backup_job(BackupJobId=job["BackupJobId"])["RecoveryPointArn"] == job["RecoveryPointArn"]
    targets = scaling.describe_scalable_targets(ServiceNamespace="dynamodb")["ScalableTargets"]
    assert [(t["ScalableTargetARN"], t["MaxCapacity"]) for t in targets] == [(target["ScalableTargetARN"], 9)]


def test_scheduled_rules_run_on_the_simulated_clock(fresh_server):
    """A daily rule at 05:00 UTC backs up the tables its plan's selections cover once the
    simulated clock passes 05:00 — once, however far the clock jumps."""
    from identity_helpers import advance_clock
    server = fresh_server()
    ddb, backup = server.client(), server.client("backup")
    create_table(ddb, "covered", Tags=[{"Key": "backup", "Value": "daily"}])
    create_table(ddb, "other")
    backup.create_backup_vault(BackupVaultName="nightly")
    plan = backup.create_backup_plan(BackupPlan=plan_input("nightly", vault="nightly", ScheduleExpression="cron(0 5 ? * * *)"))
    backup.create_backup_selection(BackupPlanId=plan["BackupPlanId"], BackupSelection={
        "SelectionName": "tagged", "IamRoleArn": ROLE,
        "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"}]})
    assert backup.list_backup_jobs()["BackupJobs"] == []
    advance_clock(server, 3 * 86400)
    jobs = backup.list_backup_jobs()["BackupJobs"]
    assert [(j["ResourceName"], j["State"], j["BackupVaultName"], j["IamRoleArn"]) for j in jobs] == [("covered", "COMPLETED", "nightly", ROLE)]
    assert jobs[0]["CreatedBy"] == {"BackupPlanId": plan["BackupPlanId"], "BackupPlanArn": plan["BackupPlanArn"],
                                    "BackupPlanVersion": plan["VersionId"],
                                    "BackupRuleId": backup.get_backup_plan(BackupPlanId=plan["BackupPlanId"])["BackupPlan"]["Rules"][0]["RuleId"]}
    points = backup.list_recovery_points_by_backup_vault(BackupVaultName="nightly", ByBackupPlanId=plan["BackupPlanId"])["RecoveryPoints"]
    assert [p["ResourceArn"] for p in points] == [TABLES + "covered"]
    assert [b["BackupType"] for b in ddb.list_backups(TableName="covered", BackupType="ALL")["BackupSummaries"]] == ["AWS_BACKUP"]
    assert len(backup.list_backup_jobs()["BackupJobs"]) == 1

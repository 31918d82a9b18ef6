"""Global tables seen from outside: authorization per region (a replica's ARN names its region;
ReplicaUpdates need the replica region's permissions), the replication's CloudTrail records,
the AWS CLI and README walkthroughs, a replica's own KMS key, regional listeners, restarts and
transitions on the simulated clock. Tests poll for replicated state; none sleeps a fixed time."""
import json
import os
import re
import subprocess

import pytest
from botocore.exceptions import ClientError

from audit_support import audited_server, stream
from conftest import ACCOUNT, ROOT, cli_env, create_table, error_of, unique
from global_tables_support import (AWAY, HOME, THIRD, add_replica, arn, away, eventually, global_table,  # noqa: F401 (fixtures)
                                   home, item, not_authorized, region_only_policy)
from identity_helpers import advance_clock, make_user


# --- authorization per region ----------------------------------------------------------------

def test_a_policy_for_one_region_cannot_read_the_replica(server, global_table):
    user, key = make_user(server, policy=region_only_policy(HOME))
    assert item(server.client(key=key, region=HOME), global_table, "before") is not None
    with pytest.raises(ClientError) as e:
        item(server.client(key=key, region=AWAY), global_table, "before")
    assert error_of(e) == ("AccessDeniedException", not_authorized(user, "dynamodb:GetItem", arn(AWAY, global_table)))
    # Naming the replica by ARN from the allowed region does not help either.
    with pytest.raises(ClientError) as e:
        server.client(key=key, region=HOME).get_item(TableName=arn(AWAY, global_table), Key={"pk": {"S": "before"}, "sk": {"N": "1"}})
    assert error_of(e) == ("AccessDeniedException", not_authorized(user, "dynamodb:GetItem", arn(AWAY, global_table)))


def test_a_restricted_principal_cannot_make_a_replica_to_read_elsewhere(server, home, table_name):
    create_table(home, table_name)
    home.put_item(TableName=table_name, Item={"pk": {"S": "secret"}})
    # Allowed everything on the home region's tables, and CreateTableReplica anywhere.
    policy = region_only_policy(HOME)
    policy["Statement"].append({"Effect": "Allow", "Action": "dynamodb:CreateTableReplica", "Resource": "*"})
    user, key = make_user(server, policy=policy)
    with pytest.raises(ClientError) as e:
        server.client(key=key, region=HOME).update_table(TableName=table_name, ReplicaUpdates=[{"Create": {"RegionName": AWAY}}])
    assert error_of(e) == ("AccessDeniedException", not_authorized(user, "dynamodb:CreateTable", arn(AWAY, table_name)))
    with pytest.raises(ClientError) as e:
        server.client(region=AWAY).describe_table(TableName=table_name)
    assert error_of(e)[0] == "ResourceNotFoundException"
    # With the table actions in the other region but not CreateTableReplica, still refused.
    policy = region_only_policy(HOME)
    policy["Statement"].append({"Effect": "Allow", "Action": ["dynamodb:CreateTable", "dynamodb:Scan", "dynamodb:Query",
                                                              "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:GetItem",
                                                              "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
                                "Resource": arn(AWAY, table_name)})
    user, key = make_user(server, policy=policy)
    with pytest.raises(ClientError) as e:
        server.client(key=key, region=HOME).update_table(TableName=table_name, ReplicaUpdates=[{"Create": {"RegionName": AWAY}}])
    assert error_of(e) == ("AccessDeniedException", not_authorized(user, "dynamodb:CreateTableReplica", arn(AWAY, table_name)))


def test_removing_a_replica_needs_delete_table_replica_there(server, global_table):
    policy = region_only_policy(HOME)
    policy["Statement"].append({"Effect": "Allow", "Action": "dynamodb:DeleteTable", "Resource": arn(AWAY, global_table)})
    user, key = make_user(server, policy=policy)
    with pytest.raises(ClientError) as e:
        server.client(key=key, region=HOME).update_table(TableName=global_table, ReplicaUpdates=[{"Delete": {"RegionName": AWAY}}])
    assert error_of(e) == ("AccessDeniedException", not_authorized(user, "dynamodb:DeleteTableReplica", arn(AWAY, global_table)))
    assert server.client(region=AWAY).describe_table(TableName=global_table)["Table"]["TableStatus"] == "ACTIVE"


def test_replication_ignores_the_writers_policy_in_the_other_region(server, away, global_table):
    # A writer allowed only the home region still has its writes replicated (the service writes).
    user, key = make_user(server, policy=region_only_policy(HOME))
    server.client(key=key, region=HOME).put_item(TableName=global_table, Item={"pk": {"S": "by-user"}, "sk": {"N": "1"}})
    eventually(lambda: item(away, global_table, "by-user") is not None)


# --- CloudTrail --------------------------------------------------------------------------------

def test_replication_is_recorded_as_the_replication_roles_calls(tmp_path):
    server = audited_server(tmp_path)
    try:
        home = server.client(region=HOME)
        name = unique()
        create_table(home, name)
        add_replica(home, name)
        home.put_item(TableName=name, Item={"pk": {"S": "k1"}, "v": {"S": "not-in-the-record"}})
        home.delete_item(TableName=name, Key={"pk": {"S": "k1"}})

        def replicated():
            events = [e for e in stream(server) if e.get("awsRegion") == AWAY and e["eventName"] in ("PutItem", "DeleteItem")]
            return events if len(events) == 2 else None

        events = eventually(replicated)
        assert [e["eventName"] for e in events] == ["PutItem", "DeleteItem"]
        role = "AWSServiceRoleForDynamoDBReplication"
        for e in events:
            identity = e["userIdentity"]
            assert identity["type"] == "AssumedRole"
            assert identity["arn"] == "arn:aws:sts::%s:assumed-role/%s/%s" % (ACCOUNT, role, role)
            assert identity["invokedBy"] == "replication.dynamodb.amazonaws.com"
            assert identity["sessionContext"]["sessionIssuer"]["arn"] == (
                "arn:aws:iam::%s:role/aws-service-role/replication.dynamodb.amazonaws.com/%s" % (ACCOUNT, role))
            assert e["requestParameters"] == {"tableName": name, "key": {"pk": "k1"}}
            assert e["resources"] == [{"accountId": ACCOUNT, "type": "AWS::DynamoDB::Table", "ARN": arn(AWAY, name)}]
            assert "not-in-the-record" not in json.dumps(e)
        # The caller's own call is recorded once, in the home region.
        mine = [e for e in stream(server) if e["eventName"] == "PutItem" and e.get("awsRegion") == HOME]
        assert len(mine) == 1 and mine[0]["userIdentity"]["type"] == "Root"
    finally:
        server.stop()


# --- the AWS CLI walkthrough -------------------------------------------------------------------

def test_cli_walkthrough_replica_keeps_its_own_deletion_protection_and_pitr(server):
    name = unique("orders")
    server.cli("dynamodb", "create-table", "--table-name", name, "--billing-mode", "PAY_PER_REQUEST",
               "--attribute-definitions", "AttributeName=pk,AttributeType=S", "--key-schema", "AttributeName=pk,KeyType=HASH",
               "--region", HOME)
    _, out, _ = server.cli("dynamodb", "update-table", "--table-name", name,
                           "--replica-updates", json.dumps([{"Create": {"RegionName": AWAY}}]), "--region", HOME)
    assert out["TableDescription"]["Replicas"] == [{"RegionName": AWAY, "ReplicaStatus": "ACTIVE"}]
    server.cli("dynamodb", "put-item", "--table-name", name, "--item", '{"pk": {"S": "o-1"}}', "--region", HOME)
    eventually(lambda: server.cli("dynamodb", "get-item", "--table-name", name, "--key", '{"pk": {"S": "o-1"}}',
                                  "--region", AWAY)[1])
    server.cli("dynamodb", "update-table", "--table-name", name, "--deletion-protection-enabled", "--region", HOME)
    server.cli("dynamodb", "update-continuous-backups", "--table-name", name,
               "--point-in-time-recovery-specification", "PointInTimeRecoveryEnabled=true", "--region", AWAY)
    _, home_d, _ = server.cli("dynamodb", "describe-table", "--table-name", name, "--region", HOME)
    _, away_d, _ = server.cli("dynamodb", "describe-table", "--table-name", name, "--region", AWAY)
    assert (home_d["Table"]["DeletionProtectionEnabled"], away_d["Table"]["DeletionProtectionEnabled"]) == (True, False)
    _, home_b, _ = server.cli("dynamodb", "describe-continuous-backups", "--table-name", name, "--region", HOME)
    _, away_b, _ = server.cli("dynamodb", "describe-continuous-backups", "--table-name", name, "--region", AWAY)
    status = lambda b: b["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
    assert (status(home_b), status(away_b)) == ("DISABLED", "ENABLED")
    code, _, err = server.cli("dynamodb", "delete-table", "--table-name", name, "--region", HOME, check=False)
    assert code != 0
    assert ("Cannot delete table %s in region %s because it has deletion protection enabled. Disable deletion protection first."
            % (name, HOME)) in err
    server.cli("dynamodb", "update-table", "--table-name", name,
               "--replica-updates", json.dumps([{"Delete": {"RegionName": AWAY}}]), "--region", HOME)
    code, _, err = server.cli("dynamodb", "describe-table", "--table-name", name, "--region", AWAY, check=False)
    assert code != 0 and "ResourceNotFoundException" in err


# --- a listener bound to one region --------------------------------------------------------------

def test_a_regional_listener_answers_only_its_region(fresh_server):
    server = fresh_server("--regional-listener", "%s@127.0.0.1:0" % AWAY)
    m = re.search(r"region %s only on (http://127\.0\.0\.1:\d+)" % AWAY, server.startup_line)
    assert m, server.startup_line
    regional = m.group(1)
    name = unique()
    create_table(server.client(region=AWAY, endpoint=regional), name)
    assert server.client(region=AWAY, endpoint=regional).describe_table(TableName=name)["Table"]["TableArn"] == arn(AWAY, name)
    # Signed for another region, as a regional endpoint answers it.
    with pytest.raises(ClientError) as e:
        server.client(region=HOME, endpoint=regional).list_tables()
    assert error_of(e) == ("InvalidSignatureException", "Credential should be scoped to a valid region, not 'us-east-1'. ")
    # IAM, a global service, is answered whatever region signed it.
    assert server.client("iam", region=HOME, endpoint=regional).list_users()["Users"] == []
    # The default listener keeps serving every region.
    assert name in server.client(region=AWAY).list_tables()["TableNames"]
    assert name not in server.client(region=HOME).list_tables()["TableNames"]


# --- KMS key per replica ---------------------------------------------------------------------------

def test_each_replica_has_its_own_kms_key(server, home, away, table_name):
    home_key = server.client("kms", region=HOME).create_key()["KeyMetadata"]
    away_key = server.client("kms", region=AWAY).create_key()["KeyMetadata"]
    assert away_key["Arn"].startswith("arn:aws:kms:%s:" % AWAY)
    create_table(home, table_name, SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": home_key["KeyId"]})
    home.put_item(TableName=table_name, Item={"pk": {"S": "sealed"}})
    # The replica's key is named by id and resolved in the replica's region.
    d = add_replica(home, table_name, KMSMasterKeyId=away_key["KeyId"])
    assert d["SSEDescription"]["KMSMasterKeyArn"] == home_key["Arn"]
    assert d["Replicas"] == [{"RegionName": AWAY, "ReplicaStatus": "ACTIVE", "KMSMasterKeyId": away_key["Arn"]}]
    there = away.describe_table(TableName=table_name)["Table"]
    assert there["SSEDescription"]["KMSMasterKeyArn"] == away_key["Arn"]
    assert there["Replicas"] == [{"RegionName": HOME, "ReplicaStatus": "ACTIVE", "KMSMasterKeyId": home_key["Arn"]}]
    assert away.get_item(TableName=table_name, Key={"pk": {"S": "sealed"}})["Item"] == {"pk": {"S": "sealed"}}
    home.put_item(TableName=table_name, Item={"pk": {"S": "later"}})
    eventually(lambda: away.get_item(TableName=table_name, Key={"pk": {"S": "later"}}).get("Item"))


def test_a_replica_key_missing_in_its_region_is_refused(server, home, away, table_name):
    home_key = server.client("kms", region=HOME).create_key()["KeyMetadata"]
    create_table(home, table_name, SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": home_key["KeyId"]})
    # The home region's key id names no key in eu-west-1.
    with pytest.raises(ClientError) as e:
        add_replica(home, table_name, KMSMasterKeyId=home_key["KeyId"])
    code, message = error_of(e)
    assert code == "ValidationException" and message.startswith("KMS validation error: ")
    with pytest.raises(ClientError) as e:
        away.describe_table(TableName=table_name)
    assert error_of(e)[0] == "ResourceNotFoundException"


# --- durability --------------------------------------------------------------------------------------

def test_replication_survives_a_restart(fresh_server, tmp_path):
    server = fresh_server(data_dir=str(tmp_path / "data"))
    home, name = server.client(region=HOME), unique()
    create_table(home, name)
    add_replica(home, name)
    home.put_item(TableName=name, Item={"pk": {"S": "before-restart"}})
    eventually(lambda: server.client(region=AWAY).get_item(TableName=name, Key={"pk": {"S": "before-restart"}}).get("Item"))
    server.restart()
    home, away = server.client(region=HOME), server.client(region=AWAY)
    assert away.describe_table(TableName=name)["Table"]["Replicas"] == [{"RegionName": HOME, "ReplicaStatus": "ACTIVE"}]
    away.put_item(TableName=name, Item={"pk": {"S": "after-restart"}})
    eventually(lambda: home.get_item(TableName=name, Key={"pk": {"S": "after-restart"}}).get("Item"))


def test_readme_walkthrough(fresh_server, tmp_path):
    server = fresh_server()
    text = open(os.path.join(ROOT, "README.md")).read()
    section = text[text.index("## Global tables: a replica keeps its own deletion protection and PITR"):]
    start = section.index("```sh") + 5
    script = section[start:section.index("```", start)].replace("http://127.0.0.1:8000", server.endpoint)
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=cli_env(), cwd=str(tmp_path))
    assert '"RegionName": "eu-west-1"' in out.stdout and '"GlobalTableVersion": "2019.11.21"' in out.stdout
    assert "\nfalse\n" in out.stdout
    assert ("An error occurred (ValidationException) when calling the DeleteTable operation: Cannot delete table Orders in "
            "region us-east-1 because it has deletion protection enabled. Disable deletion protection first.") in out.stderr
    home, away = server.client(region=HOME), server.client(region=AWAY)
    assert home.describe_table(TableName="Orders")["Table"]["DeletionProtectionEnabled"] is True
    assert "Replicas" not in home.describe_table(TableName="Orders")["Table"]
    with pytest.raises(ClientError) as e:
        away.describe_table(TableName="Orders")
    assert error_of(e)[0] == "ResourceNotFoundException"


# --- transitions on the simulated clock ---------------------------------------------------------------

def test_with_realistic_delays_the_replica_is_creating_then_active(fresh_server):
    server = fresh_server("--realistic-delays")
    home, away, name = server.client(region=HOME), server.client(region=AWAY), unique()
    create_table(home, name)
    advance_clock(server, 6)
    d = add_replica(home, name)
    assert d["TableStatus"] == "UPDATING"
    assert d["Replicas"] == [{"RegionName": AWAY, "ReplicaStatus": "CREATING"}]
    there = away.describe_table(TableName=name)["Table"]
    assert there["TableStatus"] == "CREATING"
    # A replica being created answers DescribeTable only; another replica change waits.
    with pytest.raises(ClientError) as e:
        away.get_item(TableName=name, Key={"pk": {"S": "x"}})
    assert error_of(e)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as e:
        add_replica(home, name, THIRD)
    assert error_of(e)[0] == "ResourceInUseException"
    # Writes to the source meanwhile reach the replica.
    home.put_item(TableName=name, Item={"pk": {"S": "during"}})
    advance_clock(server, 6)
    assert home.describe_table(TableName=name)["Table"]["Replicas"] == [{"RegionName": AWAY, "ReplicaStatus": "ACTIVE"}]
    assert away.describe_table(TableName=name)["Table"]["TableStatus"] == "ACTIVE"
    eventually(lambda: away.get_item(TableName=name, Key={"pk": {"S": "during"}}).get("Item"))
    # Removing it: DELETING in its region for the transition, and not re-addable meanwhile.
    home.update_table(TableName=name, ReplicaUpdates=[{"Delete": {"RegionName": AWAY}}])
    assert away.describe_table(TableName=name)["Table"]["TableStatus"] == "DELETING"
    with pytest.raises(ClientError) as e:
        add_replica(home, name, AWAY)
    assert error_of(e) == ("ValidationException", "Failed to create a the new replica of table with name: \u2018%s\u2019 "
                                                  "because one or more replicas already existed as tables." % name)
    advance_clock(server, 6)
    with pytest.raises(ClientError) as e:
        away.describe_table(TableName=name)
    assert error_of(e)[0] == "ResourceNotFoundException"
    assert add_replica(home, name, AWAY)["Replicas"] == [{"RegionName": AWAY, "ReplicaStatus": "CREATING"}]


def test_a_replica_update_needs_update_table_in_the_replicas_region(server, global_table):
    user, key = make_user(server, policy=region_only_policy(HOME))
    with pytest.raises(ClientError) as e:
        server.client(key=key, region=HOME).update_table(
            TableName=global_table, ReplicaUpdates=[{"Update": {"RegionName": AWAY, "TableClassOverride": "STANDARD_INFREQUENT_ACCESS"}}])
    assert error_of(e) == ("AccessDeniedException", not_authorized(user, "dynamodb:UpdateTable", arn(AWAY, global_table)))


# --- a replica's resource policy and the replication role -------------------------------------------

def test_a_resource_policy_denying_everyone_but_the_app_stops_replication(server, home, away, global_table):
    app_role = "arn:aws:iam::%s:role/app" % ACCOUNT
    slr = "arn:aws:iam::%s:role/aws-service-role/replication.dynamodb.amazonaws.com/AWSServiceRoleForDynamoDBReplication" % ACCOUNT

    def deny_all_but(*arns):
        return json.dumps({"Version": "2012-10-17", "Statement": [
            {"Sid": "AllowAccount", "Effect": "Allow", "Principal": {"AWS": ACCOUNT}, "Action": "dynamodb:*", "Resource": "*"},
            {"Sid": "OnlyTheApp", "Effect": "Deny", "Principal": "*", "Action": ["dynamodb:PutItem", "dynamodb:DeleteItem"],
             "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalArn": list(arns)}}}]})

    away.put_resource_policy(ResourceArn=arn(AWAY, global_table), Policy=deny_all_but(app_role))
    home.put_item(TableName=global_table, Item={"pk": {"S": "held"}, "sk": {"N": "1"}})
    # The replica refuses the replication role: the change waits, and both regions say so.
    eventually(lambda: away.describe_table(TableName=global_table)["Table"]["TableStatus"] == "REPLICATION_NOT_AUTHORIZED")
    assert home.describe_table(TableName=global_table)["Table"]["Replicas"] == [
        {"RegionName": AWAY, "ReplicaStatus": "REPLICATION_NOT_AUTHORIZED"}]
    assert item(away, global_table, "held") is None
    # Exempting the service-linked role lets the waiting change through, in order.
    away.put_resource_policy(ResourceArn=arn(AWAY, global_table), Policy=deny_all_but(app_role, slr))
    eventually(lambda: item(away, global_table, "held") is not None)
    eventually(lambda: away.describe_table(TableName=global_table)["Table"]["TableStatus"] == "ACTIVE")
    assert home.describe_table(TableName=global_table)["Table"]["Replicas"] == [{"RegionName": AWAY, "ReplicaStatus": "ACTIVE"}]


def test_a_key_per_replica_goes_with_customer_managed_keys_only(server, home, table_name):
    message = "One or more parameter values were invalid: KMSMasterKeyId must be specified for each replica."
    away_key = server.client("kms", region=AWAY).create_key()["KeyMetadata"]
    # A customer managed key on the table: each replica must name its own.
    home_key = server.client("kms", region=HOME).create_key()["KeyMetadata"]
    create_table(home, table_name, SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": home_key["Arn"]})
    with pytest.raises(ClientError) as e:
        add_replica(home, table_name)
    assert error_of(e) == ("ValidationException", message)
    add_replica(home, table_name, KMSMasterKeyId=away_key["Arn"])
    # A replica's key is not changed through ReplicaUpdates.
    with pytest.raises(ClientError) as e:
        home.update_table(TableName=table_name, ReplicaUpdates=[{"Update": {"RegionName": AWAY, "KMSMasterKeyId": away_key["Arn"]}}])
    assert error_of(e) == ("ValidationException", message)
    # An AWS owned key: no key per replica.
    owned = unique()
    create_table(home, owned)
    with pytest.raises(ClientError) as e:
        add_replica(home, owned, KMSMasterKeyId=away_key["Arn"])
    assert error_of(e) == ("ValidationException", message)
    # The AWS managed key: each replica uses its own region's, without naming it.
    managed = unique()
    create_table(home, managed, SSESpecification={"Enabled": True, "SSEType": "KMS"})
    d = add_replica(home, managed)
    assert d["Replicas"][0]["KMSMasterKeyId"].startswith("arn:aws:kms:%s:%s:key/" % (AWAY, ACCOUNT))

"""Global tables (version 2019.11.21): UpdateTable ReplicaUpdates, replicas in other regions,
replication of every write (asynchronous, last writer wins), settings kept per replica or
shared, authorization per region and the replication's CloudTrail records — through boto3
and the AWS CLI. Tests poll for replicated state; none sleeps a fixed time."""
import json
import time

import pytest
from botocore.exceptions import ClientError

from audit_support import audited_server, stream
from conftest import ACCOUNT, create_table, error_of, unique
from identity_helpers import make_user, user_arn

HOME, AWAY, THIRD = "us-east-1", "eu-west-1", "ap-southeast-2"


def eventually(check, timeout=10.0):
    """Polls `check` until it returns a truthy value (or raises nothing); returns that value."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            value = check()
            if value:
                return value
        except (AssertionError, ClientError) as e:
            last = e
        time.sleep(0.05)
    if last:
        raise last
    raise AssertionError("condition not met within %.1fs" % timeout)


def arn(region, name):
    return "arn:aws:dynamodb:%s:%s:table/%s" % (region, ACCOUNT, name)


@pytest.fixture
def home(server):
    return server.client(region=HOME)


@pytest.fixture
def away(server):
    return server.client(region=AWAY)


def add_replica(client, name, region=AWAY, **extra):
    create = {"RegionName": region, **extra}
    return client.update_table(TableName=name, ReplicaUpdates=[{"Create": create}])["TableDescription"]


@pytest.fixture
def global_table(home, table_name):
    create_table(home, table_name, range_key=("sk", "N"))
    home.put_item(TableName=table_name, Item={"pk": {"S": "before"}, "sk": {"N": "1"}, "v": {"S": "copied"}})
    add_replica(home, table_name)
    return table_name


def item(client, name, pk, sk=1):
    return client.get_item(TableName=name, Key={"pk": {"S": pk}, "sk": {"N": str(sk)}}, ConsistentRead=True).get("Item")


# --- creating and describing ---------------------------------------------------------------

def test_adding_a_replica_describes_it_and_enables_the_stream(home, table_name):
    create_table(home, table_name)
    assert "StreamSpecification" not in home.describe_table(TableName=table_name)["Table"]
    d = add_replica(home, table_name)
    assert d["GlobalTableVersion"] == "2019.11.21"
    assert d["Replicas"] == [{"RegionName": AWAY, "ReplicaStatus": "ACTIVE"}]
    # DynamoDB enables a NEW_AND_OLD_IMAGES stream on a table that has none.
    assert d["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert d["TableArn"] == arn(HOME, table_name)


def test_the_replica_is_a_table_in_the_other_region(server, home, away, global_table):
    here = home.describe_table(TableName=global_table)["Table"]
    there = away.describe_table(TableName=global_table)["Table"]
    assert there["TableArn"] == arn(AWAY, global_table)
    assert there["TableId"] != here["TableId"]
    assert there["KeySchema"] == here["KeySchema"]
    assert there["Replicas"] == [{"RegionName": HOME, "ReplicaStatus": "ACTIVE"}]
    assert there["GlobalTableVersion"] == "2019.11.21"
    assert there["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert there["LatestStreamArn"].startswith(arn(AWAY, global_table) + "/stream/")
    assert global_table in away.list_tables()["TableNames"]
    # A third region has no such table.
    with pytest.raises(ClientError) as e:
        server.client(region=THIRD).describe_table(TableName=global_table)
    assert error_of(e)[0] == "ResourceNotFoundException"


def test_existing_items_are_copied(away, global_table):
    assert item(away, global_table, "before") == {"pk": {"S": "before"}, "sk": {"N": "1"}, "v": {"S": "copied"}}
    assert away.describe_table(TableName=global_table)["Table"]["ItemCount"] == 1


def test_a_stream_view_type_already_set_is_kept(home, away, table_name):
    create_table(home, table_name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    d = add_replica(home, table_name)
    assert d["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
    assert away.describe_table(TableName=table_name)["Table"]["StreamSpecification"]["StreamViewType"] == "KEYS_ONLY"


# --- replication -----------------------------------------------------------------------------

def test_put_update_and_delete_replicate(home, away, global_table):
    home.put_item(TableName=global_table, Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "n": {"N": "1"}})
    eventually(lambda: item(away, global_table, "a") == {"pk": {"S": "a"}, "sk": {"N": "1"}, "n": {"N": "1"}})
    home.update_item(TableName=global_table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, UpdateExpression="SET n = n + :one",
                     ExpressionAttributeValues={":one": {"N": "1"}})
    eventually(lambda: item(away, global_table, "a")["n"] == {"N": "2"})
    home.delete_item(TableName=global_table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})
    eventually(lambda: item(away, global_table, "a") is None)


def test_writes_to_the_replica_reach_the_home_region(home, away, global_table):
    away.put_item(TableName=global_table, Item={"pk": {"S": "from-away"}, "sk": {"N": "1"}})
    eventually(lambda: item(home, global_table, "from-away") is not None)


def test_batch_transact_and_partiql_writes_replicate(home, away, global_table):
    home.batch_write_item(RequestItems={global_table: [
        {"PutRequest": {"Item": {"pk": {"S": "b1"}, "sk": {"N": "1"}}}},
        {"PutRequest": {"Item": {"pk": {"S": "b2"}, "sk": {"N": "1"}}}},
        {"DeleteRequest": {"Key": {"pk": {"S": "before"}, "sk": {"N": "1"}}}}]})
    home.transact_write_items(TransactItems=[
        {"Put": {"TableName": global_table, "Item": {"pk": {"S": "t1"}, "sk": {"N": "1"}}}},
        {"Update": {"TableName": global_table, "Key": {"pk": {"S": "b1"}, "sk": {"N": "1"}},
                    "UpdateExpression": "SET via = :v", "ExpressionAttributeValues": {":v": {"S": "transaction"}}}}])
    home.execute_statement(Statement="INSERT INTO \"%s\" VALUE {'pk': 'q1', 'sk': 1}" % global_table)
    eventually(lambda: item(away, global_table, "b2") and item(away, global_table, "t1") and item(away, global_table, "q1"))
    eventually(lambda: item(away, global_table, "b1").get("via") == {"S": "transaction"})
    eventually(lambda: item(away, global_table, "before") is None)


def test_last_writer_wins_everywhere(home, away, global_table):
    key = {"pk": {"S": "contested"}, "sk": {"N": "1"}}
    for round_ in range(5):
        away.put_item(TableName=global_table, Item={**key, "w": {"S": "away-%d" % round_}})
        home.put_item(TableName=global_table, Item={**key, "w": {"S": "home-%d" % round_}})
    # The home write of the last round is the last write: both replicas settle on it.
    eventually(lambda: item(away, global_table, "contested")["w"] == {"S": "home-4"})
    eventually(lambda: item(home, global_table, "contested")["w"] == {"S": "home-4"})
    # …and stay there (no late older change overwrites it).
    home.put_item(TableName=global_table, Item={"pk": {"S": "marker"}, "sk": {"N": "1"}})
    eventually(lambda: item(away, global_table, "marker") is not None)
    assert item(away, global_table, "contested")["w"] == {"S": "home-4"}
    assert item(home, global_table, "contested")["w"] == {"S": "home-4"}


def test_replicated_writes_appear_in_the_replicas_own_stream(server, home, away, global_table):
    streams = server.client("dynamodbstreams", region=AWAY)
    stream_arn = away.describe_table(TableName=global_table)["Table"]["LatestStreamArn"]
    home.put_item(TableName=global_table, Item={"pk": {"S": "streamed"}, "sk": {"N": "1"}})

    def records():
        shard = streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"][0]["ShardId"]
        it = streams.get_shard_iterator(StreamArn=stream_arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        return streams.get_records(ShardIterator=it)["Records"]

    got = eventually(records)
    assert [r["eventName"] for r in got] == ["INSERT"]
    assert got[0]["awsRegion"] == AWAY
    assert got[0]["dynamodb"]["Keys"] == {"pk": {"S": "streamed"}, "sk": {"N": "1"}}
    # The initial copy is not a change: the item copied at creation has no record.


# --- settings per replica and shared -------------------------------------------------------

def test_a_replica_keeps_its_own_deletion_protection_and_pitr(home, away, global_table):
    away.update_table(TableName=global_table, DeletionProtectionEnabled=True)
    home.update_continuous_backups(TableName=global_table, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    assert home.describe_table(TableName=global_table)["Table"]["DeletionProtectionEnabled"] is False
    assert away.describe_table(TableName=global_table)["Table"]["DeletionProtectionEnabled"] is True
    pitr = lambda c: c.describe_continuous_backups(TableName=global_table)["ContinuousBackupsDescription"][
        "PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
    assert (pitr(home), pitr(away)) == ("ENABLED", "DISABLED")
    # The protected replica refuses removal from the other region and deletion in its own.
    message = ("Cannot delete table %s in region %s because it has deletion protection enabled. Disable deletion protection first."
               % (global_table, AWAY))
    with pytest.raises(ClientError) as e:
        home.update_table(TableName=global_table, ReplicaUpdates=[{"Delete": {"RegionName": AWAY}}])
    assert error_of(e) == ("ValidationException", message)
    with pytest.raises(ClientError) as e:
        away.delete_table(TableName=global_table)
    assert error_of(e) == ("ValidationException", message)
    # The unprotected home table can be deleted; the replica stays, a regional table again.
    home.delete_table(TableName=global_table)
    d = away.describe_table(TableName=global_table)["Table"]
    assert "Replicas" not in d and "GlobalTableVersion" not in d
    away.update_table(TableName=global_table, DeletionProtectionEnabled=False)
    away.delete_table(TableName=global_table)


def test_tags_table_class_and_resource_policy_are_per_region(home, away, global_table):
    home.tag_resource(ResourceArn=arn(HOME, global_table), Tags=[{"Key": "team", "Value": "home"}])
    assert away.list_tags_of_resource(ResourceArn=arn(AWAY, global_table))["Tags"] == []
    home.put_resource_policy(ResourceArn=arn(HOME, global_table), Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "dynamodb:GetItem", "Resource": "*"}]}))
    with pytest.raises(ClientError) as e:
        item(home, global_table, "before")
    assert error_of(e)[0] == "AccessDeniedException"
    assert item(away, global_table, "before") is not None
    with pytest.raises(ClientError) as e:
        away.get_resource_policy(ResourceArn=arn(AWAY, global_table))
    assert error_of(e)[0] == "PolicyNotFoundException"
    home.update_table(TableName=global_table, ReplicaUpdates=[{"Update": {"RegionName": AWAY, "TableClassOverride": "STANDARD_INFREQUENT_ACCESS"}}])
    assert away.describe_table(TableName=global_table)["Table"]["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    assert "TableClassSummary" not in home.describe_table(TableName=global_table)["Table"]
    replicas = home.describe_table(TableName=global_table)["Table"]["Replicas"]
    assert replicas[0]["ReplicaTableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    # A TableClass change itself (not an override) applies to every replica, as DynamoDB does.
    away.update_table(TableName=global_table, TableClass="STANDARD")
    assert home.describe_table(TableName=global_table)["Table"]["TableClassSummary"]["TableClass"] == "STANDARD"
    # …while tagging one replica leaves the other's settings alone.
    away.tag_resource(ResourceArn=arn(AWAY, global_table), Tags=[{"Key": "team", "Value": "away"}])
    assert home.list_tags_of_resource(ResourceArn=arn(HOME, global_table))["Tags"] == [{"Key": "team", "Value": "home"}]


def test_ttl_and_indexes_are_shared(home, away, global_table):
    home.update_time_to_live(TableName=global_table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    assert away.describe_time_to_live(TableName=global_table)["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}
    away.update_table(TableName=global_table, AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
                      GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                               "Projection": {"ProjectionType": "ALL"}}}])
    home.put_item(TableName=global_table, Item={"pk": {"S": "g1"}, "sk": {"N": "1"}, "g": {"S": "green"}})
    here = home.describe_table(TableName=global_table)["Table"]
    assert [g["IndexName"] for g in here["GlobalSecondaryIndexes"]] == ["by-g"]
    assert here["Replicas"][0]["GlobalSecondaryIndexes"] == [{"IndexName": "by-g"}]
    got = eventually(lambda: away.query(TableName=global_table, IndexName="by-g", KeyConditionExpression="g = :g",
                                        ExpressionAttributeValues={":g": {"S": "green"}})["Items"])
    assert got == [{"pk": {"S": "g1"}, "sk": {"N": "1"}, "g": {"S": "green"}}]


def test_the_stream_cannot_be_disabled_on_a_replica(away, global_table):
    with pytest.raises(ClientError) as e:
        away.update_table(TableName=global_table, StreamSpecification={"StreamEnabled": False})
    assert error_of(e) == ("ValidationException", "Disabling Stream is not allowed for a Global Table replica.")


# --- removing a replica ----------------------------------------------------------------------

def test_deleting_a_replica_leaves_the_others(server, home, away, global_table):
    third = server.client(region=THIRD)
    add_replica(home, global_table, THIRD)
    assert [r["RegionName"] for r in away.describe_table(TableName=global_table)["Table"]["Replicas"]] == [HOME, THIRD]
    d = home.update_table(TableName=global_table, ReplicaUpdates=[{"Delete": {"RegionName": AWAY}}])["TableDescription"]
    assert d["Replicas"] == [{"RegionName": THIRD, "ReplicaStatus": "ACTIVE"}]
    with pytest.raises(ClientError) as e:
        away.describe_table(TableName=global_table)
    assert error_of(e)[0] == "ResourceNotFoundException"
    assert third.describe_table(TableName=global_table)["Table"]["Replicas"] == [{"RegionName": HOME, "ReplicaStatus": "ACTIVE"}]
    home.put_item(TableName=global_table, Item={"pk": {"S": "after"}, "sk": {"N": "1"}})
    eventually(lambda: item(third, global_table, "after") is not None)
    # Removing the last replica makes both regional tables again.
    home.update_table(TableName=global_table, ReplicaUpdates=[{"Delete": {"RegionName": THIRD}}])
    d = home.describe_table(TableName=global_table)["Table"]
    assert "Replicas" not in d and "GlobalTableVersion" not in d


# --- validation --------------------------------------------------------------------------------

@pytest.mark.parametrize("updates,message", [
    ([{"Create": {"RegionName": HOME}}],
     "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required."),
    ([{"Delete": {"RegionName": HOME}}],
     "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required."),
    ([{"Create": {"RegionName": AWAY}}],
     "Failed to create a the new replica of table with name: \u2018%s\u2019 because one or more replicas already existed as tables."),
    ([{"Delete": {"RegionName": THIRD}}],
     "Update global table operation failed because one or more replicas were not part of the global table. "
     "Please retry the request without these replicas: [ap-southeast-2]."),
    ([{"Update": {"RegionName": THIRD, "TableClassOverride": "STANDARD"}}],
     "Update global table operation failed because one or more replicas were not part of the global table. "
     "Please retry the request without these replicas: [ap-southeast-2]."),
    ([{"Create": {"RegionName": THIRD}}, {"Create": {"RegionName": "us-west-2"}}],
     "Update table operation with more than one create or delete replica actions not allowed"),
    ([{"Create": {"RegionName": THIRD}, "Delete": {"RegionName": AWAY}}],
     "Update table operation with more than one type of replica actions not allowed."),
    ([{"Create": {"RegionName": "EU-WEST-1"}}], None),
    ([{"Update": {"RegionName": AWAY}}], "There are no actions specified in the Replica Update Action of the request."),
    ([{}], "There are no actions specified in the Replica Update Action of the request."),
    ([], "1 validation error detected: Value '[]' at 'replicaUpdates' failed to satisfy constraint: "
         "Member must have length greater than or equal to 1"),
])
def test_replica_update_validation(home, global_table, updates, message):
    with pytest.raises(ClientError) as e:
        home.update_table(TableName=global_table, ReplicaUpdates=updates)
    if message is None:  # a region spelled otherwise is not a region: refused with the supported list
        assert error_of(e)[0] == "ValidationException" and error_of(e)[1].startswith("Region EU-WEST-1 is not supported.")
    else:
        assert error_of(e) == ("ValidationException", message.replace("%s", global_table))


def test_an_unknown_region_is_refused_with_the_supported_list(home, global_table):
    with pytest.raises(ClientError) as e:
        home.update_table(TableName=global_table, ReplicaUpdates=[{"Create": {"RegionName": "us-fake-1"}}])
    code, message = error_of(e)
    assert code == "ValidationException"
    assert message.startswith("Region us-fake-1 is not supported. The latest version of global tables are only supported "
                              "in the following regions: [ap-south-2, ap-south-1, eu-south-1, eu-south-2, me-central-1, ")
    assert message.endswith("us-east-1, us-east-2].")


def test_a_table_in_the_target_region_blocks_the_replica(home, away, table_name):
    create_table(home, table_name)
    create_table(away, table_name)
    with pytest.raises(ClientError) as e:
        add_replica(home, table_name)
    assert error_of(e) == ("ValidationException", "Failed to create a the new replica of table with name: \u2018%s\u2019 "
                                                  "because one or more replicas already existed as tables." % table_name)


def test_replica_updates_must_be_alone(home, table_name):
    create_table(home, table_name)
    with pytest.raises(ClientError) as e:
        home.update_table(TableName=table_name, DeletionProtectionEnabled=True, ReplicaUpdates=[{"Create": {"RegionName": AWAY}}])
    assert error_of(e) == ("ValidationException", "One or more parameter values were invalid: "
                                                  "ReplicaUpdates modification must be the only operation in the request")


def test_replica_updates_of_a_missing_table(home):
    with pytest.raises(ClientError) as e:
        add_replica(home, unique("missing"))
    assert error_of(e)[0] == "ResourceNotFoundException"


# --- authorization per region ----------------------------------------------------------------

def region_only_policy(region, actions="dynamodb:*"):
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": actions, "Resource": "arn:aws:dynamodb:%s:%s:table/*" % (region, ACCOUNT)}]}


def not_authorized(user, action, resource):
    return ("User: %s is not authorized to perform: %s on resource: %s because no identity-based policy allows the %s action"
            % (user_arn(user), action, resource, action))


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
    import re
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
    import os
    import subprocess
    from conftest import ROOT, cli_env
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
    from identity_helpers import advance_clock
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


def test_ttl_deletions_replicate(home, away, global_table):
    home.update_time_to_live(TableName=global_table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    home.put_item(TableName=global_table, Item={"pk": {"S": "short-lived"}, "sk": {"N": "1"}, "exp": {"N": str(int(time.time()) + 600)}})
    eventually(lambda: item(away, global_table, "short-lived") is not None)
    # Expired now: the sweeper deletes it in us-east-1, and the deletion reaches eu-west-1.
    home.update_item(TableName=global_table, Key={"pk": {"S": "short-lived"}, "sk": {"N": "1"}}, UpdateExpression="SET #e = :past",
                     ExpressionAttributeNames={"#e": "exp"}, ExpressionAttributeValues={":past": {"N": str(int(time.time()) - 60)}})
    eventually(lambda: item(home, global_table, "short-lived") is None)
    eventually(lambda: item(away, global_table, "short-lived") is None)

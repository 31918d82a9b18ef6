"""Global tables (version 2019.11.21): UpdateTable ReplicaUpdates, replicas in other regions,
replication of every write (asynchronous, last writer wins), settings kept per replica or
shared, validation — through boto3. Tests poll for replicated state; none sleeps a fixed time.
Authorization, CloudTrail, the AWS CLI and the listeners are in test_global_tables_access.py."""
import json
import time

import pytest
from botocore.exceptions import ClientError

from conftest import create_table, error_of, unique
from global_tables_support import (AWAY, HOME, THIRD, add_replica, arn, away, eventually, global_table,  # noqa: F401 (fixtures)
                                   home, item)


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
                                                  "Replica modification must be the only operation in the request")
    # Checked before the replica actions themselves: two Creates get the same answer.
    with pytest.raises(ClientError) as e:
        home.update_table(TableName=table_name, DeletionProtectionEnabled=True,
                          ReplicaUpdates=[{"Create": {"RegionName": AWAY}}, {"Create": {"RegionName": THIRD}}])
    assert error_of(e) == ("ValidationException", "One or more parameter values were invalid: "
                                                  "Replica modification must be the only operation in the request")


def test_replica_updates_of_a_missing_table(home):
    with pytest.raises(ClientError) as e:
        add_replica(home, unique("missing"))
    assert error_of(e)[0] == "ResourceNotFoundException"


def test_ttl_deletions_replicate(home, away, global_table):
    home.update_time_to_live(TableName=global_table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    home.put_item(TableName=global_table, Item={"pk": {"S": "short-lived"}, "sk": {"N": "1"}, "exp": {"N": str(int(time.time()) + 600)}})
    eventually(lambda: item(away, global_table, "short-lived") is not None)
    # Expired now: the sweeper deletes it in us-east-1, and the deletion reaches eu-west-1.
    home.update_item(TableName=global_table, Key={"pk": {"S": "short-lived"}, "sk": {"N": "1"}}, UpdateExpression="SET #e = :past",
                     ExpressionAttributeNames={"#e": "exp"}, ExpressionAttributeValues={":past": {"N": str(int(time.time()) - 60)}})
    eventually(lambda: item(home, global_table, "short-lived") is None)
    eventually(lambda: item(away, global_table, "short-lived") is None)

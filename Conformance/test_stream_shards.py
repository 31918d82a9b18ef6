"""Stream shards over time: a shard closes and a child opens every --shard-rollover-seconds
of the simulated clock (DynamoDB: roughly every four hours), closed shards carry an
EndingSequenceNumber, children their ParentShardId; DescribeStream's ShardFilter CHILD_SHARDS;
and updates that change nothing on a missing item write no record."""
import pytest
from botocore.exceptions import ClientError

import clock
from conftest import create_table, error_of, unique


def setup(server):
    ddb, streams = server.client(), server.client("dynamodbstreams")
    name = unique("sh")
    arn = create_table(ddb, name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})["TableDescription"]["LatestStreamArn"]
    return ddb, streams, name, arn


def put(ddb, name, pk):
    ddb.put_item(TableName=name, Item={"pk": {"S": pk}})


def read_shard(streams, arn, shard_id):
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    keys = []
    while it:
        r = streams.get_records(ShardIterator=it)
        keys += [rec["dynamodb"]["Keys"]["pk"]["S"] for rec in r["Records"]]
        if not r["Records"] and "NextShardIterator" in r:
            break
        it = r.get("NextShardIterator")
    return keys, it


def test_shards_roll_over_with_parents_and_ending_sequence_numbers(fresh_server):
    server = fresh_server("--shard-rollover-seconds", "3600")
    ddb, streams, name, arn = setup(server)
    put(ddb, name, "a")
    put(ddb, name, "b")
    clock.advance(server, 3600)
    put(ddb, name, "c")
    clock.advance(server, 3600)
    put(ddb, name, "d")
    shards = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
    assert len(shards) == 3
    assert "ParentShardId" not in shards[0]
    assert shards[1]["ParentShardId"] == shards[0]["ShardId"]
    assert shards[2]["ParentShardId"] == shards[1]["ShardId"]
    assert "EndingSequenceNumber" in shards[0]["SequenceNumberRange"]
    assert "EndingSequenceNumber" in shards[1]["SequenceNumberRange"]
    assert "EndingSequenceNumber" not in shards[2]["SequenceNumberRange"]
    assert [s["ShardId"] for s in shards] == sorted(s["ShardId"] for s in shards)

    first, after_first = read_shard(streams, arn, shards[0]["ShardId"])
    assert (first, after_first) == (["a", "b"], None)  # a closed shard read to its end has no next iterator
    second, _ = read_shard(streams, arn, shards[1]["ShardId"])
    assert second == ["c"]
    third, still_open = read_shard(streams, arn, shards[2]["ShardId"])
    assert third == ["d"] and still_open

    children = streams.describe_stream(StreamArn=arn, ShardFilter={"Type": "CHILD_SHARDS", "ShardId": shards[0]["ShardId"]})
    assert [s["ShardId"] for s in children["StreamDescription"]["Shards"]] == [shards[1]["ShardId"]]
    none = streams.describe_stream(StreamArn=arn, ShardFilter={"Type": "CHILD_SHARDS", "ShardId": shards[2]["ShardId"]})
    assert none["StreamDescription"]["Shards"] == []

    page = streams.describe_stream(StreamArn=arn, Limit=2)["StreamDescription"]
    assert [s["ShardId"] for s in page["Shards"]] == [shards[0]["ShardId"], shards[1]["ShardId"]]
    assert page["LastEvaluatedShardId"] == shards[1]["ShardId"]
    rest = streams.describe_stream(StreamArn=arn, ExclusiveStartShardId=page["LastEvaluatedShardId"])["StreamDescription"]
    assert [s["ShardId"] for s in rest["Shards"]] == [shards[2]["ShardId"]]
    assert "LastEvaluatedShardId" not in rest


def test_shard_filter_validation(server):
    ddb, streams, name, arn = setup(server)
    with pytest.raises(ClientError) as e:
        streams.describe_stream(StreamArn=arn, ShardFilter={"Type": "PARENT_SHARDS", "ShardId": "shardId-00000000000000000000-00000000"})
    assert error_of(e) == ("ValidationException", "1 validation error detected: Value 'PARENT_SHARDS' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]")
    with pytest.raises(ClientError) as e:
        streams.get_shard_iterator(StreamArn=arn, ShardId="shardId-00000000000000000001-00000000", ShardIteratorType="LATEST")
    assert error_of(e)[0] == "ResourceNotFoundException"


def test_updates_that_change_nothing_on_a_missing_item_write_no_record(server):
    ddb, streams, name, arn = setup(server)
    ddb.update_item(TableName=name, Key={"pk": {"S": "gone"}}, UpdateExpression="REMOVE x")
    ddb.update_item(TableName=name, Key={"pk": {"S": "gone"}}, AttributeUpdates={"x": {"Action": "DELETE"}})
    ddb.delete_item(TableName=name, Key={"pk": {"S": "gone"}})
    assert "Item" not in ddb.get_item(TableName=name, Key={"pk": {"S": "gone"}})
    ddb.update_item(TableName=name, Key={"pk": {"S": "bare"}})  # no actions at all: the key-only item is created
    assert ddb.get_item(TableName=name, Key={"pk": {"S": "bare"}})["Item"] == {"pk": {"S": "bare"}}
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]
    keys, _ = read_shard(streams, arn, shard["ShardId"])
    assert keys == ["bare"]

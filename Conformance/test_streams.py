"""DynamoDB Streams: StreamSpecification lifecycle, the Streams API on the same endpoint
(`DynamoDBStreams_20120810.*`, signed for `dynamodb`), records shaped as AWS's for each view
type, iterator expiry and 24-hour trimming on the simulated clock."""
import time

import pytest
from boto3.dynamodb.types import TypeDeserializer
from botocore.exceptions import ClientError

import clock
from conftest import ACCOUNT, REGION, create_table, error_of, unique
from signing import signed

KEY = {"pk": {"S": "k1"}, "sk": {"S": "a"}}


def streams_client(server):
    return server.client("dynamodbstreams")


def stream_table(ddb, view_type, name=None, **kw):
    name = name or unique("st")
    desc = create_table(ddb, name, range_key=("sk", "S"),
                        StreamSpecification={"StreamEnabled": True, "StreamViewType": view_type}, **kw)["TableDescription"]
    return name, desc["LatestStreamArn"]


def shard_of(streams, arn):
    return streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]


def read_all(streams, arn, iterator_type="TRIM_HORIZON", **kw):
    """Every record of every shard, parents before children (shards roll over with time)."""
    records = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType=iterator_type, **kw)["ShardIterator"]
        while it:
            r = streams.get_records(ShardIterator=it)
            records += r["Records"]
            if not r["Records"]:
                break
            it = r.get("NextShardIterator")
    return records


def plain(image):
    d = TypeDeserializer()
    return {k: d.deserialize(v) for k, v in image.items()}


def do_changes(ddb, name):
    """The alternator `do_updates_1` sequence (run against AWS): expected events in order."""
    events = []
    ddb.put_item(TableName=name, Item={**KEY, "x": {"N": "2"}})
    events.append(("INSERT", None, {"pk": "k1", "sk": "a", "x": 2}))
    ddb.put_item(TableName=name, Item={**KEY, "x": {"N": "2"}})  # same item again: no record
    ddb.put_item(TableName=name, Item={**KEY, "y": {"N": "3"}})
    events.append(("MODIFY", {"pk": "k1", "sk": "a", "x": 2}, {"pk": "k1", "sk": "a", "y": 3}))
    ddb.delete_item(TableName=name, Key=KEY)
    events.append(("REMOVE", {"pk": "k1", "sk": "a", "y": 3}, None))
    ddb.delete_item(TableName=name, Key=KEY)  # nothing to delete: no record
    ddb.update_item(TableName=name, Key=KEY, UpdateExpression="SET b = :v", ExpressionAttributeValues={":v": {"N": "4"}})
    events.append(("INSERT", None, {"pk": "k1", "sk": "a", "b": 4}))
    ddb.update_item(TableName=name, Key=KEY, UpdateExpression="SET x = :v", ExpressionAttributeValues={":v": {"N": "5"}})
    events.append(("MODIFY", {"pk": "k1", "sk": "a", "b": 4}, {"pk": "k1", "sk": "a", "b": 4, "x": 5}))
    ddb.batch_write_item(RequestItems={name: [{"PutRequest": {"Item": {**KEY, "x": {"N": "5"}}}}]})
    events.append(("MODIFY", {"pk": "k1", "sk": "a", "b": 4, "x": 5}, {"pk": "k1", "sk": "a", "x": 5}))
    return events


@pytest.mark.parametrize("view_type", ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"])
def test_records_in_order_with_the_view_types_images(server, view_type):
    ddb, streams = server.client(), streams_client(server)
    name, arn = stream_table(ddb, view_type)
    expected = do_changes(ddb, name)
    records = read_all(streams, arn)
    assert [r["eventName"] for r in records] == [e[0] for e in expected]
    seqs = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    for record, (event, old, new) in zip(records, expected):
        assert set(record) == {"eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb"}
        assert record["eventVersion"] == "1.1" and record["eventSource"] == "aws:dynamodb" and record["awsRegion"] == REGION
        assert len(record["eventID"]) == 32
        d = record["dynamodb"]
        assert d["Keys"] == KEY
        assert d["StreamViewType"] == view_type
        assert d["SequenceNumber"].isdecimal() and len(d["SequenceNumber"]) == 21
        assert isinstance(d["SizeBytes"], int) and d["SizeBytes"] > 0
        assert "ApproximateCreationDateTime" in d
        want_new = new if view_type in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES") else None
        want_old = old if view_type in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES") else None
        assert plain(d["NewImage"]) == want_new if want_new else "NewImage" not in d
        assert plain(d["OldImage"]) == want_old if want_old else "OldImage" not in d


def test_size_bytes_counts_keys_and_images(server):
    ddb, streams = server.client(), streams_client(server)
    name, arn = stream_table(ddb, "NEW_IMAGE")
    ddb.put_item(TableName=name, Item={"pk": {"S": "test"}, "sk": {"S": "x"}})
    # Keys (pk:test, sk:x = 6 + 3) and the same NewImage: 18 bytes.
    assert read_all(streams, arn)[0]["dynamodb"]["SizeBytes"] == 18


def test_create_table_stream_shapes(server):
    ddb, streams = server.client(), streams_client(server)
    name, arn = stream_table(ddb, "KEYS_ONLY")
    t = ddb.describe_table(TableName=name)["Table"]
    label = t["LatestStreamLabel"]
    assert arn == "arn:aws:dynamodb:%s:%s:table/%s/stream/%s" % (REGION, ACCOUNT, name, label)
    listed = streams.list_streams(TableName=name)["Streams"]
    assert listed == [{"StreamArn": arn, "TableName": name, "StreamLabel": label}]
    d = streams.describe_stream(StreamArn=arn)["StreamDescription"]
    assert list(d) == ["StreamArn", "StreamLabel", "StreamStatus", "StreamViewType", "CreationRequestDateTime", "TableName",
                       "KeySchema", "Shards"]
    assert d["StreamStatus"] == "ENABLED" and d["StreamViewType"] == "KEYS_ONLY" and d["TableName"] == name
    assert d["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]
    shard = d["Shards"][0]
    assert shard["ShardId"].startswith("shardId-") and len(shard["ShardId"]) <= 65
    assert list(shard["SequenceNumberRange"]) == ["StartingSequenceNumber"]
    assert shard["SequenceNumberRange"]["StartingSequenceNumber"].isdecimal()
    # Nothing after the only shard.
    assert streams.describe_stream(StreamArn=arn, ExclusiveStartShardId=shard["ShardId"])["StreamDescription"]["Shards"] == []


def test_iterator_types(server):
    ddb, streams = server.client(), streams_client(server)
    name, arn = stream_table(ddb, "KEYS_ONLY")
    shard = shard_of(streams, arn)
    latest = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="LATEST")["ShardIterator"]
    empty = streams.get_records(ShardIterator=latest)
    assert empty["Records"] == [] and "NextShardIterator" in empty
    for i in range(3):
        ddb.put_item(TableName=name, Item={"pk": {"S": "p%d" % i}, "sk": {"S": "s"}})
    got = streams.get_records(ShardIterator=latest)["Records"]
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for r in got] == ["p0", "p1", "p2"]
    seq = [r["dynamodb"]["SequenceNumber"] for r in got]
    at = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER",
                                    SequenceNumber=seq[1])["ShardIterator"]
    assert [r["dynamodb"]["SequenceNumber"] for r in streams.get_records(ShardIterator=at)["Records"]] == seq[1:]
    after = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="AFTER_SEQUENCE_NUMBER",
                                       SequenceNumber=seq[1])["ShardIterator"]
    assert [r["dynamodb"]["SequenceNumber"] for r in streams.get_records(ShardIterator=after)["Records"]] == seq[2:]
    start = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER",
                                       SequenceNumber=shard["SequenceNumberRange"]["StartingSequenceNumber"])["ShardIterator"]
    assert len(streams.get_records(ShardIterator=start)["Records"]) == 3
    # Limit pages through the shard.
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    first = streams.get_records(ShardIterator=it, Limit=2)
    second = streams.get_records(ShardIterator=first["NextShardIterator"], Limit=2)
    assert [r["dynamodb"]["SequenceNumber"] for r in first["Records"] + second["Records"]] == seq
    assert streams.get_records(ShardIterator=second["NextShardIterator"])["Records"] == []


def test_transactions_appear_once_per_item_and_no_op_writes_not_at_all(server):
    ddb, streams = server.client(), streams_client(server)
    name, arn = stream_table(ddb, "NEW_AND_OLD_IMAGES")
    ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": name, "Item": {"pk": {"S": "t1"}, "sk": {"S": "s"}}}},
        {"Put": {"TableName": name, "Item": {"pk": {"S": "t2"}, "sk": {"S": "s"}}}},
        {"Update": {"TableName": name, "Key": {"pk": {"S": "t3"}, "sk": {"S": "s"}}, "UpdateExpression": "SET v = :v",
                    "ExpressionAttributeValues": {":v": {"N": "1"}}}},
    ])
    # A failed condition and an update to the same value change nothing.
    with pytest.raises(ClientError):
        ddb.put_item(TableName=name, Item={"pk": {"S": "t1"}, "sk": {"S": "s"}}, ConditionExpression="attribute_not_exists(pk)")
    ddb.update_item(TableName=name, Key={"pk": {"S": "t3"}, "sk": {"S": "s"}}, UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": {"N": "1"}})
    records = read_all(streams, arn)
    assert [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"]) for r in records] == [("INSERT", "t1"), ("INSERT", "t2"), ("INSERT", "t3")]


def test_disable_and_reenable_gives_a_new_stream(server):
    ddb, streams = server.client(), streams_client(server)
    name, first = stream_table(ddb, "KEYS_ONLY")
    ddb.put_item(TableName=name, Item={"pk": {"S": "before"}, "sk": {"S": "s"}})
    ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": False})
    ddb.put_item(TableName=name, Item={"pk": {"S": "while-off"}, "sk": {"S": "s"}})
    d = streams.describe_stream(StreamArn=first)["StreamDescription"]
    assert d["StreamStatus"] == "DISABLED"
    assert "EndingSequenceNumber" in d["Shards"][0]["SequenceNumberRange"]
    # The closed shard is still readable, and its end has no next iterator.
    shard = d["Shards"][0]["ShardId"]
    it = streams.get_shard_iterator(StreamArn=first, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    r = streams.get_records(ShardIterator=it)
    assert [x["dynamodb"]["Keys"]["pk"]["S"] for x in r["Records"]] == ["before"]
    assert "NextShardIterator" not in r
    updated = ddb.update_table(TableName=name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    second = updated["TableDescription"]["LatestStreamArn"]
    assert second != first
    ddb.put_item(TableName=name, Item={"pk": {"S": "after"}, "sk": {"S": "s"}})
    assert [x["dynamodb"]["Keys"]["pk"]["S"] for x in read_all(streams, second)] == ["after"]
    listed = streams.list_streams(TableName=name)["Streams"]
    assert sorted(s["StreamArn"] for s in listed) == sorted([first, second])
    assert {streams.describe_stream(StreamArn=s["StreamArn"])["StreamDescription"]["StreamStatus"] for s in listed} == {"ENABLED", "DISABLED"}


def test_deleted_tables_stream_stays_readable_then_goes(fresh_server):
    server = fresh_server()
    ddb, streams = server.client(), streams_client(server)
    name, arn = stream_table(ddb, "NEW_AND_OLD_IMAGES")
    ddb.put_item(TableName=name, Item={"pk": {"S": "x"}, "sk": {"S": "s"}})
    ddb.delete_table(TableName=name)
    assert streams.describe_stream(StreamArn=arn)["StreamDescription"]["StreamStatus"] == "DISABLED"
    assert len(read_all(streams, arn)) == 1
    clock.advance(server, 86400 + 60)
    assert streams.list_streams(TableName=name)["Streams"] == []
    with pytest.raises(ClientError) as e:
        streams.describe_stream(StreamArn=arn)
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found: Stream: %s not found" % arn)


def test_iterator_expires_after_15_minutes(fresh_server):
    server = fresh_server()
    ddb, streams = server.client(), streams_client(server)
    name, arn = stream_table(ddb, "KEYS_ONLY")
    shard = shard_of(streams, arn)["ShardId"]
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    nxt = streams.get_records(ShardIterator=it)["NextShardIterator"]
    clock.advance(server, 14 * 60)
    nxt = streams.get_records(ShardIterator=nxt)["NextShardIterator"]  # still valid, and renews
    clock.advance(server, 16 * 60)
    with pytest.raises(ClientError) as e:
        streams.get_records(ShardIterator=nxt)
    assert error_of(e) == ("ExpiredIteratorException", "Shard iterator has expired")
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_records_older_than_24_hours_are_trimmed(fresh_server):
    server = fresh_server()
    ddb, streams = server.client(), streams_client(server)
    name, arn = stream_table(ddb, "KEYS_ONLY")
    shard = shard_of(streams, arn)
    ddb.put_item(TableName=name, Item={"pk": {"S": "old"}, "sk": {"S": "s"}})
    old_seq = read_all(streams, arn)[0]["dynamodb"]["SequenceNumber"]
    clock.advance(server, 12 * 3600)
    ddb.put_item(TableName=name, Item={"pk": {"S": "young"}, "sk": {"S": "s"}})
    clock.advance(server, 12 * 3600 - 300)
    horizon = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    clock.advance(server, 600)
    # Ten minutes later (the iterator has not expired) it points before a record that has
    # since aged out.
    with pytest.raises(ClientError) as e:
        streams.get_records(ShardIterator=horizon)
    assert error_of(e) == ("TrimmedDataAccessException", "The data you are trying to access has been trimmed")
    # So does a sequence number older than the trim point.
    with pytest.raises(ClientError) as e:
        streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER", SequenceNumber=old_seq)
    assert error_of(e) == ("TrimmedDataAccessException", "The data you are trying to access has been trimmed")
    # TRIM_HORIZON now starts at the oldest record still kept.
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for r in read_all(streams, arn)] == ["young"]


def test_ttl_deletions_carry_the_service_identity(fresh_server):
    server = fresh_server()
    ddb, streams = server.client(), streams_client(server)
    name, arn = stream_table(ddb, "OLD_IMAGE")
    ddb.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    now = int(clock.now(server)["epochSeconds"])
    ddb.put_item(TableName=name, Item={"pk": {"S": "ttl"}, "sk": {"S": "s"}, "exp": {"N": str(now + 60)}})
    ddb.delete_item(TableName=name, Key={"pk": {"S": "ttl"}, "sk": {"S": "s"}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "ttl"}, "sk": {"S": "s"}, "exp": {"N": str(now + 60)}})
    clock.advance(server, 120)
    deadline = time.time() + 15
    while time.time() < deadline and ddb.get_item(TableName=name, Key={"pk": {"S": "ttl"}, "sk": {"S": "s"}}).get("Item"):
        time.sleep(0.3)
    records = read_all(streams, arn)
    assert [r["eventName"] for r in records] == ["INSERT", "REMOVE", "INSERT", "REMOVE"]
    assert "userIdentity" not in records[1]
    # The Streams API's Identity shape (Lambda events spell its members principalId / type).
    assert records[3]["userIdentity"] == {"Type": "Service", "PrincipalId": "dynamodb.amazonaws.com"}
    assert plain(records[3]["dynamodb"]["OldImage"]) == {"pk": "ttl", "sk": "s", "exp": now + 60}


def test_list_streams_paging(server):
    ddb, streams = server.client(), streams_client(server)
    arns = sorted(stream_table(ddb, "KEYS_ONLY")[1] for _ in range(3))
    seen, start = [], None
    while True:
        kw = {"Limit": 1}
        if start:
            kw["ExclusiveStartStreamArn"] = start
        page = streams.list_streams(**kw)
        assert len(page["Streams"]) <= 1
        seen += [s["StreamArn"] for s in page["Streams"]]
        start = page.get("LastEvaluatedStreamArn")
        if not start:
            break
    assert seen == sorted(seen) and set(arns) <= set(seen)


def test_streams_api_validation_errors(server):
    ddb, streams = server.client(), streams_client(server)
    name, arn = stream_table(ddb, "KEYS_ONLY")
    shard = shard_of(streams, arn)["ShardId"]
    seq = shard_of(streams, arn)["SequenceNumberRange"]["StartingSequenceNumber"]
    cases = [
        (lambda: streams.list_streams(Limit=0),
         ("ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")),
        (lambda: streams.list_streams(Limit=101),
         ("ValidationException", "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")),
        (lambda: streams.describe_stream(StreamArn="sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf"),
         ("ValidationException", "Invalid StreamArn")),
        (lambda: streams.describe_stream(StreamArn="short"),
         ("ValidationException", "1 validation error detected: Value 'short' at 'streamArn' failed to satisfy constraint: Member must have length greater than or equal to 37")),
        (lambda: streams.describe_stream(StreamArn=arn + "9"),
         ("ResourceNotFoundException", "Requested resource not found: Stream: %s9 not found" % arn)),
        (lambda: streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="bulle"),
         ("ValidationException", "1 validation error detected: Value 'bulle' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]")),
        (lambda: streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AT_SEQUENCE_NUMBER"),
         ("ValidationException", "SequenceNumber is required when ShardIteratorType is AT_SEQUENCE_NUMBER")),
        (lambda: streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST", SequenceNumber=seq),
         ("ValidationException", "SequenceNumber must not be specified when ShardIteratorType is LATEST")),
        (lambda: streams.get_shard_iterator(StreamArn=arn, ShardId="shardId-00000000000000000000-ffffffff", ShardIteratorType="LATEST"),
         ("ResourceNotFoundException", "Requested resource not found: Shard: shardId-00000000000000000000-ffffffff not found")),
        (lambda: streams.get_records(ShardIterator="sdfsdfsgagaddafgagasgasgasdfasdfasdfasdfasdgasdasdgasdg"),
         ("ValidationException", "Invalid ShardIterator")),
    ]
    for call, expected in cases:
        with pytest.raises(ClientError) as e:
            call()
        assert error_of(e) == expected
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
    with pytest.raises(ClientError) as e:
        streams.get_records(ShardIterator=it, Limit=1001)
    assert error_of(e) == ("ValidationException", "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000")


def test_streams_errors_use_dynamodbs_namespace(server):
    r = signed(server, {"StreamArn": "arn:aws:dynamodb:us-east-1:123456789012:table/nope/stream/2020-01-01T00:00:00.000"},
               target="DynamoDBStreams_20120810.DescribeStream")
    assert r.status_code == 400
    assert r.json()["__type"] == "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
    r = signed(server, {}, target="DynamoDBStreams_20120810.NoSuchThing")
    assert r.json()["__type"] == "com.amazon.coral.service#UnknownOperationException"
    # Signed for another service: refused like any DynamoDB call.
    r = signed(server, {}, target="DynamoDBStreams_20120810.ListStreams", service="kinesis")
    assert r.status_code in (400, 403)


def test_cli_list_streams(fresh_server):
    server = fresh_server()
    ddb = server.client()
    name, arn = stream_table(ddb, "NEW_AND_OLD_IMAGES", name="cli-stream-table")
    rc, out, err = server.cli("dynamodbstreams", "list-streams", "--query", "Streams[].[StreamArn,TableName]", "--output", "text")
    assert rc == 0, err
    assert out == "%s\t%s" % (arn, name)

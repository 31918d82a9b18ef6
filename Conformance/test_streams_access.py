"""Authorization of streams, backups and restores with real IAM users: stream reads are
decided on the stream ARN (identity policies and the stream's own resource-based policy), so
table permissions alone do not let anyone read table data through the stream; restores need
the item permissions on the target table, as AWS documents."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, REGION, create_table, error_of, unique
from identity_helpers import make_user, user_arn

ITEM_ACTIONS = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem", "dynamodb:DescribeTable"]


def allow(actions, resources):
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": resources}]}


def denied(e, user, action, resource):
    code, message = error_of(e)
    assert code == "AccessDeniedException"
    assert message.startswith("User: %s is not authorized to perform: %s on resource: %s " % (user_arn(user), action, resource)), message


@pytest.fixture
def stream_table(server):
    ddb = server.client()
    name = unique("sa")
    desc = create_table(ddb, name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})["TableDescription"]
    ddb.put_item(TableName=name, Item={"pk": {"S": "secret"}, "card": {"S": "4111"}})
    arn = desc["LatestStreamArn"]
    shard = server.client("dynamodbstreams").describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    return name, arn, shard


def test_table_permissions_do_not_open_the_stream(server, stream_table):
    name, arn, shard = stream_table
    table = "arn:aws:dynamodb:%s:%s:table/%s" % (REGION, ACCOUNT, name)
    user, key = make_user(server, policy=allow(ITEM_ACTIONS, [table]))
    assert server.client(key=key).get_item(TableName=name, Key={"pk": {"S": "secret"}})["Item"]
    streams = server.client("dynamodbstreams", key=key)
    with pytest.raises(ClientError) as e:
        streams.describe_stream(StreamArn=arn)
    denied(e, user, "dynamodb:DescribeStream", arn)
    with pytest.raises(ClientError) as e:
        streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
    denied(e, user, "dynamodb:GetShardIterator", arn)
    # An iterator obtained by someone else is no way in either: GetRecords is decided on the
    # stream ARN the iterator names.
    iterator = server.client("dynamodbstreams").get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    with pytest.raises(ClientError) as e:
        streams.get_records(ShardIterator=iterator)
    denied(e, user, "dynamodb:GetRecords", arn)
    with pytest.raises(ClientError) as e:
        streams.list_streams()
    denied(e, user, "dynamodb:ListStreams", "*")


def test_stream_permissions_read_the_stream(server, stream_table):
    name, arn, shard = stream_table
    stream_arns = "arn:aws:dynamodb:%s:%s:table/%s/stream/*" % (REGION, ACCOUNT, name)
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords"], "Resource": stream_arns},
        {"Effect": "Allow", "Action": "dynamodb:ListStreams", "Resource": "*"}]}
    _, key = make_user(server, policy=policy)
    streams = server.client("dynamodbstreams", key=key)
    assert arn in [s["StreamArn"] for s in streams.list_streams(TableName=name)["Streams"]]
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    assert streams.get_records(ShardIterator=it)["Records"][0]["dynamodb"]["NewImage"]["card"] == {"S": "4111"}


def test_the_streams_resource_policy_applies(server, stream_table):
    name, arn, shard = stream_table
    reader_policy = allow(["dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords"], [arn])
    blocked, blocked_key = make_user(server, policy=reader_policy)
    granted, granted_key = make_user(server)  # no identity policy at all
    document = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": {"AWS": user_arn(blocked)}, "Action": "dynamodb:GetRecords", "Resource": arn},
        {"Effect": "Allow", "Principal": {"AWS": user_arn(granted)},
         "Action": ["dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords"], "Resource": arn}]}
    server.client().put_resource_policy(ResourceArn=arn, Policy=json.dumps(document))
    blocked_streams = server.client("dynamodbstreams", key=blocked_key)
    it = blocked_streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    with pytest.raises(ClientError) as e:
        blocked_streams.get_records(ShardIterator=it)
    denied(e, blocked, "dynamodb:GetRecords", arn)
    granted_streams = server.client("dynamodbstreams", key=granted_key)
    it = granted_streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    assert len(granted_streams.get_records(ShardIterator=it)["Records"]) == 1


def test_backup_and_restore_permissions(server):
    ddb = server.client()
    name = unique("ba")
    create_table(ddb, name)
    table = "arn:aws:dynamodb:%s:%s:table/%s" % (REGION, ACCOUNT, name)
    nobody, nobody_key = make_user(server)
    with pytest.raises(ClientError) as e:
        server.client(key=nobody_key).create_backup(TableName=name, BackupName="nope")
    denied(e, nobody, "dynamodb:CreateBackup", table)
    backup_arn = ddb.create_backup(TableName=name, BackupName="ok1")["BackupDetails"]["BackupArn"]
    # RestoreTableFromBackup alone is not enough: the target table's item permissions are needed.
    restorer, restorer_key = make_user(server, policy=allow(["dynamodb:RestoreTableFromBackup"], ["*"]))
    target = unique("ba-r")
    target_arn = "arn:aws:dynamodb:%s:%s:table/%s" % (REGION, ACCOUNT, target)
    with pytest.raises(ClientError) as e:
        server.client(key=restorer_key).restore_table_from_backup(TargetTableName=target, BackupArn=backup_arn)
    denied(e, restorer, "dynamodb:PutItem", target_arn)
    full = ["dynamodb:RestoreTableFromBackup", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:GetItem",
            "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchWriteItem"]
    _, full_key = make_user(server, policy=allow(full, ["*"]))
    server.client(key=full_key).restore_table_from_backup(TargetTableName=target, BackupArn=backup_arn)
    with pytest.raises(ClientError) as e:
        server.client(key=nobody_key).describe_backup(BackupArn=backup_arn)
    denied(e, nobody, "dynamodb:DescribeBackup", backup_arn)
    with pytest.raises(ClientError) as e:
        server.client(key=nobody_key).list_backups()
    denied(e, nobody, "dynamodb:ListBackups", "*")

"""On-demand backups: immutable snapshots (unaffected by later writes or the source's
deletion), restores with overrides, ListBackups filters and paging, AWS's shapes and errors."""
import datetime
import re

import pytest
from botocore.exceptions import ClientError

import clock
from conftest import ACCOUNT, REGION, create_table, error_of, unique

GSI = [{"IndexName": "by-color", "KeySchema": [{"AttributeName": "color", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["v"]}}]


def scan_keys(ddb, name):
    return sorted((i["pk"]["S"], i.get("v", {}).get("N")) for i in ddb.scan(TableName=name, ConsistentRead=True)["Items"])


def test_backup_mutate_restore_equals_the_snapshot(server):
    ddb = server.client()
    name = unique("bk")
    create_table(ddb, name, gsis=GSI, extra_defs=[("color", "S")], SSESpecification={"Enabled": True, "SSEType": "KMS"})
    for i in range(5):
        ddb.put_item(TableName=name, Item={"pk": {"S": "p%d" % i}, "v": {"N": str(i)}, "color": {"S": "red" if i % 2 else "blue"}})
    snapshot = scan_keys(ddb, name)
    created = ddb.create_backup(TableName=name, BackupName="nightly")["BackupDetails"]
    assert list(created) == ["BackupArn", "BackupName", "BackupSizeBytes", "BackupStatus", "BackupType", "BackupCreationDateTime"]
    assert created["BackupStatus"] == "CREATING" and created["BackupType"] == "USER" and created["BackupName"] == "nightly"
    assert re.fullmatch(r"arn:aws:dynamodb:%s:%s:table/%s/backup/\d{14}-[0-9a-f]{8}" % (REGION, ACCOUNT, re.escape(name)), created["BackupArn"])
    arn = created["BackupArn"]
    # Later writes do not reach the backup.
    ddb.delete_item(TableName=name, Key={"pk": {"S": "p0"}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "p1"}, "v": {"N": "100"}, "color": {"S": "red"}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "new"}, "v": {"N": "7"}, "color": {"S": "red"}})
    d = ddb.describe_backup(BackupArn=arn)["BackupDescription"]
    assert d["BackupDetails"]["BackupStatus"] == "AVAILABLE"
    src = d["SourceTableDetails"]
    assert src["TableName"] == name and src["ItemCount"] == 5 and src["BillingMode"] == "PAY_PER_REQUEST"
    assert src["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}]
    assert d["BackupDetails"]["BackupSizeBytes"] == src["TableSizeBytes"] > 0
    features = d["SourceTableFeatureDetails"]
    assert features["GlobalSecondaryIndexes"][0]["IndexName"] == "by-color"
    assert features["SSEDescription"]["SSEType"] == "KMS"
    target = unique("bk-r")
    r = ddb.restore_table_from_backup(TargetTableName=target, BackupArn=arn)["TableDescription"]
    assert r["TableStatus"] == "CREATING"
    assert r["RestoreSummary"]["SourceBackupArn"] == arn and r["RestoreSummary"]["RestoreInProgress"] is True
    assert r["RestoreSummary"]["SourceTableArn"] == "arn:aws:dynamodb:%s:%s:table/%s" % (REGION, ACCOUNT, name)
    assert r["RestoreSummary"]["RestoreDateTime"] == created["BackupCreationDateTime"]
    assert scan_keys(ddb, target) == snapshot
    t = ddb.describe_table(TableName=target)["Table"]
    assert t["ItemCount"] == 5 and t["SSEDescription"]["SSEType"] == "KMS"
    reds = ddb.query(TableName=target, IndexName="by-color", KeyConditionExpression="color = :c",
                     ExpressionAttributeValues={":c": {"S": "red"}})["Items"]
    assert sorted(i["pk"]["S"] for i in reds) == ["p1", "p3"]
    assert all(set(i) == {"pk", "color", "v"} for i in reds)


def test_backup_survives_deleting_the_source(server):
    ddb = server.client()
    name = unique("bk-src")
    create_table(ddb, name)
    ddb.put_item(TableName=name, Item={"pk": {"S": "keep"}, "v": {"N": "1"}})
    arn = ddb.create_backup(TableName=name, BackupName="before-delete")["BackupDetails"]["BackupArn"]
    ddb.delete_table(TableName=name)
    assert ddb.describe_backup(BackupArn=arn)["BackupDescription"]["SourceTableDetails"]["TableName"] == name
    # Restoring under the old name brings it back.
    ddb.restore_table_from_backup(TargetTableName=name, BackupArn=arn)
    assert scan_keys(ddb, name) == [("keep", "1")]


def test_restore_overrides(server):
    ddb = server.client()
    name = unique("bk-ov")
    create_table(ddb, name, range_key=("sk", "S"), gsis=GSI, extra_defs=[("color", "S")],
                 lsis=[{"IndexName": "by-sk2", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "color", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "ALL"}}])
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "color": {"S": "red"}})
    arn = ddb.create_backup(TableName=name, BackupName="ovr")["BackupDetails"]["BackupArn"]
    target = unique("bk-ov-r")
    kms = server.client("kms")
    mine = kms.create_key()["KeyMetadata"]
    kms.create_alias(AliasName="alias/mine", TargetKeyId=mine["KeyId"])
    ddb.restore_table_from_backup(TargetTableName=target, BackupArn=arn, BillingModeOverride="PROVISIONED",
                                  ProvisionedThroughputOverride={"ReadCapacityUnits": 2, "WriteCapacityUnits": 3},
                                  LocalSecondaryIndexOverride=[], SSESpecificationOverride={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": "alias/mine"})
    t = ddb.describe_table(TableName=target)["Table"]
    assert t["BillingModeSummary"]["BillingMode"] == "PROVISIONED"
    assert t["ProvisionedThroughput"]["ReadCapacityUnits"] == 2 and t["ProvisionedThroughput"]["WriteCapacityUnits"] == 3
    assert "LocalSecondaryIndexes" not in t
    assert t["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"] == 2
    assert t["SSEDescription"]["KMSMasterKeyArn"] == mine["Arn"]  # the alias resolved to its key, as DynamoDB does
    assert len(ddb.query(TableName=target, IndexName="by-color", KeyConditionExpression="color = :c",
                         ExpressionAttributeValues={":c": {"S": "red"}})["Items"]) == 1


def test_list_backups_filters_and_paging(fresh_server):
    server = fresh_server()
    ddb = server.client()
    create_table(ddb, "list-a")
    create_table(ddb, "list-b")
    arns, times = [], []
    for i in range(3):
        arns.append(ddb.create_backup(TableName="list-a", BackupName="a%02d" % i)["BackupDetails"]["BackupArn"])
        times.append(clock.now(server)["epochSeconds"])
        clock.advance(server, 100)
    b_arn = ddb.create_backup(TableName="list-b", BackupName="b00")["BackupDetails"]["BackupArn"]
    everything = ddb.list_backups()["BackupSummaries"]
    assert [s["BackupArn"] for s in everything] == arns + [b_arn]
    s = everything[0]
    assert list(s) == ["TableName", "TableId", "TableArn", "BackupArn", "BackupName", "BackupCreationDateTime", "BackupStatus",
                       "BackupType", "BackupSizeBytes"]
    assert s["BackupStatus"] == "AVAILABLE" and s["BackupType"] == "USER"
    assert [x["BackupArn"] for x in ddb.list_backups(TableName="list-a")["BackupSummaries"]] == arns
    assert [x["BackupArn"] for x in ddb.list_backups(TableName="arn:aws:dynamodb:%s:%s:table/list-b" % (REGION, ACCOUNT))["BackupSummaries"]] == [b_arn]
    window = ddb.list_backups(TimeRangeLowerBound=datetime.datetime.fromtimestamp(times[1] - 1, datetime.timezone.utc),
                              TimeRangeUpperBound=datetime.datetime.fromtimestamp(times[2] - 1, datetime.timezone.utc))["BackupSummaries"]
    assert [x["BackupArn"] for x in window] == [arns[1]]
    assert ddb.list_backups(BackupType="SYSTEM")["BackupSummaries"] == []
    assert len(ddb.list_backups(BackupType="ALL")["BackupSummaries"]) == 4
    page1 = ddb.list_backups(Limit=2)
    assert [x["BackupArn"] for x in page1["BackupSummaries"]] == arns[:2] and page1["LastEvaluatedBackupArn"] == arns[1]
    page2 = ddb.list_backups(Limit=2, ExclusiveStartBackupArn=page1["LastEvaluatedBackupArn"])
    assert [x["BackupArn"] for x in page2["BackupSummaries"]] == [arns[2], b_arn] and "LastEvaluatedBackupArn" not in page2
    # Deleting answers with the description, DELETED, then the backup is gone.
    deleted = ddb.delete_backup(BackupArn=arns[0])["BackupDescription"]
    assert deleted["BackupDetails"]["BackupStatus"] == "DELETED"
    with pytest.raises(ClientError) as e:
        ddb.delete_backup(BackupArn=arns[0])
    assert error_of(e) == ("BackupNotFoundException", "Backup not found: %s" % arns[0])
    assert len(ddb.list_backups()["BackupSummaries"]) == 3


def test_backup_errors(server):
    ddb = server.client()
    name = unique("bk-err")
    create_table(ddb, name)
    missing = "arn:aws:dynamodb:%s:%s:table/%s/backup/01700000000000-abcdef12" % (REGION, ACCOUNT, name)
    cases = [
        (lambda: ddb.create_backup(TableName=name + "-nope", BackupName="bk1"), ("TableNotFoundException", "Table not found: %s-nope" % name)),
        (lambda: ddb.create_backup(TableName=name, BackupName="b"),
         ("ValidationException", "1 validation error detected: Value 'b' at 'backupName' failed to satisfy constraint: Member must have length greater than or equal to 3")),
        (lambda: ddb.create_backup(TableName=name, BackupName="bad name"),
         ("ValidationException", "1 validation error detected: Value 'bad name' at 'backupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")),
        (lambda: ddb.create_backup(TableName=name),
         ("ValidationException", "1 validation error detected: Value null at 'backupName' failed to satisfy constraint: Member must not be null")),
        (lambda: ddb.describe_backup(BackupArn=missing), ("BackupNotFoundException", "Backup not found: %s" % missing)),
        (lambda: ddb.describe_backup(BackupArn="arn:too-short"),
         ("ValidationException", "1 validation error detected: Value 'arn:too-short' at 'backupArn' failed to satisfy constraint: Member must have length greater than or equal to 37")),
        (lambda: ddb.restore_table_from_backup(TargetTableName=unique("t"), BackupArn=missing), ("BackupNotFoundException", "Backup not found: %s" % missing)),
        (lambda: ddb.list_backups(BackupType="MINE"),
         ("ValidationException", "1 validation error detected: Value 'MINE' at 'backupType' failed to satisfy constraint: Member must satisfy enum value set: [USER, SYSTEM, AWS_BACKUP, ALL]")),
        (lambda: ddb.list_backups(Limit=101),
         ("ValidationException", "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")),
    ]
    for call, expected in cases:
        with pytest.raises(ClientError) as e:
            call()
        assert error_of(e) == expected
    arn = ddb.create_backup(TableName=name, BackupName="taken")["BackupDetails"]["BackupArn"]
    with pytest.raises(ClientError) as e:
        ddb.restore_table_from_backup(TargetTableName=name, BackupArn=arn)
    assert error_of(e) == ("TableAlreadyExistsException", "Table already exists: %s" % name)


def test_backups_streams_and_pitr_survive_a_restart(fresh_server):
    server = fresh_server()
    ddb = server.client()
    create_table(ddb, "durable", StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    ddb.update_continuous_backups(TableName="durable", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    ddb.put_item(TableName="durable", Item={"pk": {"S": "a"}})
    arn = ddb.create_backup(TableName="durable", BackupName="kept")["BackupDetails"]["BackupArn"]
    clock.advance(server, 60)
    ddb.put_item(TableName="durable", Item={"pk": {"S": "b"}})
    clock.advance(server, 400)
    server.restart()
    ddb = server.client()
    assert [b["BackupArn"] for b in ddb.list_backups()["BackupSummaries"]] == [arn]
    streams = server.client("dynamodbstreams")
    stream = ddb.describe_table(TableName="durable")["Table"]["LatestStreamArn"]
    shard = streams.describe_stream(StreamArn=stream)["StreamDescription"]["Shards"][0]["ShardId"]
    it = streams.get_shard_iterator(StreamArn=stream, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for r in streams.get_records(ShardIterator=it)["Records"]] == ["a", "b"]
    pitr = ddb.describe_continuous_backups(TableName="durable")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    ddb.restore_table_to_point_in_time(SourceTableName="durable", TargetTableName="durable-r",
                                       RestoreDateTime=pitr["LatestRestorableDateTime"].timestamp() - 120)
    assert scan_keys(ddb, "durable-r") == [("a", None)]

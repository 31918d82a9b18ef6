"""Point-in-time recovery that really goes back in time: items written, overwritten and
deleted over simulated time, restored to several seconds and compared item by item; the
recovery window (35 days, RecoveryPeriodInDays, the 5-minute lag) on the simulated clock;
what a restored table carries over; AWS's errors."""
import datetime

import pytest
from boto3.dynamodb.types import TypeDeserializer
from botocore.exceptions import ClientError

import clock
from conftest import ACCOUNT, REGION, create_table, error_of, unique

GSI = [{"IndexName": "by-color", "KeySchema": [{"AttributeName": "color", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "ALL"}}]
LSI = [{"IndexName": "by-rank", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "rank", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"}}]


def enable_pitr(ddb, name, **spec):
    return ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True, **spec})


def items_of(ddb, name):
    d = TypeDeserializer()
    out, kw = {}, {}
    while True:
        page = ddb.scan(TableName=name, ConsistentRead=True, **kw)
        for item in page["Items"]:
            plain = {k: d.deserialize(v) for k, v in item.items()}
            out[(plain["pk"], plain["sk"])] = plain
        if "LastEvaluatedKey" not in page:
            return out
        kw["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def item(pk, sk, **attrs):
    out = {"pk": {"S": pk}, "sk": {"S": sk}}
    for k, v in attrs.items():
        out[k] = {"N": str(v)} if isinstance(v, int) else {"S": v}
    return out


def second(server):
    return int(clock.now(server)["epochSeconds"])


def test_restore_to_three_seconds_gives_exactly_the_items_of_that_second(fresh_server):
    server = fresh_server()
    ddb = server.client()
    name = "pitr-src"
    create_table(ddb, name, range_key=("sk", "S"), gsis=GSI, lsis=LSI, extra_defs=[("color", "S"), ("rank", "N")])
    enable_pitr(ddb, name)
    clock.advance(server, 5)
    expected = {}

    def put(pk, sk, **attrs):
        ddb.put_item(TableName=name, Item=item(pk, sk, **attrs))
        expected[(pk, sk)] = {"pk": pk, "sk": sk, **attrs}

    def delete(pk, sk):
        ddb.delete_item(TableName=name, Key=item(pk, sk))
        expected.pop((pk, sk), None)

    # Step 1: three items.
    put("a", "1", color="red", rank=1, v=1)
    put("a", "2", color="blue", rank=2, v=1)
    put("b", "1", color="red", rank=3, v=1)
    clock.advance(server, 60)
    t1, state1 = second(server), dict(expected)
    # Step 2: overwrite one, delete one, create one, update one.
    put("a", "1", color="green", rank=1, v=2)
    delete("a", "2")
    put("c", "1", color="blue", rank=4, v=1)
    ddb.update_item(TableName=name, Key=item("b", "1"), UpdateExpression="SET v = v + :one", ExpressionAttributeValues={":one": {"N": "1"}})
    expected[("b", "1")] = dict(expected[("b", "1")], v=2)
    clock.advance(server, 60)
    t2, state2 = second(server), dict(expected)
    # Step 3: delete everything but one, re-create the deleted item with new contents.
    delete("a", "1")
    delete("b", "1")
    put("a", "2", color="red", rank=9, v=3)
    clock.advance(server, 60)
    t3, state3 = second(server), dict(expected)
    # Step 4 (after the last restore point): more changes that no restore may show.
    put("z", "9", color="red", rank=5, v=1)
    delete("c", "1")
    clock.advance(server, 400)  # past the 5-minute lag

    for i, (t, state) in enumerate([(t1, state1), (t2, state2), (t3, state3)]):
        target = "pitr-restored-%d" % i
        r = ddb.restore_table_to_point_in_time(SourceTableName=name, TargetTableName=target,
                                               RestoreDateTime=datetime.datetime.fromtimestamp(t, datetime.timezone.utc))
        desc = r["TableDescription"]
        assert desc["TableStatus"] == "CREATING"
        summary = desc["RestoreSummary"]
        assert list(summary) == ["SourceTableArn", "RestoreDateTime", "RestoreInProgress"]
        assert summary["SourceTableArn"] == "arn:aws:dynamodb:%s:%s:table/%s" % (REGION, ACCOUNT, name)
        assert summary["RestoreDateTime"].timestamp() == t and summary["RestoreInProgress"] is True
        assert items_of(ddb, target) == state, "restore to t%d" % (i + 1)
        t_desc = ddb.describe_table(TableName=target)["Table"]
        assert t_desc["TableStatus"] == "ACTIVE" and t_desc["RestoreSummary"]["RestoreInProgress"] is False
        assert t_desc["ItemCount"] == len(state)
        # The indexes were rebuilt from the restored items.
        reds = ddb.query(TableName=target, IndexName="by-color", KeyConditionExpression="color = :c",
                         ExpressionAttributeValues={":c": {"S": "red"}})["Items"]
        assert sorted((x["pk"]["S"], x["sk"]["S"]) for x in reds) == sorted(k for k, v in state.items() if v["color"] == "red")
        ranked = ddb.query(TableName=target, IndexName="by-rank", KeyConditionExpression="pk = :p AND #r >= :r",
                           ExpressionAttributeNames={"#r": "rank"}, ExpressionAttributeValues={":p": {"S": "a"}, ":r": {"N": "0"}})["Items"]
        assert [x["sk"]["S"] for x in ranked] == [k[1] for k, v in sorted(state.items(), key=lambda kv: kv[1]["rank"]) if k[0] == "a"]
    # The source is untouched.
    assert items_of(ddb, name) == expected


def test_latest_restorable_time_lags_five_minutes(fresh_server):
    server = fresh_server()
    ddb = server.client()
    name = "pitr-lag"
    create_table(ddb, name, range_key=("sk", "S"))
    enabled = enable_pitr(ddb, name)["ContinuousBackupsDescription"]
    assert enabled["ContinuousBackupsStatus"] == "ENABLED"
    pitr = enabled["PointInTimeRecoveryDescription"]
    assert pitr["PointInTimeRecoveryStatus"] == "ENABLED" and pitr["RecoveryPeriodInDays"] == 35
    assert pitr["EarliestRestorableDateTime"] == pitr["LatestRestorableDateTime"]
    ddb.put_item(TableName=name, Item=item("early", "1"))
    clock.advance(server, 1000)
    ddb.put_item(TableName=name, Item=item("late", "1"))  # inside the last five minutes
    now = second(server)
    d = ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert now - 301 <= d["LatestRestorableDateTime"].timestamp() <= now - 299
    ddb.restore_table_to_point_in_time(SourceTableName=name, TargetTableName="pitr-lag-latest", UseLatestRestorableTime=True)
    assert set(items_of(ddb, "pitr-lag-latest")) == {("early", "1")}
    # A time inside the last five minutes is not restorable yet.
    with pytest.raises(ClientError) as e:
        ddb.restore_table_to_point_in_time(SourceTableName=name, TargetTableName="pitr-lag-too-new", RestoreDateTime=now - 60)
    assert error_of(e) == ("InvalidRestoreTimeException",
                           "Invalid restore time specified. RestoreDateTime must be between EarliestRestorableDateTime and LatestRestorableDateTime.")
    # Nor is one before PITR was enabled.
    with pytest.raises(ClientError) as e:
        ddb.restore_table_to_point_in_time(SourceTableName=name, TargetTableName="pitr-lag-too-old",
                                           RestoreDateTime=d["EarliestRestorableDateTime"].timestamp() - 10)
    assert error_of(e)[0] == "InvalidRestoreTimeException"


def test_recovery_window_over_35_days_and_a_shorter_period(fresh_server):
    server = fresh_server()
    ddb = server.client()
    create_table(ddb, "pitr-window", range_key=("sk", "S"))
    enable_pitr(ddb, "pitr-window")
    enabled_at = ddb.describe_continuous_backups(TableName="pitr-window")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["EarliestRestorableDateTime"]
    ddb.put_item(TableName="pitr-window", Item=item("day0", "1"))
    clock.advance(server, 10 * 86400)
    d = ddb.describe_continuous_backups(TableName="pitr-window")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert d["EarliestRestorableDateTime"] == enabled_at
    clock.advance(server, 30 * 86400)
    now = second(server)
    d = ddb.describe_continuous_backups(TableName="pitr-window")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert abs(d["EarliestRestorableDateTime"].timestamp() - (now - 35 * 86400)) <= 2
    # A restore 34 days back still works and shows the day-0 item.
    ddb.put_item(TableName="pitr-window", Item=item("day40", "1"))
    ddb.restore_table_to_point_in_time(SourceTableName="pitr-window", TargetTableName="pitr-window-34d", RestoreDateTime=now - 34 * 86400)
    assert set(items_of(ddb, "pitr-window-34d")) == {("day0", "1")}
    with pytest.raises(ClientError) as e:
        ddb.restore_table_to_point_in_time(SourceTableName="pitr-window", TargetTableName="pitr-window-36d", RestoreDateTime=now - 36 * 86400)
    assert error_of(e)[0] == "InvalidRestoreTimeException"
    # A 7-day recovery period narrows the window at once.
    r = enable_pitr(ddb, "pitr-window", RecoveryPeriodInDays=7)["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert r["RecoveryPeriodInDays"] == 7
    assert abs(r["EarliestRestorableDateTime"].timestamp() - (now - 7 * 86400)) <= 2
    with pytest.raises(ClientError) as e:
        ddb.restore_table_to_point_in_time(SourceTableName="pitr-window", TargetTableName="pitr-window-8d", RestoreDateTime=now - 8 * 86400)
    assert error_of(e)[0] == "InvalidRestoreTimeException"


def test_disable_makes_pitr_unavailable_and_reenable_resets_the_window(fresh_server):
    server = fresh_server()
    ddb = server.client()
    create_table(ddb, "pitr-toggle", range_key=("sk", "S"))
    d = ddb.describe_continuous_backups(TableName="pitr-toggle")["ContinuousBackupsDescription"]
    assert d == {"ContinuousBackupsStatus": "ENABLED", "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "DISABLED"}}
    with pytest.raises(ClientError) as e:
        ddb.restore_table_to_point_in_time(SourceTableName="pitr-toggle", TargetTableName="pitr-toggle-r", UseLatestRestorableTime=True)
    assert error_of(e) == ("PointInTimeRecoveryUnavailableException", "Point in time recovery is not enabled for table 'pitr-toggle'")
    enable_pitr(ddb, "pitr-toggle")
    clock.advance(server, 3600)
    off = ddb.update_continuous_backups(TableName="pitr-toggle", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False})
    assert off["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"] == {"PointInTimeRecoveryStatus": "DISABLED"}
    with pytest.raises(ClientError) as e:
        ddb.restore_table_to_point_in_time(SourceTableName="pitr-toggle", TargetTableName="pitr-toggle-r", UseLatestRestorableTime=True)
    assert error_of(e)[0] == "PointInTimeRecoveryUnavailableException"
    clock.advance(server, 60)
    now = second(server)
    again = enable_pitr(ddb, "pitr-toggle")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert abs(again["EarliestRestorableDateTime"].timestamp() - now) <= 2


def test_restore_by_arn_with_overrides_and_what_is_not_carried_over(fresh_server):
    server = fresh_server()
    ddb = server.client()
    name = "pitr-full"
    create_table(ddb, name, range_key=("sk", "S"), gsis=GSI, extra_defs=[("color", "S")],
                 StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"},
                 Tags=[{"Key": "team", "Value": "x"}], DeletionProtectionEnabled=True)
    ddb.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    enable_pitr(ddb, name)
    ddb.put_item(TableName=name, Item=item("a", "1", color="red"))
    clock.advance(server, 400)
    arn = "arn:aws:dynamodb:%s:%s:table/%s" % (REGION, ACCOUNT, name)
    r = ddb.restore_table_to_point_in_time(SourceTableArn=arn, TargetTableName="pitr-full-r", UseLatestRestorableTime=True,
                                           BillingModeOverride="PROVISIONED",
                                           ProvisionedThroughputOverride={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4},
                                           GlobalSecondaryIndexOverride=[])
    t = ddb.describe_table(TableName="pitr-full-r")["Table"]
    assert t["ProvisionedThroughput"]["ReadCapacityUnits"] == 3 and t["ProvisionedThroughput"]["WriteCapacityUnits"] == 4
    assert "GlobalSecondaryIndexes" not in t
    assert t["AttributeDefinitions"] == [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}]
    assert "StreamSpecification" not in t and "LatestStreamArn" not in t
    assert t["DeletionProtectionEnabled"] is False
    assert ddb.describe_time_to_live(TableName="pitr-full-r")["TimeToLiveDescription"] == {"TimeToLiveStatus": "DISABLED"}
    assert ddb.list_tags_of_resource(ResourceArn=t["TableArn"])["Tags"] == []
    assert ddb.describe_continuous_backups(TableName="pitr-full-r")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"] == \
        {"PointInTimeRecoveryStatus": "DISABLED"}
    assert items_of(ddb, "pitr-full-r") == {("a", "1"): {"pk": "a", "sk": "1", "color": "red"}}
    assert r["TableDescription"]["RestoreSummary"]["SourceTableArn"] == arn


def test_restore_errors(server):
    ddb = server.client()
    name = unique("pitr-err")
    create_table(ddb, name, range_key=("sk", "S"))
    enable_pitr(ddb, name)
    other = unique("pitr-taken")
    create_table(ddb, other)
    cases = [
        (dict(SourceTableName=name + "-nope", TargetTableName=unique("t"), UseLatestRestorableTime=True),
         ("TableNotFoundException", "Table not found: %s-nope" % name)),
        (dict(SourceTableName=name, TargetTableName=other, UseLatestRestorableTime=True),
         ("TableAlreadyExistsException", "Table already exists: %s" % other)),
        (dict(SourceTableName=name, TargetTableName="x", UseLatestRestorableTime=True),
         ("ValidationException", "1 validation error detected: Value 'x' at 'targetTableName' failed to satisfy constraint: Member must have length greater than or equal to 3")),
        (dict(SourceTableName=name, TargetTableName=unique("t"), BillingModeOverride="FREE", UseLatestRestorableTime=True),
         ("ValidationException", "1 validation error detected: Value 'FREE' at 'billingModeOverride' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]")),
        (dict(SourceTableName=name, TargetTableName=unique("t"), BillingModeOverride="PROVISIONED", UseLatestRestorableTime=True),
         ("ValidationException", "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")),
    ]
    for kw, expected in cases:
        with pytest.raises(ClientError) as e:
            ddb.restore_table_to_point_in_time(**kw)
        assert error_of(e) == expected, kw
    with pytest.raises(ClientError) as e:
        ddb.describe_continuous_backups(TableName=name + "-nope")
    assert error_of(e) == ("TableNotFoundException", "Table not found: %s-nope" % name)
    with pytest.raises(ClientError) as e:
        ddb.update_continuous_backups(TableName=name + "-nope", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    assert error_of(e) == ("TableNotFoundException", "Table not found: %s-nope" % name)
    with pytest.raises(ClientError) as e:
        enable_pitr(ddb, name, RecoveryPeriodInDays=36)
    assert error_of(e) == ("ValidationException", "1 validation error detected: Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 35")
    with pytest.raises(ClientError) as e:
        enable_pitr(ddb, name, RecoveryPeriodInDays=0)
    assert error_of(e) == ("ValidationException", "1 validation error detected: Value '0' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 1")
    with pytest.raises(ClientError) as e:
        ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={})
    assert error_of(e) == ("ValidationException", "1 validation error detected: Value null at 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled' failed to satisfy constraint: Member must not be null")
    with pytest.raises(ClientError) as e:
        ddb.update_continuous_backups(TableName=name)
    assert error_of(e) == ("ValidationException", "1 validation error detected: Value null at 'pointInTimeRecoverySpecification' failed to satisfy constraint: Member must not be null")


def test_system_backup_after_deleting_a_pitr_table(fresh_server):
    server = fresh_server()
    ddb = server.client()
    create_table(ddb, "pitr-doomed", range_key=("sk", "S"), gsis=GSI, extra_defs=[("color", "S")])
    create_table(ddb, "no-pitr-doomed")
    enable_pitr(ddb, "pitr-doomed")
    ddb.put_item(TableName="pitr-doomed", Item=item("a", "1", color="red"))
    ddb.put_item(TableName="pitr-doomed", Item=item("b", "1", color="blue"))
    ddb.delete_table(TableName="pitr-doomed")
    ddb.delete_table(TableName="no-pitr-doomed")
    assert ddb.list_backups()["BackupSummaries"] == []  # USER is the default type
    system = ddb.list_backups(BackupType="SYSTEM")["BackupSummaries"]
    assert len(system) == 1
    b = system[0]
    assert b["BackupName"] == "pitr-doomed$DeletedTableBackup" and b["BackupType"] == "SYSTEM" and b["TableName"] == "pitr-doomed"
    assert b["BackupArn"].startswith("arn:aws:dynamodb:%s:%s:table/pitr-doomed/backup/" % (REGION, ACCOUNT))
    assert round((b["BackupExpiryDateTime"] - b["BackupCreationDateTime"]).total_seconds()) == 35 * 86400
    assert ddb.list_backups(BackupType="ALL", TableName="pitr-doomed")["BackupSummaries"] == system
    ddb.restore_table_from_backup(TargetTableName="pitr-doomed", BackupArn=b["BackupArn"])
    assert set(items_of(ddb, "pitr-doomed")) == {("a", "1"), ("b", "1")}
    assert len(ddb.query(TableName="pitr-doomed", IndexName="by-color", KeyConditionExpression="color = :c",
                         ExpressionAttributeValues={":c": {"S": "red"}})["Items"]) == 1
    # System backups expire after 35 days.
    clock.advance(server, 35 * 86400 + 60)
    assert ddb.list_backups(BackupType="SYSTEM")["BackupSummaries"] == []
    with pytest.raises(ClientError) as e:
        ddb.describe_backup(BackupArn=b["BackupArn"])
    assert error_of(e) == ("BackupNotFoundException", "Backup not found: %s" % b["BackupArn"])

"""Multi-attribute keys of global secondary indexes (DynamoDB, November 2025): a GSI partition
key and sort key of up to four attributes each, queried with equality on every partition
attribute and left-to-right conditions on the sort attributes
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html)."""
import json

import pytest
from botocore.exceptions import ClientError

import clock
from conftest import create_table, error_of, unique

DEFS = [("tournament", "S"), ("area", "S"), ("round", "S"), ("slot", "N"), ("bracket", "S")]
GSI = {
    "IndexName": "by-tournament",
    "KeySchema": [
        {"AttributeName": "tournament", "KeyType": "HASH"},
        {"AttributeName": "area", "KeyType": "HASH"},
        {"AttributeName": "round", "KeyType": "RANGE"},
        {"AttributeName": "slot", "KeyType": "RANGE"},
        {"AttributeName": "bracket", "KeyType": "RANGE"},
    ],
    "Projection": {"ProjectionType": "ALL"},
}


def match(pk, tournament="W24", region="NA", round_=None, number=None, bracket=None, **extra):
    item = {"pk": {"S": pk}, "tournament": {"S": tournament}, "area": {"S": region}}
    if round_ is not None:
        item["round"] = {"S": round_}
    if number is not None:
        item["slot"] = {"N": str(number)}
    if bracket is not None:
        item["bracket"] = {"S": bracket}
    for k, v in extra.items():
        item[k] = {"S": v}
    return item


@pytest.fixture
def matches(ddb, table_name):
    create_table(ddb, table_name, extra_defs=DEFS, gsis=[GSI])
    rows = [
        match("m1", round_="QF", number=1, bracket="upper"),
        match("m2", round_="QF", number=2, bracket="lower"),
        match("m3", round_="QF", number=10, bracket="upper"),
        match("m4", round_="SF", number=1, bracket="upper"),
        match("m5", round_="SF", number=2, bracket="upper\u0000x"),
        match("m6", round_="F", number=1, bracket="grand"),
        match("m7", region="EU", round_="QF", number=1, bracket="upper"),
        match("m8", round_="QF", number=3),                 # no bracket: not in the index
        match("m9", round_="QF", bracket="upper"),          # no match number: not in the index
        match("m10", tournament="S25", round_="QF", number=1, bracket="upper"),
    ]
    for row in rows:
        ddb.put_item(TableName=table_name, Item=row)
    return table_name


def q(ddb, name, cond, values, **kw):
    vals = {k: v for k, v in {":t": {"S": "W24"}, ":r": {"S": "NA"}}.items() if k in cond}
    vals.update(values)
    return ddb.query(TableName=name, IndexName="by-tournament", KeyConditionExpression=cond,
                     ExpressionAttributeValues=vals, **kw)


def pks(out):
    return [i["pk"]["S"] for i in out["Items"]]


def test_describe_table_keeps_the_key_schema_in_order(ddb, matches):
    gsi = ddb.describe_table(TableName=matches)["Table"]["GlobalSecondaryIndexes"][0]
    assert gsi["KeySchema"] == GSI["KeySchema"]
    assert gsi["ItemCount"] == 8  # m8 and m9 lack a key attribute


@pytest.mark.parametrize("cond, values, expected", [
    ("tournament = :t AND area = :r", {}, ["m6", "m1", "m2", "m3", "m4", "m5"]),
    ("area = :r AND tournament = :t AND round = :a", {":a": {"S": "QF"}}, ["m1", "m2", "m3"]),
    ("tournament = :t AND area = :r AND round = :a AND slot = :n", {":a": {"S": "QF"}, ":n": {"N": "1"}}, ["m1"]),
    ("tournament = :t AND area = :r AND round = :a AND slot > :n", {":a": {"S": "QF"}, ":n": {"N": "1"}}, ["m2", "m3"]),
    ("tournament = :t AND area = :r AND round = :a AND slot <= :n", {":a": {"S": "QF"}, ":n": {"N": "2"}}, ["m1", "m2"]),
    ("tournament = :t AND area = :r AND round = :a AND slot BETWEEN :n AND :o",
     {":a": {"S": "QF"}, ":n": {"N": "2"}, ":o": {"N": "10"}}, ["m2", "m3"]),
    ("tournament = :t AND area = :r AND round = :a AND slot = :n AND begins_with(bracket, :b)",
     {":a": {"S": "SF"}, ":n": {"N": "2"}, ":b": {"S": "upper"}}, ["m5"]),
    ("tournament = :t AND area = :r AND round < :a", {":a": {"S": "QF"}}, ["m6"]),
    ("tournament = :t AND area = :r AND round >= :a", {":a": {"S": "QF"}}, ["m1", "m2", "m3", "m4", "m5"]),
    ("tournament = :t AND area = :r AND begins_with(round, :a)", {":a": {"S": "S"}}, ["m4", "m5"]),
])
def test_key_conditions_left_to_right(ddb, matches, cond, values, expected):
    out = q(ddb, matches, cond, values)
    # Sort order is round, then match (numeric), then bracket.
    assert sks_sorted(out) == expected
    assert out["Count"] == len(expected)


def sks_sorted(out):
    return pks(out)


def test_descending_order(ddb, matches):
    out = q(ddb, matches, "tournament = :t AND area = :r AND round = :a", {":a": {"S": "QF"}}, ScanIndexForward=False)
    assert pks(out) == ["m3", "m2", "m1"]


@pytest.mark.parametrize("cond, values, message", [
    ("tournament = :t", {}, "Query condition missed key schema element: area"),
    ("tournament = :t AND area > :r", {}, "Query key condition not supported"),
    ("tournament = :t AND area = :r AND slot = :n", {":n": {"N": "1"}},
     "RANGE key attributes round must have equality conditions specified in the query because a condition is present on key attribute slot"),
    ("tournament = :t AND area = :r AND round > :a AND slot = :n", {":a": {"S": "QF"}, ":n": {"N": "1"}},
     "RANGE key attributes round must have equality conditions specified in the query because a condition is present on key attribute slot"),
    ("tournament = :t AND area = :r AND round = :a AND bracket = :a", {":a": {"S": "QF"}},
     "RANGE key attributes slot must have equality conditions specified in the query because a condition is present on key attribute bracket"),
    ("tournament = :t AND area = :r AND round = :n", {":n": {"N": "1"}},
     "One or more parameter values were invalid: Condition parameter type does not match schema type"),
    ("tournament = :t AND area = :r AND extra = :t", {}, "Query condition missed key schema element: round"),
])
def test_key_condition_refusals(ddb, matches, cond, values, message):
    with pytest.raises(ClientError) as e:
        q(ddb, matches, cond, values)
    assert error_of(e) == ("ValidationException", message)


def test_legacy_key_conditions(ddb, matches):
    out = ddb.query(TableName=matches, IndexName="by-tournament", KeyConditions={
        "tournament": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "W24"}]},
        "area": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "NA"}]},
        "round": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "QF"}]},
        "slot": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "1"}]},
    })
    assert pks(out) == ["m2", "m3"]
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=matches, IndexName="by-tournament", KeyConditions={
            "tournament": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "W24"}]},
            "area": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "NA"}]},
            "slot": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "1"}]},
        })
    assert error_of(e) == ("ValidationException",
                           "RANGE key attributes round must have equality conditions specified in the query because a condition is present on key attribute slot")


def test_paging_with_a_composite_last_evaluated_key(ddb, matches):
    seen, start, pages = [], None, 0
    while True:
        kw = {"Limit": 2}
        if start:
            kw["ExclusiveStartKey"] = start
        out = q(ddb, matches, "tournament = :t AND area = :r", {}, **kw)
        seen += pks(out)
        pages += 1
        start = out.get("LastEvaluatedKey")
        if not start:
            break
        assert set(start) == {"pk", "tournament", "area", "round", "slot", "bracket"}
    assert seen == ["m6", "m1", "m2", "m3", "m4", "m5"]
    assert pages == 4  # the last page is empty, as DynamoDB's is after a full page


def test_exclusive_start_key_outside_the_partition_or_predicate(ddb, matches):
    start = {"pk": {"S": "m7"}, "tournament": {"S": "W24"}, "area": {"S": "EU"}, "round": {"S": "QF"},
             "slot": {"N": "1"}, "bracket": {"S": "upper"}}
    with pytest.raises(ClientError) as e:
        q(ddb, matches, "tournament = :t AND area = :r", {}, ExclusiveStartKey=start)
    assert error_of(e) == ("ValidationException", "The provided starting key is outside query boundaries based on provided conditions")
    with pytest.raises(ClientError) as e:
        q(ddb, matches, "tournament = :t AND area = :r AND round = :a", {":a": {"S": "SF"}},
          ExclusiveStartKey={**start, "area": {"S": "NA"}})
    assert error_of(e) == ("ValidationException", "The provided starting key does not match the range key predicate")
    with pytest.raises(ClientError) as e:
        q(ddb, matches, "tournament = :t AND area = :r", {}, ExclusiveStartKey={"pk": {"S": "m1"}, "tournament": {"S": "W24"}})
    assert error_of(e) == ("ValidationException", "The provided starting key is invalid: The provided key element does not match the schema")


def test_scan_of_the_index_holds_only_complete_keys(ddb, matches):
    out = ddb.scan(TableName=matches, IndexName="by-tournament")
    assert sorted(pks(out)) == sorted(["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m10"])
    half = ddb.scan(TableName=matches, IndexName="by-tournament", Limit=3)
    rest = ddb.scan(TableName=matches, IndexName="by-tournament", ExclusiveStartKey=half["LastEvaluatedKey"])
    assert sorted(pks(half) + pks(rest)) == sorted(pks(out))


def test_updates_move_items_in_and_out_of_the_index(ddb, matches):
    ddb.update_item(TableName=matches, Key={"pk": {"S": "m8"}}, UpdateExpression="SET bracket = :b",
                    ExpressionAttributeValues={":b": {"S": "upper"}})
    ddb.update_item(TableName=matches, Key={"pk": {"S": "m1"}}, UpdateExpression="REMOVE area")
    out = q(ddb, matches, "tournament = :t AND area = :r AND round = :a", {":a": {"S": "QF"}})
    assert pks(out) == ["m2", "m8", "m3"]


def test_projections(ddb, table_name):
    keys_only = dict(GSI, IndexName="keys", Projection={"ProjectionType": "KEYS_ONLY"})
    include = dict(GSI, IndexName="incl", Projection={"ProjectionType": "INCLUDE", "NonKeyAttributes": ["note"]})
    create_table(ddb, table_name, extra_defs=DEFS, gsis=[keys_only, include])
    ddb.put_item(TableName=table_name, Item=match("m1", round_="QF", number=1, bracket="u", note="n", extra="o"))
    vals = {":t": {"S": "W24"}, ":r": {"S": "NA"}}
    k = ddb.query(TableName=table_name, IndexName="keys", KeyConditionExpression="tournament = :t AND area = :r",
                  ExpressionAttributeValues=vals)["Items"][0]
    assert set(k) == {"pk", "tournament", "area", "round", "slot", "bracket"}
    i = ddb.query(TableName=table_name, IndexName="incl", KeyConditionExpression="tournament = :t AND area = :r",
                  ExpressionAttributeValues=vals)["Items"][0]
    assert set(i) == {"pk", "tournament", "area", "round", "slot", "bracket", "note"}
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=table_name, IndexName="keys", KeyConditionExpression="tournament = :t AND area = :r",
                  ExpressionAttributeValues=vals, Select="ALL_ATTRIBUTES")
    assert error_of(e) == ("ValidationException", "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index keys because its projection type is not ALL")


def test_create_gsi_later_backfills(ddb, table_name):
    create_table(ddb, table_name)
    ddb.put_item(TableName=table_name, Item=match("a", round_="QF", number=1, bracket="u"))
    ddb.put_item(TableName=table_name, Item=match("b", round_="QF", number=2))  # no bracket
    ddb.put_item(TableName=table_name, Item=match("c", round_="QF", number=3, bracket="x" * 1030, note="y"))
    ddb.put_item(TableName=table_name, Item={**match("d", round_="QF", number=4), "bracket": {"N": "7"}})  # wrong type
    ddb.update_table(TableName=table_name,
                     AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in DEFS],
                     GlobalSecondaryIndexUpdates=[{"Create": GSI}])
    out = ddb.query(TableName=table_name, IndexName="by-tournament", KeyConditionExpression="tournament = :t AND area = :r",
                    ExpressionAttributeValues={":t": {"S": "W24"}, ":r": {"S": "NA"}})
    # "c": round + match + bracket exceed 1024 bytes together: an index key violation, left out.
    assert pks(out) == ["a"]


def test_index_key_size_limits_at_write(ddb, matches):
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=matches, Item=match("big", round_="r" * 600, number=1, bracket="b" * 500))
    assert error_of(e) == ("ValidationException", "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=matches, Item=match("big", tournament="t" * 1100, region="r" * 1000, round_="QF", number=1, bracket="b"))
    assert error_of(e) == ("ValidationException", "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")
    ddb.put_item(TableName=matches, Item=match("fits", round_="r" * 500, number=1, bracket="b" * 500))


@pytest.mark.parametrize("schema, message", [
    ([("a", "HASH"), ("b", "HASH"), ("c", "HASH"), ("d", "HASH"), ("e", "HASH")],
     "One or more parameter values were invalid: Number of HASH key attributes in the KeySchema (5) exceeds the limit of 4"),
    ([("a", "HASH"), ("b", "RANGE"), ("c", "RANGE"), ("d", "RANGE"), ("e", "RANGE"), ("f", "RANGE")],
     "One or more parameter values were invalid: Number of RANGE key attributes in the KeySchema (5) exceeds the limit of 4"),
    ([("a", "HASH"), ("b", "RANGE"), ("c", "HASH")], "Invalid KeySchema: A HASH KeySchemaElement cannot follow a RANGE KeySchemaElement"),
    ([("b", "RANGE"), ("a", "HASH")], "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
    ([("a", "HASH"), ("b", "RANGE"), ("a", "RANGE")], "One or more parameter values were invalid: Duplicate attribute name in the KeySchema: a"),
])
def test_create_table_validation(ddb, schema, message):
    names = sorted({n for n, _ in schema})
    with pytest.raises(ClientError) as e:
        create_table(ddb, unique(), extra_defs=[(n, "S") for n in names], gsis=[{
            "IndexName": "gsi", "KeySchema": [{"AttributeName": n, "KeyType": t} for n, t in schema],
            "Projection": {"ProjectionType": "ALL"}}])
    assert error_of(e) == ("ValidationException", message)


def test_tables_and_local_indexes_keep_two_key_elements(ddb):
    with pytest.raises(ClientError) as e:
        ddb.create_table(TableName=unique(), BillingMode="PAY_PER_REQUEST",
                         AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in "abc"],
                         KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "HASH"},
                                    {"AttributeName": "c", "KeyType": "RANGE"}])
    code, message = error_of(e)
    assert code == "ValidationException"
    assert message.endswith("at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2")


def test_streams_and_point_in_time_restore(fresh_server):
    server = fresh_server()
    ddb = server.client()
    name = unique("mk")
    create_table(ddb, name, extra_defs=DEFS, gsis=[GSI], StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    clock.advance(server, 2)
    ddb.put_item(TableName=name, Item=match("m1", round_="QF", number=1, bracket="u"))
    clock.advance(server, 600)
    restored = unique("mkr")
    ddb.restore_table_to_point_in_time(SourceTableName=name, TargetTableName=restored, UseLatestRestorableTime=True)
    gsi = ddb.describe_table(TableName=restored)["Table"]["GlobalSecondaryIndexes"][0]
    assert gsi["KeySchema"] == GSI["KeySchema"]
    out = ddb.query(TableName=restored, IndexName="by-tournament", KeyConditionExpression="tournament = :t AND area = :r",
                    ExpressionAttributeValues={":t": {"S": "W24"}, ":r": {"S": "NA"}})
    assert pks(out) == ["m1"]
    streams = server.client("dynamodbstreams")
    arn = ddb.describe_table(TableName=name)["Table"]["LatestStreamArn"]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    records = streams.get_records(ShardIterator=it)["Records"]
    assert [r["dynamodb"]["Keys"] for r in records] == [{"pk": {"S": "m1"}}]


def test_cli_creates_and_queries_a_multi_attribute_index(server, table_name):
    defs = " ".join("AttributeName=%s,AttributeType=%s" % d for d in [("pk", "S")] + DEFS)
    rc, out, err = server.cli("dynamodb", "create-table", "--table-name", table_name, "--billing-mode", "PAY_PER_REQUEST",
                              "--attribute-definitions", *defs.split(), "--key-schema", "AttributeName=pk,KeyType=HASH",
                              "--global-secondary-indexes", json.dumps([GSI]))
    assert rc == 0, err
    assert out["TableDescription"]["GlobalSecondaryIndexes"][0]["KeySchema"] == GSI["KeySchema"]
    server.cli("dynamodb", "put-item", "--table-name", table_name, "--item", json.dumps(match("m1", round_="QF", number=1, bracket="u")))
    rc, out, err = server.cli("dynamodb", "query", "--table-name", table_name, "--index-name", "by-tournament",
                              "--key-condition-expression", "tournament = :t AND area = :r AND round = :q",
                              "--expression-attribute-values", json.dumps({":t": {"S": "W24"}, ":r": {"S": "NA"}, ":q": {"S": "QF"}}))
    assert rc == 0, err
    assert [i["pk"]["S"] for i in out["Items"]] == ["m1"]

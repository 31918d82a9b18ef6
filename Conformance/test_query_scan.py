"""Query and Scan on tables, GSIs and LSIs: key conditions, order, paging, 1 MB pages,
Select COUNT, parallel scan segments, GSI backfill."""
import pytest
from botocore.exceptions import ClientError

from conftest import create_table, error_of


@pytest.fixture
def numbers(ddb, table_name):
    """Partition 'p' with sort keys -5..14 (N) plus two other partitions."""
    create_table(ddb, table_name, range_key=("sk", "N"))
    for i in range(-5, 15):
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "p"}, "sk": {"N": str(i)}, "v": {"N": str(i * 10)}})
    ddb.put_item(TableName=table_name, Item={"pk": {"S": "other"}, "sk": {"N": "1"}})
    ddb.put_item(TableName=table_name, Item={"pk": {"S": "p2"}, "sk": {"N": "1"}})
    return table_name


def sks(out):
    return [int(i["sk"]["N"]) for i in out["Items"]]


@pytest.mark.parametrize("cond, values, expected", [
    ("pk = :p", {}, list(range(-5, 15))),
    ("pk = :p AND sk = :a", {":a": {"N": "3"}}, [3]),
    ("pk = :p AND sk < :a", {":a": {"N": "-3"}}, [-5, -4]),
    ("pk = :p AND sk <= :a", {":a": {"N": "-3"}}, [-5, -4, -3]),
    ("pk = :p AND sk > :a", {":a": {"N": "12"}}, [13, 14]),
    ("pk = :p AND sk >= :a", {":a": {"N": "12"}}, [12, 13, 14]),
    ("pk = :p AND sk BETWEEN :a AND :b", {":a": {"N": "-1"}, ":b": {"N": "2"}}, [-1, 0, 1, 2]),
])
def test_key_condition_operators_on_numbers(ddb, numbers, cond, values, expected):
    out = ddb.query(TableName=numbers, KeyConditionExpression=cond, ExpressionAttributeValues={":p": {"S": "p"}, **values})
    assert sks(out) == expected
    assert out["Count"] == len(expected) == out["ScannedCount"]


def test_descending_order_and_count(ddb, numbers):
    out = ddb.query(TableName=numbers, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}, ScanIndexForward=False)
    assert sks(out) == list(range(14, -6, -1))
    out = ddb.query(TableName=numbers, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}, Select="COUNT")
    assert out["Count"] == 20 and "Items" not in out


def test_begins_with_on_strings(ddb, table_name):
    create_table(ddb, table_name, range_key=("sk", "S"))
    for s in ["a", "ab", "abc", "abd", "b", "\u00e9t\u00e9", "\u00e9z"]:
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "x"}, "sk": {"S": s}})
    out = ddb.query(TableName=table_name, KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
                    ExpressionAttributeValues={":p": {"S": "x"}, ":s": {"S": "ab"}})
    assert [i["sk"]["S"] for i in out["Items"]] == ["ab", "abc", "abd"]
    out = ddb.query(TableName=table_name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "x"}})
    assert [i["sk"]["S"] for i in out["Items"]] == ["a", "ab", "abc", "abd", "b", "\u00e9t\u00e9", "\u00e9z"]


def test_paging_through_three_pages_with_limit(ddb, numbers):
    seen, start, pages = [], None, 0
    while True:
        kwargs = dict(TableName=numbers, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}, Limit=7)
        if start:
            kwargs["ExclusiveStartKey"] = start
        out = ddb.query(**kwargs)
        pages += 1
        seen += sks(out)
        start = out.get("LastEvaluatedKey")
        if not start:
            break
    assert seen == list(range(-5, 15))
    assert pages == 3


def test_limit_counts_before_filter(ddb, numbers):
    out = ddb.query(TableName=numbers, KeyConditionExpression="pk = :p", FilterExpression="v > :z",
                    ExpressionAttributeValues={":p": {"S": "p"}, ":z": {"N": "0"}}, Limit=8)
    assert out["ScannedCount"] == 8 and sks(out) == [1, 2]
    assert out["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"N": "2"}}


def test_one_megabyte_pages(ddb, table_name):
    create_table(ddb, table_name, range_key=("sk", "N"))
    blob = "x" * 100_000
    for i in range(25):
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "big"}, "sk": {"N": str(i)}, "v": {"S": blob}})
    out = ddb.query(TableName=table_name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "big"}})
    assert out["Count"] < 25 and "LastEvaluatedKey" in out
    rest = ddb.query(TableName=table_name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "big"}},
                     ExclusiveStartKey=out["LastEvaluatedKey"])
    assert out["Count"] + rest["Count"] == 25 or "LastEvaluatedKey" in rest
    out = ddb.scan(TableName=table_name)
    assert out["Count"] < 25 and "LastEvaluatedKey" in out


@pytest.mark.parametrize("kwargs, message", [
    (dict(KeyConditionExpression="sk = :a", ExpressionAttributeValues={":a": {"N": "1"}}), "Query condition missed key schema element: pk"),
    (dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}, ":unused": {"S": "x"}}),
     "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"),
    (dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}, Select="SPECIFIC_ATTRIBUTES"),
     "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"),
    (dict(), "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."),
    (dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}, IndexName="nope"),
     "The table does not have the specified index: nope"),
])
def test_query_errors(ddb, numbers, kwargs, message):
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=numbers, **kwargs)
    assert error_of(e) == ("ValidationException", message)


def test_scan_paging_and_segments(ddb, numbers):
    seen, start, pages = [], None, 0
    while True:
        kwargs = dict(TableName=numbers, Limit=6)
        if start:
            kwargs["ExclusiveStartKey"] = start
        out = ddb.scan(**kwargs)
        pages += 1
        seen += [(i["pk"]["S"], int(i["sk"]["N"])) for i in out["Items"]]
        start = out.get("LastEvaluatedKey")
        if not start:
            break
    assert sorted(seen) == sorted([("p", i) for i in range(-5, 15)] + [("other", 1), ("p2", 1)])
    assert pages >= 3
    parts = []
    for seg in range(4):
        out = ddb.scan(TableName=numbers, Segment=seg, TotalSegments=4)
        parts += [(i["pk"]["S"], int(i["sk"]["N"])) for i in out["Items"]]
    assert sorted(parts) == sorted(seen)
    with pytest.raises(ClientError) as e:
        ddb.scan(TableName=numbers, Segment=4, TotalSegments=4)
    assert error_of(e) == ("ValidationException",
                           "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not less than TotalSegments: 4")


def test_gsi_and_lsi_queries(ddb, table_name):
    create_table(ddb, table_name, range_key=("sk", "S"), extra_defs=[("g", "S"), ("score", "N")],
                 gsis=[{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}, {"AttributeName": "score", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "KEYS_ONLY"}}],
                 lsis=[{"IndexName": "byScore", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "score", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "ALL"}}])
    for i, (g, score) in enumerate([("red", 3), ("blue", 1), ("red", 1), ("red", 2)]):
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "p"}, "sk": {"S": "s%d" % i}, "g": {"S": g}, "score": {"N": str(score)}, "extra": {"S": "e"}})
    ddb.put_item(TableName=table_name, Item={"pk": {"S": "p"}, "sk": {"S": "sparse"}})
    out = ddb.query(TableName=table_name, IndexName="byG", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "red"}})
    assert [i["score"]["N"] for i in out["Items"]] == ["1", "2", "3"]
    assert out["Items"][0] == {"pk": {"S": "p"}, "sk": {"S": "s2"}, "g": {"S": "red"}, "score": {"N": "1"}}
    out = ddb.query(TableName=table_name, IndexName="byScore", KeyConditionExpression="pk = :p AND score >= :s",
                    ExpressionAttributeValues={":p": {"S": "p"}, ":s": {"N": "2"}})
    assert [(i["sk"]["S"], i["extra"]["S"]) for i in out["Items"]] == [("s3", "e"), ("s0", "e")]
    assert ddb.scan(TableName=table_name, IndexName="byG")["Count"] == 4
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=table_name, IndexName="byG", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "red"}},
                  ConsistentRead=True)
    assert error_of(e) == ("ValidationException", "Consistent reads are not supported on global secondary indexes")
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "p"}, "sk": {"S": "bad"}, "g": {"N": "1"}})
    assert error_of(e) == ("ValidationException",
                           "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: byG")


def test_gsi_created_later_is_backfilled(ddb, table_name):
    create_table(ddb, table_name)
    for i in range(30):
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "k%d" % i}, "color": {"S": "red" if i % 3 == 0 else "blue"}})
    out = ddb.update_table(TableName=table_name, AttributeDefinitions=[{"AttributeName": "color", "AttributeType": "S"}],
                           GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "byColor", "KeySchema": [{"AttributeName": "color", "KeyType": "HASH"}],
                                                                    "Projection": {"ProjectionType": "ALL"}}}])
    gsi = out["TableDescription"]["GlobalSecondaryIndexes"][0]
    assert gsi["IndexStatus"] == "CREATING"
    out = ddb.query(TableName=table_name, IndexName="byColor", KeyConditionExpression="color = :c", ExpressionAttributeValues={":c": {"S": "red"}})
    assert out["Count"] == 10
    t = ddb.describe_table(TableName=table_name)["Table"]
    assert t["GlobalSecondaryIndexes"][0]["IndexStatus"] == "ACTIVE" and t["GlobalSecondaryIndexes"][0]["ItemCount"] == 30
    ddb.update_table(TableName=table_name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "byColor"}}])
    assert "GlobalSecondaryIndexes" not in ddb.describe_table(TableName=table_name)["Table"]

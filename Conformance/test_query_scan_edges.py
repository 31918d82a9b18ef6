"""Query and Scan at their edges: Select on every kind of index projection, parallel scans
with ExclusiveStartKey, 1 MB pages with and without Limit, Count and ScannedCount under
filters and Limit, and the ConsumedCapacity of reads and of batches."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import create_table, error_of

FULL = "full"


def refused(call):
    with pytest.raises(ClientError) as e:
        call()
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    code, message = error_of(e)
    assert code == "ValidationException", message
    return message


def by_sk(items):
    return sorted(items, key=lambda i: i["sk"]["S"])


# --- Select and projections on indexes -------------------------------------------------------

@pytest.fixture(scope="module")
def indexed(server):
    """Three items under partition "p" with GSIs and LSIs of each projection type."""
    ddb = server.client()
    name = "edges-indexed"
    gsi = lambda n, projection: {"IndexName": n, "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": projection}
    lsi = lambda n, projection: {"IndexName": n, "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "l", "KeyType": "RANGE"}],
                                 "Projection": projection}
    create_table(ddb, name, range_key=("sk", "S"), extra_defs=[("g", "S"), ("l", "S")],
                 gsis=[gsi("gkeys", {"ProjectionType": "KEYS_ONLY"}), gsi("gincl", {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["incl"]}),
                       gsi("gall", {"ProjectionType": "ALL"})],
                 lsis=[lsi("lkeys", {"ProjectionType": "KEYS_ONLY"}), lsi("lincl", {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["incl"]})])
    items = [{"pk": {"S": "p"}, "sk": {"S": "s%d" % i}, "g": {"S": "G"}, "l": {"S": "L%d" % i}, "incl": {"S": "i%d" % i},
              "zeta": {"S": "z%d" % i}, "filler": {"S": "f" * 100}} for i in range(3)]
    for item in items:
        ddb.put_item(TableName=name, Item=item)
    return name, items


def only(items, names):
    return [{k: v for k, v in item.items() if k in names} for item in items]


KEYS = {"pk", "sk"}
CASES = [
    # index, Select, ProjectionExpression, expected attributes (FULL: the whole item)
    ("gkeys", None, None, KEYS | {"g"}),
    ("gkeys", "ALL_PROJECTED_ATTRIBUTES", None, KEYS | {"g"}),
    ("gkeys", "SPECIFIC_ATTRIBUTES", "pk, g", {"pk", "g"}),
    ("gincl", None, None, KEYS | {"g", "incl"}),
    ("gincl", None, "incl", {"incl"}),
    ("gall", None, None, FULL),
    ("gall", "ALL_ATTRIBUTES", None, FULL),
    ("gall", "ALL_PROJECTED_ATTRIBUTES", None, FULL),
    ("gall", None, "zeta", {"zeta"}),
    # A local secondary index fetches from the table what it does not hold.
    ("lkeys", None, None, KEYS | {"l"}),
    ("lkeys", "ALL_PROJECTED_ATTRIBUTES", None, KEYS | {"l"}),
    ("lkeys", "ALL_ATTRIBUTES", None, FULL),
    ("lkeys", None, "zeta, l", {"zeta", "l"}),
    ("lincl", None, None, KEYS | {"l", "incl"}),
    ("lincl", "ALL_ATTRIBUTES", None, FULL),
    ("lincl", "SPECIFIC_ATTRIBUTES", "incl, filler", {"incl", "filler"}),
]


@pytest.mark.parametrize("index, select, projection, expected", CASES, ids=["%s-%s-%s" % c[:3] for c in CASES])
@pytest.mark.parametrize("operation", ["query", "scan"])
def test_select_on_each_projection_type(server, indexed, operation, index, select, projection, expected):
    ddb = server.client()
    name, items = indexed
    kwargs = dict(TableName=name, IndexName=index)
    if operation == "query":
        if index.startswith("g"):
            kwargs.update(KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "G"}})
        else:
            kwargs.update(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}})
    if select:
        kwargs["Select"] = select
    if projection:
        kwargs["ProjectionExpression"] = projection
    out = getattr(ddb, operation)(**kwargs)
    want = items if expected == FULL else only(items, expected)
    got = out["Items"]
    assert sorted(json.dumps(i, sort_keys=True) for i in got) == sorted(json.dumps(i, sort_keys=True) for i in want)
    assert out["Count"] == 3 == out["ScannedCount"]
    counted = getattr(ddb, operation)(**{**{k: v for k, v in kwargs.items() if k not in ("Select", "ProjectionExpression")}, "Select": "COUNT"})
    assert "Items" not in counted and counted["Count"] == 3


@pytest.mark.parametrize("operation", ["query", "scan"])
def test_global_indexes_give_only_what_they_project(server, indexed, operation):
    ddb = server.client()
    name, _ = indexed
    extra = dict(KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "G"}}) if operation == "query" else {}
    call = getattr(ddb, operation)
    for index in ["gkeys", "gincl"]:
        assert refused(lambda: call(TableName=name, IndexName=index, Select="ALL_ATTRIBUTES", **extra)) == \
            ("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index %s "
             "because its projection type is not ALL" % index)
    assert refused(lambda: call(TableName=name, IndexName="gkeys", ProjectionExpression="pk, zeta.a, incl, zeta.b", **extra)) == \
        "One or more parameter values were invalid: Global secondary index gkeys does not project [zeta, incl]"
    assert refused(lambda: call(TableName=name, IndexName="gincl", ProjectionExpression="incl, zeta.x", **extra)) == \
        "One or more parameter values were invalid: Global secondary index gincl does not project [zeta]"
    assert refused(lambda: call(TableName=name, IndexName="gkeys", ConsistentRead=True, **extra)) == \
        "Consistent reads are not supported on global secondary indexes"


@pytest.mark.parametrize("operation, prefix", [("query", "1 validation error detected: "), ("scan", "")])
def test_select_parameter_rules(server, indexed, operation, prefix):
    """Query's texts carry the validation envelope, Scan's do not (captured from the service)."""
    ddb = server.client()
    name, _ = indexed
    call = getattr(ddb, operation)
    base = dict(TableName=name)
    if operation == "query":
        base.update(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}})
    for select, words in [("ALL_ATTRIBUTES", "ALL_ATTRIBUTES"), ("ALL_PROJECTED_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"), ("COUNT", "only the Count")]:
        assert refused(lambda: call(IndexName="gall" if operation == "scan" else "lkeys", Select=select, ProjectionExpression="pk", **base)) == \
            prefix + "Cannot specify the ProjectionExpression when choosing to get " + words
        assert refused(lambda: call(Select=select, AttributesToGet=["pk"], **{k: v for k, v in base.items() if k != "ExpressionAttributeValues" and
                                                                               k != "KeyConditionExpression"},
                                    **({"KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}}}
                                       if operation == "query" else {}))) == \
            prefix + "Cannot specify the AttributesToGet when choosing to get " + words
    assert refused(lambda: call(Select="ALL_PROJECTED_ATTRIBUTES", **base)) == \
        prefix + "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
    assert refused(lambda: call(Select="SPECIFIC_ATTRIBUTES", **base)) == \
        prefix + "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES"
    assert refused(lambda: call(Select="count", **base)) == \
        ("1 validation error detected: Value 'count' at 'select' failed to satisfy constraint: Member must satisfy enum value set: "
         "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]")


def test_local_index_fetches_are_charged(ddb, table_name):
    """Reading a local secondary index costs its entries (4 KB units over their total);
    every item fetched from the table for attributes the index lacks costs the whole item,
    in its own 4 KB units."""
    create_table(ddb, table_name, range_key=("sk", "S"), extra_defs=[("l", "S")],
                 lsis=[{"IndexName": "lkeys", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "l", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "KEYS_ONLY"}}])
    for i in range(3):  # 10,000-byte items: 3 units of 4 KB each
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "p"}, "sk": {"S": "s%d" % i}, "l": {"S": "l%d" % i}, "v": {"S": "x" * (10000 - 11)}})
    q = dict(TableName=table_name, IndexName="lkeys", KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}},
             ReturnConsumedCapacity="INDEXES")
    out = ddb.query(Select="ALL_PROJECTED_ATTRIBUTES", ConsistentRead=True, **q)
    assert out["ConsumedCapacity"] == {"TableName": table_name, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 0.0},
                                       "LocalSecondaryIndexes": {"lkeys": {"CapacityUnits": 1.0}}}
    out = ddb.query(Select="ALL_ATTRIBUTES", ConsistentRead=True, **q)
    assert len(out["Items"][0]["v"]["S"]) == 10000 - 11
    assert out["ConsumedCapacity"] == {"TableName": table_name, "CapacityUnits": 10.0, "Table": {"CapacityUnits": 9.0},
                                       "LocalSecondaryIndexes": {"lkeys": {"CapacityUnits": 1.0}}}
    out = ddb.query(ProjectionExpression="v", **q)
    assert out["ConsumedCapacity"] == {"TableName": table_name, "CapacityUnits": 5.0, "Table": {"CapacityUnits": 4.5},
                                       "LocalSecondaryIndexes": {"lkeys": {"CapacityUnits": 0.5}}}


# --- parallel scan ---------------------------------------------------------------------------

def test_parallel_scan_segments(ddb, table_name):
    create_table(ddb, table_name, extra_defs=[("g", "S")],
                 gsis=[{"IndexName": "byg", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}])
    for i in range(60):
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "i%02d" % i}, "g": {"S": "g%d" % (i % 10)}})
    everything = ["i%02d" % i for i in range(60)]

    def segment(total, seg, index=None):
        seen, start, pages = [], None, []
        while True:
            kwargs = dict(TableName=table_name, Segment=seg, TotalSegments=total, Limit=4)
            if index:
                kwargs["IndexName"] = index
            if start:
                kwargs["ExclusiveStartKey"] = start
            out = ddb.scan(**kwargs)
            seen += [i["pk"]["S"] for i in out["Items"]]
            pages.append(out)
            start = out.get("LastEvaluatedKey")
            if not start:
                return seen, pages

    for index in [None, "byg"]:
        parts = [segment(4, s, index)[0] for s in range(4)]
        assert sorted(sum(parts, [])) == everything
        assert len(set(sum(parts, []))) == 60
        if index is None:
            assert all(parts)
    assert segment(1, 0)[0] and sorted(segment(1, 0)[0]) == everything
    # A segment's LastEvaluatedKey restarts that segment only.
    _, pages = segment(4, 0)
    start = pages[0]["LastEvaluatedKey"]
    assert refused(lambda: ddb.scan(TableName=table_name, Segment=1, TotalSegments=4, ExclusiveStartKey=start)) == \
        ("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. "
         "TotalSegments: 4 Segment: 1")
    seg = next(s for s in range(4) if len(segment(4, s, "byg")[1]) > 1)
    start = segment(4, seg, "byg")[1][0]["LastEvaluatedKey"]
    assert set(start) == {"pk", "g"}
    other = (seg + 1) % 4
    assert refused(lambda: ddb.scan(TableName=table_name, IndexName="byg", Segment=other, TotalSegments=4, ExclusiveStartKey=start)).endswith(
        "TotalSegments: 4 Segment: %d" % other)
    assert ddb.scan(TableName=table_name, Segment=0, TotalSegments=4, ExclusiveStartKey=segment(4, 0)[1][0]["LastEvaluatedKey"])["Count"] >= 0

    for kwargs, message in [
        (dict(Segment=0), "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"),
        (dict(TotalSegments=2), "The Segment parameter is required but was not present in the request when parameter TotalSegments is present"),
        (dict(Segment=2, TotalSegments=2),
         "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2"),
        (dict(Segment=0, TotalSegments=0),
         "1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value greater than or equal to 1"),
        (dict(Segment=0, TotalSegments=1000001),
         "1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000"),
        (dict(Segment=-1, TotalSegments=4),
         "1 validation error detected: Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0"),
    ]:
        assert refused(lambda: ddb.scan(TableName=table_name, **kwargs)) == message


# --- 1 MB pages, Limit, Count and ScannedCount -----------------------------------------------

@pytest.fixture
def megabyte(ddb, table_name):
    """25 items of exactly 100,000 bytes in one partition: a page ends with the item that
    brings the data read to 1 MB (1,048,576 bytes), the 11th."""
    create_table(ddb, table_name, range_key=("sk", "S"))
    for i in range(25):
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "big"}, "sk": {"S": "%02d" % i}, "v": {"S": "x" * (100000 - 10)}})
    return table_name


def pages(call, **kwargs):
    out, start = [], None
    while True:
        if start:
            kwargs["ExclusiveStartKey"] = start
        page = call(**kwargs)
        out.append(page)
        start = page.get("LastEvaluatedKey")
        if not start:
            return out


@pytest.mark.parametrize("operation", ["query", "scan"])
def test_one_megabyte_pages(ddb, megabyte, operation):
    call = getattr(ddb, operation)
    base = dict(TableName=megabyte, ReturnConsumedCapacity="TOTAL")
    if operation == "query":
        base.update(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "big"}})
    got = pages(call, **base)
    assert [p["Count"] for p in got] == [11, 11, 3]
    assert [p["ScannedCount"] for p in got] == [11, 11, 3]
    assert got[0]["LastEvaluatedKey"] == {"pk": {"S": "big"}, "sk": {"S": "10"}}
    assert [i["sk"]["S"] for p in got for i in p["Items"]] == ["%02d" % i for i in range(25)]
    # 11 × 100,000 bytes read = 269 units of 4 KB, halved for an eventually consistent read.
    assert got[0]["ConsumedCapacity"] == {"TableName": megabyte, "CapacityUnits": 134.5}
    # Limit below the 1 MB mark decides the page; above it, the 1 MB does.
    # A page that reaches Limit carries a LastEvaluatedKey even at the end (then one empty page).
    assert [p["Count"] for p in pages(call, Limit=5, **base)] == [5, 5, 5, 5, 5, 0]
    assert [p["Count"] for p in pages(call, Limit=20, **base)] == [11, 11, 3]
    # A filter reads the same data: the page is as long, whatever it keeps.
    filtered = pages(call, FilterExpression="sk = :none" if operation == "scan" else "v = :none",
                     **{**base, "ExpressionAttributeValues": {**base.get("ExpressionAttributeValues", {}), ":none": {"S": "no"}}})
    assert [(p["Count"], p["ScannedCount"]) for p in filtered] == [(0, 11), (0, 11), (0, 3)]
    assert filtered[0]["LastEvaluatedKey"] == {"pk": {"S": "big"}, "sk": {"S": "10"}}
    assert filtered[0]["ConsumedCapacity"] == {"TableName": megabyte, "CapacityUnits": 134.5}
    counted = pages(call, Select="COUNT", **base)
    assert [p["Count"] for p in counted] == [11, 11, 3] and all("Items" not in p for p in counted)


def test_limit_counts_items_evaluated_before_the_filter(ddb, table_name):
    create_table(ddb, table_name, range_key=("sk", "N"))
    for i in range(10):
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "p"}, "sk": {"N": str(i)}, "even": {"BOOL": i % 2 == 0}})
    out = ddb.query(TableName=table_name, KeyConditionExpression="pk = :p", FilterExpression="even = :t", Limit=5,
                    ExpressionAttributeValues={":p": {"S": "p"}, ":t": {"BOOL": True}})
    assert (out["Count"], out["ScannedCount"]) == (3, 5)
    assert [i["sk"]["N"] for i in out["Items"]] == ["0", "2", "4"]
    assert out["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"N": "4"}}
    out = ddb.scan(TableName=table_name, FilterExpression="even = :f", Limit=4, ExpressionAttributeValues={":f": {"BOOL": False}}, Select="COUNT")
    assert (out["Count"], out["ScannedCount"]) == (2, 4) and "Items" not in out
    # The last page of a filtered read may be empty yet still carry a LastEvaluatedKey.
    out = ddb.query(TableName=table_name, KeyConditionExpression="pk = :p", FilterExpression="even = :x", Limit=10,
                    ExpressionAttributeValues={":p": {"S": "p"}, ":x": {"S": "never"}})
    assert (out["Count"], out["ScannedCount"], out["Items"]) == (0, 10, [])
    assert out["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"N": "9"}}
    out = ddb.query(TableName=table_name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}},
                    ExclusiveStartKey=out["LastEvaluatedKey"])
    assert (out["Count"], out["ScannedCount"]) == (0, 0) and "LastEvaluatedKey" not in out


# --- ConsumedCapacity ------------------------------------------------------------------------

def test_read_capacity_is_charged_on_data_read(ddb, table_name):
    """Query and Scan are charged on the bytes they read, in 4 KB units over the whole page,
    halved when eventually consistent, before any filter or projection."""
    create_table(ddb, table_name, range_key=("sk", "S"), extra_defs=[("g", "S")],
                 gsis=[{"IndexName": "byg", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}])
    for i in range(4):  # 3,000-byte items: 12,000 bytes in all, 3 units of 4 KB
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "p"}, "sk": {"S": "s%d" % i}, "g": {"S": "G"}, "tag": {"S": "one" if i == 0 else "many"},
                                                 "f": {"S": "x" * (3000 - 13 - (3 if i == 0 else 4))}})
    q = dict(TableName=table_name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}, ReturnConsumedCapacity="TOTAL")

    def units(out):
        return out["ConsumedCapacity"]["CapacityUnits"]
    assert units(ddb.query(**q)) == 1.5
    assert units(ddb.query(**q, ConsistentRead=True)) == 3.0
    assert units(ddb.query(**{**q, "FilterExpression": "tag = :t", "ExpressionAttributeValues": {":p": {"S": "p"}, ":t": {"S": "one"}}})) == 1.5
    assert units(ddb.query(**q, ProjectionExpression="sk")) == 1.5
    assert units(ddb.query(**q, Limit=1)) == 0.5
    assert units(ddb.query(**{**q, "ExpressionAttributeValues": {":p": {"S": "nothing"}}})) == 0.5
    assert units(ddb.scan(TableName=table_name, ReturnConsumedCapacity="TOTAL")) == 1.5
    assert units(ddb.scan(TableName=table_name, ReturnConsumedCapacity="TOTAL", Select="COUNT", ConsistentRead=True)) == 3.0
    out = ddb.query(TableName=table_name, IndexName="byg", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "G"}},
                    ReturnConsumedCapacity="INDEXES")
    assert out["ConsumedCapacity"] == {"TableName": table_name, "CapacityUnits": 1.5, "Table": {"CapacityUnits": 0.0},
                                       "GlobalSecondaryIndexes": {"byg": {"CapacityUnits": 1.5}}}
    assert "ConsumedCapacity" not in ddb.query(**{**q, "ReturnConsumedCapacity": "NONE"})


def test_batch_capacity_per_table(ddb, table_name):
    a, b = table_name + "-a", table_name + "-b"
    create_table(ddb, a, extra_defs=[("g", "S")],
                 gsis=[{"IndexName": "byg", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}])
    create_table(ddb, b)

    def item(pk, size, g=True):  # exactly `size` bytes
        fixed = 2 + len(pk) + 1 + (1 + 1 if g else 0)
        out = {"pk": {"S": pk}, "v": {"S": "x" * (size - fixed)}}
        if g:
            out["g"] = {"S": "G"}
        return out
    # Writes: 1 KB units per item, for the table and again for each index holding it.
    out = ddb.batch_write_item(RequestItems={
        a: [{"PutRequest": {"Item": item("a%d" % i, 1500)}} for i in range(3)] + [{"PutRequest": {"Item": item("a9", 1500, g=False)}}],
        b: [{"PutRequest": {"Item": item("b%d" % i, 5000, g=False)}} for i in range(2)],
    }, ReturnConsumedCapacity="INDEXES")
    assert sorted(out["ConsumedCapacity"], key=lambda c: c["TableName"]) == [
        {"TableName": a, "CapacityUnits": 14.0, "Table": {"CapacityUnits": 8.0}, "GlobalSecondaryIndexes": {"byg": {"CapacityUnits": 6.0}}},
        {"TableName": b, "CapacityUnits": 10.0, "Table": {"CapacityUnits": 10.0}},
    ]
    out = ddb.batch_write_item(RequestItems={a: [{"DeleteRequest": {"Key": {"pk": {"S": "a0"}}}}]}, ReturnConsumedCapacity="TOTAL")
    assert out["ConsumedCapacity"] == [{"TableName": a, "CapacityUnits": 4.0}]
    # Reads: each key is its own GetItem — the item's size in 4 KB units, missing keys one unit.
    out = ddb.batch_get_item(RequestItems={
        a: {"Keys": [{"pk": {"S": "a%d" % i}} for i in range(4)]},
        b: {"Keys": [{"pk": {"S": "b0"}}, {"pk": {"S": "b1"}}], "ConsistentRead": True},
    }, ReturnConsumedCapacity="TOTAL")
    assert sorted(out["ConsumedCapacity"], key=lambda c: c["TableName"]) == [
        {"TableName": a, "CapacityUnits": 2.0}, {"TableName": b, "CapacityUnits": 4.0}]
    assert len(out["Responses"][a]) == 2 and len(out["Responses"][b]) == 2


def test_select_and_segments_through_the_cli(server, indexed):
    name, _ = indexed
    code, _, err = server.cli("dynamodb", "query", "--table-name", name, "--index-name", "gkeys", "--select", "ALL_ATTRIBUTES",
                              "--key-condition-expression", "g = :g", "--expression-attribute-values", '{":g":{"S":"G"}}', check=False)
    assert code != 0
    assert "Select type ALL_ATTRIBUTES is not supported for global secondary index gkeys because its projection type is not ALL" in err
    _, out, _ = server.cli("dynamodb", "query", "--table-name", name, "--index-name", "lkeys", "--select", "ALL_ATTRIBUTES",
                           "--key-condition-expression", "pk = :p", "--expression-attribute-values", '{":p":{"S":"p"}}')
    assert out["Count"] == 3 and all("zeta" in i for i in out["Items"])
    seen = []
    for seg in range(3):
        _, out, _ = server.cli("dynamodb", "scan", "--table-name", name, "--segment", str(seg), "--total-segments", "3")
        seen += [i["sk"]["S"] for i in out["Items"]]
    assert sorted(seen) == ["s0", "s1", "s2"]

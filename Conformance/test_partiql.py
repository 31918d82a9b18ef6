"""PartiQL's ExecuteStatement through boto3 and the AWS CLI: SELECT read as a Query (WHERE names
partitions) or a Scan, INSERT/UPDATE/DELETE written as PutItem/UpdateItem/DeleteItem with the
conditions the statements imply, `?` parameters, paging with Limit and NextToken, indexes, and
DynamoDB's own error texts (docs: ql-reference.select/insert/update/delete; texts captured from
the service by nubo-db's dynamodb-conformance suite and moto's aws-verified tests)."""
import base64
import json

import pytest
from botocore.exceptions import ClientError

from conftest import create_table, error_of, unique

MALFORMED = "Statement wasn't well formed, can't be processed: "


@pytest.fixture(scope="module")
def table(server):
    """pk/sk strings; GSI byOwner (owner, sk; ALL); GSI ownerKeys (owner; KEYS_ONLY); LSI byRank (pk, rank; KEYS_ONLY);
    a stream of new and old images."""
    ddb = server.client()
    name = unique("pq")
    create_table(ddb, name, hash_key=("pk", "S"), range_key=("sk", "S"), extra_defs=[("owner", "S"), ("rank", "N")],
                 gsis=[{"IndexName": "byOwner", "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "ALL"}},
                       {"IndexName": "ownerKeys", "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "KEYS_ONLY"}}],
                 lsis=[{"IndexName": "byRank", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "rank", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "KEYS_ONLY"}}],
                 StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    return name


def run(ddb, statement, *parameters, **kw):
    if parameters:
        kw["Parameters"] = list(parameters)
    return ddb.execute_statement(Statement=statement, **kw)


def failure(ddb, statement, *parameters, **kw):
    with pytest.raises(ClientError) as e:
        run(ddb, statement, *parameters, **kw)
    return error_of(e)


def S(v):
    return {"S": v}


def N(v):
    return {"N": str(v)}


def test_insert_select_update_delete(server, table):
    ddb = server.client()
    assert run(ddb, f"""INSERT INTO "{table}" VALUE {{'pk': 'u1', 'sk': 'a', 'n': 5, 'price': -1.50, 'ok': TRUE, 'none': NULL,
                     'l': [1, 'two'], 'm': {{'x': {{'y': 'deep'}}}}, 'tags': <<'a', 'b'>>, 'nums': <<3, 1>>}}""")["Items"] == []
    item = {"pk": S("u1"), "sk": S("a"), "n": N(5), "price": N("-1.5"), "ok": {"BOOL": True}, "none": {"NULL": True},
            "l": {"L": [N(1), S("two")]}, "m": {"M": {"x": {"M": {"y": S("deep")}}}}, "tags": {"SS": ["a", "b"]}, "nums": {"NS": ["3", "1"]}}
    assert ddb.get_item(TableName=table, Key={"pk": S("u1"), "sk": S("a")})["Item"] == item
    assert run(ddb, f'SELECT * FROM "{table}" WHERE pk = ? AND sk = ?', S("u1"), S("a"))["Items"] == [item]
    # A nested path answers under its last name.
    assert run(ddb, f'SELECT n, m.x.y, l[1] FROM "{table}" WHERE pk = \'u1\'')["Items"] == [{"n": N(5), "y": S("deep"), "_3": S("two")}]

    updated = run(ddb, f"""UPDATE "{table}" SET n = n + 2 SET l = list_append(l, [3]), m.x.z = 'new', tags = set_add(tags, <<'c'>>)
                           SET nums = set_delete(nums, <<1>>) REMOVE price, m.x.y WHERE pk = 'u1' AND sk = 'a' RETURNING MODIFIED NEW *""")
    assert updated["Items"] == [{"n": N(7), "l": {"L": [N(1), S("two"), N(3)]}, "m": {"M": {"x": {"M": {"z": S("new")}}}},
                                 "tags": {"SS": ["a", "b", "c"]}, "nums": {"NS": ["3"]}}]
    after = ddb.get_item(TableName=table, Key={"pk": S("u1"), "sk": S("a")})["Item"]
    assert "price" not in after and after["m"] == {"M": {"x": {"M": {"z": S("new")}}}} and after["n"] == N(7)

    old = run(ddb, f'UPDATE "{table}" SET ok = FALSE WHERE pk = \'u1\' AND sk = \'a\' RETURNING ALL OLD *')["Items"][0]
    assert old["ok"] == {"BOOL": True} and old["n"] == N(7)
    gone = run(ddb, f'DELETE FROM "{table}" WHERE pk = \'u1\' AND sk = \'a\' RETURNING ALL OLD *')["Items"]
    assert gone[0]["ok"] == {"BOOL": False}
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": S("u1"), "sk": S("a")})
    # Deleting a missing item succeeds and returns nothing.
    assert run(ddb, f'DELETE FROM "{table}" WHERE pk = \'u1\' AND sk = \'a\' RETURNING ALL OLD *')["Items"] == []


def test_writes_check_the_conditions_statements_imply(server, table):
    ddb = server.client()
    run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 'c1', 'sk': 'a', 'n': 1}}")
    # INSERT is not an upsert.
    assert failure(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 'c1', 'sk': 'a', 'n': 2}}") == \
        ("DuplicateItemException", "Duplicate primary key exists in table")
    # UPDATE changes only an item that exists and satisfies the WHERE.
    assert failure(ddb, f"UPDATE \"{table}\" SET n = 9 WHERE pk = 'nobody' AND sk = 'a'") == \
        ("ConditionalCheckFailedException", "The conditional request failed")
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": S("nobody"), "sk": S("a")})
    with pytest.raises(ClientError) as e:
        run(ddb, f"UPDATE \"{table}\" SET n = 9 WHERE pk = 'c1' AND sk = 'a' AND n = 5", ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert e.value.response["Error"]["Code"] == "ConditionalCheckFailedException"
    assert e.value.response["Item"] == {"pk": S("c1"), "sk": S("a"), "n": N(1)}
    run(ddb, f"UPDATE \"{table}\" SET n = 9 WHERE pk = 'c1' AND sk = 'a' AND n = 1")
    # DELETE of an existing item whose WHERE is false fails; of a missing one succeeds.
    assert failure(ddb, f"DELETE FROM \"{table}\" WHERE pk = 'c1' AND sk = 'a' AND n = 1")[0] == "ConditionalCheckFailedException"
    run(ddb, f"DELETE FROM \"{table}\" WHERE pk = 'c2' AND sk = 'a' AND n = 1")
    run(ddb, f"DELETE FROM \"{table}\" WHERE pk = 'c1' AND sk = 'a' AND n = 9")
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": S("c1"), "sk": S("a")})


@pytest.fixture(scope="module")
def rows(server, table):
    """Partitions r1 (sk a..e), r2 (sk a, b), r3 (sk a)."""
    ddb = server.client()
    for pk, sks in [("r1", "abcde"), ("r2", "ab"), ("r3", "a")]:
        for i, sk in enumerate(sks):
            ddb.put_item(TableName=table, Item={"pk": S(pk), "sk": S(sk), "n": N(i), "owner": S("own-" + pk), "rank": N(10 - i),
                                                "word": S("word-%s%s" % (pk, sk)), "l": {"L": [S(sk)]}})
    return table


def keys(items):
    return [(i["pk"]["S"], i["sk"]["S"]) for i in items]


@pytest.mark.parametrize("where,expected", [
    ("pk = 'r1' AND sk >= 'd'", [("r1", "d"), ("r1", "e")]),
    ("pk = 'r1' AND sk BETWEEN 'b' AND 'c'", [("r1", "b"), ("r1", "c")]),
    ("pk = 'r1' AND begins_with(sk, 'e')", [("r1", "e")]),
    ("pk = 'r1' AND n > 2", [("r1", "d"), ("r1", "e")]),
    ("pk = 'r1' AND NOT n IN [0, 1, 2]", [("r1", "d"), ("r1", "e")]),
    ("pk IN ['r3', 'r2']", [("r3", "a"), ("r2", "a"), ("r2", "b")]),
    ("pk = 'r3' OR pk = 'r2' AND sk = 'b'", [("r3", "a"), ("r2", "b")]),
    ("pk = 'r2' AND contains(word, 'r2b')", [("r2", "b")]),
    ("pk = 'r2' AND contains(l, 'a')", [("r2", "a")]),
    ("pk = 'r2' AND size(word) = 8 AND attribute_type(word, 'S') AND nope IS MISSING AND word IS NOT MISSING", [("r2", "a"), ("r2", "b")]),
    ("pk = 'r2' AND l[0] = 'b'", [("r2", "b")]),
])
def test_select_filters(server, rows, where, expected):
    assert keys(run(server.client(), f'SELECT pk, sk FROM "{rows}" WHERE {where}')["Items"]) == expected


def test_select_scans_without_a_partition(server, rows):
    ddb = server.client()
    # A scan: no partition equality or IN (OR with a non-key branch scans too).
    found = sorted(keys(run(ddb, f'SELECT pk, sk FROM "{rows}" WHERE n = 1 OR pk = \'r3\'')["Items"]))
    assert found == [("r1", "b"), ("r2", "b"), ("r3", "a")]
    assert len(run(ddb, f'SELECT * FROM "{rows}" WHERE begins_with(word, \'word-r\')')["Items"]) == 8
    # ORDER BY the sort key reads the partition backwards.
    assert keys(run(ddb, f'SELECT pk, sk FROM "{rows}" WHERE pk = \'r1\' ORDER BY sk DESC')["Items"]) == [("r1", s) for s in "edcba"]


def test_paging_with_limit_and_next_token(server, rows):
    ddb = server.client()
    for statement, expected in [
        (f'SELECT pk, sk FROM "{rows}" WHERE pk = \'r1\'', [("r1", s) for s in "abcde"]),
        (f'SELECT pk, sk FROM "{rows}" WHERE pk IN [\'r1\', \'r3\'] AND n = 0', [("r1", "a"), ("r3", "a")]),
        (f'SELECT pk, sk FROM "{rows}" WHERE begins_with(word, \'word-r\')', None),
    ]:
        seen, token, pages = [], None, 0
        while True:
            kw = {"Limit": 2}
            if token:
                kw["NextToken"] = token
            page = run(ddb, statement, **kw)
            pages += 1
            assert len(page["Items"]) <= 2
            seen += keys(page["Items"])
            token = page.get("NextToken")
            if not token:
                break
            # Where the page stopped: the last item evaluated.
            assert set(page["LastEvaluatedKey"]) == {"pk", "sk"}
        if expected is None:
            assert sorted(seen) == sorted(keys(run(ddb, statement)["Items"])) and len(seen) == 8
        else:
            assert seen == expected
        assert pages > 1
    first = run(ddb, f'SELECT * FROM "{rows}" WHERE pk = \'r1\'', Limit=1)
    # A token belongs to its statement and parameters, and cannot be made up.
    assert failure(ddb, f'SELECT * FROM "{rows}" WHERE pk = \'r2\'', NextToken=first["NextToken"]) == \
        ("ValidationException", "NextToken does not match request")
    forged = base64.b64encode(json.dumps({"h": "x", "p": 0, "k": {"pk": S("r2"), "sk": S("a")}}).encode() + b"0" * 32).decode()
    assert failure(ddb, f'SELECT * FROM "{rows}" WHERE pk = \'r1\'', NextToken=forged) == ("ValidationException", "Invalid NextToken")


def test_parameters(server, rows):
    ddb = server.client()
    assert keys(run(ddb, f'SELECT * FROM "{rows}" WHERE pk = ? AND n >= ?', S("r2"), N(1))["Items"]) == [("r2", "b")]
    assert failure(ddb, f'SELECT * FROM "{rows}" WHERE pk = ?') == ("ValidationException", "Number of parameters in request and statement don't match.")
    assert failure(ddb, f'SELECT * FROM "{rows}" WHERE pk = ?', S("r1"), S("extra")) == \
        ("ValidationException", "Number of parameters in request and statement don't match.")
    # Parameters are values, never names or syntax.
    assert run(ddb, f'SELECT * FROM "{rows}" WHERE pk = ?', S("r1' OR pk <> 'x"))["Items"] == []
    assert failure(ddb, f'SELECT pk FROM "{rows}" WHERE pk = \'r1\' AND n < ?', {"BOOL": True}) == \
        ("ValidationException", "Incorrect operand type for operator or function; operator or function: <, operand type: BOOL")


def test_index_reads(server, rows):
    ddb = server.client()
    assert keys(run(ddb, f'SELECT * FROM "{rows}"."byOwner" WHERE owner = \'own-r2\'')["Items"]) == [("r2", "a"), ("r2", "b")]
    # An index answers with what it projects.
    assert run(ddb, f'SELECT * FROM "{rows}"."ownerKeys" WHERE owner = \'own-r3\'')["Items"] == [{"pk": S("r3"), "sk": S("a"), "owner": S("own-r3")}]
    lsi = run(ddb, f'SELECT * FROM "{rows}"."byRank" WHERE pk = \'r2\'')["Items"]
    assert lsi == [{"pk": S("r2"), "sk": S("b"), "rank": N(9)}, {"pk": S("r2"), "sk": S("a"), "rank": N(10)}]
    assert failure(ddb, f'SELECT * FROM "{rows}"."byOwner" WHERE owner = \'x\'', ConsistentRead=True) == \
        ("ValidationException", "Strongly consistent read is not supported on Global Secondary Indexes")
    assert failure(ddb, f'SELECT * FROM "{rows}"."nope" WHERE pk = \'x\'') == ("ValidationException", "The table does not have the specified index")
    assert failure(ddb, f'SELECT word FROM "{rows}"."ownerKeys" WHERE owner = \'x\'') == \
        ("ValidationException", "One or more parameter values were invalid: Global secondary index ownerKeys does not project [word]")
    assert failure(ddb, f'SELECT pk FROM "{rows}"."ownerKeys" WHERE owner = \'x\' AND word = \'y\'') == \
        ("ValidationException", "One or more parameter values were invalid: Secondary index ownerKeys does not project one or more filter attributes: [word]")
    assert failure(ddb, f'DELETE FROM "{rows}"."byOwner" WHERE pk = \'r1\' AND sk = \'a\'') == ("ValidationException", "This operation is not supported on an index")


@pytest.mark.parametrize("statement,expected", [
    ("SELECT * FROM \"{t}\" WHERE", MALFORMED + "Unexpected term"),
    ("SELECT * FROM \"{t}\" WHERE pk = 'a' AND", MALFORMED + "Missing right-hand side expression of infix operator"),
    ("SELECT * FROM \"{t}\" WHERE pk = 1 foo", MALFORMED + "Unexpected token after expression"),
    ("SELECT * FROM \"{t}\" WHERE pk = 'x' # note", MALFORMED),
    ("SELECT * FROM \"{t}\" t WHERE pk = 'x'", "Aliasing is not supported"),
    ("UPDATE \"{t}\" SET n = 1 WHERE pk = 'a'", "Where clause does not contain a mandatory equality on all key attributes"),
    ("DELETE FROM \"{t}\" WHERE pk = 'a' OR sk = 'b'", "Where clause does not contain a mandatory equality on all key attributes"),
    ("UPDATE \"{t}\" SET pk = 'b' WHERE pk = 'a' AND sk = 'b'",
     "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key"),
    ("INSERT INTO \"{t}\" VALUE {{'pk': 'a'}}", "One or more parameter values were invalid: Missing the key sk in the item"),
    ("INSERT INTO \"{t}\" VALUE {{'pk': 'a', 'sk': 1}}", "One or more parameter values were invalid: Type mismatch for key sk expected: S actual: N"),
    ("DELETE FROM \"{t}\" WHERE pk = 'a' AND sk = 'b' RETURNING MODIFIED OLD *",
     "Invalid returning clause: RETURNING MODIFIED OLD *. Only RETURNING ALL OLD * is allowed in DELETE statements."),
    ("INSERT INTO \"{t}\" VALUE {{'pk': 'a', 'sk': 'b', 'n': 1e126}}",
     "Number overflow. Attempting to store a number with magnitude larger than supported range under root.n"),
    ("EXISTS(SELECT * FROM \"{t}\" WHERE pk = 'a' AND sk = 'b' AND n = 1)", "EXISTS can only be used in ExecuteTransaction write requests."),
])
def test_refused_statements(server, table, statement, expected):
    assert failure(server.client(), statement.format(t=table)) == ("ValidationException", expected)


def test_request_limits_and_unknown_tables(server, table):
    ddb = server.client()
    assert failure(ddb, 'SELECT * FROM "no-such-table" WHERE pk = \'a\'') == ("ResourceNotFoundException", "Requested resource not found")
    long = f'SELECT * FROM "{table}" WHERE pk = \'{"x" * 8200}\''
    code, message = failure(ddb, long)
    assert code == "ValidationException"
    assert message == "1 validation error detected: Value '%s' at 'statement' failed to satisfy constraint: Member must have length less than or equal to 8192" % long
    assert failure(ddb, f'SELECT * FROM "{table}"', Limit=0) == \
        ("ValidationException", "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1")


def test_consumed_capacity(server, rows):
    ddb = server.client()
    by_key = run(ddb, f'SELECT * FROM "{rows}" WHERE pk = \'r3\' AND sk = \'a\'', ReturnConsumedCapacity="TOTAL")
    assert by_key["ConsumedCapacity"] == {"TableName": rows, "CapacityUnits": 0.5}
    consistent = run(ddb, f'SELECT * FROM "{rows}" WHERE pk = \'r3\'', ConsistentRead=True, ReturnConsumedCapacity="INDEXES")
    assert consistent["ConsumedCapacity"] == {"TableName": rows, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}}
    on_index = run(ddb, f'SELECT * FROM "{rows}"."byOwner" WHERE owner = \'own-r3\'', ReturnConsumedCapacity="INDEXES")
    assert on_index["ConsumedCapacity"] == {"TableName": rows, "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.0},
                                            "GlobalSecondaryIndexes": {"byOwner": {"CapacityUnits": 0.5}}}
    written = run(ddb, f"INSERT INTO \"{rows}\" VALUE {{'pk': 'cap', 'sk': 'a'}}", ReturnConsumedCapacity="TOTAL")
    assert written == {"Items": [], "ConsumedCapacity": {"TableName": rows, "CapacityUnits": 1.0}, "ResponseMetadata": written["ResponseMetadata"]}


def test_writes_reach_streams(server, table):
    ddb, streams = server.client(), server.client("dynamodbstreams")
    run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 's1', 'sk': 'a', 'v': 1}}")
    run(ddb, f"UPDATE \"{table}\" SET v = 2 WHERE pk = 's1' AND sk = 'a'")
    run(ddb, f"DELETE FROM \"{table}\" WHERE pk = 's1' AND sk = 'a'")
    arn = ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
    records = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        records += streams.get_records(ShardIterator=it)["Records"]
    mine = [r for r in records if r["dynamodb"]["Keys"] == {"pk": S("s1"), "sk": S("a")}]
    assert [r["eventName"] for r in mine] == ["INSERT", "MODIFY", "REMOVE"]
    assert mine[1]["dynamodb"]["OldImage"]["v"] == N(1) and mine[1]["dynamodb"]["NewImage"]["v"] == N(2)


def test_the_aws_cli(server, rows):
    """`aws dynamodb execute-statement` end to end, paging with --next-token."""
    seen, token = [], None
    while True:
        args = ["dynamodb", "execute-statement", "--statement", f'SELECT pk, sk FROM "{rows}" WHERE pk = ?', "--parameters", '[{"S": "r1"}]',
                "--limit", "2"] + (["--next-token", token] if token else [])
        code, out, _ = server.cli(*args)
        assert code == 0 and len(out["Items"]) <= 2
        seen += keys(out["Items"])
        token = out.get("NextToken")
        if not token:
            break
    assert seen == [("r1", s) for s in "abcde"]
    code, out, _ = server.cli("dynamodb", "execute-statement", "--statement", f"INSERT INTO \"{rows}\" VALUE {{'pk': 'cli', 'sk': 'a', 'v': 1}}")
    assert code == 0 and out == {"Items": []}
    code, out, err = server.cli("dynamodb", "execute-statement", "--statement", f"INSERT INTO \"{rows}\" VALUE {{'pk': 'cli', 'sk': 'a'}}", check=False)
    assert code != 0 and "DuplicateItemException" in err and "Duplicate primary key exists in table" in err

"""DynamoDB's limits, exactly (developer guide, "Service, account, and table quotas in Amazon
DynamoDB"): attribute-name lengths, expression placeholders, substitution sizes, expression
length and nesting, item size on every write path, transaction and batch sizes — each with
the service's error code, message and HTTP status, and nothing written when refused."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import create_table, error_of
from signing import dynamo

NAME_TOO_LONG = "1 validation error detected: Attribute name is too large, must be less than 65536 bytes"
PUT_TOO_LARGE = "Item size has exceeded the maximum allowed size"
UPDATE_TOO_LARGE = "Item size to update has exceeded the maximum allowed size"
MAX_ITEM = 409600
# The AWS CLI's exit status for an error answered by the service (v1: 255, v2: 254).
CLI_SERVICE_ERROR = 255 if __import__("subprocess").run(["aws", "--version"], capture_output=True, text=True).stdout.startswith("aws-cli/1") else 254


def refused(call, code="ValidationException"):
    """Runs a call that must fail; returns its message after checking code and status 400."""
    with pytest.raises(ClientError) as e:
        call()
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    got_code, message = error_of(e)
    assert got_code == code, message
    return message


@pytest.fixture(scope="module")
def tbl(server):
    ddb = server.client()
    create_table(ddb, "limits-tbl", range_key=("sk", "S"))
    return "limits-tbl"


def key(sk):
    return {"pk": {"S": "p"}, "sk": {"S": sk}}


def sized_item(sk, size, attr="v"):
    """An item of exactly `size` bytes as DynamoDB counts them: pk "p" (3) + sk + one string."""
    fixed = len("pk") + 1 + len("sk") + len(sk) + len(attr)
    return {**key(sk), attr: {"S": "x" * (size - fixed)}}


def absent(ddb, tbl, sk):
    return "Item" not in ddb.get_item(TableName=tbl, Key=key(sk), ConsistentRead=True)


# --- attribute names -------------------------------------------------------------------------

def test_attribute_names_up_to_65535_bytes_are_usable(ddb, tbl):
    longest = "n" * 65535
    ddb.put_item(TableName=tbl, Item={**key("name-ok"), longest: {"S": "v"}, "m": {"M": {longest: {"N": "1"}}}})
    assert ddb.get_item(TableName=tbl, Key=key("name-ok"), ProjectionExpression="#n",
                        ExpressionAttributeNames={"#n": longest})["Item"] == {longest: {"S": "v"}}
    assert ddb.get_item(TableName=tbl, Key=key("name-ok"), AttributesToGet=[longest])["Item"] == {longest: {"S": "v"}}
    ddb.update_item(TableName=tbl, Key=key("name-ok"), UpdateExpression="SET #n = :v", ConditionExpression="attribute_exists(#n)",
                    ExpressionAttributeNames={"#n": longest}, ExpressionAttributeValues={":v": {"S": "w"}})
    assert ddb.get_item(TableName=tbl, Key=key("name-ok"))["Item"][longest] == {"S": "w"}


def test_attribute_names_of_65536_bytes_are_refused_everywhere(ddb, tbl):
    """Top-level and nested names, through items, keys, expressions' names and values, and
    the legacy parameters; all refused before anything is read or written."""
    long = "n" * 65536
    ddb.put_item(TableName=tbl, Item=key("name-bad-existing"))
    calls = [
        lambda: ddb.put_item(TableName=tbl, Item={**key("name-bad"), long: {"S": "v"}}),
        lambda: ddb.put_item(TableName=tbl, Item={**key("name-bad"), "doc": {"M": {"a": {"M": {long: {"S": "v"}}}}}}),
        lambda: ddb.put_item(TableName=tbl, Item={**key("name-bad"), "list": {"L": [{"M": {long: {"S": "v"}}}]}}),
        lambda: ddb.update_item(TableName=tbl, Key=key("name-bad"), UpdateExpression="SET #n = :v",
                                ExpressionAttributeNames={"#n": long}, ExpressionAttributeValues={":v": {"S": "v"}}),
        lambda: ddb.update_item(TableName=tbl, Key=key("name-bad"), UpdateExpression="SET doc = :v",
                                ExpressionAttributeValues={":v": {"M": {long: {"S": "v"}}}}),
        lambda: ddb.update_item(TableName=tbl, Key=key("name-bad"), AttributeUpdates={long: {"Action": "PUT", "Value": {"S": "v"}}}),
        lambda: ddb.update_item(TableName=tbl, Key=key("name-bad-existing"), UpdateExpression="SET a = :v",
                                ConditionExpression="#n = :v", ExpressionAttributeNames={"#n": long},
                                ExpressionAttributeValues={":v": {"S": "v"}}),
        lambda: ddb.put_item(TableName=tbl, Item=key("name-bad"), Expected={long: {"Exists": False}}),
        lambda: ddb.get_item(TableName=tbl, Key=key("name-bad-existing"), ProjectionExpression="#n", ExpressionAttributeNames={"#n": long}),
        lambda: ddb.get_item(TableName=tbl, Key=key("name-bad-existing"), AttributesToGet=[long]),
        lambda: ddb.scan(TableName=tbl, ScanFilter={long: {"ComparisonOperator": "NULL"}}),
        lambda: ddb.batch_write_item(RequestItems={tbl: [{"PutRequest": {"Item": {**key("name-bad"), long: {"S": "v"}}}}]}),
        lambda: ddb.transact_write_items(TransactItems=[{"Put": {"TableName": tbl, "Item": {**key("name-bad"), long: {"S": "v"}}}}]),
    ]
    for call in calls:
        assert refused(call) == NAME_TOO_LONG
    assert absent(ddb, tbl, "name-bad")
    assert ddb.get_item(TableName=tbl, Key=key("name-bad-existing"))["Item"] == key("name-bad-existing")


def test_key_and_projected_attribute_names_are_limited_to_255(ddb, table_name):
    n255, n256 = "k" * 255, "k" * 256
    create_table(ddb, table_name, hash_key=(n255, "S"), range_key=("r" * 255, "S"), extra_defs=[("g" * 255, "S"), ("l" * 255, "S")],
                 gsis=[{"IndexName": "gs1", "KeySchema": [{"AttributeName": "g" * 255, "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["i" * 255]}}],
                 lsis=[{"IndexName": "ls1", "KeySchema": [{"AttributeName": n255, "KeyType": "HASH"}, {"AttributeName": "l" * 255, "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "ALL"}}])
    item = {n255: {"S": "h"}, "r" * 255: {"S": "r"}, "g" * 255: {"S": "g"}, "l" * 255: {"S": "l"}, "i" * 255: {"S": "i"}, "z" * 300: {"S": "z"}}
    ddb.put_item(TableName=table_name, Item=item)
    # An index projecting ALL carries names over 255 bytes; one projecting INCLUDE holds its own.
    assert ddb.query(TableName=table_name, IndexName="ls1", KeyConditionExpression="#h = :h",
                     ExpressionAttributeNames={"#h": n255}, ExpressionAttributeValues={":h": {"S": "h"}})["Items"] == [item]
    assert ddb.query(TableName=table_name, IndexName="gs1", KeyConditionExpression="#g = :g", ExpressionAttributeNames={"#g": "g" * 255},
                     ExpressionAttributeValues={":g": {"S": "g"}})["Items"] == [{k: v for k, v in item.items() if k[0] in "krgi"}]

    def constraint(value, at):
        return "Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to 255" % (value, at)
    message = refused(lambda: create_table(ddb, table_name + "-2", hash_key=(n256, "S")))
    assert message == "2 validation errors detected: %s; %s" % (constraint(n256, "keySchema.1.member.attributeName"),
                                                                   constraint(n256, "attributeDefinitions.1.member.attributeName"))
    message = refused(lambda: create_table(ddb, table_name + "-2", extra_defs=[(n256, "S")],
                                           gsis=[{"IndexName": "gs1", "KeySchema": [{"AttributeName": n256, "KeyType": "HASH"}],
                                                  "Projection": {"ProjectionType": "ALL"}}]))
    assert constraint(n256, "globalSecondaryIndexes.1.member.keySchema.1.member.attributeName") in message
    for kind, schema in [("localSecondaryIndexes", [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]),
                         ("globalSecondaryIndexes", [{"AttributeName": "sk", "KeyType": "HASH"}])]:
        index = {"IndexName": "ix1", "KeySchema": schema, "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["a", n256]}}
        args = {"LocalSecondaryIndexes" if kind.startswith("local") else "GlobalSecondaryIndexes": [index]}
        message = refused(lambda: ddb.create_table(TableName=table_name + "-3", BillingMode="PAY_PER_REQUEST",
                                                   KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                                                   AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
                                                   **args))
        assert message == ("1 validation error detected: Value '[a, %s]' at '%s.1.member.projection.nonKeyAttributes' failed to satisfy constraint: "
                           "Member must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 1]"
                           % (n256, kind))
    assert ddb.list_tables()["TableNames"].count(table_name + "-3") == 0


# --- expression placeholders and substitutions -----------------------------------------------

def test_expression_placeholder_keys_and_names(ddb, tbl):
    ddb.put_item(TableName=tbl, Item={**key("ph"), "a": {"S": "x"}})
    k255, k256 = "#" + "a" * 254, "#" + "a" * 255
    assert ddb.get_item(TableName=tbl, Key=key("ph"), ProjectionExpression=k255, ExpressionAttributeNames={k255: "a"})["Item"] == {"a": {"S": "x"}}
    assert refused(lambda: ddb.get_item(TableName=tbl, Key=key("ph"), ProjectionExpression="#a", ExpressionAttributeNames={k256: "a"})) == \
        "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 256"
    # Length is checked before syntax.
    assert refused(lambda: ddb.get_item(TableName=tbl, Key=key("ph"), ProjectionExpression="#a",
                                        ExpressionAttributeNames={k256 + "-x": "a"})) == \
        "ExpressionAttributeNames contains invalid key: The expression attribute map contains a key that is too long; size of key: 258"
    v255, v256 = ":" + "v" * 254, ":" + "v" * 255
    assert ddb.scan(TableName=tbl, FilterExpression="a = " + v255, ExpressionAttributeValues={v255: {"S": "x"}})["Count"] == 1
    assert refused(lambda: ddb.scan(TableName=tbl, FilterExpression="a = :v", ExpressionAttributeValues={v256: {"S": "x"}})) == \
        "ExpressionAttributeValues contains invalid key: The expression attribute map contains a key that is too long;"
    assert refused(lambda: ddb.get_item(TableName=tbl, Key=key("ph"), ProjectionExpression="#a", ExpressionAttributeNames={"#a": ""})) == \
        "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a"
    assert refused(lambda: ddb.scan(TableName=tbl, FilterExpression="a = :v", ExpressionAttributeValues={":v": {}})) == \
        "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v"


def test_substitutions_are_limited_to_2_mb(ddb, tbl):
    mb = 1024 * 1024
    # Values: one placeholder ":a" (2 bytes) holding a string; 2 MB in all is the limit.
    values_at_limit = {":a": {"S": "x" * (2 * mb - 2)}}
    assert ddb.scan(TableName=tbl, FilterExpression="a = :a", ExpressionAttributeValues=values_at_limit)["Count"] == 0
    assert refused(lambda: ddb.scan(TableName=tbl, FilterExpression="a = :a", ExpressionAttributeValues={":a": {"S": "x" * (2 * mb - 1)}})) == \
        "ExpressionAttributeValues exceeds max size"
    names = {"#n%02d" % i: "n" * 65000 for i in range(33)}
    assert refused(lambda: ddb.get_item(TableName=tbl, Key=key("ph"), ProjectionExpression=", ".join(names), ExpressionAttributeNames=names)) == \
        "ExpressionAttributeNames exceeds max size"
    assert refused(lambda: ddb.scan(TableName=tbl, FilterExpression="#n = :a", ExpressionAttributeNames={"#n": "n" * 60000},
                                    ExpressionAttributeValues={":a": {"S": "x" * (2 * mb - 60000)}})) == \
        "Combined size of ExpressionAttributeNames and ExpressionAttributeValues exceeds max size"


# --- expressions -----------------------------------------------------------------------------

def padded(text, size):
    """`text` with spaces inserted after its first word to make it exactly `size` bytes."""
    first, rest = text.split(" ", 1)
    return first + " " * (size - len(text)) + " " + rest


def test_expression_length_4096_bytes(ddb, tbl):
    ddb.put_item(TableName=tbl, Item={**key("len"), "a": {"N": "1"}})
    kc = dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}, ":one": {"N": "1"}})
    at = {
        "ProjectionExpression": lambda n: ddb.get_item(TableName=tbl, Key=key("len"), ProjectionExpression="a" + " " * (n - 1)),
        "ConditionExpression": lambda n: ddb.put_item(TableName=tbl, Item={**key("len"), "a": {"N": "1"}},
                                                      ConditionExpression=padded("a = :one", n), ExpressionAttributeValues={":one": {"N": "1"}}),
        "UpdateExpression": lambda n: ddb.update_item(TableName=tbl, Key=key("len"), UpdateExpression=padded("SET a = :one", n),
                                                      ExpressionAttributeValues={":one": {"N": "1"}}),
        "FilterExpression": lambda n: ddb.query(TableName=tbl, FilterExpression=padded("a = :one", n), **kc),
        "KeyConditionExpression": lambda n: ddb.query(TableName=tbl, KeyConditionExpression=padded("pk = :p", n),
                                                      ExpressionAttributeValues={":p": {"S": "p"}}),
    }
    for member, call in at.items():
        call(4096)
        message = refused(lambda: call(4097))
        tail = " expression size: 4097" if member in ("ConditionExpression", "FilterExpression") else ""
        assert message == "Invalid %s: Expression size has exceeded the maximum allowed size;%s" % (member, tail), member
    assert ddb.scan(TableName=tbl, FilterExpression=padded("a = :one", 4096), ExpressionAttributeValues={":one": {"N": "1"}})["Count"] == 1
    # Measured on the text as sent: placeholders are not expanded first.
    names = {"#a%d" % i: "n" * 246 + "q%d" % i for i in range(30)}
    assert ddb.get_item(TableName=tbl, Key=key("len"), ProjectionExpression=", ".join(names), ExpressionAttributeNames=names)["Item"] == {}
    # Inside a transaction the whole request is refused and nothing is written.
    message = refused(lambda: ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": tbl, "Item": key("len-tx")}},
        {"ConditionCheck": {"TableName": tbl, "Key": key("len"), "ConditionExpression": padded("a = :one", 4097),
                            "ExpressionAttributeValues": {":one": {"N": "1"}}}}]))
    assert message == "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097"
    assert absent(ddb, tbl, "len-tx")


def test_operators_and_in_operands(ddb, tbl):
    ddb.put_item(TableName=tbl, Item={**key("ops"), "a": {"N": "1"}})
    values = {":v%d" % i: {"N": str(i)} for i in range(100)}
    in_list = "a IN (" + ", ".join(values) + ")"
    assert ddb.query(TableName=tbl, KeyConditionExpression="pk = :p", FilterExpression=in_list,
                     ExpressionAttributeValues={":p": {"S": "p"}, **values})["Count"] >= 1
    values[":v100"] = {"N": "100"}
    assert refused(lambda: ddb.scan(TableName=tbl, FilterExpression="a IN (" + ", ".join(values) + ")", ExpressionAttributeValues=values)) == \
        "Invalid FilterExpression: The IN operator is provided with too many operands; number of operands: 101"
    # 300 operators (each comparison, NOT and AND counts) is the most an expression may hold.
    at_limit = "NOT a = :two" + " AND a = :one" * 149
    ddb.put_item(TableName=tbl, Item={**key("ops"), "a": {"N": "1"}}, ConditionExpression=at_limit,
                 ExpressionAttributeValues={":one": {"N": "1"}, ":two": {"N": "2"}})
    assert refused(lambda: ddb.put_item(TableName=tbl, Item=key("ops"), ConditionExpression="a = :one" + " AND a = :one" * 150,
                                        ExpressionAttributeValues={":one": {"N": "1"}})) == \
        "Invalid ConditionExpression: The expression contains too many operators; operator count: 301"


def test_deeply_nested_expressions(ddb, tbl):
    """Deep nesting within 4 KB is answered with the service's texts (as ScyllaDB's
    test_limits.py records them), and the size is checked before anything is parsed."""
    ddb.put_item(TableName=tbl, Item={**key("nested"), "a": {"N": "1"}, "b": {"N": "2"}})

    def update(condition):
        return ddb.update_item(TableName=tbl, Key=key("nested"), UpdateExpression="SET z = :v", ConditionExpression=condition,
                               ExpressionAttributeValues={":v": {"N": "1"}})
    update("a<b " + "or (a<b " * 149 + ")" * 149)  # 299 operators
    for condition, message in [
        ("a<b " + "or (a<b " * 454 + ")" * 454, "The expression contains too many operators; operator count: 909"),
        ("(" * 2046 + "a<b" + ")" * 2046, "The expression has redundant parentheses;"),
        ("a < " + "f(" * 1355 + "b" + ")" * 1355, "Invalid function name; function: f"),
        ("(" * 4096, 'Syntax error; token: "<EOF>", near: "("'),
        ("(" * 15000, "Expression size has exceeded the maximum allowed size; expression size: 15000"),
        ("a<b " + "and (a<b " * 20000 + ")" * 20000, "Expression size has exceeded the maximum allowed size; expression size: 200004"),
    ]:
        assert refused(lambda: update(condition)) == "Invalid ConditionExpression: " + message


def test_document_paths_nest_at_most_32_levels(ddb, tbl):
    deep = {"S": "leaf"}
    for _ in range(31):
        deep = {"M": {"b": deep}}
    ddb.put_item(TableName=tbl, Item={**key("deep"), "a": deep})
    path32 = "a" + ".b" * 31
    got = ddb.get_item(TableName=tbl, Key=key("deep"), ProjectionExpression=path32)["Item"]
    assert json.dumps(got).count('"M"') == 31 and '"leaf"' in json.dumps(got)
    ddb.update_item(TableName=tbl, Key=key("deep"), UpdateExpression="SET " + path32 + " = :v", ConditionExpression="attribute_exists(" + path32 + ")",
                    ExpressionAttributeValues={":v": {"S": "new"}})
    path33 = path32 + ".c"
    for member, call in [
        ("ProjectionExpression", lambda: ddb.get_item(TableName=tbl, Key=key("deep"), ProjectionExpression=path33)),
        ("UpdateExpression", lambda: ddb.update_item(TableName=tbl, Key=key("deep"), UpdateExpression="SET " + path33 + " = :v",
                                                     ExpressionAttributeValues={":v": {"S": "x"}})),
        ("ConditionExpression", lambda: ddb.delete_item(TableName=tbl, Key=key("deep"), ConditionExpression="attribute_exists(" + path33 + ")")),
        ("FilterExpression", lambda: ddb.scan(TableName=tbl, FilterExpression="attribute_exists(" + path33 + ")")),
    ]:
        assert refused(call) == "Invalid %s: The document path has too many nesting levels; nesting levels: 33" % member
    # List indexes are levels too.
    assert refused(lambda: ddb.get_item(TableName=tbl, Key=key("deep"), ProjectionExpression="a" + "[0]" * 32)) == \
        "Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33"
    assert ddb.get_item(TableName=tbl, Key=key("deep"))["Item"]["a"]["M"]["b"]["M"] is not None


def test_updates_cannot_nest_an_item_past_32_levels(ddb, tbl):
    """A value set at a nested path counts from the top of the item: 32 levels in all."""
    def wraps(n):
        v = {"S": "leaf"}
        for _ in range(n):
            v = {"M": {"b": v}}
        return v
    nest = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"
    ddb.put_item(TableName=tbl, Item={**key("nest"), "m": {"M": {}}})
    ddb.update_item(TableName=tbl, Key=key("nest"), UpdateExpression="SET m.x = :v", ExpressionAttributeValues={":v": wraps(30)})
    assert refused(lambda: ddb.update_item(TableName=tbl, Key=key("nest"), UpdateExpression="SET m.y = :v",
                                           ExpressionAttributeValues={":v": wraps(31)})) == nest
    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(TransactItems=[{"Update": {"TableName": tbl, "Key": key("nest"), "UpdateExpression": "SET m.y = :v",
                                                            "ExpressionAttributeValues": {":v": wraps(31)}}}])
    assert e.value.response["CancellationReasons"] == [{"Code": "ValidationError", "Message": nest}]
    assert set(ddb.get_item(TableName=tbl, Key=key("nest"))["Item"]["m"]["M"]) == {"x"}


# --- item size -------------------------------------------------------------------------------

def test_item_size_limit_on_every_write_path(ddb, tbl):
    """409,600 bytes (names plus values) is the largest item; one byte more is refused by
    PutItem, BatchWriteItem and a transaction's Put up front, by UpdateItem with the update
    wording, and by a transaction's Update as a cancellation (its size depends on the stored
    item)."""
    ddb.put_item(TableName=tbl, Item=sized_item("size-put", MAX_ITEM))
    assert refused(lambda: ddb.put_item(TableName=tbl, Item=sized_item("size-put-over", MAX_ITEM + 1))) == PUT_TOO_LARGE
    ddb.batch_write_item(RequestItems={tbl: [{"PutRequest": {"Item": sized_item("size-bw", MAX_ITEM)}}]})
    assert refused(lambda: ddb.batch_write_item(RequestItems={tbl: [{"PutRequest": {"Item": key("size-bw-2")}},
                                                                    {"PutRequest": {"Item": sized_item("size-bw-over", MAX_ITEM + 1)}}]})) == PUT_TOO_LARGE
    ddb.transact_write_items(TransactItems=[{"Put": {"TableName": tbl, "Item": sized_item("size-tx", MAX_ITEM)}}])
    assert refused(lambda: ddb.transact_write_items(TransactItems=[{"Put": {"TableName": tbl, "Item": sized_item("size-tx-over", MAX_ITEM + 1)}}])) \
        == PUT_TOO_LARGE
    for sk in ["size-put", "size-bw", "size-tx"]:
        assert len(ddb.get_item(TableName=tbl, Key=key(sk))["Item"]["v"]["S"]) == MAX_ITEM - 6 - len(sk)
    for sk in ["size-put-over", "size-bw-2", "size-bw-over", "size-tx-over"]:
        assert absent(ddb, tbl, sk)

    # UpdateItem: the item after the update is what is measured, new or grown.
    exact = sized_item("size-up", MAX_ITEM)
    ddb.update_item(TableName=tbl, Key=key("size-up"), UpdateExpression="SET v = :v", ExpressionAttributeValues={":v": exact["v"]})
    assert refused(lambda: ddb.update_item(TableName=tbl, Key=key("size-up"), UpdateExpression="SET w = :w",
                                           ExpressionAttributeValues={":w": {"S": "x"}})) == UPDATE_TOO_LARGE
    assert refused(lambda: ddb.update_item(TableName=tbl, Key=key("size-up"), AttributeUpdates={"w": {"Action": "PUT", "Value": {"S": "x"}}})) \
        == UPDATE_TOO_LARGE
    assert refused(lambda: ddb.update_item(TableName=tbl, Key=key("size-up-new"), UpdateExpression="SET v = :v",
                                           ExpressionAttributeValues={":v": {"S": exact["v"]["S"] + "xyz"}})) == UPDATE_TOO_LARGE
    assert "w" not in ddb.get_item(TableName=tbl, Key=key("size-up"))["Item"]
    assert absent(ddb, tbl, "size-up-new")

    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": tbl, "Item": key("size-tx-2")}},
            {"Update": {"TableName": tbl, "Key": key("size-up"), "UpdateExpression": "SET w = :w", "ExpressionAttributeValues": {":w": {"S": "x"}}}}])
    assert error_of(e) == ("TransactionCanceledException",
                           "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]")
    assert e.value.response["CancellationReasons"] == [{"Code": "None"}, {"Code": "ValidationError", "Message": UPDATE_TOO_LARGE}]
    assert absent(ddb, tbl, "size-tx-2")


# --- transactions ----------------------------------------------------------------------------

def test_transaction_action_counts(ddb, tbl):
    ddb.transact_write_items(TransactItems=[{"Put": {"TableName": tbl, "Item": key("tx-%03d" % i)}} for i in range(100)])
    out = ddb.transact_get_items(TransactItems=[{"Get": {"TableName": tbl, "Key": key("tx-%03d" % i)}} for i in range(100)])
    assert [r["Item"]["sk"]["S"] for r in out["Responses"]] == ["tx-%03d" % i for i in range(100)]
    too_many = "1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: Member must have length less than or equal to 100"
    assert refused(lambda: ddb.transact_write_items(TransactItems=[{"Put": {"TableName": tbl, "Item": key("tx-x%03d" % i)}} for i in range(101)])) \
        == too_many
    assert refused(lambda: ddb.transact_get_items(TransactItems=[{"Get": {"TableName": tbl, "Key": key("tx-%03d" % i)}} for i in range(101)])) \
        == too_many
    none = "1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: Member must have length greater than or equal to 1"
    assert refused(lambda: ddb.transact_write_items(TransactItems=[])) == none
    assert refused(lambda: ddb.transact_get_items(TransactItems=[])) == none
    assert absent(ddb, tbl, "tx-x000")
    # Member constraints are reported together, the token first.
    assert refused(lambda: ddb.transact_write_items(TransactItems=[{"Put": {"TableName": tbl, "Item": key("tx-tok")}}],
                                                    ClientRequestToken="t" * 37, ReturnConsumedCapacity="BOGUS")) == \
        ("2 validation errors detected: Value '%s' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or "
         "equal to 36; Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: "
         "[INDEXES, TOTAL, NONE]" % ("t" * 37))


def test_transaction_refusals_versus_cancellations(ddb, tbl):
    """What a transaction refuses up front (ValidationException) and what it cancels
    (TransactionCanceledException with one reason per action); nothing is written either way."""
    ddb.put_item(TableName=tbl, Item={**key("tx-have"), "n": {"S": "text"}})
    fresh = {"Put": {"TableName": tbl, "Item": key("tx-fresh")}}

    def cancelled(items):
        with pytest.raises(ClientError) as e:
            ddb.transact_write_items(TransactItems=items)
        code, message = error_of(e)
        assert code == "TransactionCanceledException" and e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        reasons = e.value.response["CancellationReasons"]
        assert message == "Transaction cancelled, please refer cancellation reasons for specific reasons [%s]" % ", ".join(r["Code"] for r in reasons)
        return reasons

    # Up front: duplicate targets, malformed expressions (even behind a missing table),
    # unused values, empty key values, key attributes updated, oversized items.
    assert refused(lambda: ddb.transact_write_items(TransactItems=[fresh, {"Delete": {"TableName": tbl, "Key": key("tx-fresh")}}])) == \
        "Transaction request cannot include multiple operations on one item"
    assert refused(lambda: ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": "no-such-table", "Item": key("a")}},
        {"ConditionCheck": {"TableName": tbl, "Key": key("tx-have"), "ConditionExpression": "attribute_not_exists("}}])) == \
        'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("'
    assert refused(lambda: ddb.transact_write_items(TransactItems=[
        fresh, {"ConditionCheck": {"TableName": tbl, "Key": key("tx-have"), "ConditionExpression": "attribute_exists(pk)",
                                   "ExpressionAttributeValues": {":v": {"S": "x"}}}}])) == \
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}"
    assert refused(lambda: ddb.transact_write_items(TransactItems=[fresh, {"Delete": {"TableName": tbl, "Key": {"pk": {"S": ""}, "sk": {"S": "x"}}}}])) == \
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"
    assert refused(lambda: ddb.transact_write_items(TransactItems=[
        fresh, {"Update": {"TableName": tbl, "Key": key("tx-have"), "UpdateExpression": "SET sk = :v", "ExpressionAttributeValues": {":v": {"S": "y"}}}}])) == \
        "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key"
    assert refused(lambda: ddb.transact_write_items(TransactItems=[fresh, {"Put": {"TableName": tbl, "Item": {"pk": {"S": "p"}}}}])) == \
        "One or more parameter values were invalid: Missing the key sk in the item"

    # Cancelled: failed conditions, mistyped keys, updates that fail on the stored item.
    reasons = cancelled([fresh, {"Put": {"TableName": tbl, "Item": key("tx-have"), "ConditionExpression": "attribute_not_exists(pk)",
                                         "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}])
    assert reasons == [{"Code": "None"}, {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
                                          "Item": {**key("tx-have"), "n": {"S": "text"}}}]
    mismatch = "The provided key element does not match the schema"
    reasons = cancelled([fresh,
                         {"Put": {"TableName": tbl, "Item": {"pk": {"N": "5"}, "sk": {"S": "x"}}}},
                         {"Update": {"TableName": tbl, "Key": {"pk": {"N": "6"}, "sk": {"S": "x"}}, "UpdateExpression": "SET a = :v",
                                     "ExpressionAttributeValues": {":v": {"S": "x"}}}},
                         {"Delete": {"TableName": tbl, "Key": {"pk": {"L": [{"S": "x"}]}, "sk": {"S": "x"}}}},
                         {"ConditionCheck": {"TableName": tbl, "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "ConditionExpression": "attribute_exists(pk)"}}])
    assert reasons == [{"Code": "None"},
                       {"Code": "ValidationError", "Message": "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"},
                       {"Code": "ValidationError", "Message": mismatch}, {"Code": "ValidationError", "Message": mismatch},
                       {"Code": "ValidationError", "Message": mismatch}]
    reasons = cancelled([fresh, {"Update": {"TableName": tbl, "Key": key("tx-have"), "UpdateExpression": "SET n = n + :one",
                                            "ExpressionAttributeValues": {":one": {"N": "1"}}}}])
    assert reasons == [{"Code": "None"}, {"Code": "ValidationError", "Message": "An operand in the update expression has an incorrect data type"}]
    assert absent(ddb, tbl, "tx-fresh")
    assert ddb.get_item(TableName=tbl, Key=key("tx-have"))["Item"] == {**key("tx-have"), "n": {"S": "text"}}


# --- batches ---------------------------------------------------------------------------------

def test_batch_request_counts(ddb, tbl, table_name):
    other = table_name
    create_table(ddb, other)
    out = ddb.batch_write_item(RequestItems={tbl: [{"PutRequest": {"Item": key("bw-%02d" % i)}} for i in range(25)]})
    assert out["UnprocessedItems"] == {}
    assert refused(lambda: ddb.batch_write_item(RequestItems={tbl: [{"PutRequest": {"Item": key("bx-%02d" % i)}} for i in range(26)]})) == \
        "1 validation error detected: Value at 'RequestItems.%s.member' failed to satisfy constraint: Member must have length less than or equal to 25" % tbl
    assert refused(lambda: ddb.batch_write_item(RequestItems={
        tbl: [{"PutRequest": {"Item": key("bx-%02d" % i)}} for i in range(13)],
        other: [{"PutRequest": {"Item": {"pk": {"S": "o%d" % i}}}} for i in range(13)]})) == "Too many items requested for the BatchWriteItem call"
    assert refused(lambda: ddb.batch_write_item(RequestItems={tbl: []})) == \
        ("1 validation error detected: Value '{%s=[]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
         "[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]" % tbl)
    assert refused(lambda: ddb.batch_write_item(RequestItems={})) == \
        "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1"
    assert absent(ddb, tbl, "bx-00")
    # A PutRequest's item key is checked as a key.
    assert refused(lambda: ddb.batch_write_item(RequestItems={tbl: [{"PutRequest": {"Item": {"pk": {"S": "p"}}}}]})) == \
        "The provided key element does not match the schema"
    assert refused(lambda: ddb.batch_write_item(RequestItems={tbl: [{"PutRequest": {"Item": {"pk": {"N": "1"}, "sk": {"S": "x"}}}}]})) == \
        "The provided key element does not match the schema"

    out = ddb.batch_get_item(RequestItems={tbl: {"Keys": [key("bw-%02d" % i) for i in range(25)] + [key("none-%02d" % i) for i in range(75)]}})
    assert len(out["Responses"][tbl]) == 25 and out["UnprocessedKeys"] == {}
    assert refused(lambda: ddb.batch_get_item(RequestItems={tbl: {"Keys": [key("k%03d" % i) for i in range(101)]}})) == \
        "1 validation error detected: Value at 'RequestItems.%s.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100" % tbl
    assert refused(lambda: ddb.batch_get_item(RequestItems={tbl: {"Keys": [key("k%03d" % i) for i in range(60)]},
                                                            other: {"Keys": [{"pk": {"S": "o%d" % i}} for i in range(41)]}})) == \
        "Too many items requested for the BatchGetItem call"
    assert refused(lambda: ddb.batch_get_item(RequestItems={tbl: {"Keys": []}})) == \
        "1 validation error detected: Value at 'RequestItems.%s.member.Keys' failed to satisfy constraint: Member must have length greater than or equal to 1" % tbl
    assert refused(lambda: ddb.batch_get_item(RequestItems={})) == \
        "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1"


def test_batch_get_stops_before_16_mb(ddb, table_name):
    """50 items of 400,000 bytes: 41 fit in 16 MB (16,777,216 bytes), the rest come back in
    UnprocessedKeys with the table's request members, and are read by the retry."""
    create_table(ddb, table_name)
    filler = "x" * (400000 - 2 - 3 - 1)
    for i in range(50):
        ddb.put_item(TableName=table_name, Item={"pk": {"S": "k%02d" % i}, "v": {"S": filler}})
    keys = [{"pk": {"S": "k%02d" % i}} for i in range(50)]
    out = ddb.batch_get_item(RequestItems={table_name: {"Keys": keys, "ConsistentRead": True}}, ReturnConsumedCapacity="TOTAL")
    got = [i["pk"]["S"] for i in out["Responses"][table_name]]
    left = out["UnprocessedKeys"][table_name]
    assert len(got) == 41 and len(left["Keys"]) == 9 and left["ConsistentRead"] is True
    assert sorted(got + [k["pk"]["S"] for k in left["Keys"]]) == ["k%02d" % i for i in range(50)]
    # Each item read is charged as its own strongly consistent GetItem: 98 units of 4 KB.
    assert out["ConsumedCapacity"] == [{"TableName": table_name, "CapacityUnits": 41 * 98.0}]
    rest = ddb.batch_get_item(RequestItems=out["UnprocessedKeys"])
    assert len(rest["Responses"][table_name]) == 9 and rest["UnprocessedKeys"] == {}


# --- SerializationException versus ValidationException ---------------------------------------

@pytest.mark.parametrize("operation, body, code, message", [
    ("Scan", {"TableName": "limits-tbl", "Limit": "5"}, "SerializationException", "class java.lang.String can not be converted to an Integer"),
    ("Scan", {"TableName": "limits-tbl", "Limit": 0}, "ValidationException",
     "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"),
    ("TransactWriteItems", {"TransactItems": {"Put": {}}}, "SerializationException", "Start of structure or map found where not expected."),
    ("BatchGetItem", {"RequestItems": []}, "SerializationException", "Start of list found where not expected"),
    ("GetItem", {"TableName": "limits-tbl", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}}, "ProjectionExpression": "#a",
                 "ExpressionAttributeNames": {"#a": 5}}, "SerializationException", "class java.lang.Integer can not be converted to an String"),
    ("GetItem", {"TableName": "limits-tbl", "Key": {"pk": {"S": "p"}, "sk": {"S": "s"}}, "ProjectionExpression": "#a",
                 "ExpressionAttributeNames": {"#a": ""}}, "ValidationException", "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a"),
])
def test_serialization_versus_validation(server, tbl, operation, body, code, message):
    r = dynamo(server, operation, body)
    assert r.status_code == 400
    out = r.json()
    assert out["__type"].endswith("#" + code)
    assert (out.get("message") or out.get("Message")) == message


def test_limits_through_the_cli(server, tbl):
    code, _, err = server.cli("dynamodb", "get-item", "--table-name", tbl, "--key", json.dumps(key("cli")),
                              "--projection-expression", "a" + ".b" * 32, check=False)
    assert code == CLI_SERVICE_ERROR
    assert "(ValidationException) when calling the GetItem operation: Invalid ProjectionExpression: " \
           "The document path has too many nesting levels; nesting levels: 33" in err
    items = [{"Put": {"TableName": tbl, "Item": key("cli-%03d" % i)}} for i in range(101)]
    code, _, err = server.cli("dynamodb", "transact-write-items", "--transact-items", json.dumps(items), check=False)
    assert code == CLI_SERVICE_ERROR
    assert "Value at 'TransactItems' failed to satisfy constraint: Member must have length less than or equal to 100" in err

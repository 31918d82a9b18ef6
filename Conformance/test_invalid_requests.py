"""Invalid requests through the whole pipeline (boto3 → server), each with AWS's exact error
type and message: expression syntax and semantics, substitutions, limits, batches,
transactions and mixed legacy/expression parameters."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import create_table, error_of

V = {":v": {"S": "x"}}
N1 = {":n": {"N": "1"}}


@pytest.fixture(scope="module")
def tbl(server):
    ddb = server.client()
    create_table(ddb, "invalid-reqs", range_key=("sk", "N"))
    ddb.put_item(TableName="invalid-reqs", Item={"pk": {"S": "p"}, "sk": {"N": "1"}, "s": {"S": "str"}, "l": {"L": [{"N": "1"}]},
                                                 "n": {"N": "5"}, "ss": {"SS": ["a"]}})
    return "invalid-reqs"


KEY = {"pk": {"S": "p"}, "sk": {"N": "1"}}

# (operation, extra parameters, expected message)
CASES = [
    # syntax
    ("update_item", dict(UpdateExpression="ADD hits : incr", ExpressionAttributeValues={":incr": {"N": "1"}}),
     'Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr"'),
    ("update_item", dict(UpdateExpression="INVALID SYNTAX HERE"), 'Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"'),
    ("update_item", dict(UpdateExpression="SET"), 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"'),
    ("update_item", dict(UpdateExpression="set a = b / c"), 'Invalid UpdateExpression: Syntax error; token: "/", near: "b / c"'),
    ("update_item", dict(UpdateExpression="remove :a", ExpressionAttributeValues={":a": {"S": "x"}}),
     'Invalid UpdateExpression: Syntax error; token: ":a", near: "remove :a"'),
    ("put_item", dict(ConditionExpression="a b"), 'Invalid ConditionExpression: Syntax error; token: "b", near: "a b"'),
    ("put_item", dict(ConditionExpression="a = :v AND", ExpressionAttributeValues=V), 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"'),
    ("put_item", dict(ConditionExpression="a > 4"), 'Invalid ConditionExpression: Syntax error; token: "4", near: "> 4"'),
    ("get_item", dict(ProjectionExpression="a b"), 'Invalid ProjectionExpression: Syntax error; token: "b", near: "a b"'),
    ("get_item", dict(ProjectionExpression="a,"), 'Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","'),
    # conditions
    ("put_item", dict(ConditionExpression=""), "Invalid ConditionExpression: The expression can not be empty;"),
    ("put_item", dict(ConditionExpression="((a = :v))", ExpressionAttributeValues=V), "Invalid ConditionExpression: The expression has redundant parentheses;"),
    ("put_item", dict(ConditionExpression="foo(a)"), "Invalid ConditionExpression: Invalid function name; function: foo"),
    ("put_item", dict(ConditionExpression="size(a)"),
     "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size"),
    ("put_item", dict(ConditionExpression="Status = :v", ExpressionAttributeValues=V),
     "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Status"),
    ("put_item", dict(ConditionExpression="#n = :v", ExpressionAttributeValues=V),
     "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #n"),
    ("put_item", dict(ConditionExpression="a = :w", ExpressionAttributeValues=V),
     "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w"),
    ("put_item", dict(ConditionExpression="begins_with(a)"),
     "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1"),
    ("put_item", dict(ConditionExpression="a = a"),
     "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
    ("put_item", dict(ConditionExpression="begins_with(a, :n)", ExpressionAttributeValues=N1),
     "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
    ("put_item", dict(ConditionExpression="attribute_type(a, :t)", ExpressionAttributeValues={":t": {"S": "STRING"}}),
     "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"),
    ("put_item", dict(ConditionExpression="attribute_exists(:v)", ExpressionAttributeValues=V),
     "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists"),
    ("put_item", dict(ConditionExpression="a BETWEEN :lo AND :hi", ExpressionAttributeValues={":lo": {"N": "10"}, ":hi": {"N": "1"}}),
     "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}"),
    ("put_item", dict(ConditionExpression="a IN (" + ", ".join(":v%d" % i for i in range(101)) + ")",
                      ExpressionAttributeValues={":v%d" % i: {"N": str(i)} for i in range(101)}),
     "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101"),
    ("put_item", dict(ConditionExpression="a = :v" + " AND a = :v" * 150, ExpressionAttributeValues=V),
     "Invalid ConditionExpression: The expression contains too many operators; operator count: 301"),
    # substitutions
    ("put_item", dict(ConditionExpression="a = :v", ExpressionAttributeValues={**V, ":extra": {"S": "y"}}),
     "Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}"),
    ("put_item", dict(ConditionExpression="a = :v", ExpressionAttributeValues=V, ExpressionAttributeNames={"#unused": "x"}),
     "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}"),
    ("put_item", dict(ConditionExpression="a = :v", ExpressionAttributeValues={}), "ExpressionAttributeValues must not be empty"),
    ("put_item", dict(ConditionExpression="a = :v", ExpressionAttributeValues=V, ExpressionAttributeNames={}), "ExpressionAttributeNames must not be empty"),
    ("put_item", dict(ConditionExpression="a = :v", ExpressionAttributeValues={"v": {"S": "x"}}),
     'ExpressionAttributeValues contains invalid key: Syntax error; key: "v"'),
    ("put_item", dict(ConditionExpression="a = :v", ExpressionAttributeValues={":v": {"SS": []}}),
     "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v"),
    # updates
    ("update_item", dict(UpdateExpression="SET a = :v, a.b = :v", ExpressionAttributeValues=V),
     "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"),
    ("update_item", dict(UpdateExpression="ADD s :n", ExpressionAttributeValues=N1),
     "An operand in the update expression has an incorrect data type"),
    ("update_item", dict(UpdateExpression="SET s = s + :n", ExpressionAttributeValues=N1),
     "An operand in the update expression has an incorrect data type"),
    ("update_item", dict(UpdateExpression="SET l = list_append(l, :v)", ExpressionAttributeValues=V),
     "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S"),
    ("update_item", dict(UpdateExpression="SET n = n + :big", ExpressionAttributeValues={":big": {"N": "9e125"}},
                         ConditionExpression="attribute_exists(n)"),
     None),
    ("update_item", dict(UpdateExpression="SET sk = :n", ExpressionAttributeValues=N1),
     "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key"),
    ("update_item", dict(UpdateExpression="DELETE ss :v", ExpressionAttributeValues=V),
     "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: STRING"),
    # mixing legacy and expression parameters
    ("put_item", dict(ConditionExpression="attribute_exists(a)", Expected={"a": {"Exists": True, "Value": {"S": "x"}}}),
     "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"),
    ("update_item", dict(UpdateExpression="SET a = :v", ExpressionAttributeValues=V, AttributeUpdates={"b": {"Action": "DELETE"}}),
     "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}"),
    ("get_item", dict(ProjectionExpression="a", AttributesToGet=["a"]),
     "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"),
    # legacy parameters
    ("put_item", dict(Expected={"a": {"ComparisonOperator": "EQ"}}),
     "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"),
    ("put_item", dict(Expected={"a": {"Exists": False, "Value": {"S": "x"}}}),
     "One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a"),
    ("put_item", dict(Expected={"a": {"AttributeValueList": [{"S": "x"}]}}),
     "One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: a"),
    # ReturnValues / options
    ("put_item", dict(ReturnValues="UPDATED_NEW"), "ReturnValues can only be ALL_OLD or NONE"),
    ("put_item", dict(ReturnConsumedCapacity="SOME"),
     "1 validation error detected: Value 'SOME' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"),
    ("update_item", dict(ReturnValues="EVERYTHING"),
     "1 validation error detected: Value 'EVERYTHING' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]"),
]


@pytest.mark.parametrize("op, extra, message", CASES, ids=[m[:60] if m else "overflow" for _, _, m in CASES])
def test_invalid_item_request(server, tbl, op, extra, message):
    ddb = server.client()
    args = dict(TableName=tbl, **extra)
    if op == "put_item":
        args["Item"] = {"pk": {"S": "p"}, "sk": {"N": "1"}}
    else:
        args["Key"] = KEY
    with pytest.raises(ClientError) as e:
        getattr(ddb, op)(**args)
    code, got = error_of(e)
    assert code == "ValidationException"
    if message is None:
        assert got == "Number overflow. Attempting to store a number with magnitude larger than supported range"
    else:
        assert got == message


QUERY_CASES = [
    (dict(KeyConditionExpression="pk = :p OR sk = :n", ExpressionAttributeValues={":p": {"S": "p"}, **N1}),
     "Invalid operator used in KeyConditionExpression: OR"),
    (dict(KeyConditionExpression="pk = :n", ExpressionAttributeValues=N1),
     "One or more parameter values were invalid: Condition parameter type does not match schema type"),
    (dict(KeyConditionExpression="pk < :p", ExpressionAttributeValues={":p": {"S": "p"}}), "Query key condition not supported"),
    (dict(KeyConditionExpression="pk = :p AND sk = :n AND s = :v", ExpressionAttributeValues={":p": {"S": "p"}, **N1, **V}),
     "The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)"),
    (dict(KeyConditionExpression="pk = :p", FilterExpression="sk = :n", ExpressionAttributeValues={":p": {"S": "p"}, **N1}),
     "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk"),
    (dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}, Select="ALL_PROJECTED_ATTRIBUTES"),
     "1 validation error detected: ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"),
    (dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}, Limit=0),
     "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"),
    (dict(KeyConditions={"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}},
          KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}),
     "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}"),
    (dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}}, ExclusiveStartKey={"pk": {"S": "p"}}),
     "The provided starting key is invalid: The provided key element does not match the schema"),
]


@pytest.mark.parametrize("extra, message", QUERY_CASES, ids=[m[:60] for _, m in QUERY_CASES])
def test_invalid_query(server, tbl, extra, message):
    with pytest.raises(ClientError) as e:
        server.client().query(TableName=tbl, **extra)
    assert error_of(e) == ("ValidationException", message)


def test_batch_write_limits_and_duplicates(server, tbl):
    ddb = server.client()
    puts = [{"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": str(i)}}}} for i in range(26)]
    with pytest.raises(ClientError) as e:
        ddb.batch_write_item(RequestItems={tbl: puts})
    assert error_of(e) == ("ValidationException", "1 validation error detected: Value at 'RequestItems.%s.member' failed to satisfy constraint: "
                                                  "Member must have length less than or equal to 25" % tbl)
    dup = [{"PutRequest": {"Item": KEY}}, {"DeleteRequest": {"Key": KEY}}]
    with pytest.raises(ClientError) as e:
        ddb.batch_write_item(RequestItems={tbl: dup})
    assert error_of(e) == ("ValidationException", "Provided list of item keys contains duplicates")
    with pytest.raises(ClientError) as e:
        ddb.batch_write_item(RequestItems={tbl: [{"PutRequest": {"Item": {"pk": {"S": "ok"}, "sk": {"N": "9"}}}}],
                                           "no-such-table": [{"PutRequest": {"Item": {"pk": {"S": "x"}}}}]})
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found")
    assert "Item" not in ddb.get_item(TableName=tbl, Key={"pk": {"S": "ok"}, "sk": {"N": "9"}})


def test_batch_get_limits_and_duplicates(server, tbl):
    ddb = server.client()
    keys = [{"pk": {"S": "b"}, "sk": {"N": str(i)}} for i in range(101)]
    with pytest.raises(ClientError) as e:
        ddb.batch_get_item(RequestItems={tbl: {"Keys": keys}})
    assert error_of(e) == ("ValidationException", "1 validation error detected: Value at 'RequestItems.%s.member.Keys' failed to satisfy constraint: "
                                                  "Member must have length less than or equal to 100" % tbl)
    with pytest.raises(ClientError) as e:
        ddb.batch_get_item(RequestItems={tbl: {"Keys": [KEY, KEY]}})
    assert error_of(e) == ("ValidationException", "Provided list of item keys contains duplicates")


def test_transaction_limits(server, tbl):
    ddb = server.client()
    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(TransactItems=[{"Put": {"TableName": tbl, "Item": KEY}}, {"Delete": {"TableName": tbl, "Key": KEY}}])
    assert error_of(e) == ("ValidationException", "Transaction request cannot include multiple operations on one item")
    items = [{"Put": {"TableName": tbl, "Item": {"pk": {"S": "t"}, "sk": {"N": str(i)}}}} for i in range(101)]
    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(TransactItems=items)
    code, message = error_of(e)
    assert code == "ValidationException"
    assert message == "1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: Member must have length less than or equal to 100"

"""Items: PutItem, GetItem, UpdateItem, DeleteItem — values, numbers, keys and sizes, with
AWS's exact errors."""
import pytest
from botocore.exceptions import ClientError

from conftest import create_table, error_of


@pytest.fixture
def table(ddb, table_name):
    create_table(ddb, table_name, range_key=("sk", "N"))
    return table_name


def test_every_type_round_trips(ddb, table):
    item = {
        "pk": {"S": "all"}, "sk": {"N": "1"},
        "s": {"S": "héllo"}, "n": {"N": "-12.5"}, "b": {"B": b"\x00\x01\xff"},
        "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2.5"]}, "bs": {"BS": [b"x", b"y"]},
        "m": {"M": {"inner": {"L": [{"S": "x"}, {"NULL": True}, {"BOOL": False}]}}},
        "l": {"L": []}, "nul": {"NULL": True}, "t": {"BOOL": True}, "empty": {"S": ""},
    }
    ddb.put_item(TableName=table, Item=item)
    got = ddb.get_item(TableName=table, Key={"pk": {"S": "all"}, "sk": {"N": "1"}}, ConsistentRead=True)["Item"]
    assert {k: v for k, v in got.items() if k not in ("ss", "ns", "bs")} == {k: v for k, v in item.items() if k not in ("ss", "ns", "bs")}
    assert sorted(got["ss"]["SS"]) == ["a", "b"]
    assert sorted(got["ns"]["NS"]) == ["1", "2.5"]
    assert sorted(got["bs"]["BS"]) == [b"x", b"y"]


@pytest.mark.parametrize("given, returned", [
    ("1.0", "1"), ("1E2", "100"), ("0.10", "0.1"), ("-0", "0"), ("+3", "3"), (".5", "0.5"), ("0001.23", "1.23"),
    ("1e-130", "0." + "0" * 129 + "1"), ("9.99999999e125", "999999999" + "0" * 117),
    ("3.1415926535897932384626433832795028841", "3.1415926535897932384626433832795028841"),
])
def test_numbers_are_exact_and_normalized(ddb, table, given, returned):
    ddb.put_item(TableName=table, Item={"pk": {"S": "n"}, "sk": {"N": "1"}, "v": {"N": given}})
    got = ddb.get_item(TableName=table, Key={"pk": {"S": "n"}, "sk": {"N": "1"}})["Item"]["v"]
    assert got == {"N": returned}


@pytest.mark.parametrize("value, message", [
    ("1e126", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
    ("-11e125", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
    ("1e-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
    ("3.14159265358979323846264338327950288419", "Attempting to store more than 38 significant digits in a Number"),
    ("dog", "The parameter cannot be converted to a numeric value: dog"),
    ("NaN", "The parameter cannot be converted to a numeric value: NaN"),
    (" 1", "The parameter cannot be converted to a numeric value:  1"),
    ("", "The parameter cannot be converted to a numeric value"),
])
def test_invalid_numbers(ddb, table, value, message):
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=table, Item={"pk": {"S": "n"}, "sk": {"N": "1"}, "v": {"N": value}})
    assert error_of(e) == ("ValidationException", message)


@pytest.mark.parametrize("value, message", [
    ({"SS": []}, "One or more parameter values were invalid: An string set  may not be empty"),
    ({"NS": []}, "One or more parameter values were invalid: An number set  may not be empty"),
    ({"BS": []}, "One or more parameter values were invalid: Binary sets should not be empty"),
    ({"SS": ["a", "a"]}, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
    ({"NS": ["1", "1.0"]}, "Input collection contains duplicates"),
    ({}, "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
    ({"S": "a", "N": "1"}, "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"),
    ({"NULL": False}, "One or more parameter values were invalid: Null attribute value types must have the value of true"),
])
def test_invalid_attribute_values(ddb, table, value, message):
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=table, Item={"pk": {"S": "x"}, "sk": {"N": "1"}, "v": value})
    assert error_of(e) == ("ValidationException", message)


@pytest.mark.parametrize("item, message", [
    ({"sk": {"N": "1"}}, "One or more parameter values were invalid: Missing the key pk in the item"),
    ({"pk": {"N": "1"}, "sk": {"N": "1"}}, "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"),
    ({"pk": {"S": ""}, "sk": {"N": "1"}},
     "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"),
    ({"pk": {"S": "a" * 2049}, "sk": {"N": "1"}},
     "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"),
])
def test_put_item_key_errors(ddb, table, item, message):
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=table, Item=item)
    assert error_of(e) == ("ValidationException", message)


@pytest.mark.parametrize("key", [
    {"pk": {"S": "a"}},
    {"pk": {"S": "a"}, "sk": {"S": "1"}},
    {"pk": {"S": "a"}, "sk": {"N": "1"}, "extra": {"S": "x"}},
])
def test_get_item_key_must_match_schema(ddb, table, key):
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=table, Key=key)
    assert error_of(e) == ("ValidationException", "The provided key element does not match the schema")


def test_unknown_table_for_items(ddb):
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName="missing-table", Key={"pk": {"S": "a"}})
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found")


def test_item_size_limit(ddb, table):
    big = "x" * (400 * 1024 - 20)
    ddb.put_item(TableName=table, Item={"pk": {"S": "ok"}, "sk": {"N": "1"}, "v": {"S": big}})
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=table, Item={"pk": {"S": "big"}, "sk": {"N": "1"}, "v": {"S": "x" * (400 * 1024)}})
    assert error_of(e) == ("ValidationException", "Item size has exceeded the maximum allowed size")
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "big"}, "sk": {"N": "1"}})


def test_projection_expression(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": {"S": "p"}, "sk": {"N": "1"}, "a": {"S": "A"}, "b": {"M": {"c": {"L": [{"N": "1"}, {"N": "2"}]}}}})
    got = ddb.get_item(TableName=table, Key={"pk": {"S": "p"}, "sk": {"N": "1"}}, ProjectionExpression="a, #b.c[1]",
                       ExpressionAttributeNames={"#b": "b"})["Item"]
    assert got == {"a": {"S": "A"}, "b": {"M": {"c": {"L": [{"N": "2"}]}}}}


def test_update_item_set_remove_and_return_values(ddb, table):
    key = {"pk": {"S": "u"}, "sk": {"N": "1"}}
    out = ddb.update_item(TableName=table, Key=key, UpdateExpression="SET a = :a, c = :c", ExpressionAttributeValues={":a": {"N": "1"}, ":c": {"S": "x"}},
                          ReturnValues="ALL_NEW")
    assert out["Attributes"] == {"pk": {"S": "u"}, "sk": {"N": "1"}, "a": {"N": "1"}, "c": {"S": "x"}}
    out = ddb.update_item(TableName=table, Key=key, UpdateExpression="SET a = a + :one REMOVE c", ExpressionAttributeValues={":one": {"N": "1"}},
                          ReturnValues="UPDATED_OLD")
    assert out["Attributes"] == {"a": {"N": "1"}, "c": {"S": "x"}}
    out = ddb.update_item(TableName=table, Key=key, UpdateExpression="SET a = a + :one", ExpressionAttributeValues={":one": {"N": "1"}},
                          ReturnValues="UPDATED_NEW")
    assert out["Attributes"] == {"a": {"N": "3"}}
    assert ddb.get_item(TableName=table, Key=key)["Item"] == {"pk": {"S": "u"}, "sk": {"N": "1"}, "a": {"N": "3"}}
    with pytest.raises(ClientError) as e:
        ddb.update_item(TableName=table, Key=key, UpdateExpression="SET pk = :v", ExpressionAttributeValues={":v": {"S": "z"}})
    assert error_of(e) == ("ValidationException", "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key")


def test_conditional_put_and_delete(ddb, table):
    key = {"pk": {"S": "c"}, "sk": {"N": "1"}}
    ddb.put_item(TableName=table, Item={**key, "v": {"N": "1"}}, ConditionExpression="attribute_not_exists(pk)")
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=table, Item={**key, "v": {"N": "2"}}, ConditionExpression="attribute_not_exists(pk)",
                     ReturnValuesOnConditionCheckFailure="ALL_OLD")
    code, message = error_of(e)
    assert (code, message) == ("ConditionalCheckFailedException", "The conditional request failed")
    assert e.value.response["Item"] == {**key, "v": {"N": "1"}}
    out = ddb.delete_item(TableName=table, Key=key, ConditionExpression="v = :one", ExpressionAttributeValues={":one": {"N": "1"}},
                          ReturnValues="ALL_OLD")
    assert out["Attributes"] == {**key, "v": {"N": "1"}}
    assert "Item" not in ddb.get_item(TableName=table, Key=key)


def test_put_return_values_only_all_old(ddb, table):
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=table, Item={"pk": {"S": "r"}, "sk": {"N": "1"}}, ReturnValues="ALL_NEW")
    assert error_of(e) == ("ValidationException", "ReturnValues can only be ALL_OLD or NONE")


def test_item_count_and_size_are_current(ddb, table):
    for i in range(5):
        ddb.put_item(TableName=table, Item={"pk": {"S": "cnt"}, "sk": {"N": str(i)}, "v": {"S": "abc"}})
    ddb.delete_item(TableName=table, Key={"pk": {"S": "cnt"}, "sk": {"N": "0"}})
    t = ddb.describe_table(TableName=table)["Table"]
    assert t["ItemCount"] == 4
    assert t["TableSizeBytes"] == 4 * (len("pk") + 3 + len("sk") + 2 + len("v") + 3)


def test_consumed_capacity(ddb, table):
    key = {"pk": {"S": "cap"}, "sk": {"N": "1"}}
    out = ddb.put_item(TableName=table, Item={**key, "v": {"S": "x" * 1500}}, ReturnConsumedCapacity="TOTAL")
    assert out["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 2.0}
    out = ddb.get_item(TableName=table, Key=key, ReturnConsumedCapacity="TOTAL")
    assert out["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 0.5}
    out = ddb.get_item(TableName=table, Key=key, ConsistentRead=True, ReturnConsumedCapacity="INDEXES")
    assert out["ConsumedCapacity"] == {"TableName": table, "CapacityUnits": 1.0, "Table": {"CapacityUnits": 1.0}}

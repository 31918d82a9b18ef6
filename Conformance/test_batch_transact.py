"""Batches and transactions: multi-table batches, projections, all-or-nothing transactions,
cancellation reasons in order, idempotency tokens."""
import pytest
from botocore.exceptions import ClientError

from conftest import create_table, error_of


@pytest.fixture
def two_tables(ddb, table_name):
    a, b = table_name + "-a", table_name + "-b"
    create_table(ddb, a)
    create_table(ddb, b, range_key=("sk", "S"))
    return a, b


def test_batch_write_and_get_across_tables(ddb, two_tables):
    a, b = two_tables
    out = ddb.batch_write_item(RequestItems={
        a: [{"PutRequest": {"Item": {"pk": {"S": "k%d" % i}, "v": {"N": str(i)}, "extra": {"S": "e"}}}} for i in range(10)],
        b: [{"PutRequest": {"Item": {"pk": {"S": "x"}, "sk": {"S": "s%d" % i}}}} for i in range(5)],
    }, ReturnConsumedCapacity="TOTAL")
    assert out["UnprocessedItems"] == {}
    assert sorted(c["TableName"] for c in out["ConsumedCapacity"]) == [a, b]
    ddb.batch_write_item(RequestItems={a: [{"DeleteRequest": {"Key": {"pk": {"S": "k0"}}}}]})
    out = ddb.batch_get_item(RequestItems={
        a: {"Keys": [{"pk": {"S": "k%d" % i}} for i in range(4)], "ProjectionExpression": "pk, #v", "ExpressionAttributeNames": {"#v": "v"}},
        b: {"Keys": [{"pk": {"S": "x"}, "sk": {"S": "s1"}}], "ConsistentRead": True},
    })
    assert sorted(out["Responses"][a], key=lambda i: i["pk"]["S"]) == [{"pk": {"S": "k%d" % i}, "v": {"N": str(i)}} for i in range(1, 4)]
    assert out["Responses"][b] == [{"pk": {"S": "x"}, "sk": {"S": "s1"}}]
    assert out["UnprocessedKeys"] == {}


def test_transact_write_all_or_nothing(ddb, two_tables):
    a, b = two_tables
    ddb.put_item(TableName=a, Item={"pk": {"S": "acct"}, "balance": {"N": "100"}})
    ddb.transact_write_items(TransactItems=[
        {"Update": {"TableName": a, "Key": {"pk": {"S": "acct"}}, "UpdateExpression": "SET balance = balance - :x",
                    "ConditionExpression": "balance >= :x", "ExpressionAttributeValues": {":x": {"N": "30"}}}},
        {"Put": {"TableName": b, "Item": {"pk": {"S": "ledger"}, "sk": {"S": "1"}, "amount": {"N": "30"}}}},
    ])
    assert ddb.get_item(TableName=a, Key={"pk": {"S": "acct"}})["Item"]["balance"] == {"N": "70"}
    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": b, "Item": {"pk": {"S": "ledger"}, "sk": {"S": "2"}, "amount": {"N": "80"}}}},
            {"Update": {"TableName": a, "Key": {"pk": {"S": "acct"}}, "UpdateExpression": "SET balance = balance - :x",
                        "ConditionExpression": "balance >= :x", "ExpressionAttributeValues": {":x": {"N": "80"}},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
            {"ConditionCheck": {"TableName": b, "Key": {"pk": {"S": "ledger"}, "sk": {"S": "1"}}, "ConditionExpression": "attribute_exists(pk)"}},
        ])
    code, message = error_of(e)
    assert code == "TransactionCanceledException"
    assert message == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]"
    reasons = e.value.response["CancellationReasons"]
    assert reasons[0] == {"Code": "None"} and reasons[2] == {"Code": "None"}
    assert reasons[1]["Code"] == "ConditionalCheckFailed" and reasons[1]["Message"] == "The conditional request failed"
    assert reasons[1]["Item"] == {"pk": {"S": "acct"}, "balance": {"N": "70"}}
    assert "Item" not in ddb.get_item(TableName=b, Key={"pk": {"S": "ledger"}, "sk": {"S": "2"}})
    assert ddb.get_item(TableName=a, Key={"pk": {"S": "acct"}})["Item"]["balance"] == {"N": "70"}


def test_transact_get_items(ddb, two_tables):
    a, b = two_tables
    ddb.put_item(TableName=a, Item={"pk": {"S": "g1"}, "v": {"S": "one"}, "w": {"S": "hidden"}})
    out = ddb.transact_get_items(TransactItems=[
        {"Get": {"TableName": a, "Key": {"pk": {"S": "g1"}}, "ProjectionExpression": "v"}},
        {"Get": {"TableName": a, "Key": {"pk": {"S": "missing"}}}},
    ], ReturnConsumedCapacity="TOTAL")
    assert out["Responses"] == [{"Item": {"v": {"S": "one"}}}, {}]
    assert out["ConsumedCapacity"][0]["TableName"] == a and out["ConsumedCapacity"][0]["CapacityUnits"] == 4.0


def test_client_request_token_idempotency(ddb, two_tables):
    a, _ = two_tables
    items = [{"Update": {"TableName": a, "Key": {"pk": {"S": "idem"}}, "UpdateExpression": "ADD n :one",
                         "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
    ddb.transact_write_items(TransactItems=items, ClientRequestToken="token-1")
    ddb.transact_write_items(TransactItems=items, ClientRequestToken="token-1")
    assert ddb.get_item(TableName=a, Key={"pk": {"S": "idem"}})["Item"]["n"] == {"N": "1"}
    other = [{"Update": {"TableName": a, "Key": {"pk": {"S": "idem"}}, "UpdateExpression": "ADD n :two",
                         "ExpressionAttributeValues": {":two": {"N": "2"}}}}]
    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(TransactItems=other, ClientRequestToken="token-1")
    assert error_of(e)[0] == "IdempotentParameterMismatchException"
    ddb.transact_write_items(TransactItems=items, ClientRequestToken="token-2")
    assert ddb.get_item(TableName=a, Key={"pk": {"S": "idem"}})["Item"]["n"] == {"N": "2"}


def test_item_collection_metrics_for_lsi_tables(ddb, table_name):
    create_table(ddb, table_name, range_key=("sk", "S"), extra_defs=[("l", "S")],
                 lsis=[{"IndexName": "byL", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "l", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "ALL"}}])
    out = ddb.put_item(TableName=table_name, Item={"pk": {"S": "c"}, "sk": {"S": "1"}, "l": {"S": "x"}}, ReturnItemCollectionMetrics="SIZE")
    assert out["ItemCollectionMetrics"] == {"ItemCollectionKey": {"pk": {"S": "c"}}, "SizeEstimateRangeGB": [0.0, 1.0]}

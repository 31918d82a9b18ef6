"""PartiQL's BatchExecuteStatement and ExecuteTransaction through boto3 and the AWS CLI: a batch
runs each statement on its own and answers each failure in its own `Error`; a transaction is
all reads or all writes, all or nothing, with CancellationReasons (API reference; texts captured
from the service by nubo-db's dynamodb-conformance suite and moto's aws-verified tests)."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import create_table, error_of, unique

NEEDS_KEY = "Select statements within BatchExecuteStatement must specify the primary key in the where clause."


def S(v):
    return {"S": v}


def N(v):
    return {"N": str(v)}


@pytest.fixture
def table(server):
    name = unique("pqb")
    create_table(server.client(), name)
    return name


def statements(*texts):
    return [{"Statement": t} for t in texts]


def test_batch_writes_each_on_its_own(server, table):
    ddb = server.client()
    ddb.put_item(TableName=table, Item={"pk": S("old"), "v": N(1)})
    out = ddb.batch_execute_statement(Statements=[
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'new', 'v': 1}}"},
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'old'}}"},
        {"Statement": f"UPDATE \"{table}\" SET v = 2 WHERE pk = 'old' AND v = 5", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
        {"Statement": f"UPDATE \"{table}\" SET v = v + 10 WHERE pk = ? RETURNING MODIFIED NEW *", "Parameters": [S("old")]},
        {"Statement": "SLECT * FROM x"},
        {"Statement": "DELETE FROM \"no-such-table\" WHERE pk = 'x'"},
        {"Statement": f"DELETE FROM \"{table}\" WHERE pk = 'absent'"},
    ], ReturnConsumedCapacity="TOTAL")
    assert out["Responses"] == [
        {"TableName": table},
        {"Error": {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"}, "TableName": table},
        {"Error": {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed", "Item": {"pk": S("old"), "v": N(1)}},
         "TableName": table},
        {"TableName": table, "Item": {"v": N(11)}},
        {"Error": {"Code": "ValidationError", "Message": "Statement wasn't well formed, can't be processed: Expected data manipulation"}},
        {"Error": {"Code": "ResourceNotFound", "Message": "Requested resource not found"}},
        {"TableName": table},
    ]
    assert out["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 3.0}]
    assert ddb.get_item(TableName=table, Key={"pk": S("new")})["Item"] == {"pk": S("new"), "v": N(1)}
    assert ddb.get_item(TableName=table, Key={"pk": S("old")})["Item"] == {"pk": S("old"), "v": N(11)}


def test_batch_reads_are_by_whole_key(server, table):
    ddb = server.client()
    ddb.put_item(TableName=table, Item={"pk": S("a"), "v": N(1), "w": S("x")})
    out = ddb.batch_execute_statement(Statements=[
        {"Statement": f'SELECT v FROM "{table}" WHERE pk = ?', "Parameters": [S("a")], "ConsistentRead": True},
        {"Statement": f'SELECT * FROM "{table}" WHERE pk = \'missing\''},
        {"Statement": f'SELECT * FROM "{table}" WHERE v = 1'},
        {"Statement": f'SELECT * FROM "{table}" WHERE pk = \'a\' AND v = 2'},
        {"Statement": f'SELECT * FROM "{table}"'},
    ], ReturnConsumedCapacity="TOTAL")
    assert out["Responses"] == [
        {"TableName": table, "Item": {"v": N(1)}},
        {"TableName": table},
        {"Error": {"Code": "ValidationError", "Message": NEEDS_KEY}, "TableName": table},
        {"TableName": table},
        {"Error": {"Code": "ValidationError", "Message": NEEDS_KEY}, "TableName": table},
    ]
    assert out["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 2.0}]


def test_batch_refusals(server, table):
    ddb = server.client()
    with pytest.raises(ClientError) as e:
        ddb.batch_execute_statement(Statements=statements(f'SELECT * FROM "{table}" WHERE pk = \'a\'',
                                                          f"INSERT INTO \"{table}\" VALUE {{'pk': 'a'}}"))
    assert error_of(e) == ("ValidationException", "Read and write requests together in the same batch is not supported.")
    with pytest.raises(ClientError) as e:
        ddb.batch_execute_statement(Statements=statements(*[f'SELECT * FROM "{table}" WHERE pk = \'a\''] * 26))
    assert error_of(e) == ("ValidationException",
                           "1 validation error detected: Value at 'Statements' failed to satisfy constraint: Member must have length less than or equal to 25")
    with pytest.raises(ClientError) as e:
        ddb.batch_execute_statement(Statements=[])
    assert error_of(e)[0] == "ValidationException"


def test_transaction_writes_all_or_nothing(server, table):
    ddb = server.client()
    ddb.put_item(TableName=table, Item={"pk": S("acct-1"), "balance": N(100)})
    ddb.put_item(TableName=table, Item={"pk": S("acct-2"), "balance": N(0)})
    ddb.put_item(TableName=table, Item={"pk": S("acct-3"), "open": {"BOOL": True}})
    out = ddb.execute_transaction(TransactStatements=[
        {"Statement": f"UPDATE \"{table}\" SET balance = balance - 40 WHERE pk = 'acct-1' AND balance >= 40"},
        {"Statement": f"UPDATE \"{table}\" SET balance = balance + ? WHERE pk = 'acct-2'", "Parameters": [N(40)]},
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'ledger-1', 'amount': 40}}"},
        {"Statement": f"EXISTS(SELECT * FROM \"{table}\" WHERE pk = 'acct-3' AND \"open\" = TRUE)"},
    ], ReturnConsumedCapacity="TOTAL")
    assert out["Responses"] == [{}, {}, {}, {}]
    assert out["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 8.0, "WriteCapacityUnits": 8.0}]
    balance = lambda pk: ddb.get_item(TableName=table, Key={"pk": S(pk)})["Item"]["balance"]["N"]
    assert (balance("acct-1"), balance("acct-2")) == ("60", "40")

    with pytest.raises(ClientError) as e:
        ddb.execute_transaction(TransactStatements=[
            {"Statement": f"UPDATE \"{table}\" SET balance = balance - 100 WHERE pk = 'acct-1' AND balance >= 100",
             "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
            {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'ledger-1'}}"},
            {"Statement": f"UPDATE \"{table}\" SET balance = balance + 100 WHERE pk = 'acct-2'"},
        ])
    assert error_of(e) == ("TransactionCanceledException",
                           "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, DuplicateItem, None]")
    assert e.value.response["CancellationReasons"] == [
        {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed", "Item": {"pk": S("acct-1"), "balance": N(60)}},
        {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"},
        {"Code": "None"},
    ]
    assert (balance("acct-1"), balance("acct-2")) == ("60", "40")


def test_transaction_reads_and_idempotency(server, table):
    ddb = server.client()
    ddb.put_item(TableName=table, Item={"pk": S("r1"), "v": N(1), "w": S("x")})
    out = ddb.execute_transaction(TransactStatements=statements(f'SELECT v FROM "{table}" WHERE pk = \'r1\'',
                                                                 f'SELECT * FROM "{table}" WHERE pk = \'none\''),
                                  ReturnConsumedCapacity="TOTAL")
    assert out["Responses"] == [{"Item": {"v": N(1)}}, {}]
    assert out["ConsumedCapacity"] == [{"TableName": table, "CapacityUnits": 4.0, "ReadCapacityUnits": 4.0}]
    # A repeated token answers as the first call did, without running again.
    increment = [{"Statement": f"UPDATE \"{table}\" SET v = v + 1 WHERE pk = 'r1'"}]
    ddb.execute_transaction(TransactStatements=increment, ClientRequestToken="tok-1")
    ddb.execute_transaction(TransactStatements=increment, ClientRequestToken="tok-1")
    assert ddb.get_item(TableName=table, Key={"pk": S("r1")})["Item"]["v"] == N(2)
    with pytest.raises(ClientError) as e:
        ddb.execute_transaction(TransactStatements=[{"Statement": f"UPDATE \"{table}\" SET v = 0 WHERE pk = 'r1'"}], ClientRequestToken="tok-1")
    assert error_of(e)[0] == "IdempotentParameterMismatchException"


@pytest.mark.parametrize("members,expected", [
    ([("SELECT * FROM \"{t}\" WHERE pk = 'a'",), ("DELETE FROM \"{t}\" WHERE pk = 'a'",)],
     "ExecuteTransaction API does not support both read and write operations in the same request."),
    ([("UPDATE \"{t}\" SET v = 1 WHERE pk = 'a' RETURNING ALL NEW *",)],
     "Validation failed in TransactStatements[0]: RETURNING clause is not supported in ExecuteTransaction."),
    ([("SELECT * FROM \"{t}\" WHERE pk = 'a'",), ("SELECT * FROM \"{t}\" WHERE v = 1",)],
     "Validation failed in TransactStatements[1]: Select statements within ExecuteTransaction must specify the primary key in the where clause."),
    ([("SELECT * FROM \"{t}\".\"idx\" WHERE pk = 'a'",)],
     "Validation failed in TransactStatements[0]: Reads on indices are not supported within transactions."),
    ([("SELECT * FROM \"{t}\" WHERE",)],
     "Validation failed in TransactStatements[0]: Statement wasn't well formed, can't be processed: Unexpected term"),
    ([("EXISTS(SELECT * FROM \"{t}\" WHERE pk = 'a')",), ("DELETE FROM \"{t}\" WHERE pk = 'b'",)],
     "Validation failed in TransactStatements[0]: EXISTS() must contain a single item read with additional condition"),
    ([("DELETE FROM \"{t}\" WHERE pk = 'a'",), ("UPDATE \"{t}\" SET v = 1 WHERE pk = 'a'",)],
     "Transaction request cannot include multiple operations on one item"),
])
def test_transaction_refusals(server, table, members, expected):
    with pytest.raises(ClientError) as e:
        server.client().execute_transaction(TransactStatements=[{"Statement": m[0].format(t=table)} for m in members])
    assert error_of(e) == ("ValidationException", expected)


def test_transaction_limit(server, table):
    with pytest.raises(ClientError) as e:
        server.client().execute_transaction(TransactStatements=[{"Statement": f"DELETE FROM \"{table}\" WHERE pk = '{i}'"} for i in range(101)])
    assert error_of(e) == ("ValidationException",
                           "1 validation error detected: Value at 'TransactStatements' failed to satisfy constraint: Member must have length less than or equal to 100")


def test_the_aws_cli(server, table):
    code, out, _ = server.cli("dynamodb", "execute-transaction", "--transact-statements", json.dumps([
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'c1', 'v': 1}}"},
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'c2', 'v': 2}}"}]))
    assert code == 0 and out == {"Responses": [{}, {}]}
    code, out, _ = server.cli("dynamodb", "batch-execute-statement", "--statements", json.dumps([
        {"Statement": f'SELECT v FROM "{table}" WHERE pk = ?', "Parameters": [{"S": "c1"}]},
        {"Statement": f'SELECT v FROM "{table}" WHERE pk = \'c2\''}]))
    assert code == 0 and out == {"Responses": [{"TableName": table, "Item": {"v": N(1)}}, {"TableName": table, "Item": {"v": N(2)}}]}
    code, _, err = server.cli("dynamodb", "execute-transaction", "--transact-statements", json.dumps([
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'c1'}}"}]), check=False)
    assert code != 0 and "TransactionCanceledException" in err and "[DuplicateItem]" in err

"""Concurrent conditional writes to one item serialize: N parallel `ADD counter 1` give exactly N,
and optimistic-locking updates never lose one."""
import threading

from botocore.exceptions import ClientError

from conftest import create_table


def test_parallel_add_counter_has_no_lost_update(server, table_name):
    ddb = server.client()
    create_table(ddb, table_name)
    per_client, clients = 150, 8

    def work():
        c = server.client()
        for _ in range(per_client):
            c.update_item(TableName=table_name, Key={"pk": {"S": "counter"}}, UpdateExpression="ADD n :one",
                          ExpressionAttributeValues={":one": {"N": "1"}})

    threads = [threading.Thread(target=work) for _ in range(clients)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    item = ddb.get_item(TableName=table_name, Key={"pk": {"S": "counter"}}, ConsistentRead=True)["Item"]
    assert item["n"] == {"N": str(per_client * clients)}


def test_optimistic_locking_with_conditions(server, table_name):
    ddb = server.client()
    create_table(ddb, table_name)
    ddb.put_item(TableName=table_name, Item={"pk": {"S": "doc"}, "version": {"N": "0"}})
    successes = []
    lock = threading.Lock()

    def work():
        c = server.client()
        done = 0
        while done < 130:
            v = c.get_item(TableName=table_name, Key={"pk": {"S": "doc"}}, ConsistentRead=True)["Item"]["version"]["N"]
            try:
                c.update_item(TableName=table_name, Key={"pk": {"S": "doc"}}, UpdateExpression="SET version = :new",
                              ConditionExpression="version = :old", ExpressionAttributeValues={":old": {"N": v}, ":new": {"N": str(int(v) + 1)}})
                done += 1
            except ClientError as e:
                assert e.response["Error"]["Code"] == "ConditionalCheckFailedException"
        with lock:
            successes.append(done)

    threads = [threading.Thread(target=work) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    final = ddb.get_item(TableName=table_name, Key={"pk": {"S": "doc"}}, ConsistentRead=True)["Item"]["version"]["N"]
    assert int(final) == sum(successes) == 8 * 130

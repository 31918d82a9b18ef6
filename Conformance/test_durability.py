"""Data survives a restart, and a kill -9 during a write load loses no acknowledged write."""
import signal
import threading

from conftest import create_table


def test_restart_keeps_tables_items_and_indexes(fresh_server):
    server = fresh_server()
    ddb = server.client()
    create_table(ddb, "persist", range_key=("sk", "N"), extra_defs=[("g", "S")],
                 gsis=[{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}])
    for i in range(10):
        ddb.put_item(TableName="persist", Item={"pk": {"S": "p"}, "sk": {"N": str(i)}, "g": {"S": "x"}})
    server.restart()
    ddb = server.client()
    assert ddb.describe_table(TableName="persist")["Table"]["ItemCount"] == 10
    out = ddb.query(TableName="persist", KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}})
    assert [int(i["sk"]["N"]) for i in out["Items"]] == list(range(10))
    assert ddb.query(TableName="persist", IndexName="byG", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "x"}})["Count"] == 10


def test_kill_9_loses_no_acknowledged_write(fresh_server):
    server = fresh_server()
    ddb = server.client()
    create_table(ddb, "durable")
    acked = []
    lock = threading.Lock()
    stop = threading.Event()

    def writer(n):
        c = server.client()
        i = 0
        while not stop.is_set():
            key = "w%d-%d" % (n, i)
            try:
                c.put_item(TableName="durable", Item={"pk": {"S": key}})
            except Exception:
                return
            with lock:
                acked.append(key)
            i += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    while True:
        with lock:
            if len(acked) >= 300:
                break
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait()
    stop.set()
    for t in threads:
        t.join()
    server.start()
    ddb = server.client()
    with lock:
        keys = list(acked)
    for i in range(0, len(keys), 100):
        chunk = keys[i:i + 100]
        got = ddb.batch_get_item(RequestItems={"durable": {"Keys": [{"pk": {"S": k}} for k in chunk]}})["Responses"]["durable"]
        assert len(got) == len(chunk)

"""kill -9 under write load, again and again: every acknowledged write must survive, the
database must pass SQLite's integrity check, and the server must come back.

Used by `test_hostile.py` (a few cycles) and `scripts/crash-soak` (50):

    python3 Conformance/crash_cycles.py --cycles 50
"""
import argparse
import os
import random
import signal
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conftest import Server, create_table  # noqa: E402


def _writer(server, n, acked, lock, stop):
    """Puts single items and 25-item batches until the server goes away; records what was
    acknowledged."""
    client = server.client()
    i = 0
    while not stop.is_set():
        try:
            if i % 5 == 4:
                keys = ["b%d-%d-%d" % (n, i, j) for j in range(25)]
                out = client.batch_write_item(RequestItems={"crash": [
                    {"PutRequest": {"Item": {"pk": {"S": k}, "v": {"N": str(i)}}}} for k in keys]})
                unprocessed = {r["PutRequest"]["Item"]["pk"]["S"] for r in out.get("UnprocessedItems", {}).get("crash", [])}
                done = [k for k in keys if k not in unprocessed]
            else:
                key = "w%d-%d" % (n, i)
                client.put_item(TableName="crash", Item={"pk": {"S": key}, "v": {"N": str(i)}})
                done = [key]
        except Exception:
            return
        with lock:
            acked.extend(done)
        i += 1


def _missing(server, keys):
    """The acknowledged keys the restarted server does not have."""
    client = server.client()
    missing = []
    for start in range(0, len(keys), 100):
        chunk = keys[start:start + 100]
        got = client.batch_get_item(RequestItems={"crash": {"Keys": [{"pk": {"S": k}} for k in chunk], "ProjectionExpression": "pk"}})
        present = {item["pk"]["S"] for item in got["Responses"]["crash"]}
        missing.extend(k for k in chunk if k not in present)
    return missing


def _integrity(data_dir):
    connection = sqlite3.connect(os.path.join(data_dir, "warden.sqlite"))
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def run(cycles, data_dir, writers=8, min_acked=200, log=print):
    """Runs `cycles` kill -9 cycles on one data folder. Returns a summary dict; raises
    AssertionError on the first lost write, failed integrity check or failed restart."""
    server = Server(data_dir=data_dir)
    create_table(server.client(), "crash")
    total_acked = 0
    restarts = []
    try:
        for cycle in range(1, cycles + 1):
            acked, lock, stop = [], threading.Lock(), threading.Event()
            threads = [threading.Thread(target=_writer, args=(server, n, acked, lock, stop), daemon=True) for n in range(writers)]
            for t in threads:
                t.start()
            # Kill at a random moment once some writes are acknowledged.
            target = min_acked + random.randint(0, min_acked)
            deadline = time.time() + 60
            while time.time() < deadline:
                with lock:
                    if len(acked) >= target:
                        break
                time.sleep(0.005)
            server.proc.send_signal(signal.SIGKILL)
            server.proc.wait()
            stop.set()
            for t in threads:
                t.join(timeout=30)
            if server.proc.stdout:
                server.proc.stdout.close()
            check = _integrity(data_dir)
            assert check == "ok", "cycle %d: integrity_check says %r" % (cycle, check)
            began = time.time()
            server.start()
            restarts.append(time.time() - began)
            with lock:
                keys = list(acked)
            missing = _missing(server, keys)
            assert not missing, "cycle %d: %d of %d acknowledged writes lost, e.g. %s" % (cycle, len(missing), len(keys), missing[:5])
            total_acked += len(keys)
            log("cycle %d/%d: %d acknowledged writes, all present; integrity ok; restart %.0f ms"
                % (cycle, cycles, len(keys), restarts[-1] * 1000))
    finally:
        server.stop()
    return {"cycles": cycles, "acknowledged": total_acked, "max_restart_ms": max(restarts) * 1000 if restarts else 0}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--data-dir", help="folder for the database (default: a temporary one, removed after)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="warden-crash-") as scratch:
        summary = run(args.cycles, args.data_dir or scratch, writers=args.writers)
    print("crash soak: %(cycles)d kill -9 cycles, %(acknowledged)d acknowledged writes, none lost; "
          "integrity ok every time; slowest restart %(max_restart_ms).0f ms" % summary)


if __name__ == "__main__":
    main()

"""The simulated clock and TTL: items past their expiry are deleted by the sweeper within a
few seconds of the clock passing it; until then they still read back."""
import os
import subprocess
import time

import pytest
from botocore.exceptions import ClientError

import clock
from conftest import BINARY, cli_env, create_table
from signing import signed


def wait_for(predicate, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_clock_endpoint_and_cli(fresh_server):
    server = fresh_server()
    before = clock.now(server)["epochSeconds"]
    after = clock.advance(server, 7200)["epochSeconds"]
    assert 7200 <= after - before < 7260
    out = subprocess.run([BINARY, "clock", "--endpoint", server.endpoint, "--advance", "60"], capture_output=True, text=True, env=cli_env())
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("Z") and out.stdout.strip()[:4].isdigit()
    # Only a signed root may move the clock.
    bad = signed(server, {"advanceSeconds": 1}, path="/_warden/clock", key=("test", "wrong"), content_type="application/json")
    assert bad.status_code == 400 and bad.json()["__type"].endswith("InvalidSignatureException")
    # Requests signed with the real clock still work after the simulated clock moved a day.
    clock.advance(server, 86400)
    assert "TableNames" in server.client().list_tables()


def test_clock_survives_restart(fresh_server):
    server = fresh_server()
    clock.advance(server, 10 * 86400)
    moved = clock.now(server)["epochSeconds"]
    server.restart()
    assert clock.now(server)["epochSeconds"] >= moved


def test_ttl_deletes_expired_items_after_the_clock_passes(fresh_server):
    server = fresh_server()
    ddb = server.client()
    create_table(ddb, "ttl-items")
    ddb.update_time_to_live(TableName="ttl-items", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    now = int(clock.now(server)["epochSeconds"])
    ddb.put_item(TableName="ttl-items", Item={"pk": {"S": "soon"}, "exp": {"N": str(now + 600)}})
    ddb.put_item(TableName="ttl-items", Item={"pk": {"S": "later"}, "exp": {"N": str(now + 86400)}})
    ddb.put_item(TableName="ttl-items", Item={"pk": {"S": "never"}, "exp": {"S": "not a number"}})
    ddb.put_item(TableName="ttl-items", Item={"pk": {"S": "ancient"}, "exp": {"N": str(now - 6 * 365 * 86400)}})
    time.sleep(1.5)
    assert ddb.get_item(TableName="ttl-items", Key={"pk": {"S": "soon"}}).get("Item")
    clock.advance(server, 601)
    assert wait_for(lambda: "Item" not in ddb.get_item(TableName="ttl-items", Key={"pk": {"S": "soon"}}))
    assert ddb.get_item(TableName="ttl-items", Key={"pk": {"S": "later"}})["Item"]["pk"] == {"S": "later"}
    assert ddb.get_item(TableName="ttl-items", Key={"pk": {"S": "never"}})["Item"]["pk"] == {"S": "never"}
    assert ddb.get_item(TableName="ttl-items", Key={"pk": {"S": "ancient"}})["Item"]["pk"] == {"S": "ancient"}
    assert ddb.describe_table(TableName="ttl-items")["Table"]["ItemCount"] == 3


def test_expired_items_read_back_until_swept_when_ttl_disabled(fresh_server):
    server = fresh_server()
    ddb = server.client()
    create_table(ddb, "ttl-off")
    now = int(clock.now(server)["epochSeconds"])
    ddb.put_item(TableName="ttl-off", Item={"pk": {"S": "a"}, "exp": {"N": str(now - 10)}})
    time.sleep(2)
    assert ddb.get_item(TableName="ttl-off", Key={"pk": {"S": "a"}})["Item"]["pk"] == {"S": "a"}


def test_service_time_follows_the_simulated_clock(fresh_server):
    server = fresh_server()
    clock.advance(server, 30 * 86400)
    simulated = clock.now(server)["epochSeconds"]
    ddb = server.client()
    created = create_table(ddb, "later-table")["TableDescription"]["CreationDateTime"].timestamp()
    assert abs(created - simulated) < 60

"""Every response carries its request id; `warden explain REQUEST_ID` and
GET /_warden/explain/REQUEST_ID tell why it was allowed or denied."""
import json
import subprocess

from conftest import BINARY, cli_env, create_table
from signing import dynamo, signed


def test_explain_an_allowed_request(server, table_name):
    ddb = server.client()
    create_table(ddb, table_name)
    r = dynamo(server, "GetItem", {"TableName": table_name, "Key": {"pk": {"S": "a"}}})
    assert r.status_code == 200
    rid = r.headers["x-amzn-RequestId"]
    e = signed(server, b"", path="/_warden/explain/" + rid, method="GET", content_type="application/json")
    assert e.status_code == 200
    body = e.json()
    assert body["requestId"] == rid and body["operation"] == "GetItem" and body["decision"] == "allow"
    assert body["checks"][0]["action"] == "dynamodb:GetItem"
    assert body["checks"][0]["resource"] == "arn:aws:dynamodb:us-east-1:123456789012:table/" + table_name
    out = subprocess.run([BINARY, "explain", rid, "--endpoint", server.endpoint], capture_output=True, text=True, env=cli_env())
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Request %s: GetItem by arn:aws:iam::123456789012:root" % rid)
    assert "Decision: ALLOWED" in out.stdout and "dynamodb:GetItem on arn:aws:dynamodb:us-east-1:123456789012:table/" + table_name in out.stdout


def test_explain_unknown_request(server):
    e = signed(server, b"", path="/_warden/explain/NOPE", method="GET", content_type="application/json")
    assert e.status_code == 404
    out = subprocess.run([BINARY, "explain", "NOPE", "--endpoint", server.endpoint], capture_output=True, text=True, env=cli_env())
    assert out.returncode == 1 and "HTTP 404" in out.stderr

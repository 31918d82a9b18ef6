"""Operational logs on standard error: `--log-format text|json`, `--log-level`, and the access
log (`--access-log`, off by default): one line per request with its request id, operation,
principal, decision, HTTP status and latency."""
import json
import signal
import subprocess

import requests

from conftest import ACCOUNT, BINARY, Server
from identity_helpers import make_user, user_arn
from signing import dynamo


def output_after_stop(server):
    """Everything the server wrote (stdout and stderr) after its start-up line."""
    server.proc.send_signal(signal.SIGTERM)
    server.proc.wait(timeout=30)
    rest = server.proc.stdout.read()
    server.proc.stdout.close()
    return rest.splitlines()


def json_lines(lines):
    out = []
    for line in lines:
        if line.startswith("{"):
            out.append(json.loads(line))
    return out


def test_json_access_lines_carry_the_request(tmp_path):
    server = Server("--log-format", "json", "--access-log")
    try:
        ddb = server.client()
        listed = ddb.list_tables()
        allowed_id = listed["ResponseMetadata"]["RequestId"]
        user, key = make_user(server)  # no policy: every DynamoDB call is denied
        denied = server.client(key=key)
        try:
            denied.list_tables()
            raise AssertionError("a user without policies listed tables")
        except denied.exceptions.ClientError as e:
            denied_id = e.response["ResponseMetadata"]["RequestId"]
            assert e.response["Error"]["Code"] == "AccessDeniedException"
        unknown = server.client(key=("AKIDUNKNOWNKEY000000", "nope"))
        try:
            unknown.list_tables()
            raise AssertionError("an unknown key was accepted")
        except unknown.exceptions.ClientError as e:
            unknown_id = e.response["ResponseMetadata"]["RequestId"]
        malformed = dynamo(server, "ListTables", b"{not json")
        malformed_id = malformed.headers["x-amzn-RequestId"]
    finally:
        lines = output_after_stop(server)
    access = {l["requestId"]: l for l in json_lines(lines) if l.get("logger") == "warden.access"}

    line = access[allowed_id]
    assert set(line) == {"time", "level", "logger", "message", "requestId", "method", "path", "operation", "principal",
                         "decision", "status", "latencyMs"}
    assert (line["level"], line["message"], line["method"], line["path"]) == ("info", "request", "POST", "/")
    assert (line["operation"], line["principal"], line["decision"], line["status"]) == (
        "ListTables", "arn:aws:iam::%s:root" % ACCOUNT, "allow", 200)
    assert isinstance(line["latencyMs"], (int, float)) and line["latencyMs"] >= 0
    assert line["time"].endswith("Z") and len(line["time"]) == len("2025-01-01T00:00:00.000Z")

    line = access[denied_id]
    assert (line["operation"], line["principal"], line["decision"], line["status"], line["errorCode"]) == (
        "ListTables", user_arn(user), "deny", 400, "AccessDeniedException")

    line = access[unknown_id]
    assert (line["principal"], line["decision"], line["status"], line["errorCode"]) == (
        "-", "none", 400, "UnrecognizedClientException")

    line = access[malformed_id]
    assert (line["decision"], line["errorCode"]) == ("none", "SerializationException")

    # IAM calls (Query protocol) are logged the same way.
    iam_lines = [l for l in access.values() if l["operation"] == "CreateUser"]
    assert len(iam_lines) == 1 and iam_lines[0]["decision"] == "allow" and iam_lines[0]["status"] == 200
    # Nothing but JSON objects on the log stream after start-up (the stop line aside).
    assert all(l.startswith("{") or l.startswith("Warden stopped") for l in lines if l.strip())


def test_oversized_bodies_are_logged_with_their_request_id():
    server = Server("--log-format", "json", "--access-log")
    try:
        r = dynamo(server, "ListTables", b"{" + b" " * (16 * 1024 * 1024 + 10) + b"}")
        assert r.status_code == 413
        request_id = r.headers["x-amzn-RequestId"]
        assert r.json() == {"__type": "com.amazon.coral.service#RequestEntityTooLarge",
                            "message": "Request payload size exceeds the limit of 16777216 bytes."}
    finally:
        lines = output_after_stop(server)
    line = [l for l in json_lines(lines) if l.get("requestId") == request_id]
    assert len(line) == 1
    assert (line[0]["status"], line[0]["errorCode"], line[0]["operation"], line[0]["decision"]) == (
        413, "RequestEntityTooLarge", "-", "none")


def test_the_access_log_is_off_by_default():
    server = Server()
    try:
        assert server.client().list_tables()["TableNames"] == []
    finally:
        lines = output_after_stop(server)
    assert not [l for l in lines if "warden.access" in l]


def test_text_access_lines():
    server = Server("--access-log")
    try:
        request_id = server.client().list_tables()["ResponseMetadata"]["RequestId"]
    finally:
        lines = output_after_stop(server)
    line = [l for l in lines if ("requestId=%s" % request_id) in l]
    assert len(line) == 1
    parts = line[0].split(" ")
    assert parts[1:4] == ["info", "warden.access", "request"]
    assert parts[4:11] == ["requestId=" + request_id, "method=POST", "path=/", "operation=ListTables",
                           "principal=arn:aws:iam::%s:root" % ACCOUNT, "decision=allow", "status=200"]
    assert parts[11].startswith("latencyMs=")


def test_a_level_above_info_silences_the_access_log():
    server = Server("--access-log", "--log-level", "warning")
    try:
        server.client().list_tables()
    finally:
        lines = output_after_stop(server)
    assert not [l for l in lines if "warden.access" in l]


def test_bad_log_options_are_refused():
    for args, message in [(["--log-level", "loud"], "--log-level must be one of"),
                          (["--log-format", "xml"], "--log-format must be text or json")]:
        out = subprocess.run([BINARY, "serve", "--in-memory", "--port", "0", *args], capture_output=True, text=True, timeout=30)
        assert out.returncode != 0
        assert message in out.stderr


def test_service_endpoints_log_their_decisions():
    """KMS, AWS Backup and Application Auto Scaling share the endpoint steps: an allowed call
    logs `allow`, a refused one `deny`, one that fails before authorization `none`."""
    server = Server("--log-format", "json", "--access-log")
    try:
        ids = {}
        ids["kms allowed"] = server.client("kms").list_keys()["ResponseMetadata"]["RequestId"]
        ids["backup allowed"] = server.client("backup").list_backup_vaults()["ResponseMetadata"]["RequestId"]
        ids["scaling allowed"] = server.client("application-autoscaling").describe_scalable_targets(
            ServiceNamespace="dynamodb")["ResponseMetadata"]["RequestId"]
        _, key = make_user(server)  # no policy
        for name, call in [("kms denied", lambda: server.client("kms", key=key).list_keys()),
                           ("backup denied", lambda: server.client("backup", key=key).list_backup_vaults()),
                           ("scaling denied", lambda: server.client("application-autoscaling", key=key).describe_scalable_targets(
                               ServiceNamespace="dynamodb")),
                           ("kms unknown key", lambda: server.client("kms", key=("AKIDUNKNOWNKEY000000", "nope")).list_keys())]:
            try:
                call()
                raise AssertionError(name + " succeeded")
            except Exception as e:  # botocore ClientError
                ids[name] = e.response["ResponseMetadata"]["RequestId"]
    finally:
        lines = output_after_stop(server)
    access = {l["requestId"]: l for l in json_lines(lines) if l.get("logger") == "warden.access"}
    decided = {name: (access[i]["operation"], access[i]["decision"], access[i]["status"]) for name, i in ids.items()}
    assert decided == {
        "kms allowed": ("ListKeys", "allow", 200),
        "backup allowed": ("ListBackupVaults", "allow", 200),
        "scaling allowed": ("DescribeScalableTargets", "allow", 200),
        "kms denied": ("ListKeys", "deny", 400),
        "backup denied": ("ListBackupVaults", "deny", 403),
        "scaling denied": ("DescribeScalableTargets", "deny", 400),
        "kms unknown key": ("ListKeys", "none", 400),
    }

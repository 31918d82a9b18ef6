"""Black-box fixtures: the built `warden` binary, real boto3 clients and the AWS CLI.

Every test starts from fresh tables (unique names on a shared per-module server) or, where it
needs one, from a fresh server of its own (`fresh_server`).
"""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid

import boto3
import botocore.config
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("WARDEN_BIN", os.path.join(ROOT, ".build", "debug", "warden"))
ACCOUNT = "123456789012"
REGION = "us-east-1"
ROOT_KEY = ("test", "test")


class Server:
    """A running `warden serve` process on a free port."""

    def __init__(self, *extra, data_dir=None, env=None):
        self.data_dir = data_dir
        self.extra = list(extra)
        self.env = env
        self.proc = None
        self.port = None
        self.start()

    def start(self):
        args = [BINARY, "serve", "--port", "0"]
        if self.data_dir:
            args += ["--data-dir", self.data_dir]
        else:
            args += ["--in-memory"]
        args += self.extra
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env=self.env or os.environ.copy())
        deadline = time.time() + 30
        self.startup_line = ""
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("warden exited before listening (code %s)" % self.proc.poll())
            m = re.search(r"listening on (https?)://[^:]+:(\d+)", line)
            if m:
                self.scheme = m.group(1)
                self.port = int(m.group(2))
                self.startup_line = line.strip()
                return
        raise RuntimeError("warden did not start in time")

    @property
    def executable(self):
        """The executable this server runs, for scripts that call `warden` themselves: on Linux
        /proc/PID/exe, which keeps naming that file while a rebuild replaces BINARY (the linker
        unlinks its old output, so the path is missing until the new one is written)."""
        exe = "/proc/%d/exe" % self.proc.pid
        return exe if os.path.exists(exe) else BINARY

    @property
    def endpoint(self):
        return "%s://127.0.0.1:%d" % (getattr(self, "scheme", "http"), self.port)

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()

    def restart(self):
        self.stop()
        self.start()

    def client(self, service="dynamodb", key=ROOT_KEY, token=None, region=REGION, endpoint=None, verify=None, **config):
        return boto3.client(
            service,
            endpoint_url=endpoint or self.endpoint,
            verify=verify,
            region_name=region,
            aws_access_key_id=key[0],
            aws_secret_access_key=key[1],
            aws_session_token=token,
            # Server-side validation is what is under test: boto3's own checks are off.
            config=botocore.config.Config(retries={"max_attempts": 1}, parameter_validation=False, **config),
        )

    def resource(self, key=ROOT_KEY):
        return boto3.resource("dynamodb", endpoint_url=self.endpoint, region_name=REGION,
                              aws_access_key_id=key[0], aws_secret_access_key=key[1])

    def cli(self, *args, key=ROOT_KEY, check=True, input=None, cwd=None):
        """Runs `aws ARGS --endpoint-url ...`; returns (exit code, parsed JSON or text, stderr)."""
        env = cli_env(key)
        cmd = ["aws", *args, "--endpoint-url", self.endpoint]
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, input=input, cwd=cwd)
        if check and out.returncode != 0:
            raise AssertionError("aws %s failed (%d): %s" % (" ".join(args), out.returncode, out.stderr))
        text = out.stdout.strip()
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return out.returncode, parsed, out.stderr.strip()


def cli_env(key=ROOT_KEY):
    env = os.environ.copy()
    env.update({
        "AWS_ACCESS_KEY_ID": key[0],
        "AWS_SECRET_ACCESS_KEY": key[1],
        "AWS_DEFAULT_REGION": REGION,
        "AWS_PAGER": "",
    })
    env.pop("AWS_SESSION_TOKEN", None)
    env.pop("AWS_PROFILE", None)
    return env


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    s.stop()


@pytest.fixture
def fresh_server(tmp_path):
    """A server of the test's own, with its data in the test's temporary folder."""
    servers = []

    def make(*extra, data_dir=None):
        s = Server(*extra, data_dir=data_dir or str(tmp_path / ("data-%d" % len(servers))))
        servers.append(s)
        return s

    yield make
    for s in servers:
        s.stop()


@pytest.fixture
def ddb(server):
    return server.client()


def unique(prefix="t"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:10])


@pytest.fixture
def table_name():
    return unique()


def create_table(client, name, hash_key=("pk", "S"), range_key=None, gsis=None, lsis=None, extra_defs=(), **kw):
    defs = {hash_key[0]: hash_key[1]}
    schema = [{"AttributeName": hash_key[0], "KeyType": "HASH"}]
    if range_key:
        defs[range_key[0]] = range_key[1]
        schema.append({"AttributeName": range_key[0], "KeyType": "RANGE"})
    for n, t in extra_defs:
        defs[n] = t
    args = dict(TableName=name, KeySchema=schema,
                AttributeDefinitions=[{"AttributeName": n, "AttributeType": t} for n, t in defs.items()],
                BillingMode="PAY_PER_REQUEST")
    if gsis:
        args["GlobalSecondaryIndexes"] = gsis
    if lsis:
        args["LocalSecondaryIndexes"] = lsis
    args.update(kw)
    return client.create_table(**args)


def error_of(excinfo):
    """(code, message) of a botocore ClientError."""
    e = excinfo.value.response["Error"]
    return e["Code"], e.get("Message")

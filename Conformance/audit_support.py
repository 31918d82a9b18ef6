"""Shared helpers for the audit-trail tests: a server that delivers quickly, and readers for
delivered CloudTrail-layout files."""
import glob
import gzip
import json
import os
import subprocess

from conftest import BINARY, Server, cli_env


def audited_server(tmp_path, *extra, name="audited"):
    """A server with its trails and JSON-lines stream in the test's folder, delivering log
    files one second after their first record."""
    env = os.environ.copy()
    env["WARDEN_TRAIL_DELIVERY_SECONDS"] = "1"
    trails = tmp_path / (name + "-trails")
    server = Server("--trail-dir", str(trails), "--audit-log", str(tmp_path / (name + "-audit.jsonl")), *extra,
                    data_dir=str(tmp_path / (name + "-data")), env=env)
    server.trails = str(trails)
    server.audit_log = str(tmp_path / (name + "-audit.jsonl"))
    return server


def log_files(root, bucket="*"):
    return sorted(glob.glob(os.path.join(root, bucket, "**", "*_CloudTrail_*.json.gz"), recursive=True))


def digest_files(root, bucket="*"):
    return sorted(glob.glob(os.path.join(root, bucket, "**", "*_CloudTrail-Digest_*.json.gz"), recursive=True))


def records(root, bucket="*"):
    out = []
    for path in log_files(root, bucket):
        with gzip.open(path) as f:
            document = json.load(f)
        assert list(document) == ["Records"]
        out.extend(document["Records"])
    return out


def stream(server):
    with open(server.audit_log) as f:
        return [json.loads(line) for line in f if line.strip()]


def every_byte(root, *extra_files):
    """Every delivered byte: each file as stored, and decompressed where it is gzip."""
    blobs = []
    for path in glob.glob(os.path.join(root, "**", "*"), recursive=True) + list(extra_files):
        if os.path.isfile(path):
            with open(path, "rb") as f:
                data = f.read()
            blobs.append(data)
            if path.endswith(".gz"):
                blobs.append(gzip.decompress(data))
    return blobs


def validate(root, *extra):
    out = subprocess.run([BINARY, "trail", "validate", "--dir", root, *extra], capture_output=True, text=True, env=cli_env())
    return out.returncode, out.stdout, out.stderr


def request_id(response_or_error):
    meta = response_or_error.response["ResponseMetadata"] if hasattr(response_or_error, "response") else response_or_error["ResponseMetadata"]
    return meta["RequestId"]

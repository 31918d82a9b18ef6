"""`warden serve --tls`: HTTPS with a self-signed certificate made into the data folder (its
SHA-256 fingerprint on the start-up line), boto3 and the AWS CLI over it, and
aws:SecureTransport true there ("deny non-TLS" allows over TLS)."""
import json
import os
import re
import ssl
import subprocess

import pytest
import requests
from botocore.exceptions import ClientError

from conftest import ACCOUNT, REGION, Server, cli_env, create_table, error_of, unique
from signing import signed

DENY_NON_TLS = {"Bool": {"aws:SecureTransport": "false"}}


def tls_policy():
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": ACCOUNT}, "Action": "dynamodb:*", "Resource": "*"},
        {"Sid": "DenyNonTLS", "Effect": "Deny", "Principal": "*", "Action": "dynamodb:*", "Resource": "*",
         "Condition": DENY_NON_TLS}]})


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    s = Server("--tls", data_dir=str(tmp_path_factory.mktemp("tls")))
    yield s
    s.stop()


def cert_path(server):
    return os.path.join(server.data_dir, "tls", "certificate.pem")


def test_startup_line_names_https_and_the_fingerprint(tls_server):
    assert tls_server.endpoint.startswith("https://127.0.0.1:")
    m = re.search(r"TLS certificate (\S+) \(self-signed\) SHA-256 ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})", tls_server.startup_line)
    assert m, tls_server.startup_line
    assert m.group(1).endswith("/tls/certificate.pem")
    # The fingerprint is the certificate's: as `openssl x509 -fingerprint -sha256` prints it.
    der = ssl.PEM_cert_to_DER_cert(open(cert_path(tls_server)).read())
    import hashlib
    assert m.group(2) == ":".join("%02X" % b for b in hashlib.sha256(der).digest())
    key_mode = os.stat(os.path.join(tls_server.data_dir, "tls", "private-key.pem")).st_mode & 0o777
    assert key_mode == 0o600


def test_the_certificate_is_kept_across_restarts(tmp_path):
    s = Server("--tls", data_dir=str(tmp_path / "d"))
    try:
        first = re.search(r"SHA-256 (\S+)", s.startup_line).group(1)
        s.restart()
        assert re.search(r"SHA-256 (\S+)", s.startup_line).group(1) == first
    finally:
        s.stop()


def test_boto3_without_verification(tls_server):
    ddb = tls_server.client(verify=False)
    name = unique()
    create_table(ddb, name)
    assert name in ddb.list_tables()["TableNames"]


def test_boto3_with_the_certificate_as_ca_bundle(tls_server):
    ddb = tls_server.client(verify=cert_path(tls_server))
    assert "TableNames" in ddb.list_tables()


def test_verification_fails_without_trusting_the_certificate(tls_server):
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(tls_server.endpoint + "/", timeout=10)


def test_plain_http_on_the_tls_port_gets_no_answer(tls_server):
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post("http://127.0.0.1:%d/" % tls_server.port, data=b"{}", timeout=10)


def aws(server, *args, extra=()):
    out = subprocess.run(["aws", *args, "--endpoint-url", server.endpoint, *extra], capture_output=True, text=True, env=cli_env())
    return out


def test_aws_cli_no_verify_ssl(tls_server):
    out = aws(tls_server, "dynamodb", "list-tables", extra=["--no-verify-ssl"])
    assert out.returncode == 0, out.stderr
    assert "TableNames" in json.loads(out.stdout)


def test_aws_cli_ca_bundle(tls_server):
    out = aws(tls_server, "dynamodb", "list-tables", extra=["--ca-bundle", cert_path(tls_server)])
    assert out.returncode == 0, out.stderr
    assert "TableNames" in json.loads(out.stdout)
    # Without either, the CLI refuses the self-signed certificate.
    out = aws(tls_server, "dynamodb", "list-tables")
    assert out.returncode != 0 and "SSL" in out.stderr


def test_deny_non_tls_allows_over_tls(tls_server, monkeypatch):
    ddb = tls_server.client(verify=cert_path(tls_server))
    name = unique()
    create_table(ddb, name)
    arn = ddb.describe_table(TableName=name)["Table"]["TableArn"]
    ddb.put_resource_policy(ResourceArn=arn, Policy=tls_policy())
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}})
    r = ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert r["Item"] == {"pk": {"S": "a"}}
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", cert_path(tls_server))
    e = signed(tls_server, b"", path="/_warden/explain/" + r["ResponseMetadata"]["RequestId"], method="GET", content_type="application/json")
    assert e.status_code == 200
    body = e.json()
    assert body["decision"] == "allow"
    assert body["network"]["aws:SecureTransport"] == "true"
    assert body["network"]["aws:SourceIp"] == "127.0.0.1"


def test_given_certificate_and_key(tmp_path):
    first = Server("--tls", data_dir=str(tmp_path / "a"))
    cert = os.path.join(first.data_dir, "tls", "certificate.pem")
    key = os.path.join(first.data_dir, "tls", "private-key.pem")
    fingerprint = re.search(r"SHA-256 (\S+)", first.startup_line).group(1)
    first.stop()
    s = Server("--tls-cert", cert, "--tls-key", key, data_dir=str(tmp_path / "b"))
    try:
        assert "TLS certificate %s SHA-256 %s" % (cert, fingerprint) in s.startup_line
        assert "TableNames" in s.client(verify=cert).list_tables()
        assert not os.path.exists(str(tmp_path / "b" / "tls"))
    finally:
        s.stop()


def test_tls_cert_without_key_is_refused(tmp_path):
    from conftest import BINARY
    out = subprocess.run([BINARY, "serve", "--in-memory", "--port", "0", "--tls-cert", str(tmp_path / "c.pem")],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode != 0 and "--tls-cert and --tls-key go together" in out.stderr

"""Digest files chain and sign the delivered log files; `warden trail validate` checks them
offline and catches one changed byte, deleted files, reordered and renamed files."""
import gzip
import json
import os
import shutil
import time

import pytest

from audit_support import audited_server, digest_files, log_files, validate
from conftest import create_table


def wait_for_logs(root, count, timeout=30):
    """Delivery runs about once a second; a loaded machine may take longer (no fixed sleeps)."""
    deadline = time.time() + timeout
    while len(log_files(root)) < count:
        assert time.time() < deadline, "no log file delivered in %ds" % timeout
        time.sleep(0.1)


@pytest.fixture(scope="module")
def delivered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("integrity")
    server = audited_server(folder)
    ct = server.client("cloudtrail")
    ct.create_trail(Name="signed-trail", S3BucketName="signed-bucket", EnableLogFileValidation=True)
    ct.start_logging(Name="signed-trail")
    ddb = server.client()
    create_table(ddb, "tab-1")
    wait_for_logs(server.trails, 1)  # one log file delivered
    create_table(ddb, "tab-2")
    ct.stop_logging(Name="signed-trail")  # final digest of this logging period
    wait_for_logs(server.trails, 2)
    ct.start_logging(Name="signed-trail")
    create_table(ddb, "tab-3")
    server.restart()  # clean shutdown: delivery and digest; the chain continues after the restart
    server.client().create_table(TableName="tab-4", BillingMode="PAY_PER_REQUEST",
                                 KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                                 AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}])
    server.stop()
    return server.trails, folder


def copy(delivered, name):
    root, folder = delivered
    target = str(folder / name)
    shutil.copytree(root, target)
    return target


def relative(root, path):
    return "s3://" + os.path.relpath(path, root)


def test_untouched_trail_validates_and_chains(delivered):
    root, _ = delivered
    logs, digests = log_files(root), digest_files(root)
    assert len(logs) >= 4 and len(digests) >= 3
    code, out, err = validate(root, "--verbose")
    assert code == 0, out + err
    assert "%d/%d digest files valid" % (len(digests), len(digests)) in out
    assert "%d/%d log files valid" % (len(logs), len(logs)) in out
    chain = [json.loads(gzip.open(d).read()) for d in digests]
    assert chain[0]["previousDigestSignature"] is None
    for older, newer in zip(chain, chain[1:]):
        assert newer["previousDigestS3Object"] == older["digestS3Object"]
        assert newer["previousDigestS3Bucket"] == "signed-bucket"
        assert newer["previousDigestHashAlgorithm"] == "SHA-256"
    first = chain[0]
    assert first["digestSignatureAlgorithm"] == "SHA256withRSA" and len(first["digestPublicKeyFingerprint"]) == 32
    listed = [f["s3Object"] for d in chain for f in d["logFiles"]]
    assert sorted("signed-bucket/" + o for o in listed) == sorted(os.path.relpath(p, root) for p in logs)
    for d in chain:
        for f in d["logFiles"]:
            assert f["hashAlgorithm"] == "SHA-256" and len(f["hashValue"]) == 64
            assert f["oldestEventTime"] <= f["newestEventTime"]


def test_one_changed_byte(delivered):
    root = copy(delivered, "one-byte")
    path = log_files(root)[0]
    content = bytearray(gzip.open(path).read())
    content[content.index(b"T")] = ord("X")
    with open(path, "wb") as f:
        f.write(gzip.compress(bytes(content)))
    code, out, _ = validate(root)
    assert code == 1
    assert "Log file\t%s\tINVALID: hash value doesn't match" % relative(root, path) in out
    # A flipped bit in the stored (compressed) bytes is caught too.
    root = copy(delivered, "one-bit")
    path = log_files(root)[1]
    raw = bytearray(open(path, "rb").read())
    raw[len(raw) // 2] ^= 1
    open(path, "wb").write(bytes(raw))
    code, out, _ = validate(root)
    assert code == 1 and relative(root, path) in out and "INVALID" in out


def test_deleted_files(delivered):
    root = copy(delivered, "deleted-log")
    path = log_files(root)[-1]
    os.remove(path)
    code, out, _ = validate(root)
    assert code == 1 and "Log file\t%s\tINVALID: not found" % relative(root, path) in out
    root = copy(delivered, "deleted-digest")
    path = digest_files(root)[1]
    os.remove(path)
    code, out, _ = validate(root)
    assert code == 1 and "Digest file\t%s\tINVALID: not found" % relative(root, path) in out


def test_reordered_files(delivered):
    root = copy(delivered, "reordered")
    a, b = log_files(root)[:2]
    data_a, data_b = open(a, "rb").read(), open(b, "rb").read()
    open(a, "wb").write(data_b)
    open(b, "wb").write(data_a)
    code, out, _ = validate(root)
    assert code == 1
    assert "Log file\t%s\tINVALID: hash value doesn't match" % relative(root, a) in out
    assert "Log file\t%s\tINVALID: hash value doesn't match" % relative(root, b) in out


def test_renamed_file(delivered):
    root = copy(delivered, "renamed")
    path = log_files(root)[0]
    renamed = path.replace(".json.gz", "x.json.gz")
    os.rename(path, renamed)
    code, out, _ = validate(root)
    assert code == 1
    assert "Log file\t%s\tINVALID: not found" % relative(root, path) in out
    assert "Log file\t%s\tINVALID: has been moved from its original location" % relative(root, renamed) in out
    # A planted file (a copy under a new name, its original left in place) is not listed anywhere.
    os.rename(renamed, path)
    planted = path.replace(".json.gz", "y.json.gz")
    shutil.copy(log_files(root)[0], planted)
    os.utime(planted)
    code, out, _ = validate(root)
    assert code == 1 and "Log file\t%s\tINVALID:" % relative(root, planted) in out


def test_tampered_digest(delivered):
    root = copy(delivered, "digest-edit")
    path = digest_files(root)[0]
    digest = json.loads(gzip.open(path).read())
    digest["logFiles"] = digest["logFiles"][1:]  # hide a log file
    with open(path, "wb") as f:
        f.write(gzip.compress(json.dumps(digest).encode()))
    code, out, _ = validate(root)
    assert code == 1 and "Digest file\t%s\tINVALID:" % relative(root, path) in out


def test_public_key_is_written_beside_the_digests(delivered):
    root, _ = delivered
    keys = [p for p in os.popen("find %s -name '*.der'" % root).read().split() if p]
    assert len(keys) == 1
    fingerprint = os.path.basename(keys[0])[:-4]
    assert json.loads(gzip.open(digest_files(root)[0]).read())["digestPublicKeyFingerprint"] == fingerprint
    code, out, _ = validate(root, "--public-key", keys[0])
    assert code == 0, out

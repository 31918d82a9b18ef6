"""CloudTrail records of KMS calls: management events from kms.amazonaws.com, the key as
the record's resource, no plaintext anywhere in the trail, denials recorded."""
import json
import time

import pytest
from botocore.exceptions import ClientError

from audit_support import audited_server, every_byte, stream
from conftest import ACCOUNT, REGION


@pytest.fixture
def audited(tmp_path):
    server = audited_server(tmp_path)
    yield server
    server.stop()


def wait_for(server, predicate, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [r for r in stream(server) if predicate(r)]
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("no matching record")


def test_kms_calls_are_management_events(audited):
    kms = audited.client("kms")
    meta = kms.create_key(Description="trail")["KeyMetadata"]
    kms.encrypt(KeyId=meta["KeyId"], Plaintext=b"PLAINTEXT-MARKER-7731", EncryptionContext={"Tenant": "t1"})
    created = wait_for(audited, lambda r: r["eventName"] == "CreateKey")[0]
    assert created["eventSource"] == "kms.amazonaws.com"
    assert created["managementEvent"] is True and created["readOnly"] is False
    assert created["requestParameters"] == {"description": "trail"}
    assert created["responseElements"]["keyMetadata"]["keyId"] == meta["KeyId"]
    assert created["responseElements"]["keyMetadata"]["keyState"] == "Enabled"
    encrypt = wait_for(audited, lambda r: r["eventName"] == "Encrypt")[0]
    assert encrypt["readOnly"] is True
    assert encrypt["requestParameters"] == {"keyId": meta["KeyId"], "encryptionContext": {"Tenant": "t1"},
                                            "encryptionAlgorithm": "SYMMETRIC_DEFAULT"}
    assert encrypt["responseElements"] is None
    assert encrypt["resources"] == [{"accountId": ACCOUNT, "type": "AWS::KMS::Key", "ARN": meta["Arn"]}]
    # The plaintext is nowhere in what the trail writes.
    time.sleep(1.5)
    for blob in every_byte(audited.trails, audited.audit_log):
        assert b"PLAINTEXT-MARKER-7731" not in blob
        assert b"UExBSU5URVhULU1BUktFUi03NzMx" not in blob  # nor its base64


def test_kms_errors_and_denials_are_recorded(audited):
    kms = audited.client("kms")
    with pytest.raises(ClientError):
        kms.describe_key(KeyId="alias/missing")
    failed = wait_for(audited, lambda r: r["eventName"] == "DescribeKey")[0]
    assert failed["errorCode"] == "NotFoundException"
    assert failed["errorMessage"] == "Alias arn:aws:kms:%s:%s:alias/missing is not found." % (REGION, ACCOUNT)
    meta = kms.create_key(Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:user/nobody" % ACCOUNT}, "Action": "kms:*", "Resource": "*"}]}),
        BypassPolicyLockoutSafetyCheck=True)["KeyMetadata"]
    with pytest.raises(ClientError):
        kms.disable_key(KeyId=meta["KeyId"])
    denied = wait_for(audited, lambda r: r["eventName"] == "DisableKey")[0]
    assert denied["errorCode"] == "AccessDenied"
    assert denied["errorMessage"].startswith("User: arn:aws:iam::%s:root is not authorized to perform: kms:DisableKey" % ACCOUNT)

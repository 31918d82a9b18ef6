"""KMS keys and aliases, key states on the simulated clock, encryption with context, and
KMS's exact errors — through boto3 and the AWS CLI, as the account root."""
import base64
import json

import pytest
from botocore.exceptions import ClientError

from clock import advance
from conftest import ACCOUNT, REGION, error_of, unique

KEY_PREFIX = "arn:aws:kms:%s:%s:key/" % (REGION, ACCOUNT)
MISSING = "1234abcd-12ab-34cd-56ef-1234567890ab"


@pytest.fixture
def kms(server):
    return server.client("kms")


def new_key(kms, **kw):
    return kms.create_key(**kw)["KeyMetadata"]


def test_create_describe_list_and_default_policy(kms):
    meta = new_key(kms, Description="orders key")
    assert meta["Arn"] == KEY_PREFIX + meta["KeyId"]
    assert meta["AWSAccountId"] == ACCOUNT
    assert meta["KeyState"] == "Enabled" and meta["Enabled"] is True
    assert meta["KeyUsage"] == "ENCRYPT_DECRYPT"
    assert meta["KeySpec"] == "SYMMETRIC_DEFAULT"
    assert meta["KeyManager"] == "CUSTOMER"
    assert meta["EncryptionAlgorithms"] == ["SYMMETRIC_DEFAULT"]
    assert kms.describe_key(KeyId=meta["Arn"])["KeyMetadata"]["KeyId"] == meta["KeyId"]
    ids = [k["KeyId"] for k in kms.list_keys()["Keys"]]
    assert meta["KeyId"] in ids
    policy = kms.get_key_policy(KeyId=meta["KeyId"], PolicyName="default")["Policy"]
    assert json.loads(policy) == {
        "Version": "2012-10-17", "Id": "key-default-1",
        "Statement": [{"Sid": "Enable IAM User Permissions", "Effect": "Allow",
                       "Principal": {"AWS": "arn:aws:iam::%s:root" % ACCOUNT}, "Action": "kms:*", "Resource": "*"}]}


def test_not_found_errors(kms):
    with pytest.raises(ClientError) as e:
        kms.describe_key(KeyId=MISSING)
    assert error_of(e) == ("NotFoundException", "Key '%s%s' does not exist" % (KEY_PREFIX, MISSING))
    with pytest.raises(ClientError) as e:
        kms.describe_key(KeyId="alias/no-such-alias")
    assert error_of(e) == ("NotFoundException",
                           "Alias arn:aws:kms:%s:%s:alias/no-such-alias is not found." % (REGION, ACCOUNT))
    with pytest.raises(ClientError) as e:
        kms.describe_key(KeyId="not-a-key")
    assert error_of(e) == ("NotFoundException", "Invalid keyId not-a-key")
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_aliases(kms):
    meta = new_key(kms)
    alias = "alias/" + unique("orders")
    kms.create_alias(AliasName=alias, TargetKeyId=meta["Arn"])
    assert kms.describe_key(KeyId=alias)["KeyMetadata"]["KeyId"] == meta["KeyId"]
    alias_arn = "arn:aws:kms:%s:%s:%s" % (REGION, ACCOUNT, alias)
    assert kms.describe_key(KeyId=alias_arn)["KeyMetadata"]["KeyId"] == meta["KeyId"]
    listed = kms.list_aliases(KeyId=meta["KeyId"])["Aliases"]
    assert [(a["AliasName"], a["AliasArn"], a["TargetKeyId"]) for a in listed] == [(alias, alias_arn, meta["KeyId"])]
    with pytest.raises(ClientError) as e:
        kms.create_alias(AliasName=alias, TargetKeyId=meta["KeyId"])
    assert error_of(e) == ("AlreadyExistsException", "An alias with the name %s already exists" % alias_arn)
    with pytest.raises(ClientError) as e:
        kms.create_alias(AliasName="no-prefix", TargetKeyId=meta["KeyId"])
    assert error_of(e) == ("ValidationException", "Invalid identifier")
    # Management operations take a key id or key ARN, not an alias.
    with pytest.raises(ClientError) as e:
        kms.disable_key(KeyId=alias)
    assert error_of(e) == ("NotFoundException", "Invalid keyId %s" % alias)
    # Encrypt by alias; the answer names the key ARN.
    out = kms.encrypt(KeyId=alias, Plaintext=b"x")
    assert out["KeyId"] == meta["Arn"]
    kms.delete_alias(AliasName=alias)
    with pytest.raises(ClientError) as e:
        kms.delete_alias(AliasName=alias)
    assert error_of(e) == ("NotFoundException", "Alias %s is not found." % alias_arn)


def test_encrypt_decrypt_with_context(kms):
    meta = new_key(kms)
    blob = kms.encrypt(KeyId=meta["KeyId"], Plaintext=b"4111-1111", EncryptionContext={"tenant": "t1"})["CiphertextBlob"]
    assert b"4111" not in blob
    out = kms.decrypt(CiphertextBlob=blob, EncryptionContext={"tenant": "t1"})  # no KeyId needed
    assert out["Plaintext"] == b"4111-1111"
    assert out["KeyId"] == meta["Arn"]
    assert out["EncryptionAlgorithm"] == "SYMMETRIC_DEFAULT"
    for context in ({}, {"tenant": "t2"}, {"tenant": "t1", "extra": "x"}):
        with pytest.raises(ClientError) as e:
            kms.decrypt(CiphertextBlob=blob, EncryptionContext=context)
        assert error_of(e) == ("InvalidCiphertextException", "")
    with pytest.raises(ClientError) as e:
        kms.decrypt(CiphertextBlob=b"not a ciphertext")
    assert error_of(e) == ("InvalidCiphertextException", "")
    tampered = bytearray(blob)
    tampered[-1] ^= 1
    with pytest.raises(ClientError) as e:
        kms.decrypt(CiphertextBlob=bytes(tampered), EncryptionContext={"tenant": "t1"})
    assert error_of(e)[0] == "InvalidCiphertextException"
    other = new_key(kms)
    with pytest.raises(ClientError) as e:
        kms.decrypt(CiphertextBlob=blob, KeyId=other["KeyId"], EncryptionContext={"tenant": "t1"})
    assert error_of(e) == ("IncorrectKeyException",
                           "The key ID in the request does not identify a CMK that can perform this operation.")


def test_generate_data_key_and_reencrypt(kms):
    a, b = new_key(kms), new_key(kms)
    data = kms.generate_data_key(KeyId=a["KeyId"], KeySpec="AES_256", EncryptionContext={"table": "t"})
    assert len(data["Plaintext"]) == 32
    assert kms.decrypt(CiphertextBlob=data["CiphertextBlob"], EncryptionContext={"table": "t"})["Plaintext"] == data["Plaintext"]
    assert len(kms.generate_data_key(KeyId=a["KeyId"], NumberOfBytes=16)["Plaintext"]) == 16
    assert "Plaintext" not in kms.generate_data_key_without_plaintext(KeyId=a["KeyId"], KeySpec="AES_128")
    with pytest.raises(ClientError) as e:
        kms.generate_data_key(KeyId=a["KeyId"])
    assert error_of(e) == ("ValidationException", "Please specify either number of bytes or key spec.")
    moved = kms.re_encrypt(CiphertextBlob=data["CiphertextBlob"], SourceEncryptionContext={"table": "t"},
                           DestinationKeyId=b["Arn"])
    assert moved["SourceKeyId"] == a["Arn"] and moved["KeyId"] == b["Arn"]
    assert kms.decrypt(CiphertextBlob=moved["CiphertextBlob"])["Plaintext"] == data["Plaintext"]


def test_disable_enable(kms):
    meta = new_key(kms)
    kms.disable_key(KeyId=meta["KeyId"])
    assert kms.describe_key(KeyId=meta["KeyId"])["KeyMetadata"]["KeyState"] == "Disabled"
    with pytest.raises(ClientError) as e:
        kms.encrypt(KeyId=meta["KeyId"], Plaintext=b"x")
    assert error_of(e) == ("DisabledException", "%s is disabled." % meta["Arn"])
    kms.enable_key(KeyId=meta["KeyId"])
    kms.encrypt(KeyId=meta["KeyId"], Plaintext=b"x")


def test_tags(kms):
    meta = new_key(kms, Tags=[{"TagKey": "team", "TagValue": "a"}])
    kms.tag_resource(KeyId=meta["KeyId"], Tags=[{"TagKey": "team", "TagValue": "b"}, {"TagKey": "env", "TagValue": "dev"}])
    assert kms.list_resource_tags(KeyId=meta["KeyId"])["Tags"] == [
        {"TagKey": "team", "TagValue": "b"}, {"TagKey": "env", "TagValue": "dev"}]
    kms.untag_resource(KeyId=meta["KeyId"], TagKeys=["team"])
    assert kms.list_resource_tags(KeyId=meta["KeyId"])["Tags"] == [{"TagKey": "env", "TagValue": "dev"}]


def test_put_key_policy_lockout_check(kms):
    meta = new_key(kms)
    locked = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % ACCOUNT}, "Action": "kms:Encrypt", "Resource": "*"}]})
    with pytest.raises(ClientError) as e:
        kms.put_key_policy(KeyId=meta["KeyId"], PolicyName="default", Policy=locked)
    assert error_of(e) == ("MalformedPolicyDocumentException",
                           "The new key policy will not allow you to update the key policy in the future.")
    with pytest.raises(ClientError) as e:
        kms.put_key_policy(KeyId=meta["KeyId"], PolicyName="default", Policy="{not json")
    assert error_of(e)[0] == "MalformedPolicyDocumentException"


def test_unsupported_key_specs(kms):
    with pytest.raises(ClientError) as e:
        kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")
    assert error_of(e) == ("UnsupportedOperationException",
                           "Warden supports single-Region symmetric encryption keys only (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Origin AWS_KMS).")


def test_deletion_on_the_simulated_clock(fresh_server):
    server = fresh_server()
    kms = server.client("kms")
    meta = new_key(kms)
    kms.create_alias(AliasName="alias/doomed", TargetKeyId=meta["KeyId"])
    with pytest.raises(ClientError) as e:
        kms.schedule_key_deletion(KeyId=meta["KeyId"], PendingWindowInDays=6)
    assert error_of(e) == ("ValidationException", "1 validation error detected: Value '6' at 'pendingWindowInDays' "
                                                  "failed to satisfy constraint: Member must have value greater than or equal to 7")
    out = kms.schedule_key_deletion(KeyId=meta["KeyId"], PendingWindowInDays=7)
    assert out["KeyId"] == meta["Arn"] and out["KeyState"] == "PendingDeletion" and out["PendingWindowInDays"] == 7
    with pytest.raises(ClientError) as e:
        kms.decrypt(CiphertextBlob=b"\x00")
    assert error_of(e)[0] == "InvalidCiphertextException"
    with pytest.raises(ClientError) as e:
        kms.encrypt(KeyId=meta["KeyId"], Plaintext=b"x")
    assert error_of(e) == ("KMSInvalidStateException", "%s is pending deletion." % meta["Arn"])
    kms.cancel_key_deletion(KeyId=meta["KeyId"])
    assert kms.describe_key(KeyId=meta["KeyId"])["KeyMetadata"]["KeyState"] == "Disabled"
    with pytest.raises(ClientError) as e:
        kms.cancel_key_deletion(KeyId=meta["KeyId"])
    assert error_of(e) == ("KMSInvalidStateException", "%s is not pending deletion." % meta["Arn"])
    kms.schedule_key_deletion(KeyId=meta["KeyId"], PendingWindowInDays=7)
    advance(server, 7 * 86400 - 60)
    assert kms.describe_key(KeyId=meta["KeyId"])["KeyMetadata"]["KeyState"] == "PendingDeletion"
    advance(server, 120)
    with pytest.raises(ClientError) as e:
        kms.describe_key(KeyId=meta["KeyId"])
    assert error_of(e) == ("NotFoundException", "Key '%s' does not exist" % meta["Arn"])
    assert kms.list_aliases()["Aliases"] == []


def test_keys_survive_restart(fresh_server, tmp_path):
    data = str(tmp_path / "d")
    server = fresh_server(data_dir=data)
    kms = server.client("kms")
    meta = new_key(kms)
    blob = kms.encrypt(KeyId=meta["KeyId"], Plaintext=b"kept")["CiphertextBlob"]
    server.restart()
    kms = server.client("kms")
    assert kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"kept"
    import os
    import stat
    secret = os.path.join(data, "kms-master.key")
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600


def test_cli(server, tmp_path):
    _, created, _ = server.cli("kms", "create-key", "--description", "cli key")
    key_id = created["KeyMetadata"]["KeyId"]
    (tmp_path / "plain").write_bytes(b"hello")
    _, out, _ = server.cli("kms", "encrypt", "--key-id", key_id, "--plaintext", "fileb://%s" % (tmp_path / "plain"),
                           "--encryption-context", "purpose=test")
    (tmp_path / "blob").write_bytes(base64.b64decode(out["CiphertextBlob"]))
    _, plain, _ = server.cli("kms", "decrypt", "--ciphertext-blob", "fileb://%s" % (tmp_path / "blob"),
                             "--encryption-context", "purpose=test")
    assert base64.b64decode(plain["Plaintext"]) == b"hello"
    code, _, err = server.cli("kms", "disable-key", "--key-id", key_id, check=True)
    code, _, err = server.cli("kms", "encrypt", "--key-id", key_id, "--plaintext", "fileb://%s" % (tmp_path / "plain"), check=False)
    assert code != 0
    assert "An error occurred (DisabledException) when calling the Encrypt operation: %s%s is disabled." % (KEY_PREFIX, key_id) in err


def test_hostile_requests(server):
    from signing import signed

    def call(body, target="TrentService.DescribeKey", service="kms"):
        r = signed(server, body, target=target, service=service, content_type="application/x-amz-json-1.1")
        return r.status_code, r.json()

    for body in (b"[]", b"{", b'{"KeyId": 5}', b'{"Plaintext": {"a": 1}, "KeyId": "alias/x"}'):
        status, error = call(body, target="TrentService.Encrypt" if b"Plaintext" in body else "TrentService.DescribeKey")
        assert (status, error["__type"]) == (400, "SerializationException"), body
    assert call(b"{}", target="TrentService.NoSuchThing") == (400, {"__type": "UnknownOperationException", "message": ""})
    # Signed for another service: refused before anything is looked up.
    status, error = call(b"{}", target="TrentService.ListKeys", service="dynamodb")
    assert status == 400 and error["message"] == "Credential should be scoped to correct service: 'kms'. "
    status, error = call(b'{"KeyId": "%s"}' % (b"a" * 2049))
    assert (status, error["__type"]) == (400, "ValidationException")
    assert error["message"].endswith("at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048")
    # A key id that names nothing and an ARN of another service are not keys.
    assert call(b'{"KeyId": "arn:aws:dynamodb:us-east-1:123456789012:table/t"}') == (
        400, {"__type": "NotFoundException", "message": "Invalid keyId arn:aws:dynamodb:us-east-1:123456789012:table/t"})

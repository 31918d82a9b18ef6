"""KMS authorization: the key policy is the primary control (IAM policies count only where
it delegates to the account), grants, kms:EncryptionContext:* / kms:CallerAccount
conditions, cross-account use — through the same engine and decision log as every
other request."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import error_of

OWNER, OTHER = "111111111111", "222222222222"
ALICE = "arn:aws:iam::%s:user/alice" % OWNER
BOB = "arn:aws:iam::%s:user/bob" % OWNER
CAROL = "arn:aws:iam::%s:user/carol" % OTHER
KMS_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}

CONFIG = {
    "accounts": [
        {"id": OWNER, "rootCredentials": [{"accessKeyId": "owner-root", "secretAccessKey": "owner-secret"}],
         "users": [
             # alice: IAM allows kms:* (counts only where a key policy delegates to the account).
             {"name": "alice", "accessKeys": [{"accessKeyId": "alice-key", "secretAccessKey": "alice-secret"}],
              "inlinePolicies": [{"name": "kms", "document": KMS_ALL}]},
             # bob: no IAM policy at all.
             {"name": "bob", "accessKeys": [{"accessKeyId": "bob-key", "secretAccessKey": "bob-secret"}]},
         ]},
        {"id": OTHER, "rootCredentials": [{"accessKeyId": "other-root", "secretAccessKey": "other-secret"}],
         "users": [
             {"name": "carol", "accessKeys": [{"accessKeyId": "carol-key", "secretAccessKey": "carol-secret"}],
              "inlinePolicies": [{"name": "kms", "document": KMS_ALL}]},
             {"name": "dave", "accessKeys": [{"accessKeyId": "dave-key", "secretAccessKey": "dave-secret"}]},
         ]},
    ],
}


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    from conftest import Server
    path = tmp_path_factory.mktemp("kms-auth") / "warden.json"
    path.write_text(json.dumps(CONFIG))
    server = Server("--config", str(path))
    yield server
    server.stop()


def kms(server, who):
    return server.client("kms", key=(who + "-key", who + "-secret") if who not in ("owner", "other") else (who + "-root", who + "-secret"))


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


ROOT_DELEGATION = {"Sid": "root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % OWNER}, "Action": "kms:*",
                   "Resource": "*"}


def owner_key(server, key_policy=None):
    args = {"Policy": key_policy, "BypassPolicyLockoutSafetyCheck": True} if key_policy else {}
    return kms(server, "owner").create_key(**args)["KeyMetadata"]


def denied(user_arn, action, key_arn, why="because no resource-based policy allows the %s action"):
    return ("AccessDeniedException", "User: %s is not authorized to perform: %s on resource: %s %s" % (
        user_arn, action, key_arn, why % action if "%s" in why else why))


def test_default_policy_delegates_to_iam(env):
    key = owner_key(env)
    kms(env, "alice").encrypt(KeyId=key["KeyId"], Plaintext=b"x")  # IAM allows, key policy delegates
    with pytest.raises(ClientError) as e:
        kms(env, "bob").encrypt(KeyId=key["KeyId"], Plaintext=b"x")
    assert error_of(e) == ("AccessDeniedException", "User: %s is not authorized to perform: kms:Encrypt on resource: %s "
                                                     "because no identity-based policy allows the kms:Encrypt action" % (BOB, key["Arn"]))


def test_iam_alone_is_not_enough_without_delegation(env):
    # The key policy names only bob: alice's IAM kms:* does not count, and the root is locked out too.
    key = owner_key(env, policy({"Effect": "Allow", "Principal": {"AWS": BOB}, "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"}))
    with pytest.raises(ClientError) as e:
        kms(env, "alice").encrypt(KeyId=key["KeyId"], Plaintext=b"x")
    assert error_of(e) == denied(ALICE, "kms:Encrypt", key["Arn"])
    blob = kms(env, "bob").encrypt(KeyId=key["KeyId"], Plaintext=b"x")["CiphertextBlob"]  # named: no IAM policy needed
    assert kms(env, "bob").decrypt(CiphertextBlob=blob)["Plaintext"] == b"x"
    with pytest.raises(ClientError) as e:
        kms(env, "owner").describe_key(KeyId=key["KeyId"])
    assert error_of(e) == denied("arn:aws:iam::%s:root" % OWNER, "kms:DescribeKey", key["Arn"])


def test_explicit_deny_in_key_policy(env):
    key = owner_key(env, policy(ROOT_DELEGATION, {"Effect": "Deny", "Principal": {"AWS": ALICE}, "Action": "kms:Decrypt", "Resource": "*"}))
    blob = kms(env, "alice").encrypt(KeyId=key["KeyId"], Plaintext=b"x")["CiphertextBlob"]
    with pytest.raises(ClientError) as e:
        kms(env, "alice").decrypt(CiphertextBlob=blob)
    assert error_of(e) == denied(ALICE, "kms:Decrypt", key["Arn"], "with an explicit deny in a resource-based policy")


def test_encryption_context_and_caller_account_conditions(env):
    key = owner_key(env, policy(ROOT_DELEGATION, {
        "Effect": "Allow", "Principal": {"AWS": BOB}, "Action": "kms:Encrypt", "Resource": "*",
        "Condition": {"StringEquals": {"kms:EncryptionContext:tenant": "t1", "kms:CallerAccount": OWNER}}}))
    kms(env, "bob").encrypt(KeyId=key["KeyId"], Plaintext=b"x", EncryptionContext={"tenant": "t1"})
    for context in ({"tenant": "t2"}, {}):
        with pytest.raises(ClientError) as e:
            kms(env, "bob").encrypt(KeyId=key["KeyId"], Plaintext=b"x", EncryptionContext=context)
        assert error_of(e)[0] == "AccessDeniedException"


def test_grants(env):
    key = owner_key(env)
    owner = kms(env, "owner")
    bob = kms(env, "bob")
    with pytest.raises(ClientError) as e:
        bob.encrypt(KeyId=key["KeyId"], Plaintext=b"x")
    assert error_of(e)[0] == "AccessDeniedException"
    grant = owner.create_grant(KeyId=key["KeyId"], GranteePrincipal=BOB, Operations=["Encrypt", "Decrypt"],
                               Constraints={"EncryptionContextSubset": {"app": "orders"}}, Name="bob-orders")
    # Idempotent by name.
    assert owner.create_grant(KeyId=key["KeyId"], GranteePrincipal=BOB, Operations=["Encrypt", "Decrypt"],
                              Constraints={"EncryptionContextSubset": {"app": "orders"}}, Name="bob-orders")["GrantId"] == grant["GrantId"]
    blob = bob.encrypt(KeyId=key["KeyId"], Plaintext=b"x", EncryptionContext={"app": "orders", "extra": "1"})["CiphertextBlob"]
    assert bob.decrypt(CiphertextBlob=blob, EncryptionContext={"app": "orders", "extra": "1"})["Plaintext"] == b"x"
    with pytest.raises(ClientError) as e:  # outside the constraint
        bob.encrypt(KeyId=key["KeyId"], Plaintext=b"x", EncryptionContext={"app": "billing"})
    assert error_of(e)[0] == "AccessDeniedException"
    with pytest.raises(ClientError) as e:  # not a granted operation
        bob.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256", EncryptionContext={"app": "orders"})
    assert error_of(e)[0] == "AccessDeniedException"
    listed = owner.list_grants(KeyId=key["KeyId"])["Grants"]
    assert [(g["GrantId"], g["GranteePrincipal"], sorted(g["Operations"]), g["Constraints"], g["IssuingAccount"], g["Name"])
            for g in listed] == [(grant["GrantId"], BOB, ["Decrypt", "Encrypt"], {"EncryptionContextSubset": {"app": "orders"}},
                                  "arn:aws:iam::%s:root" % OWNER, "bob-orders")]
    # bob cannot revoke (no policy allows kms:RevokeGrant); the owner can.
    with pytest.raises(ClientError) as e:
        bob.revoke_grant(KeyId=key["KeyId"], GrantId=grant["GrantId"])
    assert error_of(e)[0] == "AccessDeniedException"
    owner.revoke_grant(KeyId=key["KeyId"], GrantId=grant["GrantId"])
    with pytest.raises(ClientError) as e:
        bob.encrypt(KeyId=key["KeyId"], Plaintext=b"x", EncryptionContext={"app": "orders"})
    assert error_of(e)[0] == "AccessDeniedException"
    with pytest.raises(ClientError) as e:
        owner.revoke_grant(KeyId=key["KeyId"], GrantId=grant["GrantId"])
    assert error_of(e) == ("InvalidGrantIdException", "Grant ID %s not found" % grant["GrantId"])


def test_retire_grant_by_retiring_principal_and_token(env):
    key = owner_key(env)
    owner = kms(env, "owner")
    g1 = owner.create_grant(KeyId=key["KeyId"], GranteePrincipal=BOB, Operations=["Encrypt"], RetiringPrincipal=BOB)
    kms(env, "bob").retire_grant(KeyId=key["KeyId"], GrantId=g1["GrantId"])
    g2 = owner.create_grant(KeyId=key["KeyId"], GranteePrincipal=BOB, Operations=["Encrypt"])
    with pytest.raises(ClientError) as e:  # bob is neither retiring principal nor granted RetireGrant
        kms(env, "bob").retire_grant(GrantToken=g2["GrantToken"])
    assert error_of(e)[0] == "AccessDeniedException"
    owner.retire_grant(GrantToken=g2["GrantToken"])
    assert owner.list_grants(KeyId=key["KeyId"])["Grants"] == []
    with pytest.raises(ClientError) as e:
        owner.retire_grant(GrantToken=g2["GrantToken"])
    assert error_of(e) == ("InvalidGrantTokenException", "Invalid grant token")


def test_cross_account_needs_key_policy_and_iam(env):
    carol_arn = CAROL
    key = owner_key(env, policy(ROOT_DELEGATION, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % OTHER},
                                                  "Action": ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}))
    carol = kms(env, "carol")
    blob = carol.encrypt(KeyId=key["Arn"], Plaintext=b"shared")["CiphertextBlob"]
    assert carol.decrypt(CiphertextBlob=blob)["Plaintext"] == b"shared"  # the blob names the key: no KeyId needed
    with pytest.raises(ClientError) as e:  # dave's own account allows him nothing
        kms(env, "dave").encrypt(KeyId=key["Arn"], Plaintext=b"x")
    assert error_of(e) == ("AccessDeniedException", "User: arn:aws:iam::%s:user/dave is not authorized to perform: kms:Encrypt on "
                                                     "resource: %s because no identity-based policy allows the kms:Encrypt action" % (OTHER, key["Arn"]))
    with pytest.raises(ClientError) as e:  # not in the key policy's list
        carol.disable_key(KeyId=key["Arn"])
    assert error_of(e) == denied(carol_arn, "kms:DisableKey", key["Arn"])
    # A key id alone names a key in the caller's own account.
    with pytest.raises(ClientError) as e:
        carol.describe_key(KeyId=key["KeyId"])
    assert error_of(e) == ("NotFoundException", "Key 'arn:aws:kms:us-east-1:%s:key/%s' does not exist" % (OTHER, key["KeyId"]))


def test_denials_are_explained(env):
    from signing import signed
    key = owner_key(env, policy({"Effect": "Allow", "Principal": {"AWS": BOB}, "Action": "kms:Encrypt", "Resource": "*"}))
    with pytest.raises(ClientError) as e:
        kms(env, "alice").encrypt(KeyId=key["KeyId"], Plaintext=b"x")
    request_id = e.value.response["ResponseMetadata"]["RequestId"]
    r = signed(env, b"", path="/_warden/explain/" + request_id, method="GET", content_type="application/json",
               key=("owner-root", "owner-secret"))
    assert r.status_code == 200, r.text
    text = r.text
    assert "kms:Encrypt" in text and key["Arn"] in text and "implicitDeny" in text

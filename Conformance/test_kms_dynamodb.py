"""DynamoDB tables with KMS keys: the key resolved and validated as DynamoDB does, the AWS
managed key alias/aws/dynamodb, DynamoDB's grant, and what a disabled or pending-deletion
key does to the table on the simulated clock."""
import re

import pytest
from botocore.exceptions import ClientError

from clock import advance
from conftest import ACCOUNT, REGION, create_table, error_of, unique

MISSING = "1234abcd-12ab-34cd-56ef-1234567890ab"


def kms_text(code, message):
    return re.escape("com.amazonaws.services.kms.model.%s: %s (Service: AWSKMS; Status Code: 400; Error Code: %s; Request ID: " % (
        code, message, code)) + r"[A-Z0-9]+; Proxy: null\)"


@pytest.fixture
def env(fresh_server):
    server = fresh_server()
    return server, server.client(), server.client("kms")


def test_key_id_arn_and_alias_resolve_to_the_key_arn(env):
    server, ddb, kms = env
    key = kms.create_key()["KeyMetadata"]
    kms.create_alias(AliasName="alias/tables", TargetKeyId=key["KeyId"])
    for given in (key["KeyId"], key["Arn"], "alias/tables", "arn:aws:kms:%s:%s:alias/tables" % (REGION, ACCOUNT)):
        name = unique()
        out = create_table(ddb, name, SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": given})
        assert out["TableDescription"]["SSEDescription"] == {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": key["Arn"]}
    grants = kms.list_grants(KeyId=key["KeyId"])["Grants"]
    assert len(grants) == 4
    assert all(g["GranteePrincipal"] == "dynamodb.%s.amazonaws.com" % REGION for g in grants)
    assert sorted(g["Operations"] for g in grants)[0] == ["Decrypt", "Encrypt", "GenerateDataKey", "ReEncryptFrom", "ReEncryptTo",
                                                           "DescribeKey", "CreateGrant", "RetireGrant"]


def test_aws_managed_key(env):
    server, ddb, kms = env
    out = create_table(ddb, unique(), SSESpecification={"Enabled": True, "SSEType": "KMS"})
    managed = kms.describe_key(KeyId="alias/aws/dynamodb")["KeyMetadata"]
    assert managed["KeyManager"] == "AWS"
    assert out["TableDescription"]["SSEDescription"]["KMSMasterKeyArn"] == managed["Arn"]
    # One managed key per account and Region.
    again = create_table(ddb, unique(), SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": "alias/aws/dynamodb"})
    assert again["TableDescription"]["SSEDescription"]["KMSMasterKeyArn"] == managed["Arn"]
    # The account cannot disable an AWS managed key: its key policy does not allow it.
    with pytest.raises(ClientError) as e:
        kms.disable_key(KeyId=managed["KeyId"])
    assert error_of(e) == ("AccessDeniedException", "User: arn:aws:iam::%s:root is not authorized to perform: kms:DisableKey on "
                                                     "resource: %s because no resource-based policy allows the kms:DisableKey action"
                           % (ACCOUNT, managed["Arn"]))


def test_missing_or_disabled_key_is_refused(env):
    server, ddb, kms = env
    missing_arn = "arn:aws:kms:%s:%s:key/%s" % (REGION, ACCOUNT, MISSING)
    with pytest.raises(ClientError) as e:
        create_table(ddb, unique(), SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": MISSING})
    code, message = error_of(e)
    assert code == "ValidationException"
    assert re.fullmatch("KMS validation error: " + kms_text("NotFoundException", "Key '%s' does not exist" % missing_arn), message)
    with pytest.raises(ClientError) as e:
        create_table(ddb, unique(), SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": "alias/none"})
    assert re.fullmatch("KMS validation error: " + kms_text("NotFoundException", "Alias arn:aws:kms:%s:%s:alias/none is not found." % (
        REGION, ACCOUNT)), error_of(e)[1])
    key = kms.create_key()["KeyMetadata"]
    kms.disable_key(KeyId=key["KeyId"])
    with pytest.raises(ClientError) as e:
        create_table(ddb, unique(), SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key["KeyId"]})
    assert re.fullmatch("KMS validation error: " + kms_text("DisabledException", "%s is disabled." % key["Arn"]), error_of(e)[1])
    # The Request ID in the text is the DynamoDB request's own.
    rid = e.value.response["ResponseMetadata"]["RequestId"]
    assert error_of(e)[1].endswith("Request ID: %s; Proxy: null)" % rid)


def test_disabled_key_makes_the_table_inaccessible_after_the_grace_period(env):
    server, ddb, kms = env
    key = kms.create_key()["KeyMetadata"]
    name = unique()
    create_table(ddb, name, SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key["KeyId"]})
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "v": {"S": "1"}})
    kms.disable_key(KeyId=key["KeyId"])
    # DynamoDB has not noticed yet. The simulated clock also runs with real time, so the
    # reads stop 10 s short of the grace period: a slow machine cannot carry them past it.
    advance(server, 290)
    assert ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})["Item"]["v"] == {"S": "1"}
    assert ddb.describe_table(TableName=name)["Table"]["TableStatus"] == "ACTIVE"
    advance(server, 10)
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["TableStatus"] == "INACCESSIBLE_ENCRYPTION_CREDENTIALS"
    assert "InaccessibleEncryptionDateTime" in t["SSEDescription"]
    expected = "KMS key access denied error: " + kms_text("DisabledException", "%s is disabled." % key["Arn"])
    for call in (lambda: ddb.get_item(TableName=name, Key={"pk": {"S": "a"}}),
                 lambda: ddb.put_item(TableName=name, Item={"pk": {"S": "b"}}),
                 lambda: ddb.scan(TableName=name),
                 lambda: ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "a"}})):
        with pytest.raises(ClientError) as e:
            call()
        code, message = error_of(e)
        assert code == "AccessDeniedException" and re.fullmatch(expected, message), message
    kms.enable_key(KeyId=key["KeyId"])
    t = ddb.describe_table(TableName=name)["Table"]
    assert t["TableStatus"] == "ACTIVE" and "InaccessibleEncryptionDateTime" not in t["SSEDescription"]
    assert ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})["Item"]["v"] == {"S": "1"}


def test_pending_deletion_and_deleted_keys(env):
    server, ddb, kms = env
    key = kms.create_key()["KeyMetadata"]
    name = unique()
    create_table(ddb, name, SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key["Arn"]})
    kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
    advance(server, 301)
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert re.fullmatch("KMS key access denied error: " + kms_text("KMSInvalidStateException", "%s is pending deletion." % key["Arn"]),
                        error_of(e)[1])
    kms.cancel_key_deletion(KeyId=key["KeyId"])  # → Disabled: still inaccessible
    assert ddb.describe_table(TableName=name)["Table"]["TableStatus"] == "INACCESSIBLE_ENCRYPTION_CREDENTIALS"
    kms.schedule_key_deletion(KeyId=key["KeyId"], PendingWindowInDays=7)
    advance(server, 7 * 86400)
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert re.fullmatch("KMS key access denied error: " + kms_text("NotFoundException", "Key '%s' does not exist" % key["Arn"]),
                        error_of(e)[1])


def test_update_table_to_a_customer_managed_key(env):
    server, ddb, kms = env
    name = unique()
    create_table(ddb, name)
    key = kms.create_key()["KeyMetadata"]
    kms.create_alias(AliasName="alias/upd", TargetKeyId=key["KeyId"])
    out = ddb.update_table(TableName=name, SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": "alias/upd"})
    assert out["TableDescription"]["SSEDescription"]["KMSMasterKeyArn"] == key["Arn"]
    with pytest.raises(ClientError) as e:  # the same key again, named by its ARN this time
        ddb.update_table(TableName=name, SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key["Arn"]})
    assert error_of(e) == ("ValidationException", "One or more parameter values were invalid: Table is already encrypted with given "
                                                  "KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key")

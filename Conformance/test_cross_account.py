"""Cross-account access by table ARN in TableName: both the caller's identity policy and the
table's resource-based policy must allow; organization SCPs limit what an account's
principals may do."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import create_table, error_of

OWNER, OTHER = "111111111111", "222222222222"
TABLE_ARN = "arn:aws:dynamodb:us-east-1:%s:table/shared-orders" % OWNER
BOB = "arn:aws:iam::%s:user/bob" % OTHER

CONFIG = {
    "accounts": [
        {"id": OWNER, "rootCredentials": [{"accessKeyId": "owner-root", "secretAccessKey": "owner-secret"}]},
        {"id": OTHER, "rootCredentials": [{"accessKeyId": "other-root", "secretAccessKey": "other-secret"}],
         "users": [
             {"name": "bob", "accessKeys": [{"accessKeyId": "bob-key", "secretAccessKey": "bob-secret"}],
              "inlinePolicies": [{"name": "read-shared", "document": {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"], "Resource": TABLE_ARN}]}}]},
             {"name": "carol", "accessKeys": [{"accessKeyId": "carol-key", "secretAccessKey": "carol-secret"}]},
         ]},
    ],
    "organization": {"managementAccountId": OWNER, "serviceControlPolicies": [
        {"name": "no-deletes", "targets": [OTHER], "document": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "Action": "dynamodb:DeleteItem", "Resource": "*"}]}}]},
}


@pytest.fixture
def two_accounts(fresh_server, tmp_path):
    path = tmp_path / "warden.json"
    path.write_text(json.dumps(CONFIG))
    server = fresh_server("--config", str(path))
    owner = server.client(key=("owner-root", "owner-secret"))
    create_table(owner, "shared-orders")
    owner.put_item(TableName="shared-orders", Item={"pk": {"S": "o-1"}, "total": {"N": "5"}})
    return server, owner


def test_other_account_cannot_see_tables_by_name(two_accounts):
    server, _ = two_accounts
    other = server.client(key=("other-root", "other-secret"))
    assert other.list_tables()["TableNames"] == []
    with pytest.raises(ClientError) as e:
        other.describe_table(TableName="shared-orders")
    assert error_of(e)[0] == "ResourceNotFoundException"


def test_cross_account_needs_both_sides(two_accounts):
    server, owner = two_accounts
    bob = server.client(key=("bob-key", "bob-secret"))
    carol = server.client(key=("carol-key", "carol-secret"))
    key = {"pk": {"S": "o-1"}}
    with pytest.raises(ClientError) as e:
        bob.get_item(TableName=TABLE_ARN, Key=key)
    assert error_of(e) == ("AccessDeniedException",
                           "User: %s is not authorized to perform: dynamodb:GetItem on resource: %s because no resource-based policy allows the dynamodb:GetItem action" % (BOB, TABLE_ARN))
    owner.put_resource_policy(ResourceArn=TABLE_ARN, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % OTHER},
        "Action": ["dynamodb:GetItem", "dynamodb:DeleteItem"], "Resource": TABLE_ARN}]}))
    assert bob.get_item(TableName=TABLE_ARN, Key=key)["Item"] == {"pk": {"S": "o-1"}, "total": {"N": "5"}}
    # The resource policy alone is not enough across accounts: carol has no identity policy.
    with pytest.raises(ClientError) as e:
        carol.get_item(TableName=TABLE_ARN, Key=key)
    assert error_of(e) == ("AccessDeniedException",
                           "User: arn:aws:iam::%s:user/carol is not authorized to perform: dynamodb:GetItem on resource: %s because no identity-based policy allows the dynamodb:GetItem action" % (OTHER, TABLE_ARN))
    # Bob's identity allows PutItem but the table's policy does not.
    with pytest.raises(ClientError) as e:
        bob.put_item(TableName=TABLE_ARN, Item={"pk": {"S": "o-2"}})
    assert error_of(e)[0] == "AccessDeniedException"


def test_service_control_policy_denies(two_accounts):
    server, owner = two_accounts
    owner.put_resource_policy(ResourceArn=TABLE_ARN, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % OTHER}, "Action": "dynamodb:*", "Resource": TABLE_ARN}]}))
    other_root = server.client(key=("other-root", "other-secret"))
    with pytest.raises(ClientError) as e:
        other_root.delete_item(TableName=TABLE_ARN, Key={"pk": {"S": "o-1"}})
    assert error_of(e) == ("AccessDeniedException",
                           "User: arn:aws:iam::%s:root is not authorized to perform: dynamodb:DeleteItem on resource: %s with an explicit deny in a service control policy" % (OTHER, TABLE_ARN))

"""PutResourcePolicy / GetResourcePolicy / DeleteResourcePolicy: revisions, conditional
updates, validation, Block Public Access and the lockout check (texts from AWS-verified tests)."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, create_table, error_of


def policy(action="dynamodb:*", principal=None, effect="Allow", condition=None):
    st = {"Effect": effect, "Principal": principal or {"AWS": ACCOUNT}, "Action": [action], "Resource": "*"}
    if condition:
        st["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [st]})


@pytest.fixture
def arn(ddb, table_name):
    create_table(ddb, table_name)
    return ddb.describe_table(TableName=table_name)["Table"]["TableArn"]


def test_put_get_delete_and_revisions(ddb, arn, table_name):
    with pytest.raises(ClientError) as e:
        ddb.get_resource_policy(ResourceArn=arn)
    assert error_of(e) == ("PolicyNotFoundException", "Resource-based policy not found for the provided ResourceArn: %s" % arn)
    r1 = ddb.put_resource_policy(ResourceArn=arn, Policy=policy(), ExpectedRevisionId="NO_POLICY")["RevisionId"]
    assert ddb.put_resource_policy(ResourceArn=arn, Policy=policy())["RevisionId"] == r1
    got = ddb.get_resource_policy(ResourceArn=arn)
    assert got["RevisionId"] == r1 and json.loads(got["Policy"])["Statement"][0]["Action"] == ["dynamodb:*"]
    r2 = ddb.put_resource_policy(ResourceArn=arn, Policy=policy("dynamodb:GetItem"), ExpectedRevisionId=r1)["RevisionId"]
    assert r2 != r1 and int(r2) > int(r1)
    with pytest.raises(ClientError) as e:
        ddb.put_resource_policy(ResourceArn=arn, Policy=policy("dynamodb:PutItem"), ExpectedRevisionId=r1)
    assert error_of(e) == ("PolicyNotFoundException",
                           "Resource-based policy not found for the provided ResourceArn: Requested update for policy with revision id %s, but the policy associated to target table %s has revision id %s." % (r1, table_name, r2))
    with pytest.raises(ClientError) as e:
        ddb.put_resource_policy(ResourceArn=arn, Policy=policy(), ExpectedRevisionId="NO_POLICY")
    assert error_of(e) == ("PolicyNotFoundException",
                           "Resource-based policy not found for the provided ResourceArn: Requested policy update expecting none to be present for table %s, but a policy exists with revision id %s." % (table_name, r2))
    with pytest.raises(ClientError) as e:
        ddb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId="unknown")
    assert error_of(e)[0] == "PolicyNotFoundException"
    assert ddb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId=r2)["RevisionId"] == r2
    with pytest.raises(ClientError) as e:
        ddb.get_resource_policy(ResourceArn=arn)
    assert error_of(e)[0] == "PolicyNotFoundException"


def test_unknown_table(ddb, arn, table_name):
    with pytest.raises(ClientError) as e:
        ddb.put_resource_policy(ResourceArn=arn + "_", Policy=policy())
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found: Table: %s_ not found" % table_name)
    with pytest.raises(ClientError) as e:
        ddb.get_resource_policy(ResourceArn=arn + "unknown")
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found: Table: %sunknown not found" % table_name)


@pytest.mark.parametrize("doc, message", [
    ("{not json", "One or more parameter values were invalid: Invalid policy document: This policy contains invalid Json"),
    (json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ACCOUNT}, "Action": "dynamodb:GetItem"}]}),
     "One or more parameter values were invalid: Invalid policy document: Missing required field Resource"),
    (json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}),
     "One or more parameter values were invalid: Invalid policy document: Missing required field Principal"),
    ("{" + " " * 20480 + "}", "One or more parameter values were invalid: Maximum policy size of 20480 bytes exceeded"),
    (policy(principal="*"),
     "Resource-based policy grants unbounded access in one or more elements. Please revise the policy to ensure least-privilege form of access"),
    (policy(principal={"AWS": "*"}, condition={"StringLike": {"aws:PrincipalAccount": "12*"}}),
     "Resource-based policy grants unbounded access in one or more elements. Please revise the policy to ensure least-privilege form of access"),
])
def test_invalid_policies(ddb, arn, doc, message):
    with pytest.raises(ClientError) as e:
        ddb.put_resource_policy(ResourceArn=arn, Policy=doc)
    assert error_of(e) == ("ValidationException", message)


def test_public_principal_narrowed_by_trusted_key_is_accepted(ddb, arn):
    doc = policy(principal="*", condition={"StringEquals": {"aws:PrincipalAccount": ACCOUNT}})
    assert ddb.put_resource_policy(ResourceArn=arn, Policy=doc)["RevisionId"]


def test_lockout_needs_confirmation(ddb, arn):
    deny = policy("dynamodb:PutResourcePolicy", effect="Deny")
    with pytest.raises(ClientError) as e:
        ddb.put_resource_policy(ResourceArn=arn, Policy=deny)
    assert error_of(e) == ("AccessDeniedException", "The new resource policy will not allow you to update the resource policy in the future.")
    assert ddb.put_resource_policy(ResourceArn=arn, Policy=deny, ConfirmRemoveSelfResourceAccess=True)["RevisionId"]

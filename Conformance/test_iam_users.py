"""IAM users, groups, access keys, tags and inline policies through boto3 and the AWS CLI."""
import json
import urllib.parse

import pytest

from conftest import ACCOUNT
from identity_helpers import ALLOW_ALL, client_error, make_user, name, user_arn


@pytest.fixture
def iam(server):
    return server.client("iam")


def test_create_get_list_delete_user(iam):
    user = name("alice")
    created = iam.create_user(UserName=user, Path="/eng/", Tags=[{"Key": "team", "Value": "blue"}])["User"]
    assert created["UserName"] == user
    assert created["Path"] == "/eng/"
    assert created["Arn"] == user_arn(user, path="/eng/")
    assert created["UserId"].startswith("AIDA") and len(created["UserId"]) == 21
    assert created["Tags"] == [{"Key": "team", "Value": "blue"}]
    got = iam.get_user(UserName=user)["User"]
    assert got["UserId"] == created["UserId"]
    assert user in [u["UserName"] for u in iam.list_users()["Users"]]
    assert user in [u["UserName"] for u in iam.list_users(PathPrefix="/eng/")["Users"]]
    assert user not in [u["UserName"] for u in iam.list_users(PathPrefix="/ops/")["Users"]]
    iam.delete_user(UserName=user)
    assert client_error(iam.get_user, UserName=user) == (
        "NoSuchEntity", "The user with name %s cannot be found." % user, 404)


def test_duplicate_user_is_entity_already_exists(iam):
    user = name("dup")
    iam.create_user(UserName=user)
    assert client_error(iam.create_user, UserName=user) == (
        "EntityAlreadyExists", "User with name %s already exists." % user, 409)
    # Names are unique regardless of case.
    assert client_error(iam.create_user, UserName=user.upper())[0] == "EntityAlreadyExists"


def test_invalid_user_name_is_validation_error(iam):
    assert client_error(iam.create_user, UserName="bad name") == (
        "ValidationError",
        "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\w+=,.@-]+", 400)


def test_delete_user_conflicts_in_order(iam):
    user, key = make_user_with_everything(iam)
    assert client_error(iam.delete_user, UserName=user) == (
        "DeleteConflict", "Cannot delete entity, must delete access keys first.", 409)
    iam.delete_access_key(UserName=user, AccessKeyId=key)
    assert client_error(iam.delete_user, UserName=user)[1] == "Cannot delete entity, must delete policies first."
    iam.delete_user_policy(UserName=user, PolicyName="inline")
    assert client_error(iam.delete_user, UserName=user)[1] == "Cannot delete entity, must detach all policies first."
    iam.detach_user_policy(UserName=user, PolicyArn="arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess")
    assert client_error(iam.delete_user, UserName=user)[1] == "Cannot delete entity, must remove users from group first."
    group = iam.list_groups_for_user(UserName=user)["Groups"][0]["GroupName"]
    iam.remove_user_from_group(GroupName=group, UserName=user)
    iam.delete_user(UserName=user)


def make_user_with_everything(iam):
    user, group = name("full"), name("grp")
    iam.create_user(UserName=user)
    key = iam.create_access_key(UserName=user)["AccessKey"]["AccessKeyId"]
    iam.put_user_policy(UserName=user, PolicyName="inline", PolicyDocument=json.dumps(ALLOW_ALL))
    iam.attach_user_policy(UserName=user, PolicyArn="arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess")
    iam.create_group(GroupName=group)
    iam.add_user_to_group(GroupName=group, UserName=user)
    return user, key


def test_get_user_without_name_is_the_caller(server, iam):
    root = iam.get_user()["User"]
    assert root["Arn"] == "arn:aws:iam::%s:root" % ACCOUNT
    assert root["UserId"] == ACCOUNT
    user, key = make_user(server, policy={"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]})
    me = server.client("iam", key=key).get_user()["User"]
    assert me["UserName"] == user
    assert me["Arn"] == user_arn(user)


def test_groups(iam):
    group, user = name("grp"), name("member")
    created = iam.create_group(GroupName=group)["Group"]
    assert created["GroupId"].startswith("AGPA")
    assert created["Arn"] == "arn:aws:iam::%s:group/%s" % (ACCOUNT, group)
    iam.create_user(UserName=user)
    iam.add_user_to_group(GroupName=group, UserName=user)
    got = iam.get_group(GroupName=group)
    assert [u["UserName"] for u in got["Users"]] == [user]
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName=user)["Groups"]] == [group]
    assert client_error(iam.delete_group, GroupName=group) == (
        "DeleteConflict", "Cannot delete entity, must remove users from group first.", 409)
    iam.remove_user_from_group(GroupName=group, UserName=user)
    iam.delete_group(GroupName=group)
    assert client_error(iam.get_group, GroupName=group) == (
        "NoSuchEntity", "The group with name %s cannot be found." % group, 404)
    assert client_error(iam.add_user_to_group, GroupName=group, UserName=user)[0] == "NoSuchEntity"


def test_access_keys(server, iam):
    user = name("keys")
    iam.create_user(UserName=user)
    first = iam.create_access_key(UserName=user)["AccessKey"]
    assert first["AccessKeyId"].startswith("AKIA") and len(first["AccessKeyId"]) == 20
    assert len(first["SecretAccessKey"]) == 40
    assert first["Status"] == "Active"
    iam.create_access_key(UserName=user)
    assert client_error(iam.create_access_key, UserName=user) == (
        "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2", 409)
    listed = iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
    assert len(listed) == 2 and all(k["UserName"] == user for k in listed)
    iam.update_access_key(UserName=user, AccessKeyId=first["AccessKeyId"], Status="Inactive")
    assert [k["Status"] for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
            if k["AccessKeyId"] == first["AccessKeyId"]] == ["Inactive"]
    # An inactive key no longer authenticates.
    sts = server.client("sts", key=(first["AccessKeyId"], first["SecretAccessKey"]))
    assert client_error(sts.get_caller_identity)[:2] == (
        "InvalidClientTokenId", "The security token included in the request is invalid.")
    iam.delete_access_key(UserName=user, AccessKeyId=first["AccessKeyId"])
    assert client_error(iam.delete_access_key, UserName=user, AccessKeyId=first["AccessKeyId"]) == (
        "NoSuchEntity", "The Access Key with id %s cannot be found." % first["AccessKeyId"], 404)


def test_user_tags(iam):
    user = name("tagged")
    iam.create_user(UserName=user)
    iam.tag_user(UserName=user, Tags=[{"Key": "team", "Value": "blue"}, {"Key": "env", "Value": "dev"}])
    iam.tag_user(UserName=user, Tags=[{"Key": "team", "Value": "red"}])
    assert iam.list_user_tags(UserName=user)["Tags"] == [{"Key": "team", "Value": "red"}, {"Key": "env", "Value": "dev"}]
    iam.untag_user(UserName=user, TagKeys=["env"])
    assert iam.list_user_tags(UserName=user)["Tags"] == [{"Key": "team", "Value": "red"}]
    assert client_error(iam.tag_user, UserName=user, Tags=[{"Key": "a", "Value": "1"}, {"Key": "A", "Value": "2"}]) == (
        "InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.", 400)
    assert client_error(iam.list_user_tags, UserName=name("nobody"))[0] == "NoSuchEntity"


def test_inline_user_policy_round_trip(iam):
    user = name("inline")
    iam.create_user(UserName=user)
    document = '{"Version": "2012-10-17", "Statement": [{"Sid": "ReadAll", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}'
    iam.put_user_policy(UserName=user, PolicyName="read", PolicyDocument=document)
    got = iam.get_user_policy(UserName=user, PolicyName="read")
    assert got["UserName"] == user and got["PolicyName"] == "read"
    # boto3 URL-decodes and parses the document IAM returns URL-encoded.
    assert got["PolicyDocument"] == json.loads(document)
    assert iam.list_user_policies(UserName=user)["PolicyNames"] == ["read"]
    assert client_error(iam.get_user_policy, UserName=user, PolicyName="nope") == (
        "NoSuchEntity", "The user policy with name nope cannot be found.", 404)
    iam.delete_user_policy(UserName=user, PolicyName="read")
    assert iam.list_user_policies(UserName=user)["PolicyNames"] == []


def test_policy_document_comes_back_url_encoded_on_the_wire(server, iam):
    from signing import signed
    user = name("wire")
    iam.create_user(UserName=user)
    document = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}]}'
    iam.put_user_policy(UserName=user, PolicyName="p", PolicyDocument=document)
    body = urllib.parse.urlencode({"Action": "GetUserPolicy", "Version": "2010-05-08", "UserName": user, "PolicyName": "p"})
    r = signed(server, body, service="iam", content_type="application/x-www-form-urlencoded; charset=utf-8")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/xml")
    assert "<PolicyDocument>%s</PolicyDocument>" % urllib.parse.quote(document, safe="*-_.~") in r.text
    assert r.text.startswith('<GetUserPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">')
    assert "<RequestId>%s</RequestId>" % r.headers["x-amzn-RequestId"] in r.text


def test_malformed_policy_document(iam):
    user = name("bad")
    iam.create_user(UserName=user)
    code, message, status = client_error(iam.put_user_policy, UserName=user, PolicyName="p", PolicyDocument="{not json")
    assert (code, status) == ("MalformedPolicyDocument", 400)
    assert message == "Syntax errors in policy."
    # IAM accepts Version 2008-10-17 and condition keys it does not know.
    iam.put_user_policy(UserName=user, PolicyName="old", PolicyDocument=json.dumps({
        "Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
                                               "Condition": {"StringEquals": {"warden:madeUpKey": "x"}}}]}))


def test_error_xml_shape(server):
    from signing import signed
    body = urllib.parse.urlencode({"Action": "GetUser", "Version": "2010-05-08", "UserName": "nobody-here"})
    r = signed(server, body, service="iam", content_type="application/x-www-form-urlencoded; charset=utf-8")
    assert r.status_code == 404
    assert r.text.startswith('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">')
    for fragment in ("<Type>Sender</Type>", "<Code>NoSuchEntity</Code>",
                     "<Message>The user with name nobody-here cannot be found.</Message>",
                     "<RequestId>%s</RequestId>" % r.headers["x-amzn-RequestId"]):
        assert fragment in r.text


def test_unknown_action(server):
    from signing import signed
    r = signed(server, "Action=FlyToTheMoon&Version=2010-05-08", service="iam",
               content_type="application/x-www-form-urlencoded; charset=utf-8")
    assert r.status_code == 400
    assert "<Code>InvalidAction</Code>" in r.text
    assert "Could not find operation FlyToTheMoon for version 2010-05-08" in r.text


def test_cli_create_user_and_keys(server):
    user = name("cli")
    _, out, _ = server.cli("iam", "create-user", "--user-name", user)
    assert out["User"]["Arn"] == user_arn(user)
    _, keys, _ = server.cli("iam", "create-access-key", "--user-name", user)
    key = (keys["AccessKey"]["AccessKeyId"], keys["AccessKey"]["SecretAccessKey"])
    _, me, _ = server.cli("sts", "get-caller-identity", key=key)
    assert me == {"UserId": out["User"]["UserId"], "Account": ACCOUNT, "Arn": user_arn(user)}
    code, _, err = server.cli("iam", "get-user", "--user-name", name("ghost"), check=False)
    assert code != 0 and "NoSuchEntity" in err and "cannot be found." in err

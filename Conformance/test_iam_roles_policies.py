"""IAM roles, managed policies and their versions, attachments, permissions boundaries, and
the authorization of IAM calls themselves."""
import json

import pytest

from conftest import ACCOUNT
from identity_helpers import ALLOW_ALL, client_error, make_user, name, role_arn, trust, user_arn

READ = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}


@pytest.fixture
def iam(server):
    return server.client("iam")


def test_create_get_list_delete_role(iam):
    role = name("role")
    document = trust("arn:aws:iam::%s:root" % ACCOUNT)
    created = iam.create_role(RoleName=role, AssumeRolePolicyDocument=document, Description="app role",
                              MaxSessionDuration=7200, Tags=[{"Key": "team", "Value": "blue"}])["Role"]
    assert created["RoleId"].startswith("AROA") and len(created["RoleId"]) == 21
    assert created["Arn"] == role_arn(role)
    assert created["AssumeRolePolicyDocument"] == json.loads(document)
    got = iam.get_role(RoleName=role)["Role"]
    assert got["MaxSessionDuration"] == 7200
    assert got["Description"] == "app role"
    assert got["Tags"] == [{"Key": "team", "Value": "blue"}]
    assert role in [r["RoleName"] for r in iam.list_roles()["Roles"]]
    iam.update_role(RoleName=role, MaxSessionDuration=3600)
    assert iam.get_role(RoleName=role)["Role"]["MaxSessionDuration"] == 3600
    iam.put_role_policy(RoleName=role, PolicyName="p", PolicyDocument=json.dumps(READ))
    assert client_error(iam.delete_role, RoleName=role) == (
        "DeleteConflict", "Cannot delete entity, must delete policies first.", 409)
    iam.delete_role_policy(RoleName=role, PolicyName="p")
    iam.delete_role(RoleName=role)
    assert client_error(iam.get_role, RoleName=role) == ("NoSuchEntity", "The role with name %s cannot be found." % role, 404)


def test_role_validation(iam):
    code, message, status = client_error(iam.create_role, RoleName=name("r"), AssumeRolePolicyDocument=trust("*"),
                                         MaxSessionDuration=100)
    assert (code, status) == ("ValidationError", 400)
    assert message == ("1 validation error detected: Value '100' at 'maxSessionDuration' failed to satisfy constraint: "
                       "Member must have value greater than or equal to 3600")
    # A trust policy needs a Principal.
    code, _, _ = client_error(iam.create_role, RoleName=name("r"), AssumeRolePolicyDocument=json.dumps(READ))
    assert code == "MalformedPolicyDocument"


def test_role_tags(iam):
    role = name("tagrole")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust("arn:aws:iam::%s:root" % ACCOUNT))
    iam.tag_role(RoleName=role, Tags=[{"Key": "a", "Value": "1"}])
    assert iam.list_role_tags(RoleName=role)["Tags"] == [{"Key": "a", "Value": "1"}]
    iam.untag_role(RoleName=role, TagKeys=["a"])
    assert iam.list_role_tags(RoleName=role)["Tags"] == []


def test_managed_policies_and_versions(iam):
    policy = name("pol")
    created = iam.create_policy(PolicyName=policy, PolicyDocument=json.dumps(READ), Description="read")["Policy"]
    arn = "arn:aws:iam::%s:policy/%s" % (ACCOUNT, policy)
    assert created["Arn"] == arn
    assert created["PolicyId"].startswith("ANPA")
    assert created["DefaultVersionId"] == "v1"
    assert client_error(iam.create_policy, PolicyName=policy, PolicyDocument=json.dumps(READ)) == (
        "EntityAlreadyExists", "A policy called %s already exists. Duplicate names are not allowed." % policy, 409)
    v1 = iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]
    assert v1["Document"] == READ and v1["IsDefaultVersion"] is True
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(ALLOW_ALL), SetAsDefault=True)
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v2"
    assert [v["VersionId"] for v in iam.list_policy_versions(PolicyArn=arn)["Versions"]] == ["v2", "v1"]
    assert client_error(iam.delete_policy_version, PolicyArn=arn, VersionId="v2") == (
        "DeleteConflict", "Cannot delete the default version of a policy.", 409)
    iam.set_default_policy_version(PolicyArn=arn, VersionId="v1")
    iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
    assert client_error(iam.get_policy_version, PolicyArn=arn, VersionId="v2") == (
        "NoSuchEntity", "Policy %s version v2 does not exist or is not attachable." % arn, 404)
    # Managed policies must be Version 2012-10-17.
    assert client_error(iam.create_policy, PolicyName=name("old"), PolicyDocument=json.dumps(dict(READ, Version="2008-10-17")))[0] == (
        "MalformedPolicyDocument")


def test_attach_detach_and_delete_policy(iam):
    user, policy = name("att"), name("attpol")
    iam.create_user(UserName=user)
    arn = iam.create_policy(PolicyName=policy, PolicyDocument=json.dumps(READ))["Policy"]["Arn"]
    iam.attach_user_policy(UserName=user, PolicyArn=arn)
    iam.attach_user_policy(UserName=user, PolicyArn="arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess")
    attached = iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]
    assert {"PolicyName": policy, "PolicyArn": arn} in attached
    assert {"PolicyName": "AmazonDynamoDBReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"} in attached
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 1
    assert client_error(iam.delete_policy, PolicyArn=arn) == ("DeleteConflict", "Cannot delete a policy attached to entities.", 409)
    missing = "arn:aws:iam::%s:policy/does-not-exist" % ACCOUNT
    assert client_error(iam.attach_user_policy, UserName=user, PolicyArn=missing) == (
        "NoSuchEntity", "Policy %s does not exist or is not attachable." % missing, 404)
    entities = iam.list_entities_for_policy(PolicyArn=arn)
    assert [u["UserName"] for u in entities["PolicyUsers"]] == [user]
    iam.detach_user_policy(UserName=user, PolicyArn=arn)
    assert client_error(iam.detach_user_policy, UserName=user, PolicyArn=arn) == (
        "NoSuchEntity", "Policy %s was not found." % arn, 404)
    iam.delete_policy(PolicyArn=arn)
    assert client_error(iam.get_policy, PolicyArn=arn) == ("NoSuchEntity", "Policy %s was not found." % arn, 404)


def test_group_and_role_policies(iam):
    group, role = name("pg"), name("pr")
    iam.create_group(GroupName=group)
    iam.put_group_policy(GroupName=group, PolicyName="g", PolicyDocument=json.dumps(READ))
    assert iam.get_group_policy(GroupName=group, PolicyName="g")["PolicyDocument"] == READ
    assert iam.list_group_policies(GroupName=group)["PolicyNames"] == ["g"]
    iam.attach_group_policy(GroupName=group, PolicyArn="arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")
    assert [p["PolicyName"] for p in iam.list_attached_group_policies(GroupName=group)["AttachedPolicies"]] == ["AmazonDynamoDBFullAccess"]
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust("arn:aws:iam::%s:root" % ACCOUNT))
    iam.put_role_policy(RoleName=role, PolicyName="r", PolicyDocument=json.dumps(READ))
    assert iam.get_role_policy(RoleName=role, PolicyName="r")["PolicyDocument"] == READ
    assert client_error(iam.get_role_policy, RoleName=role, PolicyName="x") == (
        "NoSuchEntity", "The role policy with name x cannot be found.", 404)
    iam.attach_role_policy(RoleName=role, PolicyArn="arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess")
    assert client_error(iam.delete_role, RoleName=role)[1] == "Cannot delete entity, must detach all policies first."


def test_permissions_boundaries(iam):
    user, role = name("bu"), name("br")
    boundary = "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"
    iam.create_user(UserName=user, PermissionsBoundary=boundary)
    assert iam.get_user(UserName=user)["User"]["PermissionsBoundary"] == {
        "PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundary}
    iam.delete_user_permissions_boundary(UserName=user)
    assert "PermissionsBoundary" not in iam.get_user(UserName=user)["User"]
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust("arn:aws:iam::%s:root" % ACCOUNT))
    iam.put_role_permissions_boundary(RoleName=role, PermissionsBoundary=boundary)
    assert iam.get_role(RoleName=role)["Role"]["PermissionsBoundary"]["PermissionsBoundaryArn"] == boundary
    missing = "arn:aws:iam::%s:policy/nope" % ACCOUNT
    assert client_error(iam.put_role_permissions_boundary, RoleName=role, PermissionsBoundary=missing)[0] == "NoSuchEntity"
    iam.delete_role_permissions_boundary(RoleName=role)


def test_iam_calls_of_users_need_an_identity_policy(server):
    user, key = make_user(server)
    iam = server.client("iam", key=key)
    code, message, status = client_error(iam.list_users)
    assert (code, status) == ("AccessDenied", 403)
    assert message == ("User: %s is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::%s:user/ "
                       "because no identity-based policy allows the iam:ListUsers action" % (user_arn(user), ACCOUNT))
    server.client("iam").put_user_policy(UserName=user, PolicyName="list", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:List*", "Resource": "*"}]}))
    assert user in [u["UserName"] for u in iam.list_users()["Users"]]
    # Allowed to list, not to create.
    target = name("x")
    code, message, _ = client_error(iam.create_user, UserName=target)
    assert code == "AccessDenied"
    assert "iam:CreateUser on resource: %s" % user_arn(target) in message


def test_group_policies_grant_to_members(server):
    user, key = make_user(server)
    root = server.client("iam")
    group = name("admins")
    root.create_group(GroupName=group)
    root.attach_group_policy(GroupName=group, PolicyArn="arn:aws:iam::aws:policy/IAMReadOnlyAccess")
    iam = server.client("iam", key=key)
    assert client_error(iam.list_roles)[0] == "AccessDenied"
    root.add_user_to_group(GroupName=group, UserName=user)
    iam.list_roles()


def test_boundary_limits_iam_calls(server):
    user, key = make_user(server, policy=ALLOW_ALL)
    iam = server.client("iam", key=key)
    iam.list_users()
    server.client("iam").put_user_permissions_boundary(
        UserName=user, PermissionsBoundary="arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")
    code, message, _ = client_error(iam.list_users)
    assert code == "AccessDenied"
    assert message.endswith("because no permissions boundary allows the iam:ListUsers action")

"""STS: GetCallerIdentity, AssumeRole (trust policies, durations, session tags and policies),
GetSessionToken, and session expiry on the simulated clock."""
import json

import pytest

from conftest import ACCOUNT
from identity_helpers import (ALLOW_ALL, advance_clock, assume, client_error, make_role, make_user, name, role_arn,
                              trust, user_arn)


def test_get_caller_identity_root_user_role(server):
    _, me, _ = server.cli("sts", "get-caller-identity")
    assert me == {"UserId": ACCOUNT, "Account": ACCOUNT, "Arn": "arn:aws:iam::%s:root" % ACCOUNT}
    user, key = make_user(server)
    _, me, _ = server.cli("sts", "get-caller-identity", key=key)
    user_id = server.client("iam").get_user(UserName=user)["User"]["UserId"]
    assert me == {"UserId": user_id, "Account": ACCOUNT, "Arn": user_arn(user)}
    role = make_role(server, trust(user_arn(user)))
    role_key, token, response = assume(server, key, role_arn(role), session="cli-session")
    role_id = server.client("iam").get_role(RoleName=role)["Role"]["RoleId"]
    assert response["AssumedRoleUser"] == {
        "AssumedRoleId": "%s:cli-session" % role_id,
        "Arn": "arn:aws:sts::%s:assumed-role/%s/cli-session" % (ACCOUNT, role)}
    assert role_key[0].startswith("ASIA")
    me = server.client("sts", key=role_key, token=token).get_caller_identity()
    assert (me["UserId"], me["Account"], me["Arn"]) == (
        "%s:cli-session" % role_id, ACCOUNT, "arn:aws:sts::%s:assumed-role/%s/cli-session" % (ACCOUNT, role))


def test_assume_role_refused_by_trust_policy(server):
    user, key = make_user(server, policy=ALLOW_ALL)
    role = make_role(server, trust(user_arn("someone-else")))
    code, message, status = client_error(server.client("sts", key=key).assume_role,
                                         RoleArn=role_arn(role), RoleSessionName="s1")
    assert (code, status) == ("AccessDenied", 403)
    assert message == "User: %s is not authorized to perform: sts:AssumeRole on resource: %s" % (user_arn(user), role_arn(role))


def test_trust_naming_the_account_needs_an_identity_policy(server):
    user, key = make_user(server)
    role = make_role(server, trust("arn:aws:iam::%s:root" % ACCOUNT))
    sts = server.client("sts", key=key)
    assert client_error(sts.assume_role, RoleArn=role_arn(role), RoleSessionName="s1")[0] == "AccessDenied"
    server.client("iam").put_user_policy(UserName=user, PolicyName="assume", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role_arn(role)}]}))
    sts.assume_role(RoleArn=role_arn(role), RoleSessionName="s1")


def test_unknown_role_is_access_denied(server):
    user, key = make_user(server, policy=ALLOW_ALL)
    arn = role_arn("no-such-role")
    assert client_error(server.client("sts", key=key).assume_role, RoleArn=arn, RoleSessionName="s1") == (
        "AccessDenied", "User: %s is not authorized to perform: sts:AssumeRole on resource: %s" % (user_arn(user), arn), 403)


def test_root_cannot_assume_roles(server):
    role = make_role(server, trust("arn:aws:iam::%s:root" % ACCOUNT))
    assert client_error(server.client("sts").assume_role, RoleArn=role_arn(role), RoleSessionName="s1") == (
        "AccessDenied", "Roles may not be assumed by root accounts.", 403)


def test_session_name_and_duration_validation(server):
    user, key = make_user(server)
    role = make_role(server, trust(user_arn(user)))
    sts = server.client("sts", key=key)
    assert client_error(sts.assume_role, RoleArn=role_arn(role), RoleSessionName="bad/name") == (
        "ValidationError", "1 validation error detected: Value 'bad/name' at 'roleSessionName' failed to satisfy constraint: "
                           "Member must satisfy regular expression pattern: [\\w+=,.@-]*", 400)
    assert client_error(sts.assume_role, RoleArn=role_arn(role), RoleSessionName="s1", DurationSeconds=600) == (
        "ValidationError", "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: "
                           "Member must have value greater than or equal to 900", 400)
    assert client_error(sts.assume_role, RoleArn=role_arn(role), RoleSessionName="s1", DurationSeconds=7200) == (
        "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", 400)
    _, _, response = assume(server, key, role_arn(role), DurationSeconds=900)
    assert response["Credentials"]["Expiration"]


def test_role_chaining_limited_to_an_hour(server):
    user, key = make_user(server)
    first = make_role(server, trust(user_arn(user)), policy=ALLOW_ALL)
    second = make_role(server, trust(role_arn(first)), MaxSessionDuration=7200)
    role_key, token, _ = assume(server, key, role_arn(first))
    sts = server.client("sts", key=role_key, token=token)
    assert client_error(sts.assume_role, RoleArn=role_arn(second), RoleSessionName="c1", DurationSeconds=7200) == (
        "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", 400)
    chained = sts.assume_role(RoleArn=role_arn(second), RoleSessionName="c1")
    assert chained["AssumedRoleUser"]["Arn"] == "arn:aws:sts::%s:assumed-role/%s/c1" % (ACCOUNT, second)


def test_session_policy_narrows_the_role(server):
    user, key = make_user(server)
    role = make_role(server, trust(user_arn(user)), policy=ALLOW_ALL)
    only_roles = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:ListRoles", "Resource": "*"}]}
    role_key, token, response = assume(server, key, role_arn(role), Policy=json.dumps(only_roles))
    assert 0 < response["PackedPolicySize"] <= 100
    iam = server.client("iam", key=role_key, token=token)
    iam.list_roles()
    code, message, _ = client_error(iam.list_users)
    assert code == "AccessDenied"
    assert message.endswith("because no session policy allows the iam:ListUsers action")
    code, _, _ = client_error(server.client("sts", key=key).assume_role, RoleArn=role_arn(role), RoleSessionName="s1",
                              Policy='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}')
    assert code == "MalformedPolicyDocument"


def test_session_tags_need_tag_session_and_become_principal_tags(server):
    user, key = make_user(server)
    no_tags = make_role(server, trust(user_arn(user)))
    sts = server.client("sts", key=key)
    tags = [{"Key": "team", "Value": "red"}]
    arn = role_arn(no_tags)
    assert client_error(sts.assume_role, RoleArn=arn, RoleSessionName="s1", Tags=tags) == (
        "AccessDenied", "User: %s is not authorized to perform: sts:TagSession on resource: %s" % (user_arn(user), arn), 403)
    # The session's principal tags decide an identity policy conditioned on them.
    tagged = make_role(server, trust(user_arn(user), extra_actions=["sts:TagSession"]), Tags=[{"Key": "team", "Value": "blue"}],
                       policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:ListRoles", "Resource": "*",
                               "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}}]})
    blue_key, blue_token, _ = assume(server, key, role_arn(tagged))
    assert client_error(server.client("iam", key=blue_key, token=blue_token).list_roles)[0] == "AccessDenied"
    red_key, red_token, _ = assume(server, key, role_arn(tagged), Tags=tags, TransitiveTagKeys=["team"])
    server.client("iam", key=red_key, token=red_token).list_roles()


def test_external_id_condition(server):
    user, key = make_user(server)
    document = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": user_arn(user)},
                           "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "secret-42"}}}]})
    role = make_role(server, document)
    sts = server.client("sts", key=key)
    assert client_error(sts.assume_role, RoleArn=role_arn(role), RoleSessionName="s1")[0] == "AccessDenied"
    sts.assume_role(RoleArn=role_arn(role), RoleSessionName="s1", ExternalId="secret-42")


def test_get_session_token(server):
    user, key = make_user(server)
    response = server.client("sts", key=key).get_session_token(DurationSeconds=900)
    c = response["Credentials"]
    assert c["AccessKeyId"].startswith("ASIA")
    me = server.client("sts", key=(c["AccessKeyId"], c["SecretAccessKey"]), token=c["SessionToken"]).get_caller_identity()
    assert me["Arn"] == user_arn(user)
    # Session credentials cannot ask for more, and cannot call IAM without MFA.
    again = server.client("sts", key=(c["AccessKeyId"], c["SecretAccessKey"]), token=c["SessionToken"])
    assert client_error(again.get_session_token) == ("AccessDenied", "Cannot call GetSessionToken with session credentials", 403)
    iam = server.client("iam", key=(c["AccessKeyId"], c["SecretAccessKey"]), token=c["SessionToken"])
    assert client_error(iam.list_users)[0] == "InvalidClientTokenId"
    # The root's session tokens act as the root: DynamoDB answers them.
    root = server.client("sts").get_session_token()["Credentials"]
    ddb = server.client("dynamodb", key=(root["AccessKeyId"], root["SecretAccessKey"]), token=root["SessionToken"])
    assert "TableNames" in ddb.list_tables()


def test_wrong_session_token_is_refused(server):
    user, key = make_user(server)
    role = make_role(server, trust(user_arn(user)))
    role_key, token, _ = assume(server, key, role_arn(role))
    sts = server.client("sts", key=role_key, token=token[:-4] + "AAAA")
    assert client_error(sts.get_caller_identity) == (
        "InvalidClientTokenId", "The security token included in the request is invalid.", 403)
    sts = server.client("sts", key=role_key)
    assert client_error(sts.get_caller_identity)[0] == "InvalidClientTokenId"


def test_sessions_expire_on_the_simulated_clock(fresh_server):
    server = fresh_server()
    user, key = make_user(server)
    role = make_role(server, trust(user_arn(user)))
    role_key, token, _ = assume(server, key, role_arn(role), DurationSeconds=900)
    sts = server.client("sts", key=role_key, token=token)
    sts.get_caller_identity()
    advance_clock(server, 901)
    assert client_error(sts.get_caller_identity) == (
        "ExpiredToken", "The security token included in the request is expired", 403)
    ddb = server.client("dynamodb", key=role_key, token=token)
    assert client_error(ddb.list_tables) == (
        "ExpiredTokenException", "The security token included in the request is expired", 400)
    # Restarting keeps both the session and the clock.
    server.restart()
    assert client_error(server.client("sts", key=role_key, token=token).get_caller_identity)[0] == "ExpiredToken"

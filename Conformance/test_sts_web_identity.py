"""AssumeRoleWithWebIdentity with tokens from `warden token`."""
import json

import pytest

from conftest import ACCOUNT
from identity_helpers import advance_clock, client_error, make_role, name, role_arn, warden_token


def web_trust(provider, conditions=None):
    statement = {"Effect": "Allow", "Principal": {"Federated": provider}, "Action": "sts:AssumeRoleWithWebIdentity"}
    if conditions:
        statement["Condition"] = conditions
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def unsigned_sts(server):
    import botocore
    return server.client("sts", signature_version=botocore.UNSIGNED)


def test_login_with_amazon(server):
    role = make_role(server, web_trust("www.amazon.com", {"StringEquals": {"www.amazon.com:app_id": "app-1"}}))
    code, token, err = warden_token(server, "www.amazon.com", "amzn1.account.ALICE", "app-1")
    assert code == 0, err
    assert token.count(".") == 2
    sts = unsigned_sts(server)
    response = sts.assume_role_with_web_identity(RoleArn=role_arn(role), RoleSessionName="web",
                                                 WebIdentityToken=token, ProviderId="www.amazon.com")
    assert response["SubjectFromWebIdentityToken"] == "amzn1.account.ALICE"
    assert response["Provider"] == "www.amazon.com"
    assert response["Audience"] == "app-1"
    assert response["AssumedRoleUser"]["Arn"] == "arn:aws:sts::%s:assumed-role/%s/web" % (ACCOUNT, role)
    c = response["Credentials"]
    me = server.client("sts", key=(c["AccessKeyId"], c["SecretAccessKey"]), token=c["SessionToken"]).get_caller_identity()
    assert me["Arn"] == response["AssumedRoleUser"]["Arn"]


def test_provider_id_is_required_for_amazon(server):
    role = make_role(server, web_trust("www.amazon.com"))
    _, token, _ = warden_token(server, "www.amazon.com", "amzn1.account.BOB", "app-1")
    assert client_error(unsigned_sts(server).assume_role_with_web_identity, RoleArn=role_arn(role), RoleSessionName="w1",
                        WebIdentityToken=token) == (
        "InvalidIdentityToken", "No OpenIDConnect provider found in your account for www.amazon.com", 400)


def test_trust_conditions_on_claims(server):
    role = make_role(server, web_trust("accounts.google.com", {"StringEquals": {"accounts.google.com:aud": "client-1"}}))
    _, wrong, _ = warden_token(server, "accounts.google.com", "1234", "client-2")
    assert client_error(unsigned_sts(server).assume_role_with_web_identity, RoleArn=role_arn(role), RoleSessionName="w1",
                        WebIdentityToken=wrong) == ("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403)
    _, right, _ = warden_token(server, "accounts.google.com", "1234", "client-1")
    response = unsigned_sts(server).assume_role_with_web_identity(RoleArn=role_arn(role), RoleSessionName="w1", WebIdentityToken=right)
    assert response["Provider"] == "accounts.google.com"


def test_session_keeps_claims_for_policies(server):
    # The classic fine-grained pattern: the role's policy uses ${www.amazon.com:user_id}.
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetRole", "Resource": "*",
              "Condition": {"StringEquals": {"www.amazon.com:user_id": "amzn1.account.CAROL"}}}]}
    role = make_role(server, web_trust("www.amazon.com"), policy=policy)
    for subject, allowed in (("amzn1.account.CAROL", True), ("amzn1.account.DAVE", False)):
        _, token, _ = warden_token(server, "www.amazon.com", subject, "app-1")
        c = unsigned_sts(server).assume_role_with_web_identity(RoleArn=role_arn(role), RoleSessionName="w1",
                                                               WebIdentityToken=token, ProviderId="www.amazon.com")["Credentials"]
        iam = server.client("iam", key=(c["AccessKeyId"], c["SecretAccessKey"]), token=c["SessionToken"])
        if allowed:
            iam.get_role(RoleName=role)
        else:
            assert client_error(iam.get_role, RoleName=role)[0] == "AccessDenied"


def test_bad_and_expired_tokens(fresh_server):
    server = fresh_server()
    role = make_role(server, web_trust("www.amazon.com"))
    sts = unsigned_sts(server)
    assert client_error(sts.assume_role_with_web_identity, RoleArn=role_arn(role), RoleSessionName="w1",
                        WebIdentityToken="not-a-jwt", ProviderId="www.amazon.com")[:2] == (
        "InvalidIdentityToken", "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")
    _, token, _ = warden_token(server, "www.amazon.com", "amzn1.account.E", "app-1")
    head, payload, signature = token.split(".")
    forged = ".".join([head, payload, signature[:-6] + ("AAAAAA" if not signature.endswith("AAAAAA") else "BBBBBB")])
    assert client_error(sts.assume_role_with_web_identity, RoleArn=role_arn(role), RoleSessionName="w1",
                        WebIdentityToken=forged, ProviderId="www.amazon.com")[0] == "InvalidIdentityToken"
    advance_clock(server, 3601)
    code, message, status = client_error(sts.assume_role_with_web_identity, RoleArn=role_arn(role), RoleSessionName="w1",
                                         WebIdentityToken=token, ProviderId="www.amazon.com")
    assert (code, status) == ("ExpiredTokenException", 400)
    assert message.startswith("Token expired: current date/time ") and "must be before the expiration date/time" in message


def test_token_endpoint_is_for_account_roots(server):
    from identity_helpers import make_user
    _, key = make_user(server)
    code, _, err = warden_token(server, "www.amazon.com", "x", "y", key=key)
    assert code != 0
    assert "AccessDenied" in err

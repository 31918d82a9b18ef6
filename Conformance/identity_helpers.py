"""Helpers for the identity conformance tests: users, roles and keys made through the IAM
API, web identity tokens from `warden token`, the simulated clock, config files."""
import datetime
import json
import os
import subprocess
import uuid

import pytest

from conftest import ACCOUNT, BINARY, ROOT_KEY, cli_env
from signing import signed

ALLOW_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def name(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


def user_arn(user, account=ACCOUNT, path="/"):
    return "arn:aws:iam::%s:user%s%s" % (account, path, user)


def role_arn(role, account=ACCOUNT, path="/"):
    return "arn:aws:iam::%s:role%s%s" % (account, path, role)


def trust(*principals, action="sts:AssumeRole", extra_actions=()):
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": list(principals) if len(principals) > 1 else principals[0]},
        "Action": [action, *extra_actions] if extra_actions else action}]})


def make_user(server, user=None, policy=None, key=ROOT_KEY):
    """Creates a user with an access key (and an inline policy); returns (name, (id, secret))."""
    iam = server.client("iam", key=key)
    user = user or name("user")
    iam.create_user(UserName=user)
    if policy is not None:
        iam.put_user_policy(UserName=user, PolicyName="p", PolicyDocument=json.dumps(policy))
    created = iam.create_access_key(UserName=user)["AccessKey"]
    return user, (created["AccessKeyId"], created["SecretAccessKey"])


def make_role(server, trust_document, role=None, key=ROOT_KEY, policy=None, **kw):
    iam = server.client("iam", key=key)
    role = role or name("role")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust_document, **kw)
    if policy is not None:
        iam.put_role_policy(RoleName=role, PolicyName="p", PolicyDocument=json.dumps(policy))
    return role


def assume(server, key, arn, session="s1", **kw):
    """AssumeRole with the given caller key; returns (key tuple, token, response)."""
    sts = server.client("sts", key=key)
    response = sts.assume_role(RoleArn=arn, RoleSessionName=session, **kw)
    c = response["Credentials"]
    return (c["AccessKeyId"], c["SecretAccessKey"]), c["SessionToken"], response


def advance_clock(server, seconds):
    r = signed(server, {"advanceSeconds": seconds}, path="/_warden/clock", content_type="application/json")
    assert r.status_code == 200, r.text
    return r.json()


def warden_token(server, provider, subject, audience=None, key=ROOT_KEY, extra=()):
    args = [BINARY, "token", "--endpoint", server.endpoint, "--provider", provider, "--subject", subject]
    if audience:
        args += ["--audience", audience]
    args += list(extra)
    out = subprocess.run(args, capture_output=True, text=True, env=cli_env(key))
    return out.returncode, out.stdout.strip(), out.stderr.strip()


def skewed(monkeypatch, seconds):
    """Makes botocore sign as if the clock were `seconds` off."""
    import botocore.auth
    real = botocore.auth.get_current_datetime

    def shifted(*a, **kw):
        return real(*a, **kw) + datetime.timedelta(seconds=seconds)

    monkeypatch.setattr(botocore.auth, "get_current_datetime", shifted)


def client_error(callable_, *args, **kwargs):
    """Calls and returns (code, message, http status) of the ClientError it raises."""
    from botocore.exceptions import ClientError
    with pytest.raises(ClientError) as excinfo:
        callable_(*args, **kwargs)
    e = excinfo.value.response
    return e["Error"]["Code"], e["Error"].get("Message"), e["ResponseMetadata"]["HTTPStatusCode"]


def write_config(tmp_path, config, yaml_text=None):
    if yaml_text is not None:
        path = tmp_path / "warden.yaml"
        path.write_text(yaml_text)
    else:
        path = tmp_path / "warden.json"
        path.write_text(json.dumps(config))
    return str(path)

"""Authentication of DynamoDB (and STS) requests against the identities made through IAM,
config-file accounts, and permissive mode."""
import json
import subprocess

import pytest

from conftest import ACCOUNT, BINARY, create_table, unique
from identity_helpers import (advance_clock, assume, client_error, make_role, make_user, name, role_arn, skewed, trust, warden_token,
                              user_arn, write_config)


def test_user_keys_authenticate_to_dynamodb(server):
    user, key = make_user(server)
    code, message, status = client_error(server.client("dynamodb", key=key).list_tables)
    # Authentication passed: the refusal is authorization's, naming the user.
    assert (code, status) == ("AccessDeniedException", 400)
    assert message.startswith("User: %s is not authorized to perform: dynamodb:ListTables" % user_arn(user))


def test_wrong_secret(server):
    _, (key_id, _) = make_user(server)
    for service, call, expected in (
            ("dynamodb", "list_tables", ("InvalidSignatureException", 400)),
            ("sts", "get_caller_identity", ("SignatureDoesNotMatch", 403))):
        code, message, status = client_error(getattr(server.client(service, key=(key_id, "x" * 40)), call))
        assert (code, status) == expected
        assert message == ("The request signature we calculated does not match the signature you provided. "
                           "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")


def test_unknown_key(server):
    key = ("AKIAUNKNOWNUNKNOWN00", "secret")
    assert client_error(server.client("dynamodb", key=key).list_tables) == (
        "UnrecognizedClientException", "The security token included in the request is invalid.", 400)
    assert client_error(server.client("sts", key=key).get_caller_identity) == (
        "InvalidClientTokenId", "The security token included in the request is invalid.", 403)
    assert client_error(server.client("iam", key=key).list_users)[0] == "InvalidClientTokenId"


def test_deleted_key_stops_working(server):
    user, key = make_user(server)
    server.client("sts", key=key).get_caller_identity()
    server.client("iam").delete_access_key(UserName=user, AccessKeyId=key[0])
    assert client_error(server.client("sts", key=key).get_caller_identity)[0] == "InvalidClientTokenId"


def test_sixteen_minute_skew(server, monkeypatch):
    _, key = make_user(server)
    skewed(monkeypatch, -16 * 60)
    code, message, status = client_error(server.client("dynamodb", key=key).list_tables)
    assert (code, status) == ("InvalidSignatureException", 400)
    assert message.startswith("Signature expired: ") and message.endswith(" - 15 min.)")
    code, message, status = client_error(server.client("sts", key=key).get_caller_identity)
    assert (code, status) == ("SignatureDoesNotMatch", 403)
    assert message.startswith("Signature expired: ")


def test_expired_session_on_dynamodb(fresh_server):
    server = fresh_server()
    user, key = make_user(server)
    role = make_role(server, trust(user_arn(user)))
    role_key, token, _ = assume(server, key, role_arn(role), DurationSeconds=900)
    advance_clock(server, 900)
    assert client_error(server.client("dynamodb", key=role_key, token=token).list_tables) == (
        "ExpiredTokenException", "The security token included in the request is expired", 400)


def test_cli_clock_advance_expires_sessions(fresh_server):
    server = fresh_server()
    user, key = make_user(server)
    role = make_role(server, trust(user_arn(user)))
    role_key, token, _ = assume(server, key, role_arn(role), DurationSeconds=1800)
    from conftest import cli_env
    out = subprocess.run([BINARY, "clock", "--endpoint", server.endpoint, "--advance", "1801"], capture_output=True, text=True,
                         env=cli_env())
    assert out.returncode == 0, out.stderr
    assert client_error(server.client("sts", key=role_key, token=token).get_caller_identity)[0] == "ExpiredToken"


CONFIG = {
    "accounts": [
        {"id": "111111111111", "rootCredentials": [{"accessKeyId": "root-one", "secretAccessKey": "secret-one"}],
         "users": [{"name": "alice", "accessKeys": [{"accessKeyId": "AKIAALICEALICEALICE0", "secretAccessKey": "alice-secret"}],
                    "inlinePolicies": [{"name": "iam-read", "document": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"}]}}]}],
         "roles": [{"name": "ops", "trustPolicy": {"Version": "2012-10-17", "Statement": [{
             "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole"}]}}]},
        {"id": "222222222222", "rootCredentials": [{"accessKeyId": "root-two", "secretAccessKey": "secret-two"}],
         "users": [{"name": "bob", "accessKeys": [{"accessKeyId": "AKIABOBBOBBOBBOBBOB0", "secretAccessKey": "bob-secret"}],
                    "inlinePolicies": [{"name": "assume", "document": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111111111111:role/ops"}]}}]}]},
    ]
}


def test_config_file_accounts(fresh_server, tmp_path):
    path = write_config(tmp_path, CONFIG)
    server = fresh_server("--config", path)
    one, two = ("root-one", "secret-one"), ("root-two", "secret-two")
    assert server.client("sts", key=one).get_caller_identity()["Arn"] == "arn:aws:iam::111111111111:root"
    assert server.client("sts", key=two).get_caller_identity()["Account"] == "222222222222"
    # The default test/test key is not there when a config names the accounts.
    assert client_error(server.client("sts").get_caller_identity)[0] == "InvalidClientTokenId"
    # Tables are per account: the second root does not see the first one's.
    table = unique("acct")
    create_table(server.client("dynamodb", key=one), table)
    assert table in server.client("dynamodb", key=one).list_tables()["TableNames"]
    assert table not in server.client("dynamodb", key=two).list_tables()["TableNames"]
    # Config users work, with their policies.
    alice = ("AKIAALICEALICEALICE0", "alice-secret")
    assert server.client("sts", key=alice).get_caller_identity()["Arn"] == "arn:aws:iam::111111111111:user/alice"
    assert "alice" in [u["UserName"] for u in server.client("iam", key=alice).list_users()["Users"]]
    # Cross-account AssumeRole: bob (account 2) into ops (account 1).
    bob = ("AKIABOBBOBBOBBOBBOB0", "bob-secret")
    response = server.client("sts", key=bob).assume_role(RoleArn="arn:aws:iam::111111111111:role/ops", RoleSessionName="xs")
    assert response["AssumedRoleUser"]["Arn"] == "arn:aws:sts::111111111111:assumed-role/ops/xs"


def test_config_is_applied_idempotently_and_api_changes_persist(fresh_server, tmp_path):
    path = write_config(tmp_path, CONFIG)
    data = str(tmp_path / "data")
    server = fresh_server("--config", path, data_dir=data)
    one = ("root-one", "secret-one")
    server.client("iam", key=one).create_user(UserName="made-by-api")
    server.restart()
    users = [u["UserName"] for u in server.client("iam", key=one).list_users()["Users"]]
    assert users == ["alice", "made-by-api"]
    assert len(server.client("iam", key=one).list_access_keys(UserName="alice")["AccessKeyMetadata"]) == 1


def test_yaml_config(fresh_server, tmp_path):
    path = write_config(tmp_path, None, yaml_text="""
accounts:
  - id: "333333333333"
    rootCredentials:
      - accessKeyId: yaml-root
        secretAccessKey: yaml-secret
""")
    server = fresh_server("--config", path)
    assert server.client("sts", key=("yaml-root", "yaml-secret")).get_caller_identity()["Account"] == "333333333333"


def test_bad_config_refuses_to_start(tmp_path):
    path = write_config(tmp_path, {"accounts": [{"id": "12", "rootCredentials": []}]})
    out = subprocess.run([BINARY, "serve", "--port", "0", "--in-memory", "--config", path], capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    assert "must be 12 digits" in out.stderr


def test_permissive_mode(fresh_server):
    server = fresh_server("--auth", "permissive")
    # Unknown keys act as the first account's root ...
    me = server.client("sts", key=("anything", "goes")).get_caller_identity()
    assert me["Arn"] == "arn:aws:iam::%s:root" % ACCOUNT
    assert "TableNames" in server.client("dynamodb", key=("anything", "goes")).list_tables()
    # ... known keys must still verify.
    _, (key_id, _) = make_user(server)
    assert client_error(server.client("sts", key=(key_id, "wrong" * 8)).get_caller_identity)[0] == "SignatureDoesNotMatch"


def test_documented_workshop_config_works(fresh_server, tmp_path):
    import os
    from conftest import ROOT
    text = open(os.path.join(ROOT, "docs", "config.md")).read()
    yaml_text = text.split("## Workshop example (YAML)")[1].split("```yaml\n")[1].split("```")[0]
    server = fresh_server("--config", write_config(tmp_path, None, yaml_text=yaml_text))
    dev = ("dev-root", "dev-root-secret")
    code, token, err = warden_token(server, "www.amazon.com", "amzn1.account.PLAYER1", "amzn1.application-oa2-client.game", key=dev)
    assert code == 0, err
    import botocore
    sts = server.client("sts", signature_version=botocore.UNSIGNED)
    player = sts.assume_role_with_web_identity(RoleArn="arn:aws:iam::111111111111:role/mobile-players", RoleSessionName="player1",
                                               WebIdentityToken=token, ProviderId="www.amazon.com")
    assert player["AssumedRoleUser"]["Arn"] == "arn:aws:sts::111111111111:assumed-role/mobile-players/player1"
    auditor = ("AKIAAUDITOR000000001", "auditor-secret-auditor-secret-auditor-s")
    server.client("sts", key=auditor).assume_role(RoleArn="arn:aws:iam::111111111111:role/readonly", RoleSessionName="audit")
    student = ("AKIASTUDENT000000001", "student-secret-student-secret-student-s")
    server.client("sts", key=student).assume_role(RoleArn="arn:aws:iam::111111111111:role/app", RoleSessionName="stu",
                                                  Tags=[{"Key": "k", "Value": "v"}])

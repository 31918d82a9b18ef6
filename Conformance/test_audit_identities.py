"""Records name who called: IAM users and role sessions (with their session context), real
policy denials (AccessDenied, linked to their decision trace), IAM and STS calls, and DynamoDB
Streams reads as data events on the stream."""
import json

import pytest
from botocore.exceptions import ClientError

from audit_support import audited_server, stream
from conftest import ACCOUNT, create_table
from identity_helpers import assume, make_role, make_user, role_arn, trust, user_arn
from signing import signed

GET_ONLY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:%s:table/who" % ACCOUNT}]}


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    server = audited_server(tmp_path_factory.mktemp("identities"))
    ddb = server.client()
    create_table(ddb, "who", StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    ddb.put_item(TableName="who", Item={"pk": {"S": "k"}, "secret": {"S": "hidden-value"}})
    alice, alice_key = make_user(server, user="alice", policy={"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]})
    role = make_role(server, trust(user_arn("alice"), extra_actions=("sts:SetSourceIdentity",)), role="reader", policy=GET_ONLY)
    ids = {}
    with pytest.raises(ClientError) as denied:
        server.client(key=alice_key).get_item(TableName="who", Key={"pk": {"S": "k"}})
    ids["denied"] = denied.value.response["ResponseMetadata"]["RequestId"]
    role_key, token, _ = assume(server, alice_key, role_arn("reader"), session="audit-session", SourceIdentity="alice-src")
    got = server.client(key=role_key, token=token).get_item(TableName="who", Key={"pk": {"S": "k"}})
    ids["role"] = got["ResponseMetadata"]["RequestId"]
    streams = server.client("dynamodbstreams")
    arn = ddb.describe_table(TableName="who")["Table"]["LatestStreamArn"]
    ids["stream"] = streams.describe_stream(StreamArn=arn)["ResponseMetadata"]["RequestId"]
    server.stop()
    by_id = {r["requestID"]: r for r in stream(server)}
    return server, ids, by_id, arn


def test_iam_user_denial_is_access_denied_with_its_trace(session):
    _, ids, by_id, _ = session
    r = by_id[ids["denied"]]
    assert r["errorCode"] == "AccessDenied"
    assert "alice is not authorized to perform: dynamodb:GetItem" in r["errorMessage"]
    assert r["additionalEventData"] == {"wardenDecisionTrace": "/_warden/explain/" + ids["denied"]}
    identity = r["userIdentity"]
    assert identity["type"] == "IAMUser" and identity["userName"] == "alice"
    assert identity["arn"] == user_arn("alice") and identity["principalId"].startswith("AIDA")
    assert identity["accountId"] == ACCOUNT and identity["accessKeyId"].startswith("AKIA")


def test_role_session_identity(session):
    _, ids, by_id, _ = session
    r = by_id[ids["role"]]
    assert "errorCode" not in r
    identity = r["userIdentity"]
    assert identity["type"] == "AssumedRole"
    assert identity["arn"] == "arn:aws:sts::%s:assumed-role/reader/audit-session" % ACCOUNT
    assert identity["principalId"].startswith("AROA") and identity["principalId"].endswith(":audit-session")
    assert identity["accessKeyId"].startswith("ASIA")
    context = identity["sessionContext"]
    issuer = context["sessionIssuer"]
    assert issuer == {"type": "Role", "principalId": identity["principalId"].split(":")[0], "arn": role_arn("reader"),
                      "accountId": ACCOUNT, "userName": "reader"}
    assert context["attributes"]["mfaAuthenticated"] == "false" and context["attributes"]["creationDate"].endswith("Z")
    assert context["sourceIdentity"] == "alice-src"


def test_iam_and_sts_calls_are_management_events(session):
    server, _, _, _ = session
    records = stream(server)
    iam = [r for r in records if r["eventSource"] == "iam.amazonaws.com"]
    assert {"CreateUser", "PutUserPolicy", "CreateAccessKey", "CreateRole", "PutRolePolicy"} <= {r["eventName"] for r in iam}
    create_user = next(r for r in iam if r["eventName"] == "CreateUser")
    assert create_user["requestParameters"] == {"userName": "alice"}
    assert create_user["userIdentity"]["type"] == "Root" and create_user["eventCategory"] == "Management"
    sts = next(r for r in records if r["eventSource"] == "sts.amazonaws.com")
    assert sts["eventName"] == "AssumeRole" and sts["userIdentity"]["userName"] == "alice"
    assert sts["requestParameters"]["roleSessionName"] == "audit-session"
    assert "hidden-value" not in json.dumps(records)


def test_stream_reads_are_data_events_on_the_stream(session):
    _, ids, by_id, arn = session
    r = by_id[ids["stream"]]
    assert r["eventName"] == "DescribeStream" and r["eventCategory"] == "Data" and r["readOnly"] is True
    assert r["resources"] == [{"accountId": ACCOUNT, "type": "AWS::DynamoDB::Stream", "ARN": arn}]

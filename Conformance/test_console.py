"""The web console's server side: its static files (served unsigned, holding no data, no path
traversal), the policy playground endpoint (`POST /_warden/playground`, authorized as IAM's
SimulateCustomPolicy) and IAM's policy simulator, which the console's "view as" calls."""
import http.client
import json

import pytest

from conftest import ACCOUNT, create_table, unique
from identity_helpers import make_role, make_user, role_arn, trust, user_arn
from signing import signed

TABLE_ARN = "arn:aws:dynamodb:us-east-1:%s:table/%%s" % ACCOUNT


def raw_get(server, path, method="GET", headers=None):
    """A request sent with the path exactly as written (no client-side normalisation)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.putrequest(method, path, skip_accept_encoding=True)
    for k, v in (headers or {}).items():
        conn.putheader(k, v)
    conn.endheaders()
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, dict(r.getheaders()), body


def playground(server, body, key=None):
    kw = {"key": key} if key else {}
    r = signed(server, body, path="/_warden/playground", content_type="application/json", **kw)
    return r.status_code, r.json()


@pytest.fixture(scope="module")
def games(server):
    ddb = server.client()
    name = unique("games")
    create_table(ddb, name, hash_key=("player", "S"))
    for player, score in (("alice", "10"), ("bob", "20")):
        ddb.put_item(TableName=name, Item={"player": {"S": player}, "name": {"S": player.title()}, "score": {"N": score},
                                           "secret": {"S": "s-" + player}})
    return name


# ---------- static files ----------

def test_console_index_is_served_unsigned_with_a_strict_content_security_policy(server):
    status, headers, body = raw_get(server, "/_warden/console/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Security-Policy"] == (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert b"<title>Warden console</title>" in body
    assert b"<script src=\"console.js\" defer></script>" in body
    assert b"<script>" not in body  # no inline script: the CSP would refuse it


def test_console_assets_have_their_types(server):
    assert raw_get(server, "/_warden/console/console.js")[1]["Content-Type"] == "text/javascript; charset=utf-8"
    assert raw_get(server, "/_warden/console/console.css")[1]["Content-Type"] == "text/css; charset=utf-8"
    status, headers, body = raw_get(server, "/_warden/console/index.html")
    assert status == 200 and b"Warden console" in body


def test_console_without_slash_redirects(server):
    status, headers, _ = raw_get(server, "/_warden/console")
    assert status == 301
    assert headers["Location"] == "/_warden/console/"


@pytest.mark.parametrize("path", [
    "/_warden/console/../clock",
    "/_warden/console/../audit",
    "/_warden/console/%2e%2e/clock",
    "/_warden/console/..%2fclock",
    "/_warden/console/..%2F..%2F..%2Fetc%2Fpasswd",
    "/_warden/console/../../../../etc/passwd",
    "/_warden/console//etc/passwd",
    "/_warden/console/./index.html",
    "/_warden/console/index.html/",
    "/_warden/console/Index.html",
    "/_warden/console/console.js%00.html",
    "/_warden/console/%69ndex.html",
    "/_warden/console/\\..\\clock",
])
def test_console_paths_cannot_traverse(server, path):
    status, headers, body = raw_get(server, path)
    assert (status, body) == (404, b"Not Found\n")
    assert b"offsetSeconds" not in body and b"records" not in body


def test_console_takes_only_get(server):
    status, headers, body = raw_get(server, "/_warden/console/", method="POST", headers={"Content-Length": "0"})
    assert (status, headers["Allow"], body) == (405, "GET", b"Method Not Allowed\n")


def test_console_files_hold_no_data(server, games):
    for name in ("", "console.js", "console.css"):
        _, _, body = raw_get(server, "/_warden/console/" + name)
        assert games.encode() not in body and b"s-alice" not in body


def test_data_calls_need_a_signature(server, games):
    """The console has no back door: every endpoint it calls refuses an unsigned request."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    body = json.dumps({"TableName": games})
    conn.request("POST", "/", body=body, headers={"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.Scan",
                                                  "Origin": "http://127.0.0.1:%d" % server.port})
    r = conn.getresponse()
    text = r.read()
    assert r.status == 400 and b"MissingAuthenticationTokenException" in text and b"s-alice" not in text
    for method, path in (("GET", "/_warden/audit"), ("GET", "/_warden/clock"), ("POST", "/_warden/playground")):
        conn.request(method, path, body="{}" if method == "POST" else None, headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        text = r.read()
        assert r.status == 400, (path, text)
        assert json.loads(text)["__type"].endswith("MissingAuthenticationTokenException"), (path, text)
    conn.close()


# ---------- the policy playground ----------

ATTRIBUTES_POLICY = {"Version": "2012-10-17", "Statement": [{
    "Sid": "LimitAccessToSpecificAttributes", "Effect": "Allow",
    "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": "arn:aws:dynamodb:*:*:table/*",
    "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["player", "name", "score"]},
                  "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}}]}


def test_playground_attribute_restricted_read_is_denied_with_the_failed_condition(server, games):
    status, body = playground(server, {
        "identityPolicies": [json.dumps(ATTRIBUTES_POLICY)], "operation": "GetItem",
        "request": {"TableName": games, "Key": {"player": {"S": "alice"}}, "ProjectionExpression": "player, secret"}})
    assert status == 200, body
    assert body["decision"] == "implicitDeny"
    assert body["principal"] == "arn:aws:iam::%s:user/playground" % ACCOUNT
    [check] = body["checks"]
    assert (check["action"], check["resource"], check["outcome"]) == ("dynamodb:GetItem", TABLE_ARN % games, "implicitDeny")
    assert check["message"] == ("User: arn:aws:iam::%s:user/playground is not authorized to perform: dynamodb:GetItem on resource: %s "
                                "because no identity-based policy allows the dynamodb:GetItem action" % (ACCOUNT, TABLE_ARN % games))
    assert check["context"]["dynamodb:Attributes"] == ["player", "secret"]
    assert check["context"]["dynamodb:LeadingKeys"] == ["alice"]
    assert check["context"]["dynamodb:Select"] == ["SPECIFIC_ATTRIBUTES"]
    assert check["trace"]["matchedStatements"] == []
    assert check["trace"]["failedConditions"] == [{
        "policy": "IdentityPolicy", "layer": "identity-based policy", "statement": 1, "sid": "LimitAccessToSpecificAttributes",
        "effect": "Allow", "operator": "ForAllValues:StringEquals", "key": "dynamodb:Attributes",
        "expected": ["player", "name", "score"], "actual": ["player", "secret"], "note": None}]


def test_playground_allowed_read_names_the_statement(server, games):
    status, body = playground(server, {
        "identityPolicies": [json.dumps(ATTRIBUTES_POLICY)], "operation": "GetItem",
        "request": {"TableName": games, "Key": {"player": {"S": "alice"}}, "ProjectionExpression": "player, score"}})
    assert status == 200
    assert body["decision"] == "allow"
    [check] = body["checks"]
    assert check["message"] is None
    assert check["trace"]["grantedBy"] == ["identity-based policy"]
    assert check["trace"]["matchedStatements"] == [{
        "policy": "IdentityPolicy", "layer": "identity-based policy", "statement": 1, "sid": "LimitAccessToSpecificAttributes",
        "effect": "Allow", "lines": "1–1"}]


def test_playground_own_items_by_principal_tag_and_web_identity(server, games):
    own_tag = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
                                                       "Condition": {"ForAllValues:StringEquals": {
                                                           "dynamodb:LeadingKeys": ["${aws:PrincipalTag/userId}"]}}}]}
    session = "arn:aws:sts::%s:assumed-role/GameApp/s1" % ACCOUNT
    base = {"identityPolicies": [json.dumps(own_tag)], "operation": "GetItem", "principalArn": session, "principalTags": {"userId": "alice"}}
    _, mine = playground(server, dict(base, request={"TableName": games, "Key": {"player": {"S": "alice"}}}))
    _, theirs = playground(server, dict(base, request={"TableName": games, "Key": {"player": {"S": "bob"}}}))
    assert (mine["decision"], theirs["decision"]) == ("allow", "implicitDeny")
    assert theirs["checks"][0]["trace"]["failedConditions"][0]["expected"] == ["${aws:PrincipalTag/userId}"]  # as written
    assert theirs["checks"][0]["trace"]["failedConditions"][0]["actual"] == ["bob"]
    assert theirs["checks"][0]["message"].startswith("User: %s is not authorized to perform: dynamodb:GetItem" % session)

    web = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
                                                   "Condition": {"ForAllValues:StringEquals": {
                                                       "dynamodb:LeadingKeys": ["${www.amazon.com:user_id}"]}}}]}
    _, result = playground(server, {"identityPolicies": [json.dumps(web)], "operation": "GetItem", "principalArn": session,
                                    "context": {"www.amazon.com:user_id": ["alice"]},
                                    "request": {"TableName": games, "Key": {"player": {"S": "alice"}}}})
    assert result["decision"] == "allow"


def test_playground_select_count_and_return_values(server, games):
    count_only = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:Query", "Resource": "*",
                                                          "Condition": {"StringEquals": {"dynamodb:Select": "COUNT"}}}]}
    query = {"TableName": games, "KeyConditionExpression": "player = :p", "ExpressionAttributeValues": {":p": {"S": "alice"}}}
    _, counted = playground(server, {"identityPolicies": [json.dumps(count_only)], "operation": "Query", "request": dict(query, Select="COUNT")})
    _, full = playground(server, {"identityPolicies": [json.dumps(count_only)], "operation": "Query", "request": query})
    assert (counted["decision"], full["decision"]) == ("allow", "implicitDeny")
    assert full["checks"][0]["trace"]["failedConditions"][0]["actual"] == ["ALL_ATTRIBUTES"]

    no_return = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": "*",
                                                         "Condition": {"StringEqualsIfExists": {
                                                             "dynamodb:ReturnValues": ["NONE", "UPDATED_OLD", "UPDATED_NEW"]}}}]}
    put = {"TableName": games, "Item": {"player": {"S": "zed"}}}
    _, plain = playground(server, {"identityPolicies": [json.dumps(no_return)], "operation": "PutItem", "request": put})
    _, old = playground(server, {"identityPolicies": [json.dumps(no_return)], "operation": "PutItem", "request": dict(put, ReturnValues="ALL_OLD")})
    assert (plain["decision"], old["decision"]) == ("allow", "implicitDeny")
    # Nothing ran: the item the playground "put" is not in the table.
    assert "Item" not in server.client().get_item(TableName=games, Key={"player": {"S": "zed"}})


def test_playground_explicit_deny_in_a_resource_policy_wins(server, games):
    allow_all = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]}
    deny = {"Version": "2012-10-17", "Statement": [{"Sid": "NoSecrets", "Effect": "Deny", "Principal": "*", "Action": "dynamodb:GetItem",
                                                    "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"dynamodb:Attributes": ["secret"]}}}]}
    _, body = playground(server, {"identityPolicies": [json.dumps(allow_all)], "resourcePolicy": json.dumps(deny), "operation": "GetItem",
                                  "request": {"TableName": games, "Key": {"player": {"S": "bob"}}, "ProjectionExpression": "secret"}})
    assert body["decision"] == "explicitDeny"
    matched = body["checks"][0]["trace"]["matchedStatements"]
    # In evaluation order: the resource policy's statements are met first.
    assert [(m["policy"], m["layer"], m["sid"], m["effect"]) for m in matched] == [
        ("ResourcePolicy", "resource-based policy", "NoSecrets", "Deny"), ("IdentityPolicy", "identity-based policy", None, "Allow")]
    assert body["checks"][0]["message"].endswith("with an explicit deny in a resource-based policy")


def test_playground_batch_checks_each_part(server, games):
    own = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:BatchGetItem", "Resource": "*",
                                                   "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["alice"]}}}]}
    _, body = playground(server, {"identityPolicies": [json.dumps(own)], "operation": "BatchGetItem", "request": {
        "RequestItems": {games: {"Keys": [{"player": {"S": "alice"}}, {"player": {"S": "bob"}}]}}}})
    assert body["decision"] == "implicitDeny"
    # One check per key, as the pipeline makes them: the request is denied as a whole.
    assert [(c["action"], c["outcome"], c["context"]["dynamodb:LeadingKeys"]) for c in body["checks"]] == [
        ("dynamodb:BatchGetItem", "allow", ["alice"]), ("dynamodb:BatchGetItem", "implicitDeny", ["bob"])]


@pytest.mark.parametrize("body,message", [
    ({}, "operation is required (a DynamoDB operation name, e.g. GetItem)"),
    ({"operation": "DropEverything"}, "Unknown DynamoDB operation: DropEverything"),
    ({"operation": "GetItem", "request": []}, "request must be a JSON object (the operation's request)"),
    ({"operation": "GetItem", "identityPolicies": "{}"}, "identityPolicies must be an array of policy documents (strings)"),
    ({"operation": "GetItem", "principalArn": "arn:aws:iam::123456789012:group/g"},
     "principalArn is not an IAM user, role session or root ARN: arn:aws:iam::123456789012:group/g"),
    ({"operation": "GetItem", "context": {"k": [1]}}, "context values must be strings"),
])
def test_playground_rejects_malformed_input(server, body, message):
    status, answer = playground(server, body)
    assert (status, answer["__type"].split("#")[-1], answer["message"]) == (400, "ValidationException", message)


def test_playground_rejects_malformed_policies(server, games):
    status, answer = playground(server, {"operation": "GetItem", "identityPolicies": ["{not json"],
                                         "request": {"TableName": games, "Key": {"player": {"S": "a"}}}})
    assert status == 400 and answer["message"].startswith("IdentityPolicy: MalformedPolicyDocument:")


def test_playground_refuses_other_accounts_tables(server, games):
    """Deriving keys reads a table's key schema: another account's tables are refused, in one
    message whatever they hold, so the playground is no oracle for them."""
    for account in ("999999999999", "210987654321"):
        arn = "arn:aws:dynamodb:us-east-1:%s:table/%s" % (account, games)
        status, answer = playground(server, {"operation": "GetItem", "request": {"TableName": arn, "Key": {"player": {"S": "a"}}}})
        assert (status, answer["message"]) == (
            400, "The playground evaluates requests on the caller's own account's resources (account %s)" % ACCOUNT)
    status, answer = playground(server, {"operation": "GetItem", "request": {"TableName": TABLE_ARN % games, "Key": {"player": {"S": "a"}}}})
    assert (status, answer["decision"]) == (200, "implicitDeny")


def test_playground_needs_simulate_custom_policy(server):
    """A principal without iam:SimulateCustomPolicy gets AccessDenied, as from IAM itself."""
    user, key = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]})
    status, answer = playground(server, {"operation": "GetItem"}, key=key)
    assert status == 400
    assert answer["__type"].split("#")[-1] == "AccessDeniedException"
    assert answer["Message"] == ("User: %s is not authorized to perform: iam:SimulateCustomPolicy on resource: * "
                                 "because no identity-based policy allows the iam:SimulateCustomPolicy action" % user_arn(user))
    allowed, key2 = make_user(server, policy={"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:SimulateCustomPolicy", "Resource": "*"}]})
    status, answer = playground(server, {"operation": "ListTables"}, key=key2)
    assert (status, answer["decision"]) == (200, "implicitDeny")

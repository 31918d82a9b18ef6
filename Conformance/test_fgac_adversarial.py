"""Attacks on fine-grained access control, each tried as a restricted IAM user and as a
restricted role session (policies from AWS's FGAC examples): the request, the decision that
must come back, and the data that must not. Decisions are read back with `warden explain`."""
import base64
import datetime
import hashlib
import hmac
import json
import subprocess
import unicodedata
import uuid
from urllib.parse import quote

import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from conftest import ACCOUNT, BINARY, REGION, ROOT_KEY, cli_env, create_table, error_of
from identity_helpers import assume, make_role, make_user, name, role_arn, trust
from signing import signed

ITEM_ACTIONS = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"]


def table_arn(table):
    return "arn:aws:dynamodb:%s:%s:table/%s" % (REGION, ACCOUNT, table)


def explain(server, request_id):
    """The recorded decision of a request (as the account root asks for it)."""
    r = signed(server, b"", path="/_warden/explain/" + request_id, method="GET", content_type="application/json")
    assert r.status_code == 200, r.text
    return r.json()


def context_of(server, request_id):
    merged = {}
    for check in explain(server, request_id)["checks"]:
        for key, values in check.get("context", {}).items():
            merged.setdefault(key, []).extend(v for v in values if v not in merged.get(key, []))
    return merged


def denied(excinfo, action):
    code, message = error_of(excinfo)
    assert code == "AccessDeniedException", (code, message)
    assert (" is not authorized to perform: %s on resource: " % action) in message
    return excinfo.value.response


def request_id(excinfo):
    return excinfo.value.response["ResponseMetadata"]["RequestId"]


@pytest.fixture(scope="module")
def games(server):
    """GameScores-shaped: UserId/GameTitle keys, a GSI on GameTitle (another user's items
    share its partitions), a GSI on Owner (partitioned by user), an LSI on TopScore."""
    ddb = server.client()
    t = "Scores-" + uuid.uuid4().hex[:8]
    create_table(ddb, t, hash_key=("UserId", "S"), range_key=("GameTitle", "S"), extra_defs=[("TopScore", "N"), ("Owner", "S")],
                 gsis=[{"IndexName": "GameTitleIndex", "KeySchema": [{"AttributeName": "GameTitle", "KeyType": "HASH"},
                                                                    {"AttributeName": "TopScore", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "ALL"}},
                       {"IndexName": "OwnerIndex", "KeySchema": [{"AttributeName": "Owner", "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "ALL"}}],
                 lsis=[{"IndexName": "ByScore", "KeySchema": [{"AttributeName": "UserId", "KeyType": "HASH"},
                                                             {"AttributeName": "TopScore", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "ALL"}}])
    for user, game, score in [("alice", "Meteor Blasters", 500), ("alice", "Starship X", 60), ("bob", "Meteor Blasters", 900)]:
        ddb.put_item(TableName=t, Item={"UserId": {"S": user}, "GameTitle": {"S": game}, "TopScore": {"N": str(score)},
                                        "Owner": {"S": user}, "Wins": {"N": "3"}, "Secret": {"S": "pin-%s-4711" % user}})
    return t


def restricted(server, kind, policy_for):
    """A restricted principal: IAM user `alice-…` (policy with ${aws:username}), or a session
    of a role tagged userId=alice (policy with ${aws:PrincipalTag/userId}). Returns
    (boto3 dynamodb client, the value its own partition key holds, key, token)."""
    if kind == "user":
        user, key = make_user(server, user=name("alice"), policy=policy_for("${aws:username}"))
        return server.client(key=key), user, key, None
    _, caller = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]})
    role = make_role(server, trust(ACCOUNT), policy=policy_for("${aws:PrincipalTag/userId}"), Tags=[{"Key": "userId", "Value": "alice"}])
    key, token, _ = assume(server, caller, role_arn(role), session="app")
    return server.client(key=key, token=token), "alice", key, token


def own_items(table):
    def policy(variable):
        return {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": ITEM_ACTIONS, "Resource": [table_arn(table), table_arn(table) + "/index/*"],
            "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [variable]}}}]}
    return policy


def attribute_limited(table, extra_actions=()):
    """AWS's example 2: only some attributes; Select and ReturnValues pinned (Select COUNT also allowed)."""
    def policy(_variable):
        return {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", *extra_actions],
            "Resource": [table_arn(table)],
            "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "GameTitle", "TopScore", "Wins", "Owner"]},
                          "StringEqualsIfExists": {"dynamodb:Select": ["SPECIFIC_ATTRIBUTES", "COUNT"],
                                                   "dynamodb:ReturnValues": ["NONE", "UPDATED_OLD", "UPDATED_NEW"]}}}]}
    return policy


KINDS = ["user", "role"]


# 1. Index queries carry dynamodb:LeadingKeys: the partition key value of the index queried.

@pytest.mark.parametrize("kind", KINDS)
def test_gsi_query_on_a_shared_partition_is_denied(server, games, kind):
    ddb, me, _, _ = restricted(server, kind, own_items(games))
    if kind == "user":  # the user's own items, under its own name
        server.client().put_item(TableName=games, Item={"UserId": {"S": me}, "GameTitle": {"S": "Meteor Blasters"}, "TopScore": {"N": "1"},
                                                        "Owner": {"S": me}, "Secret": {"S": "mine"}})
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=games, IndexName="GameTitleIndex", KeyConditionExpression="GameTitle = :g",
                  ExpressionAttributeValues={":g": {"S": "Meteor Blasters"}})
    response = denied(e, "dynamodb:Query")
    assert "Items" not in response and "Count" not in response
    assert context_of(server, request_id(e))["dynamodb:LeadingKeys"] == ["Meteor Blasters"]
    out = subprocess.run([BINARY, "explain", request_id(e), "--endpoint", server.endpoint], capture_output=True, text=True, env=cli_env())
    assert out.returncode == 0 and 'dynamodb:LeadingKeys = ["Meteor Blasters"]' in out.stdout, out.stdout + out.stderr
    # A GSI partitioned by user answers for the caller's own partition, with its own items only.
    own = ddb.query(TableName=games, IndexName="OwnerIndex", KeyConditionExpression="#o = :o",
                    ExpressionAttributeNames={"#o": "Owner"}, ExpressionAttributeValues={":o": {"S": me}})["Items"]
    assert own and {i["UserId"]["S"] for i in own} == {me}
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=games, IndexName="OwnerIndex", KeyConditionExpression="#o = :o",
                  ExpressionAttributeNames={"#o": "Owner"}, ExpressionAttributeValues={":o": {"S": "bob"}})
    denied(e, "dynamodb:Query")


@pytest.mark.parametrize("kind", KINDS)
def test_lsi_query_carries_the_tables_partition_key(server, games, kind):
    ddb, me, _, _ = restricted(server, kind, own_items(games))
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=games, IndexName="ByScore", KeyConditionExpression="UserId = :u", ExpressionAttributeValues={":u": {"S": "bob"}})
    denied(e, "dynamodb:Query")
    assert context_of(server, request_id(e))["dynamodb:LeadingKeys"] == ["bob"]
    if me == "alice":
        items = ddb.query(TableName=games, IndexName="ByScore", KeyConditionExpression="UserId = :u",
                          ExpressionAttributeValues={":u": {"S": "alice"}})["Items"]
        assert [i["TopScore"]["N"] for i in items] == ["60", "500"]


def test_gsi_query_denied_through_the_aws_cli(server, games):
    user, key = make_user(server, user=name("alice"), policy=own_items(games)("${aws:username}"))
    code, out, err = server.cli("dynamodb", "query", "--table-name", games, "--index-name", "GameTitleIndex",
                                "--key-condition-expression", "GameTitle = :g",
                                "--expression-attribute-values", json.dumps({":g": {"S": "Meteor Blasters"}}), key=key, check=False)
    assert code != 0 and "AccessDeniedException" in err and "pin-" not in (json.dumps(out) + err)


# 2. A count is a read: the names a filter tests reach dynamodb:Attributes.

@pytest.mark.parametrize("kind", KINDS)
def test_count_with_a_filter_on_a_hidden_attribute_is_denied(server, games, kind):
    ddb, _, _, _ = restricted(server, kind, attribute_limited(games))
    for call in (lambda: ddb.query(TableName=games, Select="COUNT", KeyConditionExpression="UserId = :u",
                                   FilterExpression="begins_with(Secret, :p)",
                                   ExpressionAttributeValues={":u": {"S": "bob"}, ":p": {"S": "pin-bob-4"}}),
                 lambda: ddb.scan(TableName=games, Select="COUNT", FilterExpression="begins_with(#s, :p)",
                                  ExpressionAttributeNames={"#s": "Secret"}, ExpressionAttributeValues={":p": {"S": "pin-bob-4"}})):
        with pytest.raises(ClientError) as e:
            call()
        response = denied(e, "dynamodb:Query" if "Query" in str(e.value) else "dynamodb:Scan")
        assert "Count" not in response
        assert "Secret" in context_of(server, request_id(e))["dynamodb:Attributes"]
    # A count that tests nothing hidden is still allowed.
    assert ddb.query(TableName=games, Select="COUNT", KeyConditionExpression="UserId = :u",
                     ExpressionAttributeValues={":u": {"S": "bob"}})["Count"] == 1


def test_count_with_a_filter_denied_through_the_aws_cli(server, games):
    _, key = make_user(server, policy=attribute_limited(games)(None))
    code, out, err = server.cli("dynamodb", "scan", "--table-name", games, "--select", "COUNT",
                                "--filter-expression", "begins_with(Secret, :p)",
                                "--expression-attribute-values", json.dumps({":p": {"S": "pin"}}), key=key, check=False)
    assert code != 0 and "AccessDeniedException" in err and out is None


# 3. Legacy parameters name attributes too.

@pytest.mark.parametrize("kind", KINDS)
def test_legacy_filters_and_conditions_reach_attributes(server, games, kind):
    ddb, _, _, _ = restricted(server, kind, attribute_limited(games, extra_actions=["dynamodb:UpdateItem", "dynamodb:PutItem"]))
    attempts = [
        ("dynamodb:Scan", lambda: ddb.scan(TableName=games, AttributesToGet=["UserId"],
                                           ScanFilter={"Secret": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "pin-bob"}]}})),
        ("dynamodb:Query", lambda: ddb.query(TableName=games, Select="COUNT",
                                             KeyConditions={"UserId": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "bob"}]}},
                                             QueryFilter={"Secret": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "pin"}]}},
                                             ConditionalOperator="OR")),
        ("dynamodb:UpdateItem", lambda: ddb.update_item(TableName=games, Key={"UserId": {"S": "bob"}, "GameTitle": {"S": "Meteor Blasters"}},
                                                        AttributeUpdates={"Secret": {"Action": "PUT", "Value": {"S": "overwritten"}}})),
        ("dynamodb:UpdateItem", lambda: ddb.update_item(TableName=games, Key={"UserId": {"S": "bob"}, "GameTitle": {"S": "Meteor Blasters"}},
                                                        AttributeUpdates={"Wins": {"Action": "ADD", "Value": {"N": "1"}}},
                                                        Expected={"Secret": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "pin-bob"}]}})),
    ]
    for action, call in attempts:
        with pytest.raises(ClientError) as e:
            call()
        response = denied(e, action)
        assert "Items" not in response and "Count" not in response
        assert "Secret" in context_of(server, request_id(e))["dynamodb:Attributes"]
    item = server.client().get_item(TableName=games, Key={"UserId": {"S": "bob"}, "GameTitle": {"S": "Meteor Blasters"}})["Item"]
    assert item["Secret"] == {"S": "pin-bob-4711"} and item["Wins"] == {"N": "3"}


# 4. ReturnValuesOnConditionCheckFailure=ALL_OLD returns the whole item: it counts as ReturnValues ALL_OLD.

@pytest.mark.parametrize("kind", KINDS)
def test_all_old_on_condition_failure_is_refused_to_attribute_limited_writers(server, games, kind):
    ddb, _, _, _ = restricted(server, kind, attribute_limited(games, extra_actions=["dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"]))
    key = {"UserId": {"S": "bob"}, "GameTitle": {"S": "Meteor Blasters"}}
    update = dict(TableName=games, Key=key, UpdateExpression="SET Wins = :w", ConditionExpression="Wins = :never",
                  ExpressionAttributeValues={":w": {"N": "9"}, ":never": {"N": "-1"}})
    with pytest.raises(ClientError) as e:
        ddb.update_item(**update, ReturnValuesOnConditionCheckFailure="ALL_OLD")
    response = denied(e, "dynamodb:UpdateItem")
    assert "Item" not in response and "pin-bob" not in json.dumps(response)
    assert context_of(server, request_id(e))["dynamodb:ReturnValues"] == ["ALL_OLD"]
    with pytest.raises(ClientError) as e:  # without it the write is authorized, and fails on its condition alone
        ddb.update_item(**update)
    assert error_of(e)[0] == "ConditionalCheckFailedException" and "Item" not in e.value.response
    with pytest.raises(ClientError) as e:
        ddb.transact_write_items(TransactItems=[{"ConditionCheck": {"TableName": games, "Key": key, "ConditionExpression": "Wins = :never",
                                                                    "ExpressionAttributeValues": {":never": {"N": "-1"}},
                                                                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}])
    response = denied(e, "dynamodb:ConditionCheckItem")
    assert "CancellationReasons" not in response and "pin-bob" not in json.dumps(response)


# 5. Attribute names are bytes: a precomposed and a decomposed spelling are two attributes.

NFC = unicodedata.normalize("NFC", "Salário")
NFD = unicodedata.normalize("NFD", "Salário")


@pytest.mark.parametrize("kind", KINDS)
def test_names_differing_only_by_normalization_are_different_attributes(server, games, kind):
    assert NFC != NFD and unicodedata.normalize("NFC", NFD) == NFC

    def policy(variable):
        return {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ITEM_ACTIONS, "Resource": [table_arn(games)]},
            {"Effect": "Deny", "Action": ITEM_ACTIONS, "Resource": [table_arn(games)],
             "Condition": {"ForAnyValue:StringEquals": {"dynamodb:Attributes": [NFC]}}}]}

    ddb, _, _, _ = restricted(server, kind, policy)
    key = {"UserId": {"S": "carol-" + kind}, "GameTitle": {"S": "Payroll"}}
    server.client().put_item(TableName=games, Item={**key, NFC: {"N": "1000"}})
    with pytest.raises(ClientError) as e:
        ddb.update_item(TableName=games, Key=key, UpdateExpression="SET #a = :v", ExpressionAttributeNames={"#a": NFC},
                        ExpressionAttributeValues={":v": {"N": "1"}})
    denied(e, "dynamodb:UpdateItem")
    # The decomposed spelling is another attribute: allowed, and it leaves the protected one alone.
    ddb.update_item(TableName=games, Key=key, UpdateExpression="SET #a = :v", ExpressionAttributeNames={"#a": NFD},
                    ExpressionAttributeValues={":v": {"N": "1"}})
    got = ddb.get_item(TableName=games, Key=key, ProjectionExpression="#a", ExpressionAttributeNames={"#a": NFD})["Item"]
    assert got == {NFD: {"N": "1"}}
    assert ddb.get_item(TableName=games, Key=key, AttributesToGet=[NFD])["Item"] == {NFD: {"N": "1"}}
    whole = server.client().get_item(TableName=games, Key=key)["Item"]
    assert whole[NFC] == {"N": "1000"} and whole[NFD] == {"N": "1"} and len(whole) == 4
    # Both spellings in one item, one request: two attributes, kept apart in storage.
    server.client().put_item(TableName=games, Item={**key, NFC: {"S": "a"}, NFD: {"S": "b"}})
    stored = server.client().get_item(TableName=games, Key=key)["Item"]
    assert stored[NFC] == {"S": "a"} and stored[NFD] == {"S": "b"}


# 6. X-Amz-Content-Sha256: UNSIGNED-PAYLOAD is refused (header and presigned).

class UnsignedPayloadAuth(SigV4Auth):
    def payload(self, request):
        return "UNSIGNED-PAYLOAD"


def test_unsigned_payload_header_is_refused(server, games):
    body = json.dumps({"TableName": games, "Key": {"UserId": {"S": "bob"}, "GameTitle": {"S": "Meteor Blasters"}}})
    req = AWSRequest(method="POST", url=server.endpoint + "/", data=body,
                     headers={"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.GetItem",
                              "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD"})
    UnsignedPayloadAuth(Credentials(*ROOT_KEY), "dynamodb", REGION).add_auth(req)
    prepared = req.prepare()
    for data in (body, json.dumps({"TableName": games, "Key": {"UserId": {"S": "bob"}, "GameTitle": {"S": "Meteor Blasters"}},
                                   "ProjectionExpression": "Secret"})):
        r = requests.post(prepared.url, headers=dict(prepared.headers), data=data, timeout=30)
        assert r.status_code == 400 and r.json()["__type"] == "com.amazon.coral.service#InvalidSignatureException", r.text
        assert "pin-bob" not in r.text


def presigned_url(server, headers, payload_hash="UNSIGNED-PAYLOAD", key=ROOT_KEY):
    """A presigned POST URL (SigV4 query form) whose canonical request ends in `payload_hash`
    and whose query says so (X-Amz-Content-Sha256), signing Host and the given headers."""
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    scope = "%s/%s/dynamodb/aws4_request" % (day, REGION)
    host = "127.0.0.1:%d" % server.port
    signed_headers = dict({"host": host}, **{k.lower(): v for k, v in headers.items()})
    names = ";".join(sorted(signed_headers))
    query = {"X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Credential": "%s/%s" % (key[0], scope), "X-Amz-Date": amz_date,
             "X-Amz-Expires": "300", "X-Amz-SignedHeaders": names, "X-Amz-Content-Sha256": payload_hash}
    canonical_query = "&".join("%s=%s" % (quote(k, safe="-_.~"), quote(v, safe="-_.~")) for k, v in sorted(query.items()))
    canonical = "\n".join(["POST", "/", canonical_query,
                            "".join("%s:%s\n" % (k, signed_headers[k]) for k in sorted(signed_headers)), names, payload_hash])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    k = ("AWS4" + key[1]).encode()
    for part in (day, REGION, "dynamodb", "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    return "%s/?%s&X-Amz-Signature=%s" % (server.endpoint, canonical_query, signature)


def test_presigned_get_item_cannot_be_replayed_as_an_update(server, games):
    key = {"UserId": {"S": "bob"}, "GameTitle": {"S": "Meteor Blasters"}}
    headers = {"Content-Type": "application/x-amz-json-1.0"}
    url = presigned_url(server, headers)
    # Signed with the payload's real hash instead, the same URL form is accepted: the refusal
    # below is about UNSIGNED-PAYLOAD, not about presigned DynamoDB requests.
    body = json.dumps({"TableName": games, "Key": key})
    honest = presigned_url(server, headers, payload_hash=hashlib.sha256(body.encode()).hexdigest())
    r = requests.post(honest, headers=dict(headers, **{"X-Amz-Target": "DynamoDB_20120810.GetItem"}), data=body, timeout=30)
    assert r.status_code == 400 and "X-Amz-Target" in r.json()["message"]  # the target must be signed too
    swapped = {"TableName": games, "Key": key, "UpdateExpression": "SET Secret = :s", "ExpressionAttributeValues": {":s": {"S": "pwned"}}}
    for target, body in (("DynamoDB_20120810.GetItem", {"TableName": games, "Key": key}), ("DynamoDB_20120810.UpdateItem", swapped)):
        signed_target = dict(headers, **{"X-Amz-Target": target})
        r = requests.post(presigned_url(server, signed_target), headers=signed_target, data=json.dumps(body), timeout=30)
        assert r.status_code == 400 and r.json()["__type"] == "com.amazon.coral.service#InvalidSignatureException", r.text
        assert "pin-bob" not in r.text
    assert server.client().get_item(TableName=games, Key=key)["Item"]["Secret"] == {"S": "pin-bob-4711"}
    # With the payload's hash, a presigned UpdateItem is an ordinary signed request.
    body = json.dumps(swapped)
    target = dict(headers, **{"X-Amz-Target": "DynamoDB_20120810.UpdateItem"})
    ok = presigned_url(server, target, payload_hash=hashlib.sha256(body.encode()).hexdigest())
    r = requests.post(ok, headers=target, data=body, timeout=30)
    assert r.status_code == 200, r.text
    server.client().put_item(TableName=games, Item={**key, "TopScore": {"N": "900"}, "Owner": {"S": "bob"}, "Wins": {"N": "3"},
                                                   "Secret": {"S": "pin-bob-4711"}})


# 10. X-Amz-Target must be signed: otherwise a signed GetItem could be replayed as a DeleteTable.

def test_unsigned_target_cannot_be_swapped(server):
    t = "victim-" + uuid.uuid4().hex[:8]
    create_table(server.client(), t)
    req = AWSRequest(method="POST", url=server.endpoint + "/", data=json.dumps({"TableName": t}),
                     headers={"Content-Type": "application/x-amz-json-1.0"})
    SigV4Auth(Credentials(*ROOT_KEY), "dynamodb", REGION).add_auth(req)
    headers = dict(req.prepare().headers)
    assert "x-amz-target" not in headers["Authorization"]
    headers["X-Amz-Target"] = "DynamoDB_20120810.DeleteTable"
    r = requests.post(server.endpoint + "/", headers=headers, data=json.dumps({"TableName": t}), timeout=30)
    assert r.status_code == 400 and r.json() == {"__type": "com.amazon.coral.service#InvalidSignatureException",
                                                 "message": "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization."}
    assert server.client().describe_table(TableName=t)["Table"]["TableStatus"] == "ACTIVE"


# 7. Shard iterators are sealed: forged, re-dated or moved iterators do not open.

def fnv(text):
    h = 0xcbf29ce484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def stream_table(server):
    t = "streamed-" + uuid.uuid4().hex[:8]
    d = create_table(server.client(), t, StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    server.client().put_item(TableName=t, Item={"pk": {"S": "secret-row"}, "v": {"S": "classified"}})
    arn = d["TableDescription"]["LatestStreamArn"]
    streams = server.client("dynamodbstreams")
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    return t, arn, shard, streams


def test_forged_and_tampered_iterators_are_refused(server):
    _, arn, shard, streams = stream_table(server)
    real = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    assert real.startswith(arn + "|1|")
    assert [r["dynamodb"]["Keys"]["pk"]["S"] for r in streams.get_records(ShardIterator=real)["Records"]] == ["secret-row"]
    # The old, unkeyed shape: anyone could compute its check value, dated in 2100 so it never expired.
    body = "%s;0;%d" % (shard, 4102444800000)
    forged = arn + "|1|" + base64.b64encode(("%s;%x" % (body, fnv(arn + "|" + body))).encode()).decode()
    _, other_arn, _, _ = stream_table(server)
    moved = real.replace(arn, other_arn)
    prefix, _, opaque = real.rpartition("|")
    raw = bytearray(base64.b64decode(opaque))
    raw[len(shard) + 1] = ord("9") if raw[len(shard) + 1] != ord("9") else ord("8")  # another position, same MAC
    tampered = prefix + "|" + base64.b64encode(bytes(raw)).decode()
    for iterator in (forged, moved, tampered):
        with pytest.raises(ClientError) as e:
            streams.get_records(ShardIterator=iterator)
        assert error_of(e) == ("ValidationException", "Invalid ShardIterator")


def test_iterators_outlive_a_restart(fresh_server, tmp_path):
    server = fresh_server(data_dir=str(tmp_path / "data"))
    _, arn, shard, streams = stream_table(server)
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    server.restart()
    assert len(server.client("dynamodbstreams").get_records(ShardIterator=iterator)["Records"]) == 1


# 8. One authorizer: IAM/STS denials are in the decision log too; /_warden/ follows policies.

@pytest.mark.parametrize("kind", KINDS)
def test_iam_and_sts_denials_are_explained(server, games, kind):
    _, _, key, token = restricted(server, kind, own_items(games))
    iam = server.client("iam", key=key, token=token)
    with pytest.raises(ClientError) as e:
        iam.create_user(UserName=name("intruder"))
    assert error_of(e)[0] == "AccessDenied"
    entry = explain(server, request_id(e))
    assert entry["decision"] == "deny" and entry["checks"][0]["action"] == "iam:CreateUser"
    # A role whose trust policy names another account: the trust check is decided and logged.
    target = make_role(server, trust("210987654321"))
    sts = server.client("sts", key=key, token=token)
    with pytest.raises(ClientError) as e:
        sts.assume_role(RoleArn=role_arn(target), RoleSessionName="probe")
    assert error_of(e)[0] == "AccessDenied"
    entry = explain(server, request_id(e))
    assert entry["decision"] == "deny" and entry["checks"][0]["action"] == "sts:AssumeRole"


def test_warden_endpoints_follow_policies(server):
    _, plain = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]})
    r = signed(server, b"", path="/_warden/clock", method="GET", content_type="application/json", key=plain)
    assert r.status_code == 400 and r.json()["__type"].endswith("AccessDeniedException")
    assert "warden:GetClock" in r.json()["Message"]
    rid = r.headers["x-amzn-RequestId"]
    assert explain(server, rid)["checks"][0]["action"] == "warden:GetClock"
    _, reader = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "warden:GetClock", "Resource": "*"}]})
    assert signed(server, b"", path="/_warden/clock", method="GET", content_type="application/json", key=reader).status_code == 200
    r = signed(server, {"advanceSeconds": 1}, path="/_warden/clock", content_type="application/json", key=reader)
    assert r.status_code == 400 and "warden:AdvanceClock" in r.json()["Message"]


# 9. Context keys: aws:PrincipalArn of a role session is the role's ARN; aws:ResourceAccount everywhere.

def test_principal_arn_of_a_role_session_is_the_role(server, games):
    _, caller = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]})
    role = name("reader")
    policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["dynamodb:GetItem", "iam:GetRole"], "Resource": "*",
         "Condition": {"ArnEquals": {"aws:PrincipalArn": role_arn(role)}, "StringEquals": {"aws:ResourceAccount": ACCOUNT}}}]}
    make_role(server, trust(ACCOUNT), role=role, policy=policy)
    key, token, _ = assume(server, caller, role_arn(role), session="reader")
    item = server.client(key=key, token=token).get_item(TableName=games, Key={"UserId": {"S": "alice"}, "GameTitle": {"S": "Starship X"}})
    assert item["Item"]["TopScore"] == {"N": "60"}
    assert server.client("iam", key=key, token=token).get_role(RoleName=role)["Role"]["RoleName"] == role

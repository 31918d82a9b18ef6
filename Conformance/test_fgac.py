"""Fine-grained access control, end to end through boto3 with real users, roles and sessions
made through the IAM and STS APIs: the examples of AWS's DynamoDB developer guide
(https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html),
each asserting Allow or the exact AccessDenied message."""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, REGION, create_table, error_of
from identity_helpers import assume, make_role, make_user, name, role_arn, trust, warden_token, user_arn

ITEM_ACTIONS = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]


def table_arn(table):
    return "arn:aws:dynamodb:%s:%s:table/%s" % (REGION, ACCOUNT, table)


def denied(e, principal, action, resource, reason):
    code, message = error_of(e)
    assert code == "AccessDeniedException"
    assert message == "User: %s is not authorized to perform: %s on resource: %s %s" % (principal, action, resource, reason)


@pytest.fixture(scope="module")
def scores(server):
    ddb = server.client()
    create_table(ddb, "GameScores", hash_key=("UserId", "S"), range_key=("GameTitle", "S"),
                 extra_defs=[("TopScore", "N")],
                 gsis=[{"IndexName": "TopScoreIndex", "KeySchema": [{"AttributeName": "GameTitle", "KeyType": "HASH"},
                                                                   {"AttributeName": "TopScore", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["Wins"]}}])
    for user, game, score in [("user-123", "Meteor Blasters", 500), ("user-123", "Starship X", 60), ("user-456", "Meteor Blasters", 900)]:
        ddb.put_item(TableName="GameScores", Item={"UserId": {"S": user}, "GameTitle": {"S": game}, "TopScore": {"N": str(score)},
                                                   "Wins": {"N": "3"}, "Secret": {"S": "hidden"}})
    return "GameScores"


OWN_ITEMS = {"Version": "2012-10-17", "Statement": [{
    "Sid": "AllowAccessToOnlyItemsMatchingUserID", "Effect": "Allow", "Action": ITEM_ACTIONS,
    "Resource": [table_arn("GameScores")],
    "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:PrincipalTag/userId}"]}}}]}


@pytest.fixture(scope="module")
def tagged_role_session(server, scores):
    """A role tagged userId=user-123 with the own-items policy, and a session of it."""
    _, alice_key = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]})
    role = make_role(server, trust(ACCOUNT), policy=OWN_ITEMS, Tags=[{"Key": "userId", "Value": "user-123"}])
    key, token, _ = assume(server, alice_key, role_arn(role), session="app")
    return server.client(key=key, token=token), "arn:aws:sts::%s:assumed-role/%s/app" % (ACCOUNT, role)


def test_own_partition_key_via_principal_tag(tagged_role_session, scores):
    ddb, principal = tagged_role_session
    got = ddb.get_item(TableName=scores, Key={"UserId": {"S": "user-123"}, "GameTitle": {"S": "Starship X"}})["Item"]
    assert got["TopScore"] == {"N": "60"}
    out = ddb.query(TableName=scores, KeyConditionExpression="UserId = :u", ExpressionAttributeValues={":u": {"S": "user-123"}})
    assert out["Count"] == 2
    ddb.put_item(TableName=scores, Item={"UserId": {"S": "user-123"}, "GameTitle": {"S": "New"}})
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=scores, Key={"UserId": {"S": "user-456"}, "GameTitle": {"S": "Meteor Blasters"}})
    denied(e, principal, "dynamodb:GetItem", table_arn(scores), "because no identity-based policy allows the dynamodb:GetItem action")
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=scores, KeyConditionExpression="UserId = :u", ExpressionAttributeValues={":u": {"S": "user-456"}})
    denied(e, principal, "dynamodb:Query", table_arn(scores), "because no identity-based policy allows the dynamodb:Query action")
    # A batch is denied as a whole when any part is.
    with pytest.raises(ClientError) as e:
        ddb.batch_get_item(RequestItems={scores: {"Keys": [{"UserId": {"S": "user-123"}, "GameTitle": {"S": "Starship X"}},
                                                           {"UserId": {"S": "user-456"}, "GameTitle": {"S": "Meteor Blasters"}}]}})
    assert error_of(e)[0] == "AccessDeniedException"


def test_scan_pitfall_then_explicit_deny(server, scores):
    """ForAllValues on an absent key is true: a Scan carries no dynamodb:LeadingKeys, so the
    own-items policy lets it read everything unless Scan is denied (AWS documents this)."""
    role = make_role(server, trust(ACCOUNT), policy={"Version": "2012-10-17", "Statement": [
        {**OWN_ITEMS["Statement"][0], "Action": ITEM_ACTIONS + ["dynamodb:Scan"]}]}, Tags=[{"Key": "userId", "Value": "user-123"}])
    _, user_key = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]})
    key, token, _ = assume(server, user_key, role_arn(role), session="scanner")
    ddb = server.client(key=key, token=token)
    assert ddb.scan(TableName=scores)["Count"] >= 3   # the pitfall, reproduced
    iam = server.client("iam")
    iam.put_role_policy(RoleName=role, PolicyName="deny-scan", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "dynamodb:Scan", "Resource": table_arn(scores)}]}))
    with pytest.raises(ClientError) as e:
        ddb.scan(TableName=scores)
    denied(e, "arn:aws:sts::%s:assumed-role/%s/scanner" % (ACCOUNT, role), "dynamodb:Scan", table_arn(scores),
           "with an explicit deny in an identity-based policy")


ATTRIBUTES = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Action": ITEM_ACTIONS, "Resource": [table_arn("GameScores")],
    "Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["UserId", "GameTitle", "TopScore", "Wins"]},
                  "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES", "dynamodb:ReturnValues": ["NONE", "UPDATED_OLD", "UPDATED_NEW"]}}}]}


def test_limit_attributes_with_select_and_return_values(server, scores):
    user, key = make_user(server, policy=ATTRIBUTES)
    ddb = server.client(key=key)
    k = {"UserId": {"S": "user-123"}, "GameTitle": {"S": "Meteor Blasters"}}
    got = ddb.get_item(TableName=scores, Key=k, ProjectionExpression="UserId, TopScore")["Item"]
    assert got == {"UserId": {"S": "user-123"}, "TopScore": {"N": "500"}}
    for kwargs in [dict(), dict(ProjectionExpression="UserId, Secret")]:
        with pytest.raises(ClientError) as e:
            ddb.get_item(TableName=scores, Key=k, **kwargs)
        denied(e, user_arn(user), "dynamodb:GetItem", table_arn(scores), "because no identity-based policy allows the dynamodb:GetItem action")
    out = ddb.update_item(TableName=scores, Key=k, UpdateExpression="SET Wins = Wins + :one", ExpressionAttributeValues={":one": {"N": "1"}},
                          ReturnValues="UPDATED_NEW")
    assert out["Attributes"] == {"Wins": {"N": "4"}}
    with pytest.raises(ClientError) as e:
        ddb.update_item(TableName=scores, Key=k, UpdateExpression="SET Wins = :w", ExpressionAttributeValues={":w": {"N": "1"}}, ReturnValues="ALL_NEW")
    denied(e, user_arn(user), "dynamodb:UpdateItem", table_arn(scores), "because no identity-based policy allows the dynamodb:UpdateItem action")
    with pytest.raises(ClientError) as e:
        ddb.update_item(TableName=scores, Key=k, UpdateExpression="SET Secret = :s", ExpressionAttributeValues={":s": {"S": "x"}})
    assert error_of(e)[0] == "AccessDeniedException"
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=scores, KeyConditionExpression="UserId = :u", ExpressionAttributeValues={":u": {"S": "user-123"}})
    denied(e, user_arn(user), "dynamodb:Query", table_arn(scores), "because no identity-based policy allows the dynamodb:Query action")
    out = ddb.query(TableName=scores, KeyConditionExpression="UserId = :u", ExpressionAttributeValues={":u": {"S": "user-123"}},
                    ProjectionExpression="GameTitle, TopScore")
    assert {i["GameTitle"]["S"] for i in out["Items"]} >= {"Meteor Blasters", "Starship X"}
    assert all(set(i) <= {"GameTitle", "TopScore"} for i in out["Items"])


def test_index_projection_with_select(server, scores):
    index = table_arn(scores) + "/index/TopScoreIndex"
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ["dynamodb:Query", "dynamodb:Scan"], "Resource": [index],
        "Condition": {"StringEquals": {"dynamodb:Select": "ALL_PROJECTED_ATTRIBUTES"}}}]}
    user, key = make_user(server, policy=policy)
    ddb = server.client(key=key)
    out = ddb.query(TableName=scores, IndexName="TopScoreIndex", KeyConditionExpression="GameTitle = :g",
                    ExpressionAttributeValues={":g": {"S": "Meteor Blasters"}}, Select="ALL_PROJECTED_ATTRIBUTES")
    assert [i["TopScore"]["N"] for i in out["Items"]] == ["500", "900"] and "Secret" not in out["Items"][0]
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=scores, IndexName="TopScoreIndex", KeyConditionExpression="GameTitle = :g",
                  ExpressionAttributeValues={":g": {"S": "Meteor Blasters"}}, Select="COUNT")
    denied(e, user_arn(user), "dynamodb:Query", index, "because no identity-based policy allows the dynamodb:Query action")
    with pytest.raises(ClientError) as e:
        ddb.query(TableName=scores, KeyConditionExpression="UserId = :u", ExpressionAttributeValues={":u": {"S": "user-123"}})
    denied(e, user_arn(user), "dynamodb:Query", table_arn(scores), "because no identity-based policy allows the dynamodb:Query action")


def test_web_identity_user_id(server, scores):
    web_policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": ITEM_ACTIONS, "Resource": [table_arn(scores)],
        "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${www.amazon.com:user_id}"]}}}]}
    trust_doc = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": "www.amazon.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {"www.amazon.com:app_id": "amzn1.application-oa2-client.shop"}}}]})
    role = make_role(server, trust_doc, policy=web_policy)
    code, token, err = warden_token(server, "www.amazon.com", "amzn1.account.user-123", audience="amzn1.application-oa2-client.shop")
    assert code == 0, err
    sts = server.client("sts")
    creds = sts.assume_role_with_web_identity(RoleArn=role_arn(role), RoleSessionName="web", WebIdentityToken=token,
                                              ProviderId="www.amazon.com")["Credentials"]
    ddb = server.client(key=(creds["AccessKeyId"], creds["SecretAccessKey"]), token=creds["SessionToken"])
    ddb.put_item(TableName=scores, Item={"UserId": {"S": "amzn1.account.user-123"}, "GameTitle": {"S": "Web"}})
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=scores, Key={"UserId": {"S": "user-456"}, "GameTitle": {"S": "Meteor Blasters"}})
    assert error_of(e)[0] == "AccessDeniedException"


def test_resource_policy_alone_grants_same_account_access(server, table_name):
    ddb = server.client()
    create_table(ddb, table_name)
    ddb.put_item(TableName=table_name, Item={"pk": {"S": "shared"}})
    user, key = make_user(server)
    udb = server.client(key=key)
    with pytest.raises(ClientError) as e:
        udb.get_item(TableName=table_name, Key={"pk": {"S": "shared"}})
    denied(e, user_arn(user), "dynamodb:GetItem", table_arn(table_name), "because no identity-based policy allows the dynamodb:GetItem action")
    ddb.put_resource_policy(ResourceArn=table_arn(table_name), Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": user_arn(user)}, "Action": "dynamodb:GetItem", "Resource": table_arn(table_name)}]}))
    assert udb.get_item(TableName=table_name, Key={"pk": {"S": "shared"}})["Item"] == {"pk": {"S": "shared"}}


def test_explicit_deny_in_resource_policy_overrides_identity_allow(server, table_name):
    ddb = server.client()
    create_table(ddb, table_name)
    user, key = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]})
    udb = server.client(key=key)
    udb.put_item(TableName=table_name, Item={"pk": {"S": "a"}})
    ddb.put_resource_policy(ResourceArn=table_arn(table_name), Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Principal": {"AWS": user_arn(user)}, "Action": "dynamodb:DeleteItem", "Resource": table_arn(table_name)}]}))
    with pytest.raises(ClientError) as e:
        udb.delete_item(TableName=table_name, Key={"pk": {"S": "a"}})
    denied(e, user_arn(user), "dynamodb:DeleteItem", table_arn(table_name), "with an explicit deny in a resource-based policy")
    assert udb.get_item(TableName=table_name, Key={"pk": {"S": "a"}})["Item"]


def test_permissions_boundary_limits_an_allow(server, table_name):
    ddb = server.client()
    create_table(ddb, table_name)
    iam = server.client("iam")
    boundary_arn = iam.create_policy(PolicyName=name("boundary"), PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}))["Policy"]["Arn"]
    user, key = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]})
    iam.put_user_permissions_boundary(UserName=user, PermissionsBoundary=boundary_arn)
    udb = server.client(key=key)
    assert "Item" not in udb.get_item(TableName=table_name, Key={"pk": {"S": "x"}})
    with pytest.raises(ClientError) as e:
        udb.put_item(TableName=table_name, Item={"pk": {"S": "x"}})
    denied(e, user_arn(user), "dynamodb:PutItem", table_arn(table_name), "because no permissions boundary allows the dynamodb:PutItem action")


def test_session_policy_narrows_a_role(server, table_name):
    ddb = server.client()
    create_table(ddb, table_name)
    role = make_role(server, trust(ACCOUNT), policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]})
    _, caller = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]})
    key, token, _ = assume(server, caller, role_arn(role), session="narrow", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}))
    sdb = server.client(key=key, token=token)
    assert "Item" not in sdb.get_item(TableName=table_name, Key={"pk": {"S": "x"}})
    with pytest.raises(ClientError) as e:
        sdb.delete_item(TableName=table_name, Key={"pk": {"S": "x"}})
    denied(e, "arn:aws:sts::%s:assumed-role/%s/narrow" % (ACCOUNT, role), "dynamodb:DeleteItem", table_arn(table_name),
           "because no session policy allows the dynamodb:DeleteItem action")


def test_denied_request_is_explained(server, table_name):
    import subprocess
    from conftest import BINARY, cli_env
    ddb = server.client()
    create_table(ddb, table_name)
    user, key = make_user(server)
    udb = server.client(key=key)
    with pytest.raises(ClientError) as e:
        udb.get_item(TableName=table_name, Key={"pk": {"S": "x"}})
    rid = e.value.response["ResponseMetadata"]["RequestId"]
    out = subprocess.run([BINARY, "explain", rid, "--endpoint", server.endpoint], capture_output=True, text=True, env=cli_env())
    assert out.returncode == 0, out.stderr
    assert "Decision: DENIED" in out.stdout
    assert "because no identity-based policy allows the dynamodb:GetItem action" in out.stdout

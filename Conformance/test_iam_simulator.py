"""IAM's policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy) through boto3: exact
results, and who may call it. The console's "view as" is built on SimulatePrincipalPolicy.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html"""
import json

import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, error_of
from identity_helpers import make_user, name, user_arn

TABLE = "arn:aws:dynamodb:us-east-1:%s:table/Games" % ACCOUNT

# Pretty-printed, so that statement positions are easy to read off: a statement runs from its
# opening brace to its closing brace (1-based lines and columns).
OWN_ITEMS = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "OwnItems", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": TABLE,
     "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:username}"]}}},
    {"Sid": "NoSecrets", "Effect": "Deny", "Action": "dynamodb:GetItem", "Resource": TABLE,
     "Condition": {"ForAnyValue:StringEquals": {"dynamodb:Attributes": ["secret"]}}},
]}, indent=2)


def leading(*values):
    return {"ContextKeyName": "dynamodb:LeadingKeys", "ContextKeyValues": list(values), "ContextKeyType": "stringList"}


def attributes(*values):
    return {"ContextKeyName": "dynamodb:Attributes", "ContextKeyValues": list(values), "ContextKeyType": "stringList"}


@pytest.fixture(scope="module")
def target(server):
    user = name("alice")
    server.client("iam").create_user(UserName=user)
    server.client("iam").put_user_policy(UserName=user, PolicyName="own-items", PolicyDocument=OWN_ITEMS)
    return user


def results(response):
    return [(r["EvalActionName"], r["EvalResourceName"], r["EvalDecision"]) for r in response["EvaluationResults"]]


def test_principal_policy_allows_own_items(server, target):
    iam = server.client("iam")
    r = iam.simulate_principal_policy(PolicySourceArn=user_arn(target), ActionNames=["dynamodb:GetItem"], ResourceArns=[TABLE],
                                      ContextEntries=[leading(target), attributes("pk", "name")])
    assert r["IsTruncated"] is False
    [result] = r["EvaluationResults"]
    assert result["EvalDecision"] == "allowed"
    assert result["MatchedStatements"] == [{"SourcePolicyId": "own-items", "SourcePolicyType": "user",
                                            "StartPosition": {"Line": 4, "Column": 5}, "EndPosition": {"Line": 16, "Column": 5}}]
    assert result["MissingContextValues"] == []


def test_principal_policy_denies_others_items_implicitly(server, target):
    r = server.client("iam").simulate_principal_policy(PolicySourceArn=user_arn(target), ActionNames=["dynamodb:GetItem"],
                                                       ResourceArns=[TABLE], ContextEntries=[leading("bob"), attributes("pk")])
    [result] = r["EvaluationResults"]
    assert (result["EvalDecision"], result["MatchedStatements"], result["MissingContextValues"]) == ("implicitDeny", [], [])


def test_principal_policy_explicit_deny_names_the_deny_statement(server, target):
    r = server.client("iam").simulate_principal_policy(PolicySourceArn=user_arn(target), ActionNames=["dynamodb:GetItem"],
                                                       ResourceArns=[TABLE], ContextEntries=[leading(target), attributes("pk", "secret")])
    [result] = r["EvaluationResults"]
    assert result["EvalDecision"] == "explicitDeny"
    assert result["MatchedStatements"] == [{"SourcePolicyId": "own-items", "SourcePolicyType": "user",
                                            "StartPosition": {"Line": 17, "Column": 5}, "EndPosition": {"Line": 29, "Column": 5}}]


def test_principal_policy_reports_missing_context_values(server, target):
    r = server.client("iam").simulate_principal_policy(PolicySourceArn=user_arn(target), ActionNames=["dynamodb:GetItem", "dynamodb:PutItem"],
                                                       ResourceArns=[TABLE])
    assert results(r) == [("dynamodb:GetItem", TABLE, "allowed"), ("dynamodb:PutItem", TABLE, "implicitDeny")]
    # ForAllValues over an absent key holds (no value fails it), as AWS documents; the
    # simulator still reports the keys the policy named and the request lacked.
    assert r["EvaluationResults"][0]["MissingContextValues"] == ["dynamodb:Attributes", "dynamodb:LeadingKeys"]
    assert r["EvaluationResults"][1]["MissingContextValues"] == []


def test_custom_policy_with_a_resource_policy(server):
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:Query", "Resource": "*",
                                                                 "Condition": {"StringEquals": {"dynamodb:Select": "COUNT"}}}]})
    iam = server.client("iam")
    r = iam.simulate_custom_policy(PolicyInputList=[policy], ActionNames=["dynamodb:Query"], ResourceArns=[TABLE],
                                   ContextEntries=[{"ContextKeyName": "dynamodb:Select", "ContextKeyValues": ["COUNT"], "ContextKeyType": "string"}])
    [result] = r["EvaluationResults"]
    assert result["EvalDecision"] == "allowed"
    assert result["MatchedStatements"] == [{"SourcePolicyId": "PolicyInputList.1", "SourcePolicyType": "none",
                                            "StartPosition": {"Line": 1, "Column": 41}, "EndPosition": {"Line": 1, "Column": 165}}]
    r = iam.simulate_custom_policy(PolicyInputList=[policy], ActionNames=["dynamodb:Query"], ResourceArns=[TABLE],
                                   ContextEntries=[{"ContextKeyName": "dynamodb:Select", "ContextKeyValues": ["ALL_ATTRIBUTES"], "ContextKeyType": "string"}])
    assert results(r) == [("dynamodb:Query", TABLE, "implicitDeny")]


def test_custom_policy_needs_a_policy(server):
    with pytest.raises(ClientError) as e:
        server.client("iam").simulate_custom_policy(ActionNames=["dynamodb:Query"])
    assert error_of(e) == ("ValidationError", "1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: "
                                              "Member must not be null")


def test_simulators_need_their_permissions(server, target):
    """Without iam:SimulatePrincipalPolicy / iam:SimulateCustomPolicy the simulator is refused,
    as in AWS: the console's "view as" cannot reveal more than the key may ask."""
    user, key = make_user(server, policy={"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]})
    iam = server.client("iam", key=key)
    with pytest.raises(ClientError) as e:
        iam.simulate_principal_policy(PolicySourceArn=user_arn(target), ActionNames=["dynamodb:GetItem"])
    assert error_of(e) == ("AccessDenied", "User: %s is not authorized to perform: iam:SimulatePrincipalPolicy on resource: %s "
                                           "because no identity-based policy allows the iam:SimulatePrincipalPolicy action" % (user_arn(user), user_arn(target)))
    with pytest.raises(ClientError) as e:
        iam.simulate_custom_policy(PolicyInputList=[OWN_ITEMS], ActionNames=["dynamodb:GetItem"])
    assert error_of(e) == ("AccessDenied", "User: %s is not authorized to perform: iam:SimulateCustomPolicy on resource: * "
                                           "because no identity-based policy allows the iam:SimulateCustomPolicy action" % user_arn(user))


def test_simulate_principal_policy_scoped_to_one_user(server, target):
    """iam:SimulatePrincipalPolicy is authorized on the simulated principal's ARN."""
    user, key = make_user(server, policy={"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "iam:SimulatePrincipalPolicy", "Resource": user_arn(target)}]})
    iam = server.client("iam", key=key)
    r = iam.simulate_principal_policy(PolicySourceArn=user_arn(target), ActionNames=["dynamodb:GetItem"], ResourceArns=[TABLE],
                                      ContextEntries=[leading(target)])
    assert results(r) == [("dynamodb:GetItem", TABLE, "allowed")]
    with pytest.raises(ClientError) as e:
        iam.simulate_principal_policy(PolicySourceArn=user_arn(user), ActionNames=["dynamodb:GetItem"])
    assert error_of(e)[0] == "AccessDenied"

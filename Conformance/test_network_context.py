"""Where a request comes from, in the request context: aws:SourceIp (the connection's peer),
aws:SecureTransport (false on a plain listener) and aws:RequestedRegion (the SigV4 scope's
region), as resource policies see them and `warden explain` shows them."""
import json
import subprocess

import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, BINARY, cli_env, create_table, error_of

ROOT_ARN = "arn:aws:iam::%s:root" % ACCOUNT


def deny_unless(condition, actions=("dynamodb:GetItem", "dynamodb:PutItem")):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "AllowAccount", "Effect": "Allow", "Principal": {"AWS": ACCOUNT}, "Action": "dynamodb:*", "Resource": "*"},
        {"Sid": "Network", "Effect": "Deny", "Principal": "*", "Action": list(actions), "Resource": "*", "Condition": condition},
    ]})


@pytest.fixture
def table(ddb, table_name):
    create_table(ddb, table_name)
    arn = ddb.describe_table(TableName=table_name)["Table"]["TableArn"]
    return table_name, arn


def denied_text(action, arn):
    return ("User: %s is not authorized to perform: %s on resource: %s with an explicit deny in a resource-based policy"
            % (ROOT_ARN, action, arn))


def explain(server, request_id):
    out = subprocess.run([BINARY, "explain", request_id, "--endpoint", server.endpoint], capture_output=True, text=True, env=cli_env())
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_allow_only_from_these_ips_allows_loopback(server, ddb, table):
    name, arn = table
    ddb.put_resource_policy(ResourceArn=arn, Policy=deny_unless({"NotIpAddress": {"aws:SourceIp": ["127.0.0.0/8", "2001:db8::/32"]}}))
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}})
    r = ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert r["Item"] == {"pk": {"S": "a"}}
    text = explain(server, r["ResponseMetadata"]["RequestId"])
    assert "Decision: ALLOWED" in text
    assert 'aws:SourceIp = "127.0.0.1"' in text
    assert 'aws:SecureTransport = "false"' in text
    assert 'aws:RequestedRegion = "us-east-1"' in text


def test_allow_only_from_these_ips_denies_others(server, ddb, table):
    name, arn = table
    ddb.put_resource_policy(ResourceArn=arn, Policy=deny_unless({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert error_of(e) == ("AccessDeniedException", denied_text("dynamodb:GetItem", arn))
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    text = explain(server, e.value.response["ResponseMetadata"]["RequestId"])
    assert "Decision: DENIED" in text and 'aws:SourceIp = "127.0.0.1"' in text
    # The AWS CLI sees the same denial.
    code, _, err = server.cli("dynamodb", "put-item", "--table-name", name, "--item", '{"pk": {"S": "b"}}', check=False)
    assert code != 0
    assert denied_text("dynamodb:PutItem", arn) in err


def test_ip_address_deny_applies_inside_the_range(server, ddb, table):
    """IpAddress with a bare address means /32: the loopback client is inside it."""
    name, arn = table
    ddb.put_resource_policy(ResourceArn=arn, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "dynamodb:GetItem", "Resource": "*",
         "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.1/32"}}}]}))
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert error_of(e) == ("AccessDeniedException", denied_text("dynamodb:GetItem", arn))


def test_deny_non_tls_denies_on_plain_listener(server, ddb, table):
    name, arn = table
    ddb.put_resource_policy(ResourceArn=arn, Policy=deny_unless({"Bool": {"aws:SecureTransport": "false"}}))
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert error_of(e) == ("AccessDeniedException", denied_text("dynamodb:GetItem", arn))
    text = explain(server, e.value.response["ResponseMetadata"]["RequestId"])
    assert 'aws:SecureTransport = "false"' in text
    assert 'Bool aws:SecureTransport' in text or "aws:SecureTransport" in text


def test_requested_region_is_the_signing_region(server, ddb, table):
    name, arn = table
    ddb.put_resource_policy(ResourceArn=arn, Policy=deny_unless({"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}))
    with pytest.raises(ClientError) as e:
        ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert error_of(e) == ("AccessDeniedException", denied_text("dynamodb:GetItem", arn))
    text = explain(server, e.value.response["ResponseMetadata"]["RequestId"])
    assert 'aws:RequestedRegion = "us-east-1"' in text

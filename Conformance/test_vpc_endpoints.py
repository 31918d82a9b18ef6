"""Simulated VPC endpoints (`--vpc-endpoint ID[:VPC_ID[:ACCOUNT]]@HOST:PORT`, config
`vpcEndpoints`): requests through one carry aws:SourceVpce, aws:SourceVpc, aws:VpceAccount
(and aws:VpcSourceIp instead of aws:SourceIp), and its endpoint policy must allow them too."""
import json
import re
import subprocess

import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, BINARY, Server, create_table, error_of, unique
from signing import signed

ROOT_ARN = "arn:aws:iam::%s:root" % ACCOUNT
VPCE = "vpce-0a1b2c3d"


def endpoint_policy(actions):
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": actions, "Resource": "*"}]}


@pytest.fixture(scope="module")
def vpce_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("vpce")
    config = folder / "warden.json"
    config.write_text(json.dumps({
        "accounts": [{"id": ACCOUNT, "rootCredentials": [{"accessKeyId": "test", "secretAccessKey": "test"}]}],
        "vpcEndpoints": [
            {"id": "vpce-11112222", "vpcId": "vpc-9999", "listen": "127.0.0.1:0",
             "policy": endpoint_policy(["dynamodb:GetItem", "dynamodb:DescribeTable"])},
            {"id": "vpce-33334444", "listen": "127.0.0.1:0", "policy": {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Principal": "*", "Action": "dynamodb:*", "Resource": "*"},
                {"Effect": "Deny", "Principal": "*", "Action": "dynamodb:DeleteItem", "Resource": "*"}]}},
        ]}))
    s = Server("--config", str(config), "--vpc-endpoint", VPCE + ":vpc-1234:111122223333@127.0.0.1:0", data_dir=str(folder / "data"))
    yield s
    s.stop()


def endpoint_url(server, vpce):
    m = re.search(r"VPC endpoint %s on (http://127\.0\.0\.1:\d+)" % vpce, server.startup_line)
    assert m, server.startup_line
    return m.group(1)


def deny_unless_vpce(vpce):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": ACCOUNT}, "Action": "dynamodb:*", "Resource": "*"},
        {"Sid": "DenyUnlessThroughVpce", "Effect": "Deny", "Principal": "*", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
         "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": vpce}}}]})


@pytest.fixture
def table(vpce_server):
    ddb = vpce_server.client()
    name = unique()
    create_table(ddb, name)
    arn = ddb.describe_table(TableName=name)["Table"]["TableArn"]
    return name, arn


def explain(server, request_id):
    e = signed(server, b"", path="/_warden/explain/" + request_id, method="GET", content_type="application/json")
    assert e.status_code == 200
    return e.json()


def test_deny_unless_through_vpce(vpce_server, table):
    name, arn = table
    public = vpce_server.client()
    through = vpce_server.client(endpoint=endpoint_url(vpce_server, VPCE))
    public.put_resource_policy(ResourceArn=arn, Policy=deny_unless_vpce(VPCE))
    with pytest.raises(ClientError) as e:
        public.put_item(TableName=name, Item={"pk": {"S": "a"}})
    assert error_of(e) == ("AccessDeniedException", "User: %s is not authorized to perform: dynamodb:PutItem on resource: %s "
                           "with an explicit deny in a resource-based policy" % (ROOT_ARN, arn))
    through.put_item(TableName=name, Item={"pk": {"S": "a"}})
    r = through.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert r["Item"] == {"pk": {"S": "a"}}
    body = explain(vpce_server, r["ResponseMetadata"]["RequestId"])
    assert body["decision"] == "allow"
    assert body["network"] == {"aws:RequestedRegion": "us-east-1", "aws:SecureTransport": "false", "aws:SourceVpc": "vpc-1234",
                               "aws:SourceVpce": VPCE, "aws:VpcSourceIp": "127.0.0.1", "aws:VpceAccount": "111122223333"}
    # The CLI through the endpoint, and through the other endpoint (denied by the table).
    out = subprocess.run(["aws", "dynamodb", "get-item", "--table-name", name, "--key", '{"pk": {"S": "a"}}',
                          "--endpoint-url", endpoint_url(vpce_server, VPCE)], capture_output=True, text=True,
                         env=__import__("conftest").cli_env())
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["Item"] == {"pk": {"S": "a"}}
    other = vpce_server.client(endpoint=endpoint_url(vpce_server, "vpce-33334444"))
    with pytest.raises(ClientError) as e:
        other.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert error_of(e)[0] == "AccessDeniedException" and "explicit deny in a resource-based policy" in error_of(e)[1]


def test_source_ip_is_absent_through_an_endpoint(vpce_server, table):
    """aws:SourceIp is absent through an endpoint: a Deny on IpAddress aws:SourceIp denies
    the loopback client on the public listener and does not match through the endpoint."""
    name, arn = table
    public = vpce_server.client()
    through = vpce_server.client(endpoint=endpoint_url(vpce_server, VPCE))
    public.put_resource_policy(ResourceArn=arn, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": ACCOUNT}, "Action": "dynamodb:*", "Resource": "*"},
        {"Effect": "Deny", "Principal": "*", "Action": "dynamodb:GetItem", "Resource": "*",
         "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}}]}))
    with pytest.raises(ClientError) as e:
        public.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert error_of(e)[0] == "AccessDeniedException"
    assert "Item" not in through.get_item(TableName=name, Key={"pk": {"S": "a"}})


def test_endpoint_policy_allowing_only_get_item_denies_put_item(vpce_server, table):
    name, arn = table
    through = vpce_server.client(endpoint=endpoint_url(vpce_server, "vpce-11112222"))
    assert "Item" not in through.get_item(TableName=name, Key={"pk": {"S": "a"}})
    with pytest.raises(ClientError) as e:
        through.put_item(TableName=name, Item={"pk": {"S": "a"}})
    assert error_of(e) == ("AccessDeniedException", "User: %s is not authorized to perform: dynamodb:PutItem on resource: %s "
                           "because no VPC endpoint policy allows the dynamodb:PutItem action" % (ROOT_ARN, arn))
    body = explain(vpce_server, e.value.response["ResponseMetadata"]["RequestId"])
    assert body["decision"] == "deny"
    assert body["network"]["aws:SourceVpce"] == "vpce-11112222" and body["network"]["aws:SourceVpc"] == "vpc-9999"
    assert body["network"]["aws:VpceAccount"] == ACCOUNT and "aws:SourceIp" not in body["network"]
    assert "No statement in the VPC endpoint policy allows the request." in body["checks"][0]["explanation"]
    # The same request on the public listener is allowed: the endpoint policy gates only its endpoint.
    vpce_server.client().put_item(TableName=name, Item={"pk": {"S": "a"}})


def test_explicit_deny_in_endpoint_policy(vpce_server, table):
    name, arn = table
    through = vpce_server.client(endpoint=endpoint_url(vpce_server, "vpce-33334444"))
    through.put_item(TableName=name, Item={"pk": {"S": "a"}})
    with pytest.raises(ClientError) as e:
        through.delete_item(TableName=name, Key={"pk": {"S": "a"}})
    assert error_of(e) == ("AccessDeniedException", "User: %s is not authorized to perform: dynamodb:DeleteItem on resource: %s "
                           "with an explicit deny in a VPC endpoint policy" % (ROOT_ARN, arn))
    r = through.get_item(TableName=name, Key={"pk": {"S": "a"}})
    assert r["Item"] == {"pk": {"S": "a"}}


def test_endpoint_policy_applies_to_iam_users_too(vpce_server, table):
    name, arn = table
    iam = vpce_server.client("iam")
    user = unique("u")
    iam.create_user(UserName=user)
    iam.put_user_policy(UserName=user, PolicyName="all", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName=user)["AccessKey"]
    through = vpce_server.client(endpoint=endpoint_url(vpce_server, "vpce-11112222"), key=(key["AccessKeyId"], key["SecretAccessKey"]))
    assert "Item" not in through.get_item(TableName=name, Key={"pk": {"S": "a"}})
    with pytest.raises(ClientError) as e:
        through.put_item(TableName=name, Item={"pk": {"S": "a"}})
    assert error_of(e) == ("AccessDeniedException", "User: arn:aws:iam::%s:user/%s is not authorized to perform: dynamodb:PutItem "
                           "on resource: %s because no VPC endpoint policy allows the dynamodb:PutItem action" % (ACCOUNT, user, arn))


@pytest.mark.parametrize("spec, message", [
    ("vpce-1@127.0.0.1", "--vpc-endpoint vpce-1@127.0.0.1: expected HOST:PORT"),
    ("endpoint@127.0.0.1:0", "--vpc-endpoint endpoint@127.0.0.1:0: the endpoint id must look like vpce-0a1b2c3d"),
    ("vpce-1:vpc-1:12@127.0.0.1:0", "--vpc-endpoint vpce-1:vpc-1:12@127.0.0.1:0: the account must be 12 digits"),
    ("vpce-1", "--vpc-endpoint vpce-1: expected ID[:VPC_ID[:ACCOUNT]]@HOST:PORT"),
])
def test_bad_vpc_endpoint_options(spec, message):
    out = subprocess.run([BINARY, "serve", "--in-memory", "--port", "0", "--vpc-endpoint", spec], capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert out.stderr.strip() == "warden: " + message


def test_malformed_endpoint_policy_stops_the_server(tmp_path):
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"accounts": [{"id": ACCOUNT}], "vpcEndpoints": [
        {"id": "vpce-1", "listen": "127.0.0.1:0", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]}}]}))
    out = subprocess.run([BINARY, "serve", "--in-memory", "--port", "0", "--config", str(config)], capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert out.stderr.startswith("warden: VPC endpoint vpce-1: MalformedPolicyDocument:")

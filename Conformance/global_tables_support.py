"""Shared helpers of the global tables tests: the regions, polling, replicas, region-bound
policies and the fixtures of a table with a replica."""
import time

import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, create_table
from identity_helpers import user_arn

HOME, AWAY, THIRD = "us-east-1", "eu-west-1", "ap-southeast-2"


def eventually(check, timeout=10.0):
    """Polls `check` until it returns a truthy value (or raises nothing); returns that value."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            value = check()
            if value:
                return value
        except (AssertionError, ClientError) as e:
            last = e
        time.sleep(0.05)
    if last:
        raise last
    raise AssertionError("condition not met within %.1fs" % timeout)


def arn(region, name):
    return "arn:aws:dynamodb:%s:%s:table/%s" % (region, ACCOUNT, name)


@pytest.fixture
def home(server):
    return server.client(region=HOME)


@pytest.fixture
def away(server):
    return server.client(region=AWAY)


def add_replica(client, name, region=AWAY, **extra):
    create = {"RegionName": region, **extra}
    return client.update_table(TableName=name, ReplicaUpdates=[{"Create": create}])["TableDescription"]


@pytest.fixture
def global_table(home, table_name):
    create_table(home, table_name, range_key=("sk", "N"))
    home.put_item(TableName=table_name, Item={"pk": {"S": "before"}, "sk": {"N": "1"}, "v": {"S": "copied"}})
    add_replica(home, table_name)
    return table_name


def item(client, name, pk, sk=1):
    return client.get_item(TableName=name, Key={"pk": {"S": pk}, "sk": {"N": str(sk)}}, ConsistentRead=True).get("Item")


def region_only_policy(region, actions="dynamodb:*"):
    return {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": actions, "Resource": "arn:aws:dynamodb:%s:%s:table/*" % (region, ACCOUNT)}]}


def not_authorized(user, action, resource):
    return ("User: %s is not authorized to perform: %s on resource: %s because no identity-based policy allows the %s action"
            % (user_arn(user), action, resource, action))

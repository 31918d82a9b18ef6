"""Event selectors include and exclude exactly what they say: three trails with different
selectors watch the same calls; each bucket holds its own selection."""
import pytest

from audit_support import audited_server, records
from conftest import ACCOUNT, create_table

TABLE_A = "arn:aws:dynamodb:us-east-1:%s:table/sel-a" % ACCOUNT


@pytest.fixture(scope="module")
def delivered(tmp_path_factory):
    server = audited_server(tmp_path_factory.mktemp("selectors"))
    ct = server.client("cloudtrail")
    # a: basic, every call on table sel-a, no management events.
    ct.create_trail(Name="trail-a", S3BucketName="bucket-a")
    ct.put_event_selectors(TrailName="trail-a", EventSelectors=[{
        "ReadWriteType": "All", "IncludeManagementEvents": False,
        "DataResources": [{"Type": "AWS::DynamoDB::Table", "Values": [TABLE_A]}]}])
    # b: advanced, data writes on every table.
    ct.create_trail(Name="trail-b", S3BucketName="bucket-b")
    ct.put_event_selectors(TrailName="trail-b", AdvancedEventSelectors=[{"Name": "writes", "FieldSelectors": [
        {"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::DynamoDB::Table"]},
        {"Field": "readOnly", "Equals": ["false"]}]}])
    # c: defaults, management events only.
    ct.create_trail(Name="trail-c", S3BucketName="bucket-c")
    # d: basic, reads only, prefix of every table in the account; management events read-only.
    ct.create_trail(Name="trail-d", S3BucketName="bucket-d")
    ct.put_event_selectors(TrailName="trail-d", EventSelectors=[{
        "ReadWriteType": "ReadOnly", "IncludeManagementEvents": True,
        "DataResources": [{"Type": "AWS::DynamoDB::Table", "Values": ["arn:aws:dynamodb:us-east-1:%s:table/" % ACCOUNT]}]}])
    # e: created but never started.
    ct.create_trail(Name="trail-e", S3BucketName="bucket-e")
    for name in ("trail-a", "trail-b", "trail-c", "trail-d"):
        ct.start_logging(Name=name)
    ddb = server.client()
    create_table(ddb, "sel-a")
    create_table(ddb, "sel-b")
    for table in ("sel-a", "sel-b"):
        ddb.put_item(TableName=table, Item={"pk": {"S": "1"}})
        ddb.get_item(TableName=table, Key={"pk": {"S": "1"}})
        ddb.delete_item(TableName=table, Key={"pk": {"S": "1"}})
    ddb.describe_table(TableName="sel-b")
    ct.stop_logging(Name="trail-c")
    ddb.put_item(TableName="sel-b", Item={"pk": {"S": "2"}})
    ddb.delete_table(TableName="sel-b")  # after trail-c stopped
    server.stop()
    return {b: records(server.trails, "bucket-" + b) for b in "abcde"}


def names(recs, source="dynamodb.amazonaws.com"):
    return sorted((r["eventName"], r["resources"][0]["ARN"].rsplit("/", 1)[1] if r.get("resources") else None)
                  for r in recs if r["eventSource"] == source)


def test_basic_selector_on_one_table(delivered):
    assert names(delivered["a"]) == [("DeleteItem", "sel-a"), ("GetItem", "sel-a"), ("PutItem", "sel-a")]
    assert all(r["eventCategory"] == "Data" for r in delivered["a"])


def test_advanced_selector_on_data_writes(delivered):
    assert names(delivered["b"]) == [("DeleteItem", "sel-a"), ("DeleteItem", "sel-b"), ("PutItem", "sel-a"),
                                     ("PutItem", "sel-b"), ("PutItem", "sel-b")]


def test_default_selectors_take_management_events_until_stopped(delivered):
    assert names(delivered["c"]) == [("CreateTable", "sel-a"), ("CreateTable", "sel-b"), ("DescribeTable", "sel-b")]
    # CloudTrail calls from its own start on: trail-d's StartLogging, then its own StopLogging (the last it records).
    ct = [r["eventName"] for r in delivered["c"] if r["eventSource"] == "cloudtrail.amazonaws.com"]
    assert sorted(ct) == ["StartLogging", "StopLogging"]


def test_read_only_selector_with_prefix(delivered):
    assert names(delivered["d"]) == [("DescribeTable", "sel-b"), ("GetItem", "sel-a"), ("GetItem", "sel-b")]
    assert all(r["readOnly"] for r in delivered["d"])


def test_a_trail_that_never_started_gets_nothing(delivered):
    assert delivered["e"] == []

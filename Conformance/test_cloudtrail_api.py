"""The CloudTrail API on Warden's endpoint: trail lifecycle, CloudTrail's error types and
messages, GetTrailStatus, LookupEvents filters and paging, persistence across restarts."""
import json
import subprocess
import time

import pytest
from botocore.exceptions import ClientError

from audit_support import audited_server, records
from conftest import ACCOUNT, BINARY, cli_env, create_table, error_of
from signing import signed


def test_trail_lifecycle_and_errors(tmp_path):
    server = audited_server(tmp_path)
    ct = server.client("cloudtrail")
    with pytest.raises(ClientError) as e:
        ct.get_trail(Name="missing-trail")
    assert error_of(e) == ("TrailNotFoundException", "Unknown trail: arn:aws:cloudtrail:us-east-1:%s:trail/missing-trail for the user: %s" % (ACCOUNT, ACCOUNT))
    with pytest.raises(ClientError) as e:
        ct.create_trail(Name="ab", S3BucketName="bucket")
    assert error_of(e) == ("InvalidTrailNameException", "Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.")
    with pytest.raises(ClientError) as e:
        ct.create_trail(Name="-bad", S3BucketName="bucket")
    assert error_of(e) == ("InvalidTrailNameException", "Trail name must starts with a letter or number.")
    with pytest.raises(ClientError) as e:
        ct.create_trail(Name="bad name", S3BucketName="bucket")
    assert error_of(e)[0] == "InvalidTrailNameException"
    with pytest.raises(ClientError) as e:
        ct.create_trail(Name="good-name", S3BucketName="../escape")
    assert error_of(e)[0] == "InvalidS3BucketNameException"
    created = ct.create_trail(Name="good-name", S3BucketName="bucket", S3KeyPrefix="pre/fix", IsMultiRegionTrail=True)
    assert created["TrailARN"] == "arn:aws:cloudtrail:us-east-1:%s:trail/good-name" % ACCOUNT and created["S3KeyPrefix"] == "pre/fix"
    with pytest.raises(ClientError) as e:
        ct.create_trail(Name="good-name", S3BucketName="bucket")
    assert error_of(e) == ("TrailAlreadyExistsException", "Trail good-name already exists for customer: %s" % ACCOUNT)
    trail = ct.get_trail(Name=created["TrailARN"])["Trail"]
    assert trail["HomeRegion"] == "us-east-1" and trail["IsMultiRegionTrail"] is True and trail["HasCustomEventSelectors"] is False
    assert [t["Name"] for t in ct.describe_trails()["trailList"]] == ["good-name"]
    assert ct.list_trails()["Trails"] == [{"TrailARN": created["TrailARN"], "Name": "good-name", "HomeRegion": "us-east-1"}]
    assert ct.get_trail_status(Name="good-name")["IsLogging"] is False
    ct.start_logging(Name="good-name")
    status = ct.get_trail_status(Name="good-name")
    assert status["IsLogging"] is True and "StartLoggingTime" in status
    # The selectors of a new trail, and refused ones.
    assert ct.get_event_selectors(TrailName="good-name")["EventSelectors"] == [
        {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": [], "ExcludeManagementEventSources": []}]
    with pytest.raises(ClientError) as e:
        ct.put_event_selectors(TrailName="good-name", EventSelectors=[{"ReadWriteType": "Sometimes"}])
    assert error_of(e)[0] == "InvalidEventSelectorsException"
    with pytest.raises(ClientError) as e:
        ct.put_event_selectors(TrailName="good-name", EventSelectors=[], AdvancedEventSelectors=[])
    assert error_of(e)[0] == "InvalidParameterCombinationException"
    # A multi-region trail records calls in every region, filed under each region.
    server.client(region="eu-west-1").list_tables()
    create_table(server.client(), "in-home-region")
    time.sleep(2.5)
    status = ct.get_trail_status(Name="good-name")
    assert "LatestDeliveryTime" in status
    # Trails, selectors and status survive a restart.
    server.restart()
    ct = server.client("cloudtrail")
    assert ct.get_trail_status(Name="good-name")["IsLogging"] is True
    ct.stop_logging(Name="good-name")
    ct.delete_trail(Name="good-name")
    assert ct.describe_trails()["trailList"] == []
    server.stop()
    regions = {r["awsRegion"] for r in records(server.trails)}
    assert regions == {"us-east-1", "eu-west-1"}
    assert all("/pre/fix/AWSLogs/" in p for p in __import__("audit_support").log_files(server.trails))


def test_cloudtrail_requires_a_valid_signature(tmp_path):
    server = audited_server(tmp_path)
    r = signed(server, {}, target="com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails", service="cloudtrail",
               key=("test", "wrong"), content_type="application/x-amz-json-1.1")
    assert r.status_code == 400 and r.json()["__type"].endswith("InvalidSignatureException")
    r = signed(server, {}, target="com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails", service="cloudtrail",
               content_type="application/x-amz-json-1.1")
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/x-amz-json-1.1" and r.json() == {"trailList": []}
    server.stop()


def test_lookup_events_filters_and_pages(tmp_path):
    server = audited_server(tmp_path)
    ddb, ct = server.client(), server.client("cloudtrail")
    for i in range(3):
        create_table(ddb, "look-%d" % i)
    ddb.describe_table(TableName="look-1")
    ddb.put_item(TableName="look-1", Item={"pk": {"S": "x"}})
    everything = ct.lookup_events()["Events"]
    assert [e["EventName"] for e in everything] == ["DescribeTable", "CreateTable", "CreateTable", "CreateTable"]
    # LookupEvents calls are management events too: the assertions look at DynamoDB's.
    dynamo = lambda events: [e["EventName"] for e in events if e["EventSource"] == "dynamodb.amazonaws.com"]
    by = lambda key, value: dynamo(ct.lookup_events(LookupAttributes=[{"AttributeKey": key, "AttributeValue": value}])["Events"])
    assert by("ResourceName", "look-1") == ["DescribeTable", "CreateTable"]
    assert by("ReadOnly", "true") == ["DescribeTable"]
    assert by("Username", "root") == ["DescribeTable", "CreateTable", "CreateTable", "CreateTable"]
    assert by("AccessKeyId", "test") == by("Username", "root")
    assert by("EventSource", "dynamodb.amazonaws.com") == by("Username", "root")
    assert by("EventSource", "cloudtrail.amazonaws.com") == []
    assert {e["EventName"] for e in ct.lookup_events(LookupAttributes=[{"AttributeKey": "EventSource", "AttributeValue": "cloudtrail.amazonaws.com"}])["Events"]} == {"LookupEvents"}
    assert by("ResourceType", "AWS::DynamoDB::Table") == by("Username", "root")
    assert by("EventId", everything[2]["EventId"]) == ["CreateTable"]
    assert by("EventName", "PutItem") == []
    pages, token = [], None
    while True:
        page = ct.lookup_events(MaxResults=2, **({"NextToken": token} if token else {}))
        assert len(page["Events"]) <= 2
        pages += page["Events"]
        token = page.get("NextToken")
        if not token:
            break
    assert [e["EventId"] for e in pages if e["EventSource"] == "dynamodb.amazonaws.com"] == [e["EventId"] for e in everything]
    future = ct.lookup_events(StartTime=time.time() + 3600)["Events"]
    assert future == []
    with pytest.raises(ClientError) as e:
        ct.lookup_events(LookupAttributes=[{"AttributeKey": "Bogus", "AttributeValue": "x"}])
    assert error_of(e)[0] == "InvalidLookupAttributesException"
    with pytest.raises(ClientError) as e:
        ct.lookup_events(MaxResults=51)
    assert error_of(e)[0] == "InvalidMaxResultsException"
    server.stop()


def test_tail_shows_live_records_with_filters(tmp_path):
    server = audited_server(tmp_path)
    ddb = server.client()
    create_table(ddb, "tail-table")
    ddb.put_item(TableName="tail-table", Item={"pk": {"S": "k"}, "v": {"S": "secret-value"}})
    with pytest.raises(ClientError):
        ddb.get_item(TableName="arn:aws:dynamodb:us-east-1:999999999999:table/theirs", Key={"pk": {"S": "k"}})

    def tail(*args):
        out = subprocess.run([BINARY, "trail", "tail", "--endpoint", server.endpoint, "--once", *args],
                             capture_output=True, text=True, env=cli_env())
        assert out.returncode == 0, out.stderr
        return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]

    everything = tail()
    assert [r["eventName"] for r in everything] == ["CreateTable", "PutItem", "GetItem"]
    assert "secret-value" not in json.dumps(everything)
    assert [r["eventName"] for r in tail("--table", "tail-table")] == ["CreateTable", "PutItem"]
    denied = tail("--denied")
    assert [(r["eventName"], r["errorCode"]) for r in denied] == [("GetItem", "AccessDenied")]
    assert tail("--event-name", "PutItem")[0]["requestParameters"]["key"] == {"pk": "k"}
    assert tail("--principal", "arn:aws:iam::%s:root" % ACCOUNT) == everything
    # The JSON-lines file, followed the same way.
    server.stop()
    out = subprocess.run([BINARY, "trail", "tail", "--file", server.audit_log, "--once", "--denied"], capture_output=True, text=True)
    assert [json.loads(l)["eventName"] for l in out.stdout.splitlines()] == ["GetItem"]
    # Only a signed account root may read the audit endpoint.
    server.start()
    r = signed(server, b"", path="/_warden/audit", method="GET", key=("test", "wrong"), content_type="application/json")
    assert r.status_code == 400
    server.stop()

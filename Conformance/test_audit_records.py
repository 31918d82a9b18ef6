"""A scripted session — allowed calls, failures and a denial — and the records it leaves:
delivered log files, the JSON-lines stream and LookupEvents hold exactly the expected records,
with CloudTrail's fields, and no non-key attribute value anywhere."""
import json

import pytest
from botocore.exceptions import ClientError

from audit_support import audited_server, every_byte, records, request_id, stream, validate
from conftest import ACCOUNT, REGION

SENTINEL = "NONKEY-SENTINEL-4b1d"
OTHER_ACCOUNT_TABLE = "arn:aws:dynamodb:us-east-1:999999999999:table/not-yours"


def call(calls, name, fn, *args, expect=None, **kwargs):
    """Runs one client call, remembering (eventName, requestId, errorCode)."""
    try:
        response = fn(*args, **kwargs)
        calls.append((name, request_id(response), None))
        assert expect is None, "%s should have failed with %s" % (name, expect)
        return response
    except ClientError as e:
        calls.append((name, request_id(e), e.response["Error"]["Code"]))
        assert expect is not None and e.response["Error"]["Code"] == expect, e.response["Error"]
        return e


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    server = audited_server(tmp_path_factory.mktemp("session"))
    trail = server.client("cloudtrail")
    trail.create_trail(Name="audit-trail", S3BucketName="audit-bucket", S3KeyPrefix="warden", EnableLogFileValidation=True)
    trail.put_event_selectors(TrailName="audit-trail", EventSelectors=[{
        "ReadWriteType": "All", "IncludeManagementEvents": True,
        "DataResources": [{"Type": "AWS::DynamoDB::Table", "Values": ["arn:aws:dynamodb"]}]}])
    trail.start_logging(Name="audit-trail")
    ddb = server.client()
    calls = []
    s = {"S": SENTINEL}
    call(calls, "CreateTable", ddb.create_table, TableName="orders", BillingMode="PAY_PER_REQUEST",
         KeySchema=[{"AttributeName": "orderId", "KeyType": "HASH"}, {"AttributeName": "line", "KeyType": "RANGE"}],
         AttributeDefinitions=[{"AttributeName": "orderId", "AttributeType": "S"}, {"AttributeName": "line", "AttributeType": "N"}])
    call(calls, "PutItem", ddb.put_item, TableName="orders", Item={"orderId": {"S": "o-1"}, "line": {"N": "1"}, "note": s, "tags": {"SS": [SENTINEL]}})
    call(calls, "GetItem", ddb.get_item, TableName="orders", Key={"orderId": {"S": "o-1"}, "line": {"N": "1"}})
    call(calls, "UpdateItem", ddb.update_item, TableName="orders", Key={"orderId": {"S": "o-1"}, "line": {"N": "1"}},
         UpdateExpression="SET #n = :v", ExpressionAttributeNames={"#n": "note"}, ExpressionAttributeValues={":v": s})
    call(calls, "UpdateItem", ddb.update_item, TableName="orders", Key={"orderId": {"S": "o-1"}, "line": {"N": "1"}},
         UpdateExpression="SET #n = :v", ConditionExpression="#n = :old", ExpressionAttributeNames={"#n": "note"},
         ExpressionAttributeValues={":v": s, ":old": {"S": "something else " + SENTINEL}}, expect="ConditionalCheckFailedException")
    call(calls, "Query", ddb.query, TableName="orders", KeyConditionExpression="orderId = :o", FilterExpression="note = :n",
         ExpressionAttributeValues={":o": {"S": "o-1"}, ":n": s})
    call(calls, "Scan", ddb.scan, TableName="orders", FilterExpression="contains(tags, :t)", ExpressionAttributeValues={":t": s})
    call(calls, "BatchWriteItem", ddb.batch_write_item, RequestItems={"orders": [
        {"PutRequest": {"Item": {"orderId": {"S": "o-2"}, "line": {"N": "1"}, "note": s}}},
        {"PutRequest": {"Item": {"orderId": {"S": "o-3"}, "line": {"N": "2"}, "note": s}}}]})
    call(calls, "BatchGetItem", ddb.batch_get_item, RequestItems={"orders": {"Keys": [{"orderId": {"S": "o-2"}, "line": {"N": "1"}}]}})
    call(calls, "TransactWriteItems", ddb.transact_write_items, TransactItems=[
        {"Put": {"TableName": "orders", "Item": {"orderId": {"S": "o-4"}, "line": {"N": "1"}, "note": s}}},
        {"Update": {"TableName": "orders", "Key": {"orderId": {"S": "o-2"}, "line": {"N": "1"}},
                    "UpdateExpression": "SET note = :v", "ExpressionAttributeValues": {":v": s}}}])
    call(calls, "TransactGetItems", ddb.transact_get_items, TransactItems=[{"Get": {"TableName": "orders", "Key": {"orderId": {"S": "o-4"}, "line": {"N": "1"}}}}])
    call(calls, "DeleteItem", ddb.delete_item, TableName="orders", Key={"orderId": {"S": "o-3"}, "line": {"N": "2"}})
    # A validation failure: the item lacks its sort key (and carries the sentinel).
    call(calls, "PutItem", ddb.put_item, TableName="orders", Item={"orderId": {"S": "o-9"}, "note": s}, expect="ValidationException")
    # Denied: an account root may not touch another account's table.
    call(calls, "GetItem", ddb.get_item, TableName=OTHER_ACCOUNT_TABLE, Key={"id": {"S": "x"}}, expect="AccessDeniedException")
    # Authentication failures: a wrong secret, an unknown key.
    call(calls, "DescribeTable", server.client(key=("test", "wrong-secret")).describe_table, TableName="orders",
         expect="InvalidSignatureException")
    call(calls, "ListTables", server.client(key=("AKIDUNKNOWN", "x")).list_tables, expect="UnrecognizedClientException")
    call(calls, "DescribeTable", ddb.describe_table, TableName="orders")
    lookup = trail.lookup_events(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "CreateTable"}])
    put_lookup = trail.lookup_events(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "PutItem"}])
    server.stop()
    yield server, calls, lookup, put_lookup


def test_delivered_records_are_exactly_the_session(session):
    server, calls, _, _ = session
    delivered = [r for r in records(server.trails) if r["eventSource"] == "dynamodb.amazonaws.com"]
    got = sorted((r["eventName"], r["requestID"], r.get("errorCode")) for r in delivered)
    expected = sorted((name, rid, "AccessDenied" if code == "AccessDeniedException" else code) for name, rid, code in calls)
    assert got == expected
    # The trail's own calls after StartLogging are management events of cloudtrail.amazonaws.com.
    ct = [r["eventName"] for r in records(server.trails) if r["eventSource"] == "cloudtrail.amazonaws.com"]
    assert sorted(ct) == ["LookupEvents", "LookupEvents"]


def test_records_have_cloudtrails_fields(session):
    server, calls, _, _ = session
    by_id = {r["requestID"]: r for r in records(server.trails)}
    for record in by_id.values():
        assert record["eventVersion"] == "1.09"
        assert record["eventType"] == "AwsApiCall"
        assert record["awsRegion"] == REGION
        assert record["recipientAccountId"] == ACCOUNT
        assert record["sourceIPAddress"] == "127.0.0.1"
        assert record["eventTime"].endswith("Z") and len(record["eventTime"]) == 20
        assert len(record["eventID"]) == 36
        assert "botocore" in record["userAgent"].lower()
        assert record["managementEvent"] == (record["eventCategory"] == "Management")
    put = by_id[calls[1][1]]
    assert put["userIdentity"] == {"type": "Root", "principalId": ACCOUNT, "arn": "arn:aws:iam::%s:root" % ACCOUNT,
                                   "accountId": ACCOUNT, "accessKeyId": "test"}
    assert put["requestParameters"] == {"tableName": "orders", "key": {"orderId": "o-1", "line": "1"}, "item": ["orderId", "line", "note", "tags"]}
    assert put["responseElements"] is None
    assert put["readOnly"] is False and put["eventCategory"] == "Data" and put["managementEvent"] is False
    assert put["resources"] == [{"accountId": ACCOUNT, "type": "AWS::DynamoDB::Table", "ARN": "arn:aws:dynamodb:us-east-1:%s:table/orders" % ACCOUNT}]
    assert put["apiVersion"] == "2012-08-10"
    get = by_id[calls[2][1]]
    assert get["readOnly"] is True and get["requestParameters"] == {"tableName": "orders", "key": {"orderId": "o-1", "line": "1"}}
    update = by_id[calls[3][1]]
    assert update["requestParameters"] == {"tableName": "orders", "key": {"orderId": "o-1", "line": "1"},
                                           "updateExpression": "SET #n = :v", "expressionAttributeNames": {"#n": "note"}}
    failed = by_id[calls[4][1]]
    assert failed["errorCode"] == "ConditionalCheckFailedException" and failed["errorMessage"] == "The conditional request failed"
    create = by_id[calls[0][1]]
    assert create["eventCategory"] == "Management" and create["readOnly"] is False
    assert create["requestParameters"]["tableName"] == "orders"
    assert create["requestParameters"]["keySchema"][0] == {"attributeName": "orderId", "keyType": "HASH"}
    assert create["responseElements"]["tableDescription"]["tableStatus"] in ("CREATING", "ACTIVE")
    describe = by_id[calls[-1][1]]
    assert describe["readOnly"] is True and describe["responseElements"] is None


def test_failures_and_denials(session):
    server, calls, _, _ = session
    by_id = {r["requestID"]: r for r in records(server.trails)}
    denied = by_id[[rid for name, rid, code in calls if code == "AccessDeniedException"][0]]
    assert denied["errorCode"] == "AccessDenied"
    assert "is not authorized to perform: dynamodb:GetItem" in denied["errorMessage"]
    assert denied["additionalEventData"] == {"wardenDecisionTrace": "/_warden/explain/" + denied["requestID"]}
    assert denied["resources"][0]["ARN"] == OTHER_ACCOUNT_TABLE
    bad_signature = by_id[[rid for name, rid, code in calls if code == "InvalidSignatureException"][0]]
    assert bad_signature["userIdentity"]["type"] == "Root" or bad_signature["userIdentity"] == {"type": "Unknown", "accessKeyId": "test"}
    assert bad_signature["errorMessage"].startswith("The request signature we calculated does not match")
    unknown = by_id[[rid for name, rid, code in calls if code == "UnrecognizedClientException"][0]]
    assert unknown["userIdentity"] == {"type": "Unknown", "accessKeyId": "AKIDUNKNOWN"}
    validation = by_id[[rid for name, rid, code in calls if code == "ValidationException"][0]]
    assert validation["requestParameters"]["tableName"] == "orders"
    assert validation["errorMessage"].startswith("One or more parameter values were invalid")


def test_no_non_key_value_is_delivered_anywhere(session):
    server, _, _, _ = session
    blobs = every_byte(server.trails, server.audit_log)
    assert len(blobs) > 4
    for blob in blobs:
        assert SENTINEL.encode() not in blob


def test_stream_has_every_request(session):
    server, calls, _, _ = session
    lines = stream(server)
    ids = {r["requestID"] for r in lines}
    assert {rid for _, rid, _ in calls} <= ids
    # The stream also has the calls made before logging started (CreateTrail, PutEventSelectors, StartLogging).
    assert {"CreateTrail", "PutEventSelectors", "StartLogging"} <= {r["eventName"] for r in lines}


def test_lookup_events_returns_management_events_only(session):
    server, calls, lookup, put_lookup = session
    assert put_lookup["Events"] == []
    [event] = lookup["Events"]
    assert set(event) == {"EventId", "EventName", "ReadOnly", "AccessKeyId", "EventTime", "EventSource", "Username", "Resources", "CloudTrailEvent"}
    assert event["EventName"] == "CreateTable" and event["ReadOnly"] == "false" and event["Username"] == "root"
    assert event["AccessKeyId"] == "test" and event["EventSource"] == "dynamodb.amazonaws.com"
    assert event["Resources"] == [{"ResourceType": "AWS::DynamoDB::Table", "ResourceName": "orders"}]
    record = json.loads(event["CloudTrailEvent"])
    delivered = {r["eventID"]: r for r in records(server.trails)}
    assert delivered[event["EventId"]] == record


def test_delivered_files_validate(session):
    server, _, _, _ = session
    code, out, err = validate(server.trails, "--verbose")
    assert code == 0, out + err
    assert "digest files valid" in out and "INVALID" not in out


def test_ttl_deletions_are_aws_service_events(tmp_path):
    import time
    import clock
    from conftest import create_table
    from audit_support import audited_server, stream
    server = audited_server(tmp_path, name="ttl")
    try:
        ddb = server.client()
        create_table(ddb, "ttl-audit")
        ddb.update_time_to_live(TableName="ttl-audit", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
        now = int(clock.now(server)["epochSeconds"])
        ddb.put_item(TableName="ttl-audit", Item={"pk": {"S": "gone"}, "exp": {"N": str(now + 60)}, "secret": {"S": "SENTINEL-TTL"}})
        clock.advance(server, 120)
        deadline = time.time() + 15
        events = []
        while time.time() < deadline:
            events = [e for e in stream(server) if e.get("userIdentity", {}).get("type") == "AWSService"]
            if events:
                break
            time.sleep(0.3)
        assert events, "no AWSService event for the TTL deletion"
        e = events[0]
        assert e["eventName"] == "DeleteItem" and e["eventType"] == "AwsServiceEvent"
        assert e["userIdentity"]["invokedBy"] == "dynamodb.amazonaws.com"
        assert e["requestParameters"] == {"tableName": "ttl-audit", "key": {"pk": "gone"}}
        assert "SENTINEL-TTL" not in json.dumps(e)
    finally:
        server.stop()

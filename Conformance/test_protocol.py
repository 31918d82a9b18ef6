"""The AWS JSON 1.0 protocol: routing, headers, error bodies, limits."""
import requests

from signing import crc_ok, dynamo, signed


def test_success_carries_request_id_and_crc32(server):
    r = dynamo(server, "ListTables", {})
    assert r.status_code == 200
    assert len(r.headers["x-amzn-RequestId"]) == 52
    assert crc_ok(r)
    assert r.headers["Content-Type"] == "application/x-amz-json-1.0"


def test_unknown_operation(server):
    r = dynamo(server, "FlyToTheMoon", {})
    assert r.status_code == 400
    assert r.json() == {"__type": "com.amazon.coral.service#UnknownOperationException"}
    assert crc_ok(r)


def test_malformed_json_is_serialization_exception(server):
    r = dynamo(server, "ListTables", "{not json")
    assert r.status_code == 400
    assert r.json()["__type"] == "com.amazon.coral.service#SerializationException"


def test_wrong_member_type_is_serialization_exception(server):
    r = dynamo(server, "DescribeTable", {"TableName": 5})
    assert r.status_code == 400
    assert r.json() == {"__type": "com.amazon.coral.service#SerializationException",
                        "Message": "class java.lang.Short can not be converted to an String"}


def test_validation_error_body(server):
    r = dynamo(server, "DescribeTable", {})
    assert r.status_code == 400
    assert r.json() == {"__type": "com.amazon.coral.validate#ValidationException",
                        "message": "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"}


def test_resource_not_found_body(server):
    r = dynamo(server, "DescribeTable", {"TableName": "missing-table"})
    assert r.json() == {"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                        "message": "Requested resource not found: Table: missing-table not found"}


def test_missing_authentication(server):
    r = requests.post(server.endpoint + "/", data=b"{}", headers={"X-Amz-Target": "DynamoDB_20120810.ListTables",
                                                                 "Content-Type": "application/x-amz-json-1.0"})
    assert r.status_code == 400
    assert r.json()["__type"] == "com.amazon.coral.service#MissingAuthenticationTokenException"


def test_body_over_16_mb_is_refused(server):
    r = dynamo(server, "ListTables", b"{" + b" " * (16 * 1024 * 1024 + 10) + b"}")
    assert r.status_code == 413


def test_health_line(server):
    r = requests.get(server.endpoint + "/")
    assert r.status_code == 200
    assert r.text == "healthy: dynamodb.us-east-1.amazonaws.com "

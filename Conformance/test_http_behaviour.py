"""HTTP behaviour of the endpoint, as DynamoDB's own: content codings of requests and answers,
the CRC32 header over the bytes sent, CORS, the Server and Date headers, request heads that are
too long, chunked bodies and content types. Raw signed requests (botocore's signer) where the
HTTP details matter, boto3 where a client's view does.

Sources for the service's behaviour: ScyllaDB's test/alternator/test_compressed_request.py and
test_compressed_response.py (run against DynamoDB), dynalite's test/connection.js (recorded
against DynamoDB), aws-sdk-go-v2's DynamoDB customizations (CRC32 of the gzipped bytes).
"""
import email.utils
import gzip
import json
import socket
import time
import zlib

import boto3
import botocore
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from conftest import REGION, ROOT_KEY, create_table, unique

INTERNAL = {"__type": "com.amazonaws.dynamodb.v20120810#InternalServerError",
            "message": "The server encountered an internal error trying to fulfill the request."}
TOO_LARGE = {"__type": "com.amazon.coral.service#RequestEntityTooLarge",
             "message": "Request payload size exceeds the limit of 16777216 bytes."}
EXPOSED = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"


def sign(server, body, target, headers=None, path="/", method="POST"):
    """The headers of a request signed over `body`, the bytes as sent."""
    h = {"Content-Type": "application/x-amz-json-1.0"}
    if target:
        h["X-Amz-Target"] = "DynamoDB_20120810." + target
    h.update(headers or {})
    req = AWSRequest(method=method, url=server.endpoint + path, data=body, headers=h)
    SigV4Auth(Credentials(*ROOT_KEY), "dynamodb", REGION).add_auth(req)
    return dict(req.prepare().headers)


def send(server, target, body, headers=None, accept="identity", signed_body=None):
    """POSTs `body` (bytes, sent as they are) signed over `signed_body` (default: `body`);
    returns the response and the body bytes exactly as received (no decoding)."""
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode()
    h = sign(server, body if signed_body is None else signed_body, target, headers)
    h["Accept-Encoding"] = accept
    r = requests.post(server.endpoint + "/", headers=h, data=body, timeout=60, stream=True)
    raw = r.raw.read(decode_content=False)
    r.close()
    return r, raw


def put_body(table, key, **extra):
    item = {"pk": {"S": key}}
    item.update({k: {"S": v} for k, v in extra.items()})
    return json.dumps({"TableName": table, "Item": item}).encode()


def crc(raw):
    return str(zlib.crc32(raw) & 0xFFFFFFFF)


@pytest.fixture(scope="module")
def table(server):
    name = unique("http")
    create_table(server.client(), name)
    return name


def stored(server, table, key):
    return server.client().get_item(TableName=table, Key={"pk": {"S": key}}, ConsistentRead=True).get("Item")


# 1. Request bodies with Content-Encoding.

@pytest.mark.parametrize("coding,compress", [
    ("gzip", gzip.compress), ("deflate", zlib.compress), ("GZIP", gzip.compress), ("Deflate", zlib.compress),
])
def test_a_compressed_request_is_decoded(server, table, coding, compress):
    key = unique("k")
    r, raw = send(server, "PutItem", compress(put_body(table, key, v="value")), {"Content-Encoding": coding})
    assert (r.status_code, raw) == (200, b"{}")
    assert stored(server, table, key) == {"pk": {"S": key}, "v": {"S": "value"}}


def test_identity_is_no_coding(server, table):
    key = unique("k")
    r, raw = send(server, "PutItem", put_body(table, key), {"Content-Encoding": "identity"})
    assert (r.status_code, raw) == (200, b"{}")
    assert stored(server, table, key) == {"pk": {"S": key}}


def test_gzip_members_one_after_another_are_one_body(server, table):
    key = unique("k")
    body = put_body(table, key, v="two members")
    r, raw = send(server, "PutItem", gzip.compress(body[:10]) + gzip.compress(body[10:]), {"Content-Encoding": "gzip"})
    assert (r.status_code, raw) == (200, b"{}")
    assert stored(server, table, key) == {"pk": {"S": key}, "v": {"S": "two members"}}


def test_junk_after_a_gzip_body_is_ignored_as_dynamodb_ignores_it(server, table):
    key = unique("k")
    r, raw = send(server, "PutItem", gzip.compress(put_body(table, key)) + b"junk", {"Content-Encoding": "gzip"})
    assert (r.status_code, raw) == (200, b"{}")
    assert stored(server, table, key) == {"pk": {"S": key}}


def test_only_the_first_deflate_stream_is_read(server, table):
    # DynamoDB does not read a second zlib stream: the first ten bytes alone are not JSON.
    body = put_body(table, unique("k"))
    r, raw = send(server, "PutItem", zlib.compress(body[:10]) + zlib.compress(body[10:]), {"Content-Encoding": "deflate"})
    assert r.status_code == 400
    assert json.loads(raw) == {"__type": "com.amazon.coral.service#SerializationException"}


@pytest.mark.parametrize("case", ["not-compressed", "truncated", "empty", "unknown-coding", "list", "x-gzip", "gzip-as-deflate"])
def test_a_body_that_cannot_be_decoded_is_an_internal_server_error(server, table, case):
    key = unique("k")
    body = put_body(table, key)
    sent, coding = {
        "not-compressed": (body, "gzip"),
        "truncated": (gzip.compress(body)[:-1], "gzip"),
        "empty": (b"", "gzip"),
        "unknown-coding": (body, "garbage"),
        "list": (gzip.compress(gzip.compress(body)), "gzip, gzip"),
        "x-gzip": (gzip.compress(body), "x-gzip"),
        "gzip-as-deflate": (gzip.compress(body), "deflate"),
    }[case]
    r, raw = send(server, "PutItem", sent, {"Content-Encoding": coding})
    assert r.status_code == 500
    assert json.loads(raw) == INTERNAL
    assert r.headers["x-amz-crc32"] == crc(raw) and len(r.headers["x-amzn-RequestId"]) == 52
    assert stored(server, table, key) is None


def test_empty_deflate_body_is_an_internal_server_error(server):
    r, raw = send(server, "ListTables", b"", {"Content-Encoding": "deflate"})
    assert (r.status_code, json.loads(raw)) == (500, INTERNAL)


@pytest.mark.parametrize("coding,compress", [("gzip", gzip.compress), ("deflate", zlib.compress)])
def test_a_body_over_16_mb_once_decompressed_is_refused(server, table, coding, compress):
    # 20 MB of spaces inside valid JSON: a few kilobytes on the wire (a decompression bomb).
    key = unique("k")
    body = put_body(table, key)
    bomb = compress(body[:-1] + b" " * (20 * 1024 * 1024) + body[-1:])
    assert len(bomb) < 100_000
    r, raw = send(server, "PutItem", bomb, {"Content-Encoding": coding})
    assert (r.status_code, json.loads(raw)) == (413, TOO_LARGE)
    assert stored(server, table, key) is None


def test_a_body_of_16_mb_once_decompressed_is_taken(server):
    body = b'{"Limit":5' + b" " * (16 * 1024 * 1024 - 11) + b"}"
    assert len(body) == 16 * 1024 * 1024
    r, raw = send(server, "ListTables", gzip.compress(body), {"Content-Encoding": "gzip"})
    assert r.status_code == 200 and "TableNames" in json.loads(raw)


def test_the_signature_covers_the_compressed_bytes(server, table):
    key = unique("k")
    body = put_body(table, key)
    # Signed over the uncompressed JSON, sent compressed: the signature does not match.
    r, raw = send(server, "PutItem", gzip.compress(body), {"Content-Encoding": "gzip"}, signed_body=body)
    assert r.status_code == 400
    assert json.loads(raw)["__type"] == "com.amazon.coral.service#InvalidSignatureException"
    assert json.loads(raw)["message"].startswith("The request signature we calculated does not match the signature you provided.")
    assert stored(server, table, key) is None


def test_boto3_request_compression(server, table):
    """botocore compresses requests whose operation has the `requestcompression` trait; turn it
    on for every DynamoDB operation, from the first byte, as a client that compresses would."""
    config = botocore.config.Config(request_min_compression_size_bytes=1)
    client = boto3.client("dynamodb", endpoint_url=server.endpoint, region_name=REGION,
                          aws_access_key_id=ROOT_KEY[0], aws_secret_access_key=ROOT_KEY[1], config=config)
    seen = []
    client.meta.events.register("before-send", lambda request, **kw: seen.append(request.headers.get("Content-Encoding")))
    operations = client.meta.service_model._service_description["operations"]
    for op in operations.values():
        op["requestcompression"] = {"encodings": ["gzip"]}
    key = unique("k")
    client.put_item(TableName=table, Item={"pk": {"S": key}, "v": {"S": "x" * 20000}})
    got = client.get_item(TableName=table, Key={"pk": {"S": key}}, ConsistentRead=True)["Item"]
    assert got == {"pk": {"S": key}, "v": {"S": "x" * 20000}}
    assert [h.decode() if isinstance(h, bytes) else h for h in seen] == ["gzip", "gzip"]


# 2. Answers compressed by Accept-Encoding, CRC32 over the bytes sent.

@pytest.fixture(scope="module")
def big(server, table):
    """A key whose GetItem answer is 8 KB of JSON."""
    key = unique("big")
    server.client().put_item(TableName=table, Item={"pk": {"S": key}, "v": {"S": "x" * 8000}})
    return key


def get(server, table, key, accept):
    return send(server, "GetItem", {"TableName": table, "Key": {"pk": {"S": key}}}, accept=accept)


@pytest.mark.parametrize("accept,coding,decompress", [
    ("gzip", "gzip", gzip.decompress), ("deflate", "deflate", zlib.decompress),
    ("gzip, deflate", "gzip", gzip.decompress), ("deflate, gzip", "deflate", zlib.decompress),
])
def test_a_large_answer_is_compressed_and_its_crc_covers_the_sent_bytes(server, table, big, accept, coding, decompress):
    r, raw = get(server, table, big, accept)
    assert r.status_code == 200 and r.headers["Content-Encoding"] == coding
    assert r.headers["x-amz-crc32"] == crc(raw)
    assert int(r.headers["Content-Length"]) == len(raw) < 1000
    assert json.loads(decompress(raw)) == {"Item": {"pk": {"S": big}, "v": {"S": "x" * 8000}}}


def test_without_accept_encoding_nothing_is_compressed(server, table, big):
    for accept in ("identity", ""):
        r, raw = get(server, table, big, accept)
        assert "Content-Encoding" not in r.headers and r.headers["x-amz-crc32"] == crc(raw)
        assert json.loads(raw)["Item"]["v"]["S"] == "x" * 8000


def test_the_threshold_is_4096_bytes(server, table):
    key = unique("edge")
    client = server.client()
    client.put_item(TableName=table, Item={"pk": {"S": key}, "v": {"S": "y" * 4000}})
    _, raw = get(server, table, key, "identity")
    grow = 4096 - len(raw)
    client.put_item(TableName=table, Item={"pk": {"S": key}, "v": {"S": "y" * (4000 + grow)}})
    r, raw = get(server, table, key, "gzip")
    assert r.headers.get("Content-Encoding") == "gzip" and len(gzip.decompress(raw)) == 4096
    client.put_item(TableName=table, Item={"pk": {"S": key}, "v": {"S": "y" * (4000 + grow - 1)}})
    r, raw = get(server, table, key, "gzip")
    assert "Content-Encoding" not in r.headers and len(raw) == 4095 and r.headers["x-amz-crc32"] == crc(raw)


# Accept-Encoding values and what DynamoDB chose for each (ScyllaDB's test_compressed_response.py).
ACCEPT_TABLE = [
    ("identity", None), ("br", None), ("zstd", None), ("compress", None), ("x-gzip", None),
    ("gzip, deflate", "gzip"), ("br, identity, deflate, gzip", "deflate"), ("GZIP, identity", "gzip"),
    ("dog, gzip ,, cat", "gzip"), ("gzip;q=0.8, deflate;q=0.5", "gzip"),
    ("br, gzip;q=0, deflate; q = 0.5 , identity;q=0", "deflate"),
    ("*", "gzip"), ("*, deflate;q=0.5", "gzip"), ("*, deflate", "deflate"), ("*, identity", "gzip"),
    ("*, gzip;q=0.5", "deflate"), ("gzip ;q=0", None), ("identity;q=0", None), ("*;q=0", None),
    ("*;q=0.5,identity", "gzip"), ("gzip;q=0.5,identity;q=0.8", "gzip"), ("br;q=0.8,identity;q=0.5,*;q=0", None),
    ('"gzip"', None), ("gzip br", None), ("gzip:q=1", None), ("deflate;q=0.5, gzip;q=31", "gzip"),
    ("gzip;q=31,deflate;q=51", "gzip"), ("deflate;q=0.5, gzip;q=0.2", "deflate"),
    ("deflate;q=0.5, gzip;q=1;q=0.2", "gzip"), ("deflate;q=0.5,gzip;q=0.", "deflate"),
    ("deflate;q=0.5,gzip;q=0.x", "gzip"), ("deflate;q=-0.5,gzip;q=0.2", "gzip"), ("gzip;nq=1;q=0 ", None),
    ("gzip;q=0, gzip;q=1, gzip;q=0", "gzip"), ("br,identity;q=0.5,gzip;q=0.0001", "gzip"),
]


@pytest.mark.parametrize("accept,coding", ACCEPT_TABLE)
def test_accept_encoding_is_read_as_dynamodb_reads_it(server, table, big, accept, coding):
    r, raw = get(server, table, big, accept)
    assert r.status_code == 200
    assert r.headers.get("Content-Encoding") == coding
    assert r.headers["x-amz-crc32"] == crc(raw)


def test_a_small_answer_is_not_compressed(server, table):
    r, raw = send(server, "ListTables", {"Limit": 1}, accept="gzip")
    assert r.status_code == 200 and "Content-Encoding" not in r.headers and json.loads(raw)


def test_a_large_error_is_compressed_too(server, table, big):
    r, raw = send(server, "PutItem", {"TableName": table, "Item": {"pk": {"S": big}},
                                       "ConditionExpression": "attribute_not_exists(pk)",
                                       "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}, accept="gzip")
    assert r.status_code == 400 and r.headers["Content-Encoding"] == "gzip" and r.headers["x-amz-crc32"] == crc(raw)
    assert json.loads(gzip.decompress(raw)) == {"__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                                                "message": "The conditional request failed",
                                                "Item": {"pk": {"S": big}, "v": {"S": "x" * 8000}}}


def test_boto3_checks_the_crc_of_a_compressed_answer(server, table, big):
    """botocore verifies x-amz-crc32 over the raw body before it parses; with a decompressing
    hook a gzip answer parses, which it only does when the CRC matched the bytes sent."""
    client = server.client()
    seen = []

    def accept(params, **kw):
        params["headers"]["Accept-Encoding"] = "gzip"

    def decompress(response_dict, **kw):
        seen.append(response_dict["headers"].get("Content-Encoding"))
        if response_dict["headers"].get("Content-Encoding") == "gzip":
            response_dict["body"] = gzip.decompress(response_dict["body"])

    client.meta.events.register("before-call", accept)
    client.meta.events.register("before-parse", decompress)
    item = client.get_item(TableName=table, Key={"pk": {"S": big}})["Item"]
    assert item["v"]["S"] == "x" * 8000 and seen == ["gzip"]


# 3. CORS.

def test_a_preflight_with_origin_is_answered(server):
    r = requests.options(server.endpoint + "/", headers={
        "Origin": "https://app.example", "Access-Control-Request-Headers": "a, b, c",
        "Access-Control-Request-Method": "POST"}, timeout=10)
    assert r.status_code == 200 and r.content == b""
    assert r.headers["Content-Length"] == "0" and len(r.headers["x-amzn-RequestId"]) == 52
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert r.headers["Access-Control-Allow-Headers"] == "a, b, c"
    assert r.headers["Access-Control-Allow-Methods"] == "POST"
    assert r.headers["Access-Control-Max-Age"] == "172800"
    assert r.headers["Access-Control-Expose-Headers"] == EXPOSED


def test_a_bare_preflight_echoes_nothing(server):
    r = requests.options(server.endpoint + "/", headers={"Origin": "whatever"}, timeout=10)
    assert r.status_code == 200 and r.content == b""
    assert "Access-Control-Allow-Headers" not in r.headers and "Access-Control-Allow-Methods" not in r.headers
    assert r.headers["Access-Control-Max-Age"] == "172800"


def test_options_without_origin_is_not_found(server):
    r = requests.options(server.endpoint + "/", timeout=10)
    assert r.status_code == 404 and r.content == b"<UnknownOperationException/>\n"
    assert "Access-Control-Allow-Origin" not in r.headers


def test_answers_to_a_request_with_origin_allow_any_origin(server):
    ok, _ = send(server, "ListTables", {}, {"Origin": "https://app.example"})
    err, raw = send(server, "DescribeTable", {"TableName": "no-such-table"}, {"Origin": "https://app.example"})
    unsigned = requests.post(server.endpoint + "/", data=b"", headers={"Origin": "x"}, timeout=10)
    for r in (ok, err, unsigned):
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        assert r.headers["Access-Control-Expose-Headers"] == EXPOSED
    assert err.status_code == 400 and json.loads(raw)["__type"] == "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
    plain, _ = send(server, "ListTables", {})
    assert "Access-Control-Allow-Origin" not in plain.headers


# 4. Server and Date on every answer.

def test_every_answer_carries_server_and_date(server):
    answers = [send(server, "ListTables", {})[0], send(server, "DescribeTable", {"TableName": "none"})[0],
               requests.get(server.endpoint + "/", timeout=10), requests.put(server.endpoint + "/", timeout=10),
               requests.options(server.endpoint + "/", headers={"Origin": "o"}, timeout=10),
               send(server, "PutItem", b"x", {"Content-Encoding": "gzip"})[0]]
    assert [r.status_code for r in answers] == [200, 400, 200, 404, 200, 500]
    for r in answers:
        assert r.headers["Server"] == "Server"
        sent = email.utils.parsedate_to_datetime(r.headers["Date"]).timestamp()
        assert abs(sent - time.time()) < 120
        assert r.headers["Date"].endswith(" GMT") and len(r.headers["Date"]) == 29


# 5. Request heads that are too long, chunked bodies, content types.

def exchange(server, data):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=15)
    s.sendall(data)
    s.settimeout(10)
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except ConnectionResetError:
        pass
    s.close()
    return out


@pytest.mark.parametrize("head", [
    b"POST /" + b"x" * 17000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"v" * 17000 + b"\r\n\r\n",
    b"POST / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 15000) for i in range(5)) + b"\r\n",
])
def test_an_over_long_request_head_is_a_bad_request(server, head):
    answer = exchange(server, head)
    assert answer.startswith(b"HTTP/1.1 400 Bad Request\r\n")
    assert b"connection: close" in answer.lower()


def test_a_15_kb_header_is_taken(server):
    r, raw = send(server, "ListTables", {}, {"X-Padding": "p" * 15000})
    assert r.status_code == 200 and "TableNames" in json.loads(raw)


def chunked(server, body, chunk=1000, extra=None):
    h = sign(server, body, "ListTables", extra)
    h.pop("Content-Length", None)
    head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n" % server.port + "".join(
        "%s: %s\r\n" % kv for kv in h.items()) + "\r\n"
    parts = [b"%x\r\n%s\r\n" % (len(body[i:i + chunk]), body[i:i + chunk]) for i in range(0, len(body), chunk)]
    return exchange(server, head.encode() + b"".join(parts) + b"0\r\n\r\n")


def test_a_chunked_body_is_read_whole(server):
    answer = chunked(server, json.dumps({"Limit": 3}).encode() + b" " * 5000, chunk=7)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and "TableNames" in json.loads(body)


def test_a_chunked_compressed_body_is_read_whole(server):
    body = gzip.compress(json.dumps({"Limit": 2}).encode() + b" " * 100000)
    answer = chunked(server, body, chunk=100, extra={"Content-Encoding": "gzip"})
    head, _, rest = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and "TableNames" in json.loads(rest)


def test_a_chunked_body_over_16_mb_is_refused(server):
    answer = chunked(server, b"{" + b" " * (16 * 1024 * 1024 + 10) + b"}", chunk=1 << 20)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and json.loads(body) == TOO_LARGE


@pytest.mark.parametrize("content_type,status,answered_as", [
    ("application/x-amz-json-1.0", 200, "application/x-amz-json-1.0"),
    ("application/x-amz-json-1.0; charset=UTF-8", 200, "application/x-amz-json-1.0"),
    ("application/json", 200, "application/json"),
    ("application/json ; charset=utf-8", 200, "application/json"),
    ("application/x-amz-json-1.1", 404, None),
    ("text/plain", 404, None),
    ("application/jsonasdf", 404, None),
])
def test_content_types(server, content_type, status, answered_as):
    body = b"{}"
    h = sign(server, body, "ListTables", {"Content-Type": content_type})
    r = requests.post(server.endpoint + "/", headers=h, data=body, timeout=10)
    assert r.status_code == status
    if status == 200:
        assert r.headers["Content-Type"] == answered_as and "TableNames" in r.json()
    else:
        assert r.content == b"<UnknownOperationException/>\n" and r.headers["x-amz-crc32"] == "3552371480"

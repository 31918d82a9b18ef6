"""Raw signed requests (botocore's own SigV4 signer), for protocol-level tests."""
import json as jsonlib
import zlib

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from conftest import REGION, ROOT_KEY


def signed(server, body, target=None, key=ROOT_KEY, token=None, service="dynamodb", region=REGION,
           headers=None, path="/", method="POST", content_type="application/x-amz-json-1.0"):
    if isinstance(body, (dict, list)):
        body = jsonlib.dumps(body)
    if isinstance(body, str):
        body = body.encode()
    h = {"Content-Type": content_type}
    if target:
        h["X-Amz-Target"] = target
    h.update(headers or {})
    req = AWSRequest(method=method, url=server.endpoint + path, data=body, headers=h)
    SigV4Auth(Credentials(key[0], key[1], token), service, region).add_auth(req)
    prepared = req.prepare()
    return requests.request(method, prepared.url, headers=dict(prepared.headers), data=body, timeout=60)


def dynamo(server, operation, body, **kw):
    return signed(server, body, target="DynamoDB_20120810." + operation, **kw)


def crc_ok(response):
    return int(response.headers["x-amz-crc32"]) == (zlib.crc32(response.content) & 0xFFFFFFFF)

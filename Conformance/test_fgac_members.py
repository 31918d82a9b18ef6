"""Every member of every DynamoDB and DynamoDB Streams input shape, as botocore's own service
model lists it, is classified in Conformance/fgac_members.json: which condition key of the
authorization derivation it feeds (with a probe request whose decision must show it in
`warden explain`), or why it feeds none. A member botocore adds, or an entry that names no
member, fails here — so the next parameter that can name an attribute, a key or a return
shape cannot be forgotten."""
import json
import os

import botocore.loaders
import pytest

from conftest import create_table
from identity_helpers import ALLOW_ALL, make_user
from signing import dynamo, signed

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = json.load(open(os.path.join(HERE, "fgac_members.json"), encoding="utf-8"))
MEMBERS = TABLE["members"]
# Operations that address items (or stream records): classified member by member, never whole.
ITEM_OPERATIONS = {"GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem",
                   "TransactGetItems", "TransactWriteItems", "DescribeStream", "GetShardIterator", "GetRecords", "ListStreams"}


def model_paths(service):
    """(operation, [member paths]) of a botocore service model, recursing through structures,
    lists ([]) and maps ({}), each recursive shape once per path."""
    model = botocore.loaders.Loader().load_service_model(service, "service-2")
    shapes = model["shapes"]
    out = {}
    for operation, spec in model["operations"].items():
        paths = []

        def walk(shape, prefix, seen):
            s = shapes[shape]
            if s["type"] == "structure":
                if shape in seen:
                    return
                for member, ref in s["members"].items():
                    paths.append(prefix + "." + member)
                    walk(ref["shape"], prefix + "." + member, seen | {shape})
            elif s["type"] == "list":
                walk(s["member"]["shape"], prefix + "[]", seen)
            elif s["type"] == "map":
                walk(s["value"]["shape"], prefix + "{}", seen)

        if "input" in spec:
            walk(spec["input"]["shape"], operation, set())
        out[operation] = paths
    return out


MODEL = {**model_paths("dynamodb"), **model_paths("dynamodbstreams")}


def ancestors(path):
    """The path and its ancestors, nearest first, down to the operation."""
    out = [path]
    while True:
        cut = max(path.rfind("."), path.rfind("[]"), path.rfind("{}"))
        if cut <= 0:
            return out
        path = path[:cut]
        out.append(path)


def classification(path):
    """The entry that classifies a member: its own, else its nearest non-container ancestor's."""
    if path in MEMBERS:
        return path, MEMBERS[path]
    for candidate in ancestors(path)[1:]:
        entry = MEMBERS.get(candidate)
        if entry is not None and "container" not in entry:
            return candidate, entry
    return None, None


def test_every_operation_of_the_model_is_classified():
    assert sorted(op for op in MODEL if op not in MEMBERS and not any(k.startswith(op + ".") for k in MEMBERS)) == []


@pytest.mark.parametrize("operation", sorted(MODEL))
def test_every_member_is_classified(operation):
    unclassified = []
    for path in MODEL[operation]:
        where, entry = classification(path)
        if entry is None:
            unclassified.append(path)
        elif operation in ITEM_OPERATIONS and where == operation:
            unclassified.append(path + " (an item operation is classified member by member)")
    assert unclassified == []


def test_every_entry_names_a_member_of_the_model():
    known = set(MODEL) | {p for paths in MODEL.values() for p in paths}
    assert sorted(set(MEMBERS) - known) == []


def test_every_entry_says_what_it_feeds_or_why_not():
    for path, entry in MEMBERS.items():
        kinds = [k for k in ("keys", "irrelevant", "container", "unsupported") if k in entry]
        assert len(kinds) == 1, path
        if "keys" in entry:
            assert entry["how"], path
            assert set(entry["keys"]) <= {"dynamodb:LeadingKeys", "dynamodb:Attributes", "dynamodb:Select", "dynamodb:ReturnValues",
                                          "dynamodb:ReturnConsumedCapacity", "dynamodb:EnclosingOperation"}, path
        else:
            assert entry[kinds[0]].strip(), path


def test_unsupported_operations_are_refused(server):
    for operation, entry in MEMBERS.items():
        if "unsupported" in entry:
            r = dynamo(server, operation, {})
            assert r.status_code == 400 and r.json()["__type"].endswith("#UnknownOperationException"), operation


@pytest.fixture(scope="module")
def probe(server):
    """The probe table (pk, sk; GSI byOwner on owner; LSI byRank on rank), one item, and an
    IAM user allowed everything: every probe's decision goes through the policy engine."""
    t = TABLE["probeTable"]["name"]
    create_table(server.client(), t, hash_key=("pk", "S"), range_key=("sk", "S"), extra_defs=[("owner", "S"), ("rank", "N")],
                 gsis=[{"IndexName": "byOwner", "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"},
                                                              {"AttributeName": "sk", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "ALL"}}],
                 lsis=[{"IndexName": "byRank", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                                             {"AttributeName": "rank", "KeyType": "RANGE"}],
                        "Projection": {"ProjectionType": "KEYS_ONLY"}}])
    server.client().put_item(TableName=t, Item={"pk": {"S": "p1"}, "sk": {"S": "s1"}, "owner": {"S": "alice"},
                                                "rank": {"N": "1"}, "Secret": {"S": "xyz"}, "Wins": {"N": "1"}})
    _, key = make_user(server, policy=ALLOW_ALL)
    return key


def explained_context(server, request_id):
    r = signed(server, b"", path="/_warden/explain/" + request_id, method="GET", content_type="application/json")
    assert r.status_code == 200, r.text
    merged = {}
    for check in r.json()["checks"]:
        for name, values in check.get("context", {}).items():
            merged.setdefault(name, set()).update(values)
    return merged


PROBES = sorted((path, entry) for path, entry in MEMBERS.items() if "probe" in entry)


@pytest.mark.parametrize("path,entry", PROBES, ids=[p for p, _ in PROBES])
def test_probe_shows_the_member_in_its_condition_keys(server, probe, path, entry):
    operation = path.split(".")[0]
    r = dynamo(server, operation, entry["probe"], key=probe)
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        # Refusals past authorization only (a condition that failed, a cancelled transaction).
        assert r.json()["__type"].split("#")[-1] in ("ConditionalCheckFailedException", "TransactionCanceledException"), r.text
    context = explained_context(server, r.headers["x-amzn-RequestId"])
    for key, values in entry["expect"].items():
        assert set(values) <= context.get(key, set()), (key, context)

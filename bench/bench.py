#!/usr/bin/env python3
"""Warden vs the limit vs moto, side by side on this machine, with signed requests replayed by wrk.

The limit (bench/Limit, `warden-limit`) is a bare SwiftNIO server answering the same requests
with one prepared SQLite statement per thread and no security at all: Warden ÷ limit says how
close Warden runs to what this machine can do, whatever the machine.

Loads N ~1 KB items (20-item partitions) into each server, then measures GetItem, PutItem
(durable: the database is on disk) and Query (one 20-item partition) requests/s and p50/p99
latency at 32 connections, GetItem p50 on one connection, start-up to first answered request,
and RSS after loading 100,000 items. A sample of every request kind is sent and its answer
checked before timing (a fast error is not a result); wrk counts non-200 answers during runs.

Usage: python3 bench/bench.py [--duration 10] [--connections 32] [--items 10000] [--no-moto] [--no-rss]
       [--no-limit] [--instructions] [--mixed-minutes 10]
Needs: a release build (`swift build -c release --product warden` and `--product warden-limit`), wrk (Debian package), moto_server, boto3;
valgrind for --instructions (instructions per request, bench/instructions.py).
"""
import argparse
import json
import os
import random
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import boto3
import botocore.config
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGION = "us-east-1"
CREDS = Credentials("test", "test")
# With --auth permissive an unknown key is accepted without verifying its signature: the
# request costs what it would cost with no security at all.
UNKNOWN = Credentials("AKIAUNKNOWNBENCHKEY0", "not-checked")
TABLE = "bench"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_ready(url, proc, timeout=60):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError("server exited")
        try:
            urllib.request.urlopen(url + "/", timeout=1).read()
            return time.perf_counter() - start
        except Exception:
            time.sleep(0.001)
    raise RuntimeError("server did not answer")


def start_warden(binary, data_dir, port, *extra):
    proc = subprocess.Popen([binary, "serve", "--port", str(port), "--data-dir", data_dir, *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc


def start_limit(binary, data_dir, port):
    return subprocess.Popen([binary, "--port", str(port), "--data-dir", data_dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_moto(port):
    return subprocess.Popen(["moto_server", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def client(url):
    return boto3.client("dynamodb", endpoint_url=url, region_name=REGION, aws_access_key_id="test",
                        aws_secret_access_key="test",
                        config=botocore.config.Config(retries={"max_attempts": 3}, max_pool_connections=16))


def filler(n):
    rnd = random.Random(n)
    return "".join(rnd.choice(string.ascii_letters) for _ in range(n))


PAYLOAD = filler(900)


def item(p, s):
    return {"pk": {"S": "p%05d" % p}, "sk": {"S": "s%03d" % s}, "payload": {"S": PAYLOAD}, "n": {"N": str(p * 100 + s)}}


def load(url, items):
    c = client(url)
    c.create_table(TableName=TABLE, BillingMode="PAY_PER_REQUEST",
                   AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
                   KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
    partitions = items // 20
    keys = [(p, s) for p in range(partitions) for s in range(20)]

    def put_batch(batch):
        c2 = client(url)
        for i in range(0, len(batch), 25):
            reqs = [{"PutRequest": {"Item": item(p, s)}} for p, s in batch[i:i + 25]]
            pending = {TABLE: reqs}
            while pending:
                pending = c2.batch_write_item(RequestItems=pending).get("UnprocessedItems") or None

    chunks = [keys[i::8] for i in range(8)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(put_batch, chunks))
    return partitions


def signed(url, target, body, creds=None):
    data = json.dumps(body)
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810." + target}
    req = AWSRequest(method="POST", url=url + "/", data=data, headers=headers)
    SigV4Auth(creds or CREDS, "dynamodb", REGION).add_auth(req)
    return {"headers": dict(req.prepare().headers), "body": data}


def requests_for(kind, url, partitions, count, rnd, creds=None):
    out = []
    for i in range(count):
        p, s = rnd.randrange(partitions), rnd.randrange(20)
        if kind == "GetItem":
            body = {"TableName": TABLE, "Key": {"pk": {"S": "p%05d" % p}, "sk": {"S": "s%03d" % s}}}
        elif kind == "PutItem":
            body = {"TableName": TABLE, "Item": item(p, s)}
        else:
            body = {"TableName": TABLE, "KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p%05d" % p}}}
        out.append(signed(url, kind, body, creds))
    return out


def lua_string(s):
    return "[==[" + s + "]==]"


def write_lua(reqs, path):
    with open(path, "w") as f:
        f.write("return {\n")
        for r in reqs:
            hs = ", ".join("[ %s ] = %s" % (lua_string(k), lua_string(v)) for k, v in r["headers"].items())
            f.write("{headers = {%s}, body = %s},\n" % (hs, lua_string(r["body"])))
        f.write("}\n")


def check_sample(kind, url, reqs):
    """Sends a few of the prepared requests and checks the answers are right."""
    for r in reqs[:20]:
        hdrs = {k: v for k, v in r["headers"].items()}
        q = urllib.request.Request(url + "/", data=r["body"].encode(), headers=hdrs, method="POST")
        resp = json.loads(urllib.request.urlopen(q, timeout=30).read())
        body = json.loads(r["body"])
        if kind == "GetItem":
            assert resp["Item"]["pk"] == body["Key"]["pk"] and resp["Item"]["payload"]["S"] == PAYLOAD, resp
        elif kind == "Query":
            assert resp["Count"] == 20 and all(i["pk"] == body["ExpressionAttributeValues"][":p"] for i in resp["Items"]), resp["Count"]
        else:
            assert resp == {} or "ConsumedCapacity" not in resp, resp


def wrk(url, lua_requests, connections, duration, threads=2):
    env = dict(os.environ, WARDEN_BENCH_REQUESTS=lua_requests)
    out = subprocess.run(["wrk", "-t%d" % min(threads, connections), "-c%d" % connections, "-d%ds" % duration, "--latency",
                          "-s", os.path.join(ROOT, "bench", "wrk", "replay.lua"), url],
                         capture_output=True, text=True, env=env, timeout=duration + 120)
    line = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if not line:
        raise RuntimeError("wrk failed: " + out.stdout + out.stderr)
    r = json.loads(line[-1])
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    return r


def cpu_seconds(pid):
    """User + system CPU time the process has used so far (from /proc/PID/stat)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kb(pid, field="VmRSS"):
    """Resident memory in KiB: VmRSS (all), RssAnon (heap and stacks) or RssFile (mapped files,
    such as the database pages SQLite maps: the kernel's page cache, reclaimable)."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def start_trail(url):
    """A trail logging every management and data event (the issue's reference setting: the
    audit path is part of what a request costs)."""
    trail = boto3.client("cloudtrail", endpoint_url=url, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test")
    trail.create_trail(Name="bench-trail", S3BucketName="bench-bucket")
    trail.put_event_selectors(TrailName="bench-trail", EventSelectors=[{
        "ReadWriteType": "All", "IncludeManagementEvents": True,
        "DataResources": [{"Type": "AWS::DynamoDB::Table", "Values": ["arn:aws:dynamodb"]}]}])
    trail.start_logging(Name="bench-trail")


def run_server(name, url, proc, args, work, startup):
    result = {"startup_ms": startup * 1000}
    if name == "warden" and not args.no_trail:
        start_trail(url)
    partitions = load(url, args.items)
    result["rss_kb_loaded"] = rss_kb(proc.pid)
    rnd = random.Random(7)
    for kind in ("GetItem", "PutItem", "Query"):
        reqs = requests_for(kind, url, partitions, 4000, rnd)
        check_sample(kind, url, reqs)
        path = os.path.join(work, "%s-%s.lua" % (name, kind))
        write_lua(reqs, path)
        result[kind] = wrk(url, path, args.connections, args.duration)
        if kind == "GetItem":
            result["GetItem_1conn"] = wrk(url, path, 1, max(3, args.duration // 2), threads=1)
    result["rss_kb_after_load"] = rss_kb(proc.pid)
    result["rss_anon_kb_after_load"] = rss_kb(proc.pid, "RssAnon")
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--no-moto", action="store_true")
    ap.add_argument("--no-rss", action="store_true")
    ap.add_argument("--security", action="store_true",
                    help="only measure GetItem with signature verification vs --auth permissive with an unverified key")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "warden"))
    ap.add_argument("--limit-binary", default=os.path.join(ROOT, ".build", "release", "warden-limit"))
    ap.add_argument("--no-limit", action="store_true")
    ap.add_argument("--no-trail", action="store_true", help="run Warden without a trail logging data events")
    ap.add_argument("--instructions", action="store_true", help="also count instructions per request under callgrind")
    ap.add_argument("--mixed-minutes", type=float, default=0,
                    help="also run a mixed GetItem/PutItem/Query load this long and print RSS before and after")
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit("build first: swift build -c release --product warden")
    if not args.no_limit and not os.path.exists(args.limit_binary):
        sys.exit("build the limit server first: swift build -c release --product warden-limit (or --no-limit)")
    work = tempfile.mkdtemp(prefix="warden-bench-")
    results = {}
    if args.security:
        try:
            security(args, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        if not args.no_limit:
            port = free_port()
            proc = start_limit(args.limit_binary, os.path.join(work, "limit-data"), port)
            url = "http://127.0.0.1:%d" % port
            startup = wait_ready(url, proc)
            try:
                results["limit"] = run_server("limit", url, proc, args, work, startup)
            finally:
                proc.send_signal(signal.SIGTERM)
                proc.wait()
        port = free_port()
        proc = start_warden(args.binary, os.path.join(work, "warden-data"), port)
        url = "http://127.0.0.1:%d" % port
        startup = wait_ready(url, proc)
        try:
            results["warden"] = run_server("warden", url, proc, args, work, startup)
            if args.mixed_minutes:
                results["mixed"] = mixed(url, proc, args, work)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait()
        if not args.no_moto:
            port = free_port()
            proc = start_moto(port)
            url = "http://127.0.0.1:%d" % port
            startup = wait_ready(url, proc)
            try:
                results["moto"] = run_server("moto", url, proc, args, work, startup)
            finally:
                proc.send_signal(signal.SIGTERM)
                proc.wait()
        if not args.no_rss:
            port = free_port()
            proc = start_warden(args.binary, os.path.join(work, "rss-data"), port)
            url = "http://127.0.0.1:%d" % port
            wait_ready(url, proc)
            load(url, 100000)
            time.sleep(1)
            results["warden_rss_kb_100k"] = rss_kb(proc.pid)
            proc.send_signal(signal.SIGTERM)
            proc.wait()
        if args.instructions:
            import instructions
            results["instructions"] = instructions.measure(args.binary, "warden", 200, 400, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(results, args)


def mixed(url, proc, args, work):
    """A mixed load (GetItem, PutItem, Query, one connection in three each) for --mixed-minutes:
    RSS before and after, to see growth."""
    partitions = args.items // 20
    rnd = random.Random(5)
    reqs = []
    for kind in ("GetItem", "PutItem", "Query"):
        reqs += requests_for(kind, url, partitions, 1500, rnd)
    rnd.shuffle(reqs)
    path = os.path.join(work, "mixed.lua")
    write_lua(reqs, path)
    before = rss_kb(proc.pid)
    anon_before = rss_kb(proc.pid, "RssAnon")
    r = wrk(url, path, args.connections, int(args.mixed_minutes * 60))
    return {"rss_kb_before": before, "rss_kb_after": rss_kb(proc.pid), "rss_anon_kb_before": anon_before,
            "rss_anon_kb_after": rss_kb(proc.pid, "RssAnon"), "rps": r["rps"], "non200": r["non200"]}


def security(args, work):
    """GetItem req/s: signatures verified (known key) vs not (unknown key, --auth permissive)."""
    port = free_port()
    proc = start_warden(args.binary, os.path.join(work, "sec-data"), port, "--auth", "permissive")
    url = "http://127.0.0.1:%d" % port
    wait_ready(url, proc)
    try:
        partitions = load(url, args.items)
        # An IAM user whose every GetItem goes through the policy engine (FGAC-style conditions).
        iam = boto3.client("iam", endpoint_url=url, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test")
        iam.create_user(UserName="bench-user")
        iam.put_user_policy(UserName="bench-user", PolicyName="fgac", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE,
             "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["p*"]},
                           "StringEqualsIfExists": {"dynamodb:ReturnValues": "NONE"}}}]}))
        k = iam.create_access_key(UserName="bench-user")["AccessKey"]
        user = Credentials(k["AccessKeyId"], k["SecretAccessKey"])
        figures = {}
        for label, creds in (("verified", CREDS), ("unverified", UNKNOWN), ("policy", user)):
            reqs = requests_for("GetItem", url, partitions, 4000, random.Random(3), creds)
            check_sample("GetItem", url, reqs)
            path = os.path.join(work, "sec-%s.lua" % label)
            write_lua(reqs, path)
            before = cpu_seconds(proc.pid)
            figures[label] = wrk(url, path, args.connections, args.duration)
            # Server CPU per request: steadier than req/s when other work shares the cores.
            figures[label]["cpu_us"] = (cpu_seconds(proc.pid) - before) * 1e6 / max(1, figures[label]["requests"])
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
    v, u, p = figures["verified"], figures["unverified"], figures["policy"]
    print("GetItem req/s as an IAM user, SigV4 + policy engine: %.0f (p99 %.2f ms)" % (p["rps"], p["p99_us"] / 1000))
    print("GetItem req/s as the account root, SigV4 verified: %.0f (p99 %.2f ms)" % (v["rps"], v["p99_us"] / 1000))
    print("GetItem req/s without (--auth permissive, unknown key): %.0f (p99 %.2f ms)" % (u["rps"], u["p99_us"] / 1000))
    print("cost of verification: %.1f%% of throughput; of verification + policy evaluation: %.1f%%" %
          (100 * (1 - v["rps"] / u["rps"]), 100 * (1 - p["rps"] / u["rps"])))
    print("server CPU per request: IAM user %.0f µs, root %.0f µs, unverified %.0f µs (IAM user / root: %.2f)" %
          (p["cpu_us"], v["cpu_us"], u["cpu_us"], p["cpu_us"] / v["cpu_us"]))


def report(results, args):
    print()
    print("Benchmark: %d items of ~1 KB, %d connections, %ds per run, wrk on the same machine (%d cores)" %
          (args.items, args.connections, args.duration, os.cpu_count()))
    print("Warden signed as the account root%s" % ("" if args.no_trail else ", with a trail logging data events"))
    print("(ratios: Warden as a fraction of the other's performance, for throughput and latency alike: 1.00x = as fast)")
    print("%-22s %12s %12s %12s %10s %10s" % ("", "limit", "warden", "moto", "w/limit", "w/moto"))
    l, w, m = results.get("limit", {}), results.get("warden", {}), results.get("moto", {})

    def get(r, key, field):
        v = r.get(key)
        return v.get(field) if isinstance(v, dict) else v

    def ratio(a, b, higher_better):
        if not a or not b:
            return ""
        return "%.2fx" % ((a / b) if higher_better else (b / a))

    def row(label, key, field, fmt="%.0f", higher_better=True, scale=1.0):
        vals = [get(r, key, field) for r in (l, w, m)]
        cells = [(fmt % (v * scale)) if v is not None else "-" for v in vals]
        print("%-22s %12s %12s %12s %10s %10s" % (label, *cells, ratio(vals[1], vals[0], higher_better), ratio(vals[1], vals[2], higher_better)))

    for kind in ("GetItem", "PutItem", "Query"):
        row(kind + " req/s", kind, "rps")
        row(kind + " p50 ms", kind, "p50_us", "%.2f", False, 0.001)
        row(kind + " p99 ms", kind, "p99_us", "%.2f", False, 0.001)
        row(kind + " non-200", kind, "non200", "%d")
    row("GetItem p50, 1 conn ms", "GetItem_1conn", "p50_us", "%.3f", False, 0.001)
    row("start-up to answer ms", "startup_ms", None, "%.1f", False)
    row("RSS MB, items loaded", "rss_kb_loaded", None, "%.1f", False, 1 / 1024)
    row("RSS MB, after the runs", "rss_kb_after_load", None, "%.1f", False, 1 / 1024)
    row("  of which anon MB", "rss_anon_kb_after_load", None, "%.1f", False, 1 / 1024)
    if "warden_rss_kb_100k" in results:
        print("%-22s %12s %12.1f MB" % ("RSS, 100k items", "", results["warden_rss_kb_100k"] / 1024))
    if "mixed" in results:
        x = results["mixed"]
        print("mixed run %.1f min: %.0f req/s, %d non-200, RSS %.1f MB before, %.1f MB after (anon %.1f MB before, %.1f MB after)" %
              (args.mixed_minutes, x["rps"], x["non200"], x["rss_kb_before"] / 1024, x["rss_kb_after"] / 1024,
               x["rss_anon_kb_before"] / 1024, x["rss_anon_kb_after"] / 1024))
    if "instructions" in results:
        print("instructions per request (callgrind): " +
              ", ".join("%s %.0f" % (k, v) for k, v in results["instructions"].items()))
    print()
    print(json.dumps(results))


if __name__ == "__main__":
    main()

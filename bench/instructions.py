#!/usr/bin/env python3
"""Instructions per request, counted by valgrind's callgrind: repeatable whatever else the
machine is doing, so a regression shows as a number that moves, not as noise.

Starts the server under `valgrind --tool=callgrind` with instrumentation off, loads a small
table, then for each request kind (GetItem, PutItem, Query, and GetItem as an IAM user with an
FGAC policy) sends a fixed warm-up, zeroes the counters, sends N signed requests on one
keep-alive connection and dumps: instructions per request = the dump's total / N. The dumps
stay in --out (open them with callgrind_annotate to see where the instructions go).

Usage: python3 bench/instructions.py [--binary .build/release/warden] [--requests 200] [--out DIR]
       [--compare OTHER_BINARY]   (both binaries, same requests, and the ratio)
Needs: valgrind (Debian package), boto3. Any binary works (a release build is what to compare).
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (same request shapes, signing and loading as bench.py)

KINDS = ("GetItem", "PutItem", "Query", "GetItem-FGAC")


def callgrind_total(path):
    with open(path) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    raise RuntimeError("no total in " + path)


def control(pid, *args):
    subprocess.run(["callgrind_control", *args, str(pid)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def send_all(port, reqs):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for r in reqs:
        conn.request("POST", "/", body=r["body"].encode(), headers=r["headers"])
        resp = conn.getresponse()
        data = resp.read()
        if resp.status != 200:
            raise RuntimeError("answer %d: %s" % (resp.status, data[:300]))
    conn.close()


def fgac_user(url):
    iam = bench.boto3.client("iam", endpoint_url=url, region_name=bench.REGION, aws_access_key_id="test", aws_secret_access_key="test")
    iam.create_user(UserName="bench-user", Tags=[{"Key": "prefix", "Value": "p"}])
    iam.put_user_policy(UserName="bench-user", PolicyName="fgac", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
         "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/" + bench.TABLE,
         "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["${aws:PrincipalTag/prefix}*"],
                                                    "dynamodb:Attributes": ["pk", "sk", "payload", "n"]},
                       "StringEqualsIfExists": {"dynamodb:Select": "ALL_ATTRIBUTES", "dynamodb:ReturnValues": "NONE"}}}]}))
    k = iam.create_access_key(UserName="bench-user")["AccessKey"]
    return bench.Credentials(k["AccessKeyId"], k["SecretAccessKey"])


def measure(binary, label, n, items, out):
    work = tempfile.mkdtemp(prefix="warden-instr-")
    port = bench.free_port()
    url = "http://127.0.0.1:%d" % port
    dump = os.path.join(out, "callgrind.%s" % label)
    # Valgrind 3.19 cannot read the DWARF 5 that Swift emits: measure a copy without it (the
    # symbol table stays, so the dumps still name every function).
    copy = os.path.join(work, "warden")
    subprocess.run(["strip", "-g", "-o", copy, binary], check=True)
    proc = subprocess.Popen(["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=" + dump + ".%p",
                             copy, "serve", "--port", str(port), "--data-dir", os.path.join(work, "data")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    figures = {}
    try:
        bench.wait_ready(url, proc, timeout=300)
        partitions = bench.load(url, items)
        user = fgac_user(url)
        rnd = random.Random(11)
        for kind in KINDS:
            op, creds = (kind, None) if kind != "GetItem-FGAC" else ("GetItem", user)
            warm = bench.requests_for(op, url, partitions, 50, rnd, creds)
            reqs = bench.requests_for(op, url, partitions, n, rnd, creds)
            control(proc.pid, "-i", "on")
            send_all(port, warm)
            control(proc.pid, "-z")
            send_all(port, reqs)
            control(proc.pid, "-d", kind)
            control(proc.pid, "-i", "off")
        time.sleep(0.5)
        dumps = sorted((p for p in os.listdir(out) if p.startswith(os.path.basename(dump) + ".%d." % proc.pid)),
                       key=lambda p: int(p.rsplit(".", 1)[1].split("-")[0]))
        # One file per `callgrind_control -d`, in order; ".1" is the first dump.
        for kind, name in zip(KINDS, dumps):
            figures[kind] = callgrind_total(os.path.join(out, name)) / n
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)
    return figures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(bench.ROOT, ".build", "release", "warden"))
    ap.add_argument("--compare", help="a second binary measured the same way; prints its figures and the ratio")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--items", type=int, default=400)
    ap.add_argument("--out", default=None, help="where the callgrind dumps stay (default: a temporary folder, removed)")
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("needs valgrind (apt-get install valgrind)")
    out = args.out or tempfile.mkdtemp(prefix="warden-callgrind-")
    os.makedirs(out, exist_ok=True)
    try:
        a = measure(args.binary, "binary", args.requests, args.items, out)
        b = measure(args.compare, "compare", args.requests, args.items, out) if args.compare else None
    finally:
        if not args.out:
            shutil.rmtree(out, ignore_errors=True)
    print("Instructions per request (callgrind, %d requests each, one connection)" % args.requests)
    if b:
        print("%-14s %14s %14s %8s" % ("", "binary", "compare", "ratio"))
        for kind in KINDS:
            print("%-14s %14.0f %14.0f %8.3f" % (kind, a[kind], b[kind], a[kind] / b[kind]))
    else:
        for kind in KINDS:
            print("%-14s %14.0f" % (kind, a[kind]))
    print(json.dumps({"binary": a, "compare": b}))


if __name__ == "__main__":
    main()

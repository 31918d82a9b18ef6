#!/usr/bin/env python3
"""GetItem requests/s with CloudTrail data-event logging off and on.

One server, the bench table loaded, and a trail whose basic selector takes every call on the
table (each GetItem becomes a record, rendered and delivered as gzip'd log files every 5 s, with
digests). GetItem is replayed by wrk (signed requests, 32 connections) in alternating rounds with
the trail stopped (off) and logging (on) — alternating, so that other load on the machine hits
both sides alike — and the medians are reported. With --stream, a second server also writes
every record to a JSON-lines file (--audit-log).

Usage: python3 bench/audit_bench.py [--duration 6] [--rounds 5] [--connections 32] [--items 10000] [--stream]
Needs: a release build (`swift build -c release --product warden`), wrk, boto3.
"""
import argparse
import glob
import os
import random
import signal
import sys
import tempfile

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import (REGION, ROOT, TABLE, check_sample, free_port, load, requests_for, start_warden,  # noqa: E402
                   wait_ready, wrk, write_lua)


def measure(url, partitions, work, label, args):
    reqs = requests_for("GetItem", url, partitions, 4000, random.Random(11))
    check_sample("GetItem", url, reqs)
    path = os.path.join(work, "audit-%s.lua" % label)
    write_lua(reqs, path)
    return wrk(url, path, args.connections, args.duration)


def cloudtrail(url):
    return boto3.client("cloudtrail", endpoint_url=url, region_name=REGION, aws_access_key_id="test", aws_secret_access_key="test")


def enable_data_events(url):
    ct = cloudtrail(url)
    ct.create_trail(Name="bench-trail", S3BucketName="bench-audit", EnableLogFileValidation=True)
    ct.put_event_selectors(TrailName="bench-trail", EventSelectors=[{
        "ReadWriteType": "All", "IncludeManagementEvents": True,
        "DataResources": [{"Type": "AWS::DynamoDB::Table", "Values": ["arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE]}]}])
    ct.start_logging(Name="bench-trail")


def run(args, work, stream):
    port = free_port()
    extra = ["--trail-dir", os.path.join(work, "trails-%s" % stream)]
    if stream:
        extra += ["--audit-log", os.path.join(work, "audit.jsonl")]
    proc = start_warden(args.binary, os.path.join(work, "data-%s" % stream), port, *extra)
    url = "http://127.0.0.1:%d" % port
    wait_ready(url, proc)
    try:
        partitions = load(url, args.items)
        figures = {"off": [], "on": []}
        enable_data_events(url)
        ct = cloudtrail(url)
        for _ in range(1 if stream else args.rounds):
            if not stream:
                ct.stop_logging(Name="bench-trail")
                figures["off"].append(measure(url, partitions, work, "off", args))
                ct.start_logging(Name="bench-trail")
            figures["on"].append(measure(url, partitions, work, "on-%s" % stream, args))
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
    files = glob.glob(os.path.join(work, "trails-%s" % stream, "**", "*_CloudTrail_*.json.gz"), recursive=True)
    return figures, len(files)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=6)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--stream", action="store_true", help="also measure with --audit-log (every record to a JSON-lines file)")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "warden"))
    args = ap.parse_args()
    def median(runs, key):
        values = sorted(r[key] for r in runs)
        return values[len(values) // 2]

    with tempfile.TemporaryDirectory() as work:
        figures, files = run(args, work, False)
        off, on = figures["off"], figures["on"]
        print("rounds (req/s): off %s, on %s" % ([round(r["rps"]) for r in off], [round(r["rps"]) for r in on]))
        print("GetItem req/s, data-event logging off: %.0f (median; p50 %.2f ms, p99 %.2f ms)"
              % (median(off, "rps"), median(off, "p50_us") / 1000, median(off, "p99_us") / 1000))
        print("GetItem req/s, data-event logging on:  %.0f (median; p50 %.2f ms, p99 %.2f ms); %d log files delivered"
              % (median(on, "rps"), median(on, "p50_us") / 1000, median(on, "p99_us") / 1000, files))
        print("cost of data-event logging: %.1f%% of throughput" % (100 * (1 - median(on, "rps") / median(off, "rps"))))
        if args.stream:
            figures, _ = run(args, work, True)
            s = figures["on"][0]
            print("GetItem req/s, data events + JSON-lines stream: %.0f (p99 %.2f ms)" % (s["rps"], s["p99_us"] / 1000))


if __name__ == "__main__":
    main()

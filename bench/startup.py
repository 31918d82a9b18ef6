#!/usr/bin/env python3
"""Start-up of the warden binary: from exec to the first answered request.

Three figures, each the median (and minimum) of N runs, every run a new process:

- `warden --help`: exec, dynamic loading, the Swift runtime and argument parsing, then exit: the
  floor any command pays.
- `serve` on a fresh data folder: exec until a signed DynamoDB ListTables is answered 200.
- `serve --in-memory`: the same with the database in memory-backed storage.

The harness picks a free port, spawns the binary, and polls the port with the real request (a
refused connection is retried at once after a 0.2 ms pause), so the figure includes opening the
database, loading the identity directory, binding the listener and answering. The request is
signed with botocore before the clock starts.

Usage: python3 bench/startup.py [--binary .build/debug/warden] [--runs 21]
"""
import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def signed_list_tables(port):
    """The raw bytes of a signed ListTables for 127.0.0.1:PORT (default credentials test/test)."""
    url = "http://127.0.0.1:%d/" % port
    body = b"{}"
    request = AWSRequest(method="POST", url=url, data=body, headers={
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "DynamoDB_20120810.ListTables",
    })
    SigV4Auth(Credentials("test", "test"), "dynamodb", "us-east-1").add_auth(request)
    lines = ["POST / HTTP/1.1", "Host: 127.0.0.1:%d" % port, "Content-Length: %d" % len(body), "Connection: close"]
    for name, value in request.headers.items():
        if name.lower() not in ("host", "content-length"):
            lines.append("%s: %s" % (name, value))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def ask(port, request):
    """Sends the request once; None while the port refuses, else the status line's code."""
    s = socket.socket()
    try:
        s.connect(("127.0.0.1", port))
    except (ConnectionRefusedError, ConnectionResetError):
        s.close()
        return None
    try:
        s.sendall(request)
        answer = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
    except (ConnectionResetError, BrokenPipeError):
        return None
    finally:
        s.close()
    if not answer:
        return None
    return int(answer.split(b" ", 2)[1])


def serve_once(binary, in_memory, timeout=10.0):
    port = free_port()
    request = signed_list_tables(port)
    work = tempfile.mkdtemp(prefix="warden-startup-")
    args = [binary, "serve", "--port", str(port)]
    args += ["--in-memory"] if in_memory else ["--data-dir", os.path.join(work, "data")]
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            status = ask(port, request)
            if status is not None:
                elapsed = time.perf_counter() - start
                if status != 200:
                    raise RuntimeError("ListTables answered %d" % status)
                return elapsed
            if proc.poll() is not None:
                raise RuntimeError("server exited with %d" % proc.returncode)
            if time.perf_counter() - start > timeout:
                raise RuntimeError("server did not answer within %.0f s" % timeout)
            time.sleep(0.0002)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)


def help_once(binary):
    start = time.perf_counter()
    subprocess.run([binary, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def report(name, samples):
    ms = sorted(s * 1000 for s in samples)
    print("%-32s median %6.1f ms   min %6.1f ms   max %6.1f ms   (%d runs)"
          % (name, statistics.median(ms), ms[0], ms[-1], len(ms)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "warden"))
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit("no binary at %s (swift build --product warden)" % binary)
    # One warm-up of each, so the page cache holds the binary and its libraries.
    help_once(binary)
    serve_once(binary, False)
    serve_once(binary, True)
    helps, disk, memory = [], [], []
    for _ in range(args.runs):  # interleaved, so a burst of load elsewhere touches all three
        helps.append(help_once(binary))
        disk.append(serve_once(binary, False))
        memory.append(serve_once(binary, True))
    print("start-up of %s" % os.path.relpath(binary, ROOT) if binary.startswith(ROOT) else binary)
    report("warden --help (floor)", helps)
    report("serve, fresh data folder", disk)
    report("serve --in-memory", memory)


if __name__ == "__main__":
    main()

"""The Warden-only simulated clock, moved through its signed admin endpoint."""
from signing import signed


def advance(server, seconds):
    r = signed(server, {"advanceSeconds": seconds}, path="/_warden/clock", content_type="application/json")
    assert r.status_code == 200, r.text
    return r.json()


def now(server):
    r = signed(server, b"", path="/_warden/clock", method="GET", content_type="application/json")
    assert r.status_code == 200, r.text
    return r.json()

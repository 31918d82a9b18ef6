"""The README's "Test your FGAC policy locally" walkthrough runs as written (endpoint swapped)."""
import os
import re
import subprocess

from conftest import BINARY, ROOT, cli_env


def readme_block(heading):
    text = open(os.path.join(ROOT, "README.md")).read()
    section = text[text.index(heading):]
    return section[section.index("```sh") + 5:section.index("```", section.index("```sh") + 5)]


def test_fgac_walkthrough(fresh_server, tmp_path):
    server = fresh_server()
    script = readme_block("## Test your FGAC policy locally").replace("http://localhost:8000", server.endpoint)
    env = cli_env()
    env["PATH"] = os.path.dirname(BINARY) + ":" + env["PATH"]
    out = subprocess.run(["bash", "-c", "set -o pipefail; " + script], capture_output=True, text=True, env=env, cwd=str(tmp_path))
    assert '"implicitDeny"' in out.stdout
    assert '"S": "user-123"' in out.stdout
    request_id = re.search(r"'x-amzn-RequestId': '([A-Z0-9]{52})'", out.stdout).group(1)
    explained = subprocess.run([BINARY, "explain", request_id, "--endpoint", server.endpoint], capture_output=True, text=True, env=cli_env())
    assert "Decision: DENIED" in explained.stdout
    assert "assumed-role/GameApp/demo" in explained.stdout

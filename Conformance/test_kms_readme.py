"""The README's KMS walkthrough runs as written (endpoint swapped): a key restricted to a
role, a table created with it by the role, read as the role, the key disabled, the table
inaccessible after DynamoDB's grace period on the simulated clock, the key enabled again."""
import json
import os
import re
import subprocess

from conftest import cli_env
from test_readme import readme_block

# Records every command of the script that fails, with its exit status, NUL-terminated (an
# ERR trap; errtrace carries it into the $(...) substitutions, pipefail fails their pipelines).
# The walkthrough goes on past a failed step, so without this a step that failed (the key
# never disabled, the clock never advanced) shows only as a later, puzzling difference.
RECORD_FAILURES = ("set -o errtrace -o pipefail\n"
                   "trap 'printf \"%s\\t%s\\0\" \"$?\" \"$BASH_COMMAND\" >> \"$WALKTHROUGH_FAILURES\"' ERR\n")


def test_kms_walkthrough(fresh_server, tmp_path):
    server = fresh_server()
    script = readme_block("## Customer managed keys (KMS)").replace("http://localhost:8000", server.endpoint)
    env = cli_env()
    # The script's `warden clock` is the very executable the server runs, not whatever the
    # build directory holds at that moment (missing while the binary is being relinked).
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(server.executable, str(bin_dir / "warden"))
    env["PATH"] = str(bin_dir) + ":" + env["PATH"]
    failures_file = tmp_path / "failed-commands"
    env["WALKTHROUGH_FAILURES"] = str(failures_file)
    out = subprocess.run(["bash", "-c", RECORD_FAILURES + script], capture_output=True, text=True, env=env, cwd=str(tmp_path))
    stdout, stderr = out.stdout, out.stderr
    failed = failures_file.read_text() if failures_file.exists() else ""
    # Exactly the two refusals the README shows fail, as service errors (the AWS CLI exits 255
    # on one, version 2 254); every other step succeeded.
    failures = [tuple(f.split("\t", 1)) for f in failed.split("\0") if f]
    assert [command for _, command in failures] == [
        "aws dynamodb create-table $E $TABLE",
        "aws dynamodb get-item $E --table-name Orders --key '{\"id\":{\"S\":\"o-1\"}}'",
    ], (failures, stderr)
    assert all(status in ("254", "255") for status, _ in failures), (failures, stderr)
    key_arn = server.client("kms").describe_key(KeyId="alias/orders")["KeyMetadata"]["Arn"]
    # The root is refused: the key policy lets only the role create grants on the key.
    assert ("An error occurred (AccessDeniedException) when calling the CreateTable operation: User: arn:aws:iam::123456789012:root "
            "is not authorized to perform: kms:CreateGrant on resource: %s because no resource-based policy allows the "
            "kms:CreateGrant action" % key_arn) in stderr
    # The role created the table with the key's ARN (the alias resolved) and read its item.
    assert "KMS\t%s" % key_arn in stdout
    # The item read before the key is disabled and after it is enabled again, and nowhere in
    # between: the read while the table is inaccessible returns nothing of it.
    lines = stdout.split("\n")
    reads = [i for i, line in enumerate(lines) if line == "4111-1111"]
    assert len(reads) == 2 and stdout.count("4111-1111") == 2
    # Disabled key: inaccessible table, refused read with KMS's error; enabled again: ACTIVE.
    assert lines.count("INACCESSIBLE_ENCRYPTION_CREDENTIALS") == 1 and lines.count("ACTIVE") == 1
    assert reads[0] < lines.index("INACCESSIBLE_ENCRYPTION_CREDENTIALS") < lines.index("ACTIVE") < reads[1]
    assert re.search(r"An error occurred \(AccessDeniedException\) when calling the GetItem operation: KMS key access denied error: "
                     r"com\.amazonaws\.services\.kms\.model\.DisabledException: %s is disabled\. \(Service: AWSKMS; Status Code: 400; "
                     r"Error Code: DisabledException; Request ID: [A-Z0-9]+; Proxy: null\)" % re.escape(key_arn), stderr)
    # Who used the key: DynamoDB's CreateGrant for the role's session, invokedBy dynamodb.amazonaws.com.
    grants = [json.loads(line) for line in stdout.split("\n") if line.startswith("{") and '"CreateGrant"' in line]
    assert len(grants) == 1
    record = grants[0]
    assert record["eventSource"] == "kms.amazonaws.com"
    assert record["userIdentity"]["invokedBy"] == "dynamodb.amazonaws.com"
    assert record["userIdentity"]["arn"] == "arn:aws:sts::123456789012:assumed-role/OrdersApp/app"
    assert record["sourceIPAddress"] == "dynamodb.amazonaws.com"
    assert record["requestParameters"]["granteePrincipal"] == "dynamodb.us-east-1.amazonaws.com"
    assert record["requestParameters"]["constraints"] == {"encryptionContextSubset": {
        "aws:dynamodb:subscriberId": "123456789012", "aws:dynamodb:tableName": "Orders"}}
    assert record["resources"] == [{"accountId": "123456789012", "type": "AWS::KMS::Key", "ARN": key_arn}]
    assert out.returncode == 0, stderr

"""The README's KMS walkthrough runs as written (endpoint swapped): a key restricted to a
role, a table created with it by the role, read as the role, the key disabled, the table
inaccessible after DynamoDB's grace period on the simulated clock, the key enabled again."""
import json
import os
import re
import subprocess

from conftest import BINARY, cli_env
from test_readme import readme_block


def test_kms_walkthrough(fresh_server, tmp_path):
    server = fresh_server()
    script = readme_block("## Customer managed keys (KMS)").replace("http://localhost:8000", server.endpoint)
    env = cli_env()
    env["PATH"] = os.path.dirname(BINARY) + ":" + env["PATH"]
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, cwd=str(tmp_path))
    stdout, stderr = out.stdout, out.stderr
    key_arn = server.client("kms").describe_key(KeyId="alias/orders")["KeyMetadata"]["Arn"]
    # The root is refused: the key policy lets only the role create grants on the key.
    assert ("An error occurred (AccessDeniedException) when calling the CreateTable operation: User: arn:aws:iam::123456789012:root "
            "is not authorized to perform: kms:CreateGrant on resource: %s because no resource-based policy allows the "
            "kms:CreateGrant action" % key_arn) in stderr
    # The role created the table with the key's ARN (the alias resolved) and read its item.
    assert "KMS\t%s" % key_arn in stdout
    assert stdout.count("4111-1111") == 2
    # Disabled key: inaccessible table, refused read with KMS's error; enabled again: ACTIVE.
    lines = stdout.split("\n")
    assert "INACCESSIBLE_ENCRYPTION_CREDENTIALS" in lines
    assert lines.index("INACCESSIBLE_ENCRYPTION_CREDENTIALS") < lines.index("ACTIVE")
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

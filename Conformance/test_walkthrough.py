"""The team's AWS CLI walkthrough, run as written against --endpoint-url (credentials from the
usual AWS environment variables), with AWS's output shapes."""
import shlex

TABLES_SECTION = r'''
aws dynamodb create-table --table-name shop-orders \
  --attribute-definitions AttributeName=orderId,AttributeType=S \
  --key-schema AttributeName=orderId,KeyType=HASH --billing-mode PAY_PER_REQUEST \
  --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555 \
  --deletion-protection-enabled
aws dynamodb describe-table --table-name shop-orders --query "Table.SSEDescription.SSEType" --output text
aws dynamodb describe-table --table-name shop-orders --query "Table.DeletionProtectionEnabled"
aws dynamodb delete-table --table-name shop-orders            # refused while protected
aws dynamodb update-table --table-name shop-orders --no-deletion-protection-enabled
aws dynamodb update-table --table-name shop-orders --billing-mode PAY_PER_REQUEST
aws dynamodb describe-table --table-name shop-orders --query "Table.BillingModeSummary.BillingMode" --output text
aws dynamodb list-tables --query "TableNames" --output text
aws dynamodb tag-resource --resource-arn arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders --tags Key=backup,Value=required
'''


def commands(section):
    """Shell lines of a section: continuations joined, comments dropped, split like a shell."""
    text = section.replace("\\\n", " ")
    out = []
    for line in text.strip().splitlines():
        args = shlex.split(line, comments=True)
        if args:
            out.append(args)
    return out


def run_section(server, section):
    results = []
    for args in commands(section):
        assert args[0] == "aws"
        results.append(server.cli(*args[1:], check=False))
    return results


def test_tables_encryption_deletion_protection(fresh_server):
    server = fresh_server()
    r = run_section(server, TABLES_SECTION)
    create, sse, protected, delete, unprotect, billing, mode, names, tag = r
    assert create[0] == 0 and create[1]["TableDescription"]["TableName"] == "shop-orders"
    assert create[1]["TableDescription"]["SSEDescription"]["KMSMasterKeyArn"] == \
        "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    assert sse == (0, "KMS", "")
    assert protected[:2] == (0, True)
    assert delete[0] != 0
    assert "DeleteTable" in delete[2] and "(ValidationException)" in delete[2]
    assert delete[2].endswith("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
    assert unprotect[0] == 0 and unprotect[1]["TableDescription"]["DeletionProtectionEnabled"] is False
    assert billing[0] == 0
    assert mode == (0, "PAY_PER_REQUEST", "")
    assert names == (0, "shop-orders", "")
    assert tag == (0, None, "")
    tags = server.client().list_tags_of_resource(ResourceArn="arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders")["Tags"]
    assert tags == [{"Key": "backup", "Value": "required"}]
    # The table still exists with its data path intact: the refused delete deleted nothing.
    assert server.client().describe_table(TableName="shop-orders")["Table"]["TableStatus"] == "ACTIVE"

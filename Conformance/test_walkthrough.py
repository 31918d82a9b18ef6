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


PITR_SECTION = r'''
aws dynamodb update-continuous-backups --table-name shop-orders \
  --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true
aws dynamodb describe-continuous-backups --table-name shop-orders \
  --query "ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus" --output text
aws dynamodb restore-table-to-point-in-time --source-table-name shop-orders \
  --target-table-name shop-orders-restored --use-latest-restorable-time
aws dynamodb create-backup --table-name shop-orders --backup-name shop-orders-nightly
'''

STREAMS_SECTION = r'''
aws dynamodb update-table --table-name shop-orders \
  --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES
aws dynamodb update-table --table-name shop-orders --stream-specification StreamEnabled=false
aws dynamodb describe-table --table-name shop-orders --query "Table.[StreamSpecification,LatestStreamArn]"
aws dynamodbstreams list-streams --query "Streams[].[StreamArn,TableName]" --output table
'''


def shop_orders_with_an_order(server):
    """The tables section's shop-orders table (its create-table line), with one order in it."""
    create = commands(TABLES_SECTION)[0]
    assert server.cli(*create[1:])[0] == 0
    server.client().put_item(TableName="shop-orders", Item={"orderId": {"S": "o-1"}, "total": {"N": "42.50"}})


def test_point_in_time_recovery_and_backups(fresh_server):
    server = fresh_server()
    shop_orders_with_an_order(server)
    enable, status, restore, backup = run_section(server, PITR_SECTION)
    assert enable[0] == 0, enable[2]
    pitr = enable[1]["ContinuousBackupsDescription"]
    assert pitr["ContinuousBackupsStatus"] == "ENABLED"
    assert pitr["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED"
    assert status == (0, "ENABLED", "")
    assert restore[0] == 0, restore[2]
    t = restore[1]["TableDescription"]
    assert t["TableName"] == "shop-orders-restored" and t["TableStatus"] == "CREATING"
    assert t["RestoreSummary"]["SourceTableArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders"
    assert t["RestoreSummary"]["RestoreInProgress"] is True
    assert t["SSEDescription"]["KMSMasterKeyArn"] == "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    assert t["DeletionProtectionEnabled"] is False
    restored = server.client().scan(TableName="shop-orders-restored")["Items"]
    assert restored == [{"orderId": {"S": "o-1"}, "total": {"N": "42.5"}}]
    assert backup[0] == 0, backup[2]
    details = backup[1]["BackupDetails"]
    assert details["BackupName"] == "shop-orders-nightly" and details["BackupType"] == "USER"
    assert details["BackupArn"].startswith("arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders/backup/")
    listed = server.client().list_backups(TableName="shop-orders")["BackupSummaries"]
    assert [b["BackupArn"] for b in listed] == [details["BackupArn"]]


def test_streams(fresh_server):
    server = fresh_server()
    shop_orders_with_an_order(server)
    enable, disable, described, listed = run_section(server, STREAMS_SECTION)
    assert enable[0] == 0, enable[2]
    t = enable[1]["TableDescription"]
    assert t["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    arn = t["LatestStreamArn"]
    assert arn == "arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders/stream/" + t["LatestStreamLabel"]
    assert disable[0] == 0, disable[2]
    assert "StreamSpecification" not in disable[1]["TableDescription"]
    assert described == (0, [None, arn], "")
    assert listed[0] == 0, listed[2]
    rows = [line for line in listed[1].splitlines() if arn in line]
    assert len(rows) == 1 and "shop-orders" in rows[0].replace(arn, "")
    # The disabled stream is still there to read, DISABLED.
    streams = server.client("dynamodbstreams")
    assert streams.describe_stream(StreamArn=arn)["StreamDescription"]["StreamStatus"] == "DISABLED"

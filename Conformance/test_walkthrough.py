"""The team's AWS CLI walkthrough, run as written against --endpoint-url (credentials from the
usual AWS environment variables), with AWS's output shapes."""
import shlex

TABLES_SECTION = r'''
aws dynamodb create-table --table-name shop-orders \
  --attribute-definitions AttributeName=orderId,AttributeType=S \
  --key-schema AttributeName=orderId,KeyType=HASH --billing-mode PAY_PER_REQUEST \
  --sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=alias/aws/dynamodb \
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


def run_section(server, section, cwd=None):
    results = []
    for args in commands(section):
        assert args[0] == "aws"
        results.append(server.cli(*args[1:], check=False, cwd=cwd))
    return results


def test_tables_encryption_deletion_protection(fresh_server):
    server = fresh_server()
    r = run_section(server, TABLES_SECTION)
    create, sse, protected, delete, unprotect, billing, mode, names, tag = r
    assert create[0] == 0 and create[1]["TableDescription"]["TableName"] == "shop-orders"
    # alias/aws/dynamodb: the account's AWS managed key, made on first use; the table names its key ARN.
    managed = server.client("kms").describe_key(KeyId="alias/aws/dynamodb")["KeyMetadata"]
    assert managed["KeyManager"] == "AWS"
    assert create[1]["TableDescription"]["SSEDescription"]["KMSMasterKeyArn"] == managed["Arn"]
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
    assert t["SSEDescription"]["KMSMasterKeyArn"] == server.client("kms").describe_key(KeyId="alias/aws/dynamodb")["KeyMetadata"]["Arn"]
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


FGAC_SECTION = r'''
aws iam create-role --role-name ShopAppRole --assume-role-policy-document file://trust.json
aws iam tag-role --role-name ShopAppRole --tags Key=userId,Value=user-123
aws iam put-role-policy --role-name ShopAppRole --policy-name own-items --policy-document file://fgac.json
aws iam simulate-principal-policy \
  --policy-source-arn arn:aws:iam::123456789012:role/ShopAppRole \
  --action-names dynamodb:GetItem \
  --resource-arns arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders \
  --context-entries ContextKeyName=dynamodb:LeadingKeys,ContextKeyValues=user-123,ContextKeyType=stringList
'''

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                                                 "Action": ["sts:AssumeRole", "sts:TagSession"]}]}
FGAC = {"Version": "2012-10-17", "Statement": [{
    "Sid": "OwnItemsSpecificAttributes", "Effect": "Allow",
    "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
    "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders",
    "Condition": {
        "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:PrincipalTag/userId}"],
                                      "dynamodb:Attributes": ["orderId", "status", "total"]},
        "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}}]}


def test_fine_grained_access_control(fresh_server, tmp_path):
    import json
    server = fresh_server()
    (tmp_path / "trust.json").write_text(json.dumps(TRUST))
    (tmp_path / "fgac.json").write_text(json.dumps(FGAC))
    create, tag, put, simulate = run_section(server, FGAC_SECTION, cwd=str(tmp_path))
    assert create[0] == 0 and create[1]["Role"]["Arn"] == "arn:aws:iam::123456789012:role/ShopAppRole"
    assert tag[0] == 0 and put[0] == 0
    assert simulate[0] == 0, simulate[2]
    result = simulate[1]["EvaluationResults"][0]
    assert result["EvalActionName"] == "dynamodb:GetItem"
    assert result["EvalResourceName"] == "arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders"
    assert result["EvalDecision"] == "allowed"
    assert result["MatchedStatements"][0]["SourcePolicyId"] == "own-items"
    assert result["MatchedStatements"][0]["SourcePolicyType"] == "role"
    # Someone else's partition key: the same policy does not allow it.
    code, other, err = server.cli("iam", "simulate-principal-policy", "--policy-source-arn", "arn:aws:iam::123456789012:role/ShopAppRole",
                                  "--action-names", "dynamodb:GetItem", "--resource-arns", "arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders",
                                  "--context-entries", "ContextKeyName=dynamodb:LeadingKeys,ContextKeyValues=user-456,ContextKeyType=stringList")
    assert code == 0 and other["EvaluationResults"][0]["EvalDecision"] == "implicitDeny"


RESOURCE_POLICY_SECTION = r'''
aws dynamodb put-resource-policy --resource-arn arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders \
  --policy file://table-policy.json
aws dynamodb get-resource-policy --resource-arn arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders
aws dynamodb delete-resource-policy --resource-arn arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders
'''


def test_resource_based_policies(fresh_server, tmp_path):
    import json
    server = fresh_server()
    server.client().create_table(TableName="shop-orders", KeySchema=[{"AttributeName": "orderId", "KeyType": "HASH"}],
                                 AttributeDefinitions=[{"AttributeName": "orderId", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                                                      "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                                                      "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders"}]}
    (tmp_path / "table-policy.json").write_text(json.dumps(policy))
    put, get, delete = run_section(server, RESOURCE_POLICY_SECTION, cwd=str(tmp_path))
    assert put[0] == 0 and put[1]["RevisionId"].isdigit()
    assert get[0] == 0 and json.loads(get[1]["Policy"]) == policy and get[1]["RevisionId"] == put[1]["RevisionId"]
    assert delete[0] == 0 and delete[1]["RevisionId"] == put[1]["RevisionId"]
    code, _, err = server.cli("dynamodb", "get-resource-policy", "--resource-arn",
                              "arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders", check=False)
    assert code != 0 and "PolicyNotFoundException" in err


CLOUDTRAIL_SECTION = r'''
aws cloudtrail create-trail --name shop-trail --s3-bucket-name shop-audit
aws cloudtrail put-event-selectors --trail-name shop-trail --event-selectors \
  '[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::DynamoDB::Table","Values":["arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders"]}]}]'
aws cloudtrail put-event-selectors --trail-name shop-trail --advanced-event-selectors \
  '[{"Name":"writes","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::DynamoDB::Table"]},{"Field":"readOnly","Equals":["false"]}]}]'
aws cloudtrail get-event-selectors --trail-name shop-trail --query "EventSelectors[].DataResources"
aws cloudtrail start-logging --name shop-trail
aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=CreateTable
'''


def test_cloudtrail_data_events(fresh_server, tmp_path):
    import glob
    import gzip
    import json

    server = fresh_server("--trail-dir", str(tmp_path / "trails"))
    run_section(server, TABLES_SECTION)  # the walkthrough's table, created before the trail
    create, basic, advanced, selectors, start, lookup = run_section(server, CLOUDTRAIL_SECTION)
    assert create[0] == 0 and create[1] == {
        "Name": "shop-trail", "S3BucketName": "shop-audit", "IncludeGlobalServiceEvents": True, "IsMultiRegionTrail": False,
        "TrailARN": "arn:aws:cloudtrail:us-east-1:123456789012:trail/shop-trail", "LogFileValidationEnabled": False,
        "IsOrganizationTrail": False}
    assert basic[0] == 0 and basic[1]["EventSelectors"][0]["DataResources"] == [
        {"Type": "AWS::DynamoDB::Table", "Values": ["arn:aws:dynamodb:us-east-1:123456789012:table/shop-orders"]}]
    assert advanced[0] == 0 and advanced[1]["AdvancedEventSelectors"][0]["Name"] == "writes"
    assert "EventSelectors" not in advanced[1]
    # Advanced selectors replaced the basic ones, so the query finds no EventSelectors.
    assert selectors == (0, None, "")
    assert start == (0, None, "")
    assert lookup[0] == 0
    [event] = lookup[1]["Events"]
    assert event["EventName"] == "CreateTable" and event["Resources"] == [{"ResourceType": "AWS::DynamoDB::Table", "ResourceName": "shop-orders"}]
    assert json.loads(event["CloudTrailEvent"])["requestParameters"]["tableName"] == "shop-orders"
    # Writes are delivered once logging runs; reads are not selected.
    ddb = server.client()
    ddb.put_item(TableName="shop-orders", Item={"orderId": {"S": "o-1"}, "total": {"N": "12"}})
    ddb.get_item(TableName="shop-orders", Key={"orderId": {"S": "o-1"}})
    server.stop()
    files = glob.glob(str(tmp_path / "trails" / "shop-audit" / "AWSLogs" / "123456789012" / "CloudTrail" / "us-east-1" / "*" / "*" / "*" / "*.json.gz"))
    records = [r for f in files for r in json.load(gzip.open(f))["Records"]]
    assert [(r["eventName"], r["requestParameters"]) for r in records] == [
        ("PutItem", {"tableName": "shop-orders", "key": {"orderId": "o-1"}, "item": ["orderId", "total"]})]

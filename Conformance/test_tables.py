"""Control plane: CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable, tags, TTL,
DescribeEndpoints, DescribeLimits — through boto3 against the built server."""
import pytest
from botocore.exceptions import ClientError

from conftest import ACCOUNT, REGION, create_table, error_of, unique


def test_create_table_description_has_every_field(ddb, table_name):
    out = ddb.create_table(
        TableName=table_name,
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                              {"AttributeName": "g", "AttributeType": "S"}, {"AttributeName": "l", "AttributeType": "B"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        LocalSecondaryIndexes=[{"IndexName": "byL", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "l", "KeyType": "RANGE"}],
                                "Projection": {"ProjectionType": "KEYS_ONLY"}}],
        GlobalSecondaryIndexes=[{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x", "y"]},
                                 "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 4}}],
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 6},
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
        Tags=[{"Key": "team", "Value": "shop"}],
        TableClass="STANDARD_INFREQUENT_ACCESS",
    )["TableDescription"]
    assert out["TableStatus"] == "CREATING"
    assert out["GlobalSecondaryIndexes"][0]["IndexStatus"] == "CREATING"
    t = ddb.describe_table(TableName=table_name)["Table"]
    assert t["TableStatus"] == "ACTIVE"
    assert t["TableName"] == table_name
    assert t["TableArn"] == "arn:aws:dynamodb:%s:%s:table/%s" % (REGION, ACCOUNT, table_name)
    assert len(t["TableId"]) == 36
    assert t["ItemCount"] == 0 and t["TableSizeBytes"] == 0
    assert t["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]
    assert t["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    assert t["ProvisionedThroughput"]["WriteCapacityUnits"] == 6
    assert "BillingModeSummary" not in t
    lsi = t["LocalSecondaryIndexes"][0]
    assert lsi["IndexName"] == "byL" and lsi["Projection"] == {"ProjectionType": "KEYS_ONLY"}
    assert lsi["IndexArn"] == t["TableArn"] + "/index/byL"
    gsi = t["GlobalSecondaryIndexes"][0]
    assert gsi["IndexStatus"] == "ACTIVE"
    assert gsi["Projection"] == {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x", "y"]}
    assert gsi["ProvisionedThroughput"]["ReadCapacityUnits"] == 3
    assert t["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    assert t["LatestStreamArn"] == t["TableArn"] + "/stream/" + t["LatestStreamLabel"]
    assert t["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    assert t["DeletionProtectionEnabled"] is False
    assert "SSEDescription" not in t
    assert t["CreationDateTime"].year >= 2024
    tags = ddb.list_tags_of_resource(ResourceArn=t["TableArn"])["Tags"]
    assert tags == [{"Key": "team", "Value": "shop"}]


def test_sse_with_aws_managed_key(ddb, table_name):
    create_table(ddb, table_name, SSESpecification={"Enabled": True})
    sse = ddb.describe_table(TableName=table_name)["Table"]["SSEDescription"]
    assert sse["Status"] == "ENABLED" and sse["SSEType"] == "KMS"
    assert sse["KMSMasterKeyArn"].startswith("arn:aws:kms:%s:%s:key/" % (REGION, ACCOUNT))


def test_duplicate_table_is_resource_in_use(ddb, table_name):
    create_table(ddb, table_name)
    with pytest.raises(ClientError) as e:
        create_table(ddb, table_name)
    assert error_of(e) == ("ResourceInUseException", "Table already exists: %s" % table_name)


def test_unknown_table_is_resource_not_found(ddb):
    with pytest.raises(ClientError) as e:
        ddb.describe_table(TableName="no-such-table")
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found: Table: no-such-table not found")
    with pytest.raises(ClientError) as e:
        ddb.delete_table(TableName="no-such-table")
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found: Table: no-such-table not found")


@pytest.mark.parametrize("kwargs, message", [
    (dict(TableName="ab"), "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"),
    (dict(TableName="bad name!"), "1 validation error detected: Value 'bad name!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
    (dict(BillingMode="PROVISIONED", ProvisionedThroughput=None),
     "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"),
    (dict(ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}),
     "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"),
    (dict(KeySchema=[{"AttributeName": "pk", "KeyType": "RANGE"}]), "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
    (dict(KeySchema=[{"AttributeName": "zz", "KeyType": "HASH"}]),
     "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [zz], AttributeDefinitions: [pk]"),
    (dict(AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "extra", "AttributeType": "S"}]),
     "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"),
    (dict(StreamSpecification={"StreamEnabled": False, "StreamViewType": "NEW_IMAGE"}),
     "One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified"),
    (dict(ProvisionedThroughput={"ReadCapacityUnits": 0, "WriteCapacityUnits": 1}, BillingMode="PROVISIONED"),
     "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1"),
])
def test_create_table_validation(ddb, kwargs, message):
    args = dict(TableName=unique(), KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    args.update(kwargs)
    args = {k: v for k, v in args.items() if v is not None}
    with pytest.raises(ClientError) as e:
        ddb.create_table(**args)
    assert error_of(e) == ("ValidationException", message)


def test_list_tables_pages_through_three_pages(server):
    ddb = server.client()
    names = sorted(unique("page") for _ in range(7))
    for n in names:
        create_table(ddb, n)
    seen, start, pages = [], None, 0
    while True:
        kwargs = {"Limit": 3}
        if start:
            kwargs["ExclusiveStartTableName"] = start
        out = ddb.list_tables(**kwargs)
        pages += 1
        seen += out["TableNames"]
        start = out.get("LastEvaluatedTableName")
        if not start:
            break
    assert [n for n in seen if n.startswith("page-")] == names
    assert seen == sorted(seen)
    assert pages >= 3


def test_list_tables_limit_validation(ddb):
    with pytest.raises(ClientError) as e:
        ddb.list_tables(Limit=101)
    assert error_of(e) == ("ValidationException",
                           "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100")


def test_deletion_protection_refuses_and_deletes_nothing(ddb, table_name):
    create_table(ddb, table_name, DeletionProtectionEnabled=True)
    ddb.put_item(TableName=table_name, Item={"pk": {"S": "keep"}})
    with pytest.raises(ClientError) as e:
        ddb.delete_table(TableName=table_name)
    assert error_of(e) == ("ValidationException",
                           "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
    assert ddb.get_item(TableName=table_name, Key={"pk": {"S": "keep"}})["Item"] == {"pk": {"S": "keep"}}
    out = ddb.update_table(TableName=table_name, DeletionProtectionEnabled=False)["TableDescription"]
    assert out["DeletionProtectionEnabled"] is False
    out = ddb.delete_table(TableName=table_name)["TableDescription"]
    assert out["TableStatus"] == "DELETING" and out["ItemCount"] == 1
    with pytest.raises(ClientError) as e:
        ddb.describe_table(TableName=table_name)
    assert error_of(e)[0] == "ResourceNotFoundException"


def test_update_table_billing_and_throughput(ddb, table_name):
    create_table(ddb, table_name, BillingMode="PROVISIONED", ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1})
    out = ddb.update_table(TableName=table_name, ProvisionedThroughput={"ReadCapacityUnits": 7, "WriteCapacityUnits": 2})["TableDescription"]
    assert out["TableStatus"] == "UPDATING"
    t = ddb.describe_table(TableName=table_name)["Table"]
    assert t["ProvisionedThroughput"]["ReadCapacityUnits"] == 7
    assert "LastIncreaseDateTime" in t["ProvisionedThroughput"]
    with pytest.raises(ClientError) as e:
        ddb.update_table(TableName=table_name, ProvisionedThroughput={"ReadCapacityUnits": 7, "WriteCapacityUnits": 2})
    assert error_of(e)[1].startswith("The provisioned throughput for the table will not change.")
    ddb.update_table(TableName=table_name, BillingMode="PAY_PER_REQUEST")
    t = ddb.describe_table(TableName=table_name)["Table"]
    assert t["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert t["ProvisionedThroughput"]["ReadCapacityUnits"] == 0


def test_update_table_requires_a_change(ddb, table_name):
    create_table(ddb, table_name)
    with pytest.raises(ClientError) as e:
        ddb.update_table(TableName=table_name)
    code, message = error_of(e)
    assert code == "ValidationException" and message.startswith("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled")


def test_stream_enable_disable(ddb, table_name):
    create_table(ddb, table_name)
    ddb.update_table(TableName=table_name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    t = ddb.describe_table(TableName=table_name)["Table"]
    assert t["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
    first = t["LatestStreamArn"]
    with pytest.raises(ClientError) as e:
        ddb.update_table(TableName=table_name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    assert error_of(e) == ("ValidationException", "Table already has an enabled stream: TableName: %s" % table_name)
    ddb.update_table(TableName=table_name, StreamSpecification={"StreamEnabled": False})
    t = ddb.describe_table(TableName=table_name)["Table"]
    assert "StreamSpecification" not in t and t["LatestStreamArn"] == first
    with pytest.raises(ClientError) as e:
        ddb.update_table(TableName=table_name, StreamSpecification={"StreamEnabled": False})
    assert error_of(e) == ("ValidationException", "Table has no stream to disable: TableName: %s" % table_name)


def test_tags_round_trip(ddb, table_name):
    create_table(ddb, table_name)
    arn = ddb.describe_table(TableName=table_name)["Table"]["TableArn"]
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "3"}])
    assert sorted(ddb.list_tags_of_resource(ResourceArn=arn)["Tags"], key=lambda t: t["Key"]) == [
        {"Key": "a", "Value": "3"}, {"Key": "b", "Value": "2"}]
    ddb.untag_resource(ResourceArn=arn, TagKeys=["a"])
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [{"Key": "b", "Value": "2"}]
    missing = "arn:aws:dynamodb:%s:%s:table/nope" % (REGION, ACCOUNT)
    with pytest.raises(ClientError) as e:
        ddb.list_tags_of_resource(ResourceArn=missing)
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found: ResourcArn: %s not found" % missing)
    with pytest.raises(ClientError) as e:
        ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "aws:x", "Value": "1"}])
    assert error_of(e) == ("ValidationException", "Tag Key cannot be prefixed with aws:, Key: aws:x")


def test_time_to_live_settings(ddb, table_name):
    create_table(ddb, table_name)
    assert ddb.describe_time_to_live(TableName=table_name)["TimeToLiveDescription"] == {"TimeToLiveStatus": "DISABLED"}
    out = ddb.update_time_to_live(TableName=table_name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    assert out["TimeToLiveSpecification"] == {"Enabled": True, "AttributeName": "exp"}
    assert ddb.describe_time_to_live(TableName=table_name)["TimeToLiveDescription"] == {"TimeToLiveStatus": "ENABLED", "AttributeName": "exp"}
    with pytest.raises(ClientError) as e:
        ddb.update_time_to_live(TableName=table_name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    assert error_of(e) == ("ValidationException", "TimeToLive is already enabled")


def test_describe_endpoints_and_limits(ddb):
    assert ddb.describe_endpoints()["Endpoints"] == [{"Address": "dynamodb.us-east-1.amazonaws.com", "CachePeriodInMinutes": 1440}]
    limits = ddb.describe_limits()
    assert limits["TableMaxReadCapacityUnits"] == 40000 and limits["AccountMaxWriteCapacityUnits"] == 80000

"""`warden serve --realistic-delays` / `--transition-seconds N`: tables and global secondary
indexes pass through CREATING / UPDATING / DELETING on the simulated clock, and clients see
what they see against DynamoDB while they wait (ResourceNotFoundException for item calls on a
table being created, ResourceInUseException for changes, TableInUseException for restores
onto a name being created or deleted). Without the option everything is ACTIVE at once."""
import pytest
from botocore.exceptions import ClientError

import clock
from conftest import create_table, error_of, unique


def status(ddb, name):
    return ddb.describe_table(TableName=name)["Table"]["TableStatus"]


def test_default_is_active_at_once(ddb, table_name):
    assert create_table(ddb, table_name)["TableDescription"]["TableStatus"] == "CREATING"
    assert status(ddb, table_name) == "ACTIVE"


def test_table_passes_through_creating_updating_deleting(fresh_server):
    server = fresh_server("--transition-seconds", "30")
    ddb = server.client()
    name = unique()
    create_table(ddb, name)
    assert status(ddb, name) == "CREATING"
    with pytest.raises(ClientError) as e:
        ddb.put_item(TableName=name, Item={"pk": {"S": "a"}})
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found")
    with pytest.raises(ClientError) as e:
        ddb.update_table(TableName=name, DeletionProtectionEnabled=True)
    assert error_of(e) == ("ResourceInUseException", "Attempt to change a resource which is still in use: Table is being created: %s" % name)
    with pytest.raises(ClientError) as e:
        ddb.delete_table(TableName=name)
    assert error_of(e) == ("ResourceInUseException", "Attempt to change a resource which is still in use: Table is being created: %s" % name)

    clock.advance(server, 31)
    assert status(ddb, name) == "ACTIVE"
    ddb.put_item(TableName=name, Item={"pk": {"S": "a"}, "g": {"S": "x"}})

    ddb.update_table(TableName=name, AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "gsi", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                              "Projection": {"ProjectionType": "ALL"}}}])
    table = ddb.describe_table(TableName=name)["Table"]
    assert table["TableStatus"] == "UPDATING"
    assert table["GlobalSecondaryIndexes"][0]["IndexStatus"] == "CREATING"
    assert table["GlobalSecondaryIndexes"][0]["Backfilling"] is False
    ddb.get_item(TableName=name, Key={"pk": {"S": "a"}})  # items stay usable while UPDATING
    with pytest.raises(ClientError) as e:
        ddb.update_table(TableName=name, DeletionProtectionEnabled=True)
    assert error_of(e) == ("ResourceInUseException", "Attempt to change a resource which is still in use: Table is being updated: %s" % name)

    clock.advance(server, 31)
    table = ddb.describe_table(TableName=name)["Table"]
    assert (table["TableStatus"], table["GlobalSecondaryIndexes"][0]["IndexStatus"]) == ("ACTIVE", "ACTIVE")

    assert ddb.delete_table(TableName=name)["TableDescription"]["TableStatus"] == "DELETING"
    assert status(ddb, name) == "DELETING"
    with pytest.raises(ClientError) as e:
        create_table(ddb, name)
    assert error_of(e) == ("ResourceInUseException", "Table already exists: %s" % name)
    clock.advance(server, 31)
    with pytest.raises(ClientError) as e:
        status(ddb, name)
    assert error_of(e) == ("ResourceNotFoundException", "Requested resource not found: Table: %s not found" % name)


def test_delete_refused_while_an_index_changes_and_restore_onto_a_busy_name(fresh_server):
    server = fresh_server("--transition-seconds", "30")
    ddb = server.client()
    name = unique()
    create_table(ddb, name)
    backup = None
    clock.advance(server, 31)
    backup = ddb.create_backup(TableName=name, BackupName="bkp")["BackupDetails"]["BackupArn"]
    target = unique()
    ddb.restore_table_from_backup(TargetTableName=target, BackupArn=backup)
    assert status(ddb, target) == "CREATING"
    with pytest.raises(ClientError) as e:
        ddb.restore_table_from_backup(TargetTableName=target, BackupArn=backup)
    assert error_of(e) == ("TableInUseException", "A target table with the specified name is either being created or deleted.")


def test_waiter_waits_for_active(fresh_server):
    server = fresh_server("--realistic-delays")
    ddb = server.client()
    name = unique()
    create_table(ddb, name)
    assert status(ddb, name) == "CREATING"
    clock.advance(server, 6)
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 3})
    assert status(ddb, name) == "ACTIVE"

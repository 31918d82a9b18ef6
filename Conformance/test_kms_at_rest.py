"""Encryption at rest: attribute values are sealed (AES-256-GCM under per-table data keys,
themselves wrapped under the data directory's master secret) in items, index rows, history
(PITR, streams) and backups; the database files and WAL hold no plaintext value."""
import glob
import os
import stat

from conftest import create_table

MARKER = "PLAINTEXT-AT-REST-MARKER-5150"


def database_bytes(data_dir):
    blobs = []
    for path in glob.glob(os.path.join(data_dir, "warden.sqlite*")):
        with open(path, "rb") as f:
            blobs.append((path, f.read()))
    return blobs


def test_no_plaintext_in_the_database_files(fresh_server, tmp_path):
    data = str(tmp_path / "at-rest")
    server = fresh_server(data_dir=data)
    ddb = server.client()
    create_table(ddb, "vault", extra_defs=[("owner", "S")],
                 gsis=[{"IndexName": "by-owner", "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "ALL"}}],
                 StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    ddb.update_continuous_backups(TableName="vault", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    for i in range(20):
        ddb.put_item(TableName="vault", Item={"pk": {"S": "k%d" % i}, "owner": {"S": "o"}, "secret": {"S": MARKER + "-%d" % i}})
    ddb.update_item(TableName="vault", Key={"pk": {"S": "k0"}}, UpdateExpression="SET secret = :s",
                    ExpressionAttributeValues={":s": {"S": MARKER + "-updated"}})
    ddb.create_backup(TableName="vault", BackupName="vault-b1")
    # Reads come back in the clear, through every path.
    assert ddb.get_item(TableName="vault", Key={"pk": {"S": "k0"}})["Item"]["secret"] == {"S": MARKER + "-updated"}
    assert len(ddb.query(TableName="vault", IndexName="by-owner", KeyConditionExpression="#o = :o",
                         ExpressionAttributeNames={"#o": "owner"}, ExpressionAttributeValues={":o": {"S": "o"}})["Items"]) == 20
    streams = server.client("dynamodbstreams")
    arn = ddb.describe_table(TableName="vault")["Table"]["LatestStreamArn"]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    records = streams.get_records(ShardIterator=it)["Records"]
    assert records[-1]["dynamodb"]["OldImage"]["secret"] == {"S": MARKER + "-0"}
    blobs = database_bytes(data)
    assert blobs and any(path.endswith("-wal") for path, _ in blobs) or len(blobs) >= 1
    for path, data_bytes in blobs:
        assert MARKER.encode() not in data_bytes, path
    # After a restart (checkpointed into the main file) the same holds, and reads still work.
    server.restart()
    ddb = server.client()
    assert ddb.get_item(TableName="vault", Key={"pk": {"S": "k5"}})["Item"]["secret"] == {"S": MARKER + "-5"}
    restored = ddb.restore_table_from_backup(TargetTableName="vault-restored",
                                             BackupArn=ddb.list_backups(TableName="vault")["BackupSummaries"][0]["BackupArn"])
    assert restored["TableDescription"]["TableName"] == "vault-restored"
    assert ddb.get_item(TableName="vault-restored", Key={"pk": {"S": "k7"}})["Item"]["secret"] == {"S": MARKER + "-7"}
    for path, data_bytes in database_bytes(data):
        assert MARKER.encode() not in data_bytes, path
    assert stat.S_IMODE(os.stat(os.path.join(data, "kms-master.key")).st_mode) == 0o600


def test_the_database_alone_reveals_nothing(fresh_server, tmp_path):
    data = str(tmp_path / "copied")
    server = fresh_server(data_dir=data)
    ddb = server.client()
    create_table(ddb, "tab")
    ddb.put_item(TableName="tab", Item={"pk": {"S": "a"}, "v": {"S": MARKER}})
    server.stop()
    # A copy of the database with another master secret cannot read the table.
    os.remove(os.path.join(data, "kms-master.key"))
    with open(os.path.join(data, "kms-master.key"), "w") as f:
        f.write("00" * 32 + "\n")
    os.chmod(os.path.join(data, "kms-master.key"), 0o600)
    server.proc = None
    try:
        server.start()
        started = True
    except RuntimeError:
        started = False
    assert not started  # the stored keys do not open: the server refuses to start


def test_table_data_keys_are_encrypted_under_the_tables_kms_key(fresh_server, tmp_path):
    import sqlite3
    data = str(tmp_path / "envelope")
    server = fresh_server(data_dir=data)
    ddb, kms = server.client(), server.client("kms")
    key = kms.create_key()["KeyMetadata"]
    create_table(ddb, "sealed", SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key["KeyId"]})
    create_table(ddb, "plain-key")
    ddb.put_item(TableName="sealed", Item={"pk": {"S": "a"}, "v": {"S": MARKER}})
    server.restart()  # the data key is read back through the KMS key's material
    ddb = server.client()
    assert ddb.get_item(TableName="sealed", Key={"pk": {"S": "a"}})["Item"]["v"] == {"S": MARKER}
    server.stop()
    db = sqlite3.connect(os.path.join(data, "warden.sqlite"))
    rows = db.execute("SELECT key_arn, length(wrapped), length(kms_blob) FROM kms_data_keys ORDER BY storage_id").fetchall()
    db.close()
    # One data key per table: the KMS table's under its key only, the other under the master secret.
    assert sorted(rows, key=lambda r: r[0] or "") == sorted([(None, 60, None), (key["Arn"], 0, rows[0][2] or rows[1][2])],
                                                            key=lambda r: r[0] or "")


def test_restored_tables_and_new_indexes_go_under_the_kms_key(fresh_server, tmp_path):
    import sqlite3
    data = str(tmp_path / "rekey")
    server = fresh_server(data_dir=data)
    ddb, kms = server.client(), server.client("kms")
    key = kms.create_key()["KeyMetadata"]
    create_table(ddb, "src", SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key["Arn"]})
    ddb.put_item(TableName="src", Item={"pk": {"S": "a"}, "g": {"S": "x"}, "v": {"S": MARKER}})
    ddb.update_table(TableName="src", AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                              "Projection": {"ProjectionType": "ALL"}}}])
    backup = ddb.create_backup(TableName="src", BackupName="src-backup")["BackupDetails"]["BackupArn"]
    ddb.restore_table_from_backup(TargetTableName="copy", BackupArn=backup)
    server.restart()
    ddb = server.client()
    assert ddb.get_item(TableName="copy", Key={"pk": {"S": "a"}})["Item"]["v"] == {"S": MARKER}
    assert ddb.query(TableName="src", IndexName="by-g", KeyConditionExpression="g = :g",
                     ExpressionAttributeValues={":g": {"S": "x"}})["Items"][0]["v"] == {"S": MARKER}
    server.stop()
    db = sqlite3.connect(os.path.join(data, "warden.sqlite"))
    rows = db.execute("SELECT key_arn, length(wrapped) FROM kms_data_keys").fetchall()
    db.close()
    # src, its index, copy and copy's index: every data key under the KMS key, none under the master secret.
    assert rows == [(key["Arn"], 0)] * 4

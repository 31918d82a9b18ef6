"""PartiQL in the audit trail: data events named ExecuteStatement, BatchExecuteStatement and
ExecuteTransaction, their statements redacted as CloudTrail's own examples show — key values
in WHERE equalities kept, every other value `***(Redacted)`, Parameters left out — and no
non-key value anywhere in what is delivered."""
from audit_support import audited_server, every_byte, records, request_id, stream

SENTINEL = "NONKEY-SENTINEL-9c2e"


def test_partiql_records(tmp_path):
    server = audited_server(tmp_path)
    trail = server.client("cloudtrail")
    trail.create_trail(Name="partiql-trail", S3BucketName="bucket")
    trail.put_event_selectors(TrailName="partiql-trail", EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True,
                                                              "DataResources": [{"Type": "AWS::DynamoDB::Table", "Values": ["arn:aws:dynamodb"]}]}])
    trail.start_logging(Name="partiql-trail")
    ddb = server.client()
    ddb.create_table(TableName="Music", BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "Artist", "KeyType": "HASH"}, {"AttributeName": "SongTitle", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "Artist", "AttributeType": "S"}, {"AttributeName": "SongTitle", "AttributeType": "S"}])
    insert = ddb.execute_statement(Statement=f"INSERT INTO Music VALUE {{'Artist' : 'No One You Know', 'SongTitle' : 'Call Me Today', 'Album' : '{SENTINEL}'}}")
    select = ddb.execute_statement(Statement="SELECT * FROM Music WHERE Artist = 'No One You Know' AND SongTitle = 'Call Me Today' AND Album = ?",
                                   Parameters=[{"S": SENTINEL}])
    assert select["Items"][0]["Album"] == {"S": SENTINEL}
    batch = ddb.batch_execute_statement(Statements=[
        {"Statement": f"UPDATE Music SET Album = '{SENTINEL}' WHERE Artist = 'No One You Know' AND SongTitle = 'Call Me Today'"}])
    transaction = ddb.execute_transaction(TransactStatements=[
        {"Statement": "UPDATE Music SET Plays = 1 WHERE Artist = ? AND SongTitle = 'Call Me Today'", "Parameters": [{"S": "No One You Know"}]}],
        ClientRequestToken="tok")
    server.stop()
    by_id = {r["requestID"]: r for r in records(server.trails)}
    expected = {
        request_id(insert): ("ExecuteStatement", {"statement": "INSERT INTO Music VALUE {'Artist' : ***(Redacted), 'SongTitle' : ***(Redacted), 'Album' : ***(Redacted)}"}),
        request_id(select): ("ExecuteStatement", {"statement": "SELECT * FROM Music WHERE Artist = 'No One You Know' AND SongTitle = 'Call Me Today' AND Album = ?"}),
        request_id(batch): ("BatchExecuteStatement", {"requestItems": [
            {"statement": "UPDATE Music SET Album = ***(Redacted) WHERE Artist = 'No One You Know' AND SongTitle = 'Call Me Today'"}]}),
        request_id(transaction): ("ExecuteTransaction", {"requestItems": [
            {"statement": "UPDATE Music SET Plays = ***(Redacted) WHERE Artist = ? AND SongTitle = 'Call Me Today'"}], "clientRequestToken": "tok"}),
    }
    for rid, (name, parameters) in expected.items():
        record = by_id[rid]
        assert record["eventName"] == name and record["requestParameters"] == parameters
        assert record["eventCategory"] == "Data" and record["managementEvent"] is False and record["readOnly"] is False
        assert record["responseElements"] is None
        assert record["resources"] == [{"accountId": "123456789012", "type": "AWS::DynamoDB::Table",
                                        "ARN": "arn:aws:dynamodb:us-east-1:123456789012:table/Music"}]
    assert {r["requestID"] for r in stream(server)} >= set(expected)
    for blob in every_byte(server.trails, server.audit_log):
        assert SENTINEL.encode() not in blob

import DynamoModel
import Synchronization
import Testing
@testable import DynamoOperations

/// The authorization checks PartiQL statements derive: the action, the resource (table or
/// index) and the fine-grained keys, through ItemAccess.
@Suite struct PartiQLAccessTests {
    let h: Harness

    init() throws {
        h = try Harness()
        h.ok("CreateTable", """
            {"TableName":"scores","BillingMode":"PAY_PER_REQUEST",
             "AttributeDefinitions":[{"AttributeName":"UserId","AttributeType":"S"},{"AttributeName":"GameTitle","AttributeType":"S"}],
             "KeySchema":[{"AttributeName":"UserId","KeyType":"HASH"},{"AttributeName":"GameTitle","KeyType":"RANGE"}],
             "GlobalSecondaryIndexes":[{"IndexName":"ByTitle","KeySchema":[{"AttributeName":"GameTitle","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}
            """)
    }

    func checks(_ operation: String, _ json: String) throws -> [AuthorizationCheck] {
        try h.make(operation, json).get().authorization(service: h.service, env: h.env).checks
    }

    func statement(_ text: String, parameters: String = "null", extra: String = "") throws -> AuthorizationCheck {
        let body = "{\"Statement\":\(JSONWriter.string(.string(text))),\"Parameters\":\(parameters)\(extra)}"
        let all = try checks("ExecuteStatement", body)
        try #require(all.count == 1)
        return all[0]
    }

    let table = "arn:aws:dynamodb:us-east-1:123456789012:table/scores"

    @Test func selectsNameTheirPartitionsOrSayTheyScan() throws {
        let keyed = try statement("SELECT TopScore FROM scores WHERE UserId = ? AND GameTitle > 'a' AND Wins > 1", parameters: #"[{"S":"alice"}]"#)
        #expect(keyed.action == "dynamodb:PartiQLSelect" && keyed.resource == table)
        #expect(keyed.keys == ["dynamodb:LeadingKeys": ["alice"], "dynamodb:Attributes": ["GameTitle", "TopScore", "UserId", "Wins"],
                               "dynamodb:Select": ["SPECIFIC_ATTRIBUTES"], "dynamodb:FullTableScan": ["false"]])
        let many = try statement("SELECT * FROM scores WHERE UserId IN ['a', 'b'] OR UserId = 'c'")
        #expect(many.keys["dynamodb:LeadingKeys"] == ["a", "b", "c"] && many.keys["dynamodb:Select"] == ["ALL_ATTRIBUTES"])
        let scan = try statement("SELECT * FROM scores WHERE UserId = 'a' OR Wins > 1")
        #expect(scan.keys["dynamodb:LeadingKeys"] == nil && scan.keys["dynamodb:FullTableScan"] == ["true"])
        let index = try statement(#"SELECT * FROM "scores"."ByTitle" WHERE GameTitle = 'Meteor'"#)
        #expect(index.resource == table + "/index/ByTitle" && index.policyResource == table)
        #expect(index.keys["dynamodb:LeadingKeys"] == ["Meteor"] && index.keys["dynamodb:Select"] == ["ALL_PROJECTED_ATTRIBUTES"])
    }

    @Test func writesNameTheirKeyEverythingTheyTouchAndWhatTheyReturn() throws {
        let insert = try statement("INSERT INTO scores VALUE {'UserId': 'a', 'GameTitle': 'g', 'Secret': 's'}")
        #expect(insert.action == "dynamodb:PartiQLInsert")
        #expect(insert.keys == ["dynamodb:LeadingKeys": ["a"], "dynamodb:Attributes": ["GameTitle", "Secret", "UserId"]])
        let update = try statement("UPDATE scores SET Wins = Wins + 1 REMOVE Old WHERE UserId = 'a' AND GameTitle = 'g' AND Secret = 'x' RETURNING ALL OLD *")
        #expect(update.action == "dynamodb:PartiQLUpdate")
        #expect(update.keys == ["dynamodb:LeadingKeys": ["a"], "dynamodb:Attributes": ["GameTitle", "Old", "Secret", "UserId", "Wins"],
                                "dynamodb:ReturnValues": ["ALL_OLD"]])
        let delete = try statement("DELETE FROM scores WHERE UserId = 'b' AND GameTitle = 'g'", extra: #","ReturnValuesOnConditionCheckFailure":"ALL_OLD""#)
        #expect(delete.action == "dynamodb:PartiQLDelete" && delete.keys["dynamodb:ReturnValues"] == ["ALL_OLD"])
        #expect(delete.keys["dynamodb:LeadingKeys"] == ["b"])
        // A write that names no whole key is refused when it runs; its check still names what it has.
        let partial = try statement("DELETE FROM scores WHERE UserId = 'c'")
        #expect(partial.keys["dynamodb:LeadingKeys"] == ["c"])
    }

    @Test func batchesAreDecidedStatementByStatementAndTransactionsEnclosed() throws {
        let batch = try h.make("BatchExecuteStatement", #"{"Statements":[{"Statement":"SELECT * FROM scores WHERE UserId = 'a' AND GameTitle = 'g'"},{"Statement":"SLECT"},{"Statement":"SELECT * FROM scores WHERE UserId = 'b' AND GameTitle = 'g'"}]}"#).get()
        let request = batch.authorization(service: h.service, env: h.env)
        #expect(request.independent && request.checks.map { $0.keys["dynamodb:LeadingKeys"] ?? [] } == [["a"], ["b"]])
        let transaction = try checks("ExecuteTransaction", #"{"TransactStatements":[{"Statement":"UPDATE scores SET Wins = 1 WHERE UserId = 'a' AND GameTitle = 'g'"},{"Statement":"EXISTS(SELECT * FROM scores WHERE UserId = 'b' AND GameTitle = 'g' AND Wins > 1)"}]}"#)
        #expect(transaction.map(\.action) == ["dynamodb:PartiQLUpdate", "dynamodb:PartiQLSelect"])
        #expect(transaction.allSatisfy { $0.keys["dynamodb:EnclosingOperation"] == ["ExecuteTransaction"] })
        #expect(transaction[1].keys["dynamodb:LeadingKeys"] == ["b"] && transaction[1].keys["dynamodb:FullTableScan"] == ["false"])
    }

    /// A denied statement of a batch answers AccessDenied in its own response; the others run.
    @Test func aDeniedBatchStatementFailsAlone() throws {
        h.ok("PutItem", #"{"TableName":"scores","Item":{"UserId":{"S":"a"},"GameTitle":{"S":"g"},"Wins":{"N":"1"}}}"#)
        let op = try h.make("BatchExecuteStatement", #"{"Statements":[{"Statement":"SELECT Wins FROM scores WHERE UserId = 'a' AND GameTitle = 'g'"},{"Statement":"SELECT * FROM scores WHERE UserId = 'a' AND GameTitle = 'g'"}]}"#).get()
        var env = h.env
        env.deniedChecks = [1: "User: x is not authorized to perform: dynamodb:PartiQLSelect"]
        let body = try run(op, env: env)
        #expect(JSONWriter.string(body) == #"{"Responses":[{"TableName":"scores","Item":{"Wins":{"N":"1"}}},{"Error":{"Code":"AccessDenied","Message":"User: x is not authorized to perform: dynamodb:PartiQLSelect"},"TableName":"scores"}]}"#)
    }

    /// Runs a read-only operation (its completion is called before `execute` returns).
    func run(_ op: any DynamoOperation, env: RequestEnvironment) throws -> JSONValue {
        let box = Mutex<Result<ResponseBody, DynamoError>?>(nil)
        op.execute(service: h.service, env: env) { result in box.withLock { $0 = result } }
        return try JSONParser.parse(try #require(box.withLock { $0 }).get())
    }
}

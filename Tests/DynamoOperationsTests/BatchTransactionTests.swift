import DynamoModel
import TestSupport
import Testing
@testable import DynamoOperations

struct BatchWriteTests {
    func puts(_ count: Int, pk: String = "b") -> String {
        (0..<count).map { #"{"PutRequest":{"Item":{"pk":{"S":"\#(pk)"},"sk":{"N":"\#($0)"}}}}"# }.joined(separator: ",")
    }

    @Test func limitsAndShapes() throws {
        let h = try Harness()
        h.createTable()
        #expect(h.message("BatchWriteItem", #"{"RequestItems":{"tab":[\#(puts(26))]}}"#)
            == "1 validation error detected: Value at 'RequestItems.tab.member' failed to satisfy constraint: Member must have length less than or equal to 25")
        #expect(h.message("BatchWriteItem", #"{"RequestItems":{"tab":[\#(puts(13))],"other":[\#(puts(13))]}}"#) == "Too many items requested for the BatchWriteItem call")
        #expect(h.message("BatchWriteItem", #"{}"#) == constraint(nil, "requestItems", "Member must not be null"))
        #expect(h.message("BatchWriteItem", #"{"RequestItems":{}}"#)
            == "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1")
        #expect(h.message("BatchWriteItem", #"{"RequestItems":{"tab":[]}}"#)
            == "1 validation error detected: Value '{tab=[]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]")
        #expect(h.message("BatchWriteItem", #"{"RequestItems":{"tab":[{}]}}"#)
            == "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
        #expect(h.message("BatchWriteItem", #"{"RequestItems":{"tab":[{"PutRequest":{}}]}}"#)
            == constraint(nil, "requestItems.tab.member.putRequest.item", "Member must not be null"))
        #expect(h.message("BatchWriteItem", #"{"RequestItems":{"tab":[{"DeleteRequest":{}}]}}"#)
            == constraint(nil, "requestItems.tab.member.deleteRequest.key", "Member must not be null"))
        #expect(h.message("BatchWriteItem", #"{"RequestItems":{"tab":[{"PutRequest":{"Item":{"pk":{"S":"a"},"sk":{"N":"1"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"a"},"sk":{"N":"1.0"}}}}]}}"#)
            == "Provided list of item keys contains duplicates")
        #expect(h.message("BatchWriteItem", #"{"RequestItems":{"tab":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}}]}}"#)
            == "The provided key element does not match the schema")
        #expect(h.error("BatchWriteItem", #"{"RequestItems":{"tab":[\#(puts(1))],"missing":[\#(puts(1))]}}"#)! == ("ResourceNotFoundException", "Requested resource not found"))
        // None of the refused batches wrote anything.
        #expect(h.ok("Scan", #"{"TableName":"tab"}"#)["Count"] == 0)
    }

    @Test func putsAndDeletesAcrossTables() throws {
        let h = try Harness()
        h.createTable()
        h.createTable("two", sortKey: nil)
        h.put("tab", #"{"pk":{"S":"gone"},"sk":{"N":"1"}}"#)
        let out = h.ok("BatchWriteItem", #"{"RequestItems":{"tab":[\#(puts(25 - 2)),{"DeleteRequest":{"Key":{"pk":{"S":"gone"},"sk":{"N":"1"}}}}],"two":[{"PutRequest":{"Item":{"pk":{"S":"x"}}}}]},"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(out["UnprocessedItems"] == .object([]))
        #expect(out["ConsumedCapacity"] == json(#"[{"TableName":"tab","CapacityUnits":24.0},{"TableName":"two","CapacityUnits":1.0}]"#))
        #expect(h.ok("Scan", #"{"TableName":"tab"}"#)["Count"] == 23)
        #expect(h.get("two", #"{"pk":{"S":"x"}}"#) != nil)
    }
}

struct BatchGetTests {
    @Test func limitsAndResults() throws {
        let h = try Harness()
        h.createTable()
        for i in 0..<3 { h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"\#(i)"},"v":{"S":"\#(i)"}}"#) }
        let keys101 = (0..<101).map { #"{"pk":{"S":"a"},"sk":{"N":"\#($0)"}}"# }.joined(separator: ",")
        #expect(h.message("BatchGetItem", #"{"RequestItems":{"tab":{"Keys":[\#(keys101)]}}}"#)
            == "1 validation error detected: Value at 'RequestItems.tab.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100")
        let keys60 = (0..<60).map { #"{"pk":{"S":"a"},"sk":{"N":"\#($0)"}}"# }.joined(separator: ",")
        let keys41 = (0..<41).map { #"{"pk":{"S":"b"},"sk":{"N":"\#($0)"}}"# }.joined(separator: ",")
        #expect(h.message("BatchGetItem", #"{"RequestItems":{"tab":{"Keys":[\#(keys60)]},"tab2":{"Keys":[\#(keys41)]}}}"#)
            == "Too many items requested for the BatchGetItem call")
        #expect(h.message("BatchGetItem", #"{"RequestItems":{"tab":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"1"}},{"pk":{"S":"a"},"sk":{"N":"1"}}]}}}"#)
            == "Provided list of item keys contains duplicates")
        #expect(h.message("BatchGetItem", #"{"RequestItems":{"tab":{"Keys":[]}}}"#)
            == "1 validation error detected: Value at 'RequestItems.tab.member.Keys' failed to satisfy constraint: Member must have length greater than or equal to 1")
        #expect(h.message("BatchGetItem", #"{"RequestItems":{"tab":{"Keys":[{"pk":{"S":"a"}}]}}}"#) == "The provided key element does not match the schema")
        let out = h.ok("BatchGetItem", #"{"RequestItems":{"tab":{"Keys":[{"pk":{"S":"a"},"sk":{"N":"2"}},{"pk":{"S":"a"},"sk":{"N":"9"}},{"pk":{"S":"a"},"sk":{"N":"0"}}],"ProjectionExpression":"v"}},"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(out["Responses"]?["tab"] == json(#"[{"v":{"S":"2"}},{"v":{"S":"0"}}]"#))
        #expect(out["UnprocessedKeys"] == .object([]))
        // Each key is charged as its own eventually consistent read: 3 × 0.5.
        #expect(out["ConsumedCapacity"] == json(#"[{"TableName":"tab","CapacityUnits":1.5}]"#))
    }
}

struct TransactWriteTests {
    static let key = #"{"pk":{"S":"t"},"sk":{"N":"1"}}"#

    /// "The aggregate size of the items in the transaction cannot exceed 4 MB": twelve puts of
    /// ~400 KB (4.8 MB) are refused and write nothing; ten (4.0 MB less a little) pass.
    @Test func aggregateSizeIsCappedAt4MB() throws {
        let h = try Harness()
        h.createTable()
        let value = String(repeating: "x", count: 400 * 1024 - 100)
        func puts(_ n: Int) -> String {
            (0..<n).map { #"{"Put":{"TableName":"tab","Item":{"pk":{"S":"big"},"sk":{"N":"\#($0)"},"v":{"S":"\#(value)"}}}}"# }
                .joined(separator: ",")
        }
        #expect(h.error("TransactWriteItems", #"{"TransactItems":[\#(puts(12))]}"#)! == ("ValidationException", "Transaction item size has exceeded the 4 MB limit"))
        let last = #"{"TableName":"tab","Key":{"pk":{"S":"big"},"sk":{"N":"9"}},"ProjectionExpression":"sk"}"#
        #expect(h.ok("GetItem", last)["Item"] == nil)
        h.ok("TransactWriteItems", #"{"TransactItems":[\#(puts(10))]}"#)
        #expect(h.ok("GetItem", last)["Item"] == json(#"{"sk":{"N":"9"}}"#))
    }

    @Test func limitsAndShapes() throws {
        let h = try Harness()
        h.createTable()
        let items = (0..<101).map { #"{"Put":{"TableName":"tab","Item":{"pk":{"S":"t"},"sk":{"N":"\#($0)"}}}}"# }.joined(separator: ",")
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[\#(items)]}"#)
            == "1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: Member must have length less than or equal to 100")
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[]}"#)
            == "1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: Member must have length greater than or equal to 1")
        #expect(h.message("TransactWriteItems", #"{}"#) == constraint(nil, "transactItems", "Member must not be null"))
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[{"Put":{"TableName":"tab","Item":\#(Self.key)},"Delete":{"TableName":"tab","Key":\#(Self.key)}}]}"#)
            == "TransactItems can only contain one of Check, Put, Update or Delete")
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[{}]}"#) == "TransactItems can only contain one of Check, Put, Update or Delete")
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[{"Put":{"TableName":"tab","Item":\#(Self.key)}},{"Delete":{"TableName":"tab","Key":\#(Self.key)}}]}"#)
            == "Transaction request cannot include multiple operations on one item")
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[{"Update":{"TableName":"tab","Key":\#(Self.key)}}]}"#)
            == constraint(nil, "transactItems.1.member.update.updateExpression", "Member must not be null"))
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[{"Put":{"TableName":"tab","Item":\#(Self.key)}},{"ConditionCheck":{"TableName":"tab","Key":{"pk":{"S":"u"},"sk":{"N":"1"}}}}]}"#)
            == constraint(nil, "transactItems.2.member.conditionCheck.conditionExpression", "Member must not be null"))
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[{"Put":{"TableName":"tab","Item":\#(Self.key)}}],"ClientRequestToken":"\#(String(repeating: "x", count: 37))"}"#)
            == constraint(String(repeating: "x", count: 37), "clientRequestToken", "Member must have length less than or equal to 36"))
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[{"Put":{"TableName":"tab","Item":\#(Self.key),"ReturnValuesOnConditionCheckFailure":"ALL"}}]}"#)
            == constraint("ALL", "transactItems.1.member.put.returnValuesOnConditionCheckFailure", "Member must satisfy enum value set: [ALL_OLD, NONE]"))
        #expect(h.ok("Scan", #"{"TableName":"tab"}"#)["Count"] == 0)
    }

    /// All or nothing: one failed condition cancels every action, with one reason per action.
    @Test func cancellationWritesNothing() throws {
        let h = try Harness()
        h.createTable()
        h.put("tab", #"{"pk":{"S":"t"},"sk":{"N":"1"},"v":{"N":"1"}}"#)
        let request = #"{"TransactItems":[{"Put":{"TableName":"tab","Item":{"pk":{"S":"t"},"sk":{"N":"2"}}}},{"Update":{"TableName":"tab","Key":\#(Self.key),"UpdateExpression":"SET v = :two","ConditionExpression":"v = :two","ExpressionAttributeValues":{":two":{"N":"2"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}]}"#
        let error = try #require(h.call("TransactWriteItems", request).failureValue)
        #expect(error.code == "TransactionCanceledException")
        #expect(error.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]")
        #expect(error.body["CancellationReasons"] == json(#"[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"pk":{"S":"t"},"sk":{"N":"1"},"v":{"N":"1"}}}]"#))
        #expect(error.body["Message"] != nil)
        #expect(h.get("tab", #"{"pk":{"S":"t"},"sk":{"N":"2"}}"#) == nil)
        #expect(h.get("tab", Self.key)?["v"] == json(#"{"N":"1"}"#))
        // A validation failure inside an action is a ValidationError reason.
        let sizeError = try #require(h.call("TransactWriteItems", #"{"TransactItems":[{"Update":{"TableName":"tab","Key":\#(Self.key),"UpdateExpression":"SET v = v + :big","ExpressionAttributeValues":{":big":{"N":"9.99e125"}}}}]}"#).failureValue)
        #expect(sizeError.body["CancellationReasons"] == json(#"[{"Code":"ValidationError","Message":"Number overflow. Attempting to store a number with magnitude larger than supported range"}]"#))
    }

    /// A mistyped key cancels the transaction (reason ValidationError, Put's and the key's
    /// texts); an empty key value or a missing key attribute is refused up front.
    @Test func keyFaultsInsideAndBeforeTheTransaction() throws {
        let h = try Harness()
        h.createTable()
        let fresh = #"{"Put":{"TableName":"tab","Item":{"pk":{"S":"t"},"sk":{"N":"9"}}}}"#
        let error = try #require(h.call("TransactWriteItems", #"{"TransactItems":[\#(fresh),{"Put":{"TableName":"tab","Item":{"pk":{"N":"1"},"sk":{"N":"1"}}}},{"Delete":{"TableName":"tab","Key":{"pk":{"S":"t"},"sk":{"S":"1"}}}},{"ConditionCheck":{"TableName":"tab","Key":{"pk":{"S":"t"},"sk":{"N":"1"},"x":{"S":"y"}},"ConditionExpression":"attribute_exists(pk)"}}]}"#).failureValue)
        #expect(error.code == "TransactionCanceledException")
        #expect(error.body["CancellationReasons"] == json(#"[{"Code":"None"},{"Code":"ValidationError","Message":"One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"},{"Code":"ValidationError","Message":"The provided key element does not match the schema"},{"Code":"ValidationError","Message":"The provided key element does not match the schema"}]"#))
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[\#(fresh),{"Delete":{"TableName":"tab","Key":{"pk":{"S":""},"sk":{"N":"1"}}}}]}"#)
            == "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk")
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[\#(fresh),{"Delete":{"TableName":"tab","Key":{"pk":{"S":"t"}}}}]}"#)
            == "The provided key element does not match the schema")
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[\#(fresh),{"Put":{"TableName":"tab","Item":{"pk":{"S":"t"}}}}]}"#)
            == invalid + "Missing the key sk in the item")
        // Two actions on the same mistyped key are still one item twice.
        #expect(h.message("TransactWriteItems", #"{"TransactItems":[{"Delete":{"TableName":"tab","Key":{"pk":{"N":"1"},"sk":{"N":"1"}}}},{"Delete":{"TableName":"tab","Key":{"pk":{"N":"1"},"sk":{"N":"1"}}}}]}"#)
            == "Transaction request cannot include multiple operations on one item")
        #expect(h.get("tab", #"{"pk":{"S":"t"},"sk":{"N":"9"}}"#) == nil)
    }

    @Test func successAndIdempotency() throws {
        let h = try Harness()
        h.createTable()
        h.put("tab", #"{"pk":{"S":"t"},"sk":{"N":"1"},"v":{"N":"1"}}"#)
        let request = #"{"ClientRequestToken":"token-1","TransactItems":[{"ConditionCheck":{"TableName":"tab","Key":\#(Self.key),"ConditionExpression":"attribute_exists(v)"}},{"Update":{"TableName":"tab","Key":{"pk":{"S":"t"},"sk":{"N":"2"}},"UpdateExpression":"ADD c :one","ExpressionAttributeValues":{":one":{"N":"1"}}}}],"ReturnConsumedCapacity":"TOTAL"}"#
        let first = h.ok("TransactWriteItems", request)
        #expect(first["ConsumedCapacity"] == json(#"[{"TableName":"tab","CapacityUnits":4.0,"WriteCapacityUnits":4.0}]"#))
        // The same token and request: answered as before, not run again.
        #expect(h.ok("TransactWriteItems", request) == first)
        #expect(h.get("tab", #"{"pk":{"S":"t"},"sk":{"N":"2"}}"#)?["c"] == json(#"{"N":"1"}"#))
        // The same token with other parameters.
        let other = request.replacingOccurrences(of: #"":one":{"N":"1"}"#, with: #"":one":{"N":"5"}"#)
        #expect(h.error("TransactWriteItems", other)! == ("IdempotentParameterMismatchException", "Request token already used with different request parameters."))
        // After ten minutes the token may be reused.
        h.clock.advance(by: 601)
        h.ok("TransactWriteItems", other)
        #expect(h.get("tab", #"{"pk":{"S":"t"},"sk":{"N":"2"}}"#)?["c"] == json(#"{"N":"6"}"#))
    }
}

struct TransactGetTests {
    @Test func getsAndLimits() throws {
        let h = try Harness()
        h.createTable()
        h.put("tab", #"{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"S":"x"}}"#)
        #expect(h.message("TransactGetItems", #"{"TransactItems":[{"Put":{}}]}"#)
            == constraint(nil, "transactItems.1.member.get", "Member must not be null"))
        #expect(h.message("TransactGetItems", #"{"TransactItems":[{"Get":{"TableName":"tab"}}]}"#)
            == constraint(nil, "transactItems.1.member.get.key", "Member must not be null"))
        let out = h.ok("TransactGetItems", #"{"TransactItems":[{"Get":{"TableName":"tab","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"ProjectionExpression":"v"}},{"Get":{"TableName":"tab","Key":{"pk":{"S":"a"},"sk":{"N":"2"}}}}],"ReturnConsumedCapacity":"TOTAL"}"#)
        #expect(out["Responses"] == json(#"[{"Item":{"v":{"S":"x"}}},{}]"#))
        // Transactional reads cost double a consistent read: 2 × (1 + 1).
        #expect(out["ConsumedCapacity"] == json(#"[{"TableName":"tab","CapacityUnits":4.0,"ReadCapacityUnits":4.0}]"#))
    }
}

import Testing
@testable import DynamoModel

struct DynamoErrorTests {
    @Test func bodies() {
        #expect(DynamoError.validation("bad").body
            == .object([("__type", "com.amazon.coral.validate#ValidationException"), ("message", "bad")]))
        #expect(DynamoError.serialization("x").body
            == .object([("__type", "com.amazon.coral.service#SerializationException"), ("Message", "x")]))
        #expect(DynamoError.serialization(nil).body == .object([("__type", "com.amazon.coral.service#SerializationException")]))
        #expect(DynamoError.unknownOperation().body == .object([("__type", "com.amazon.coral.service#UnknownOperationException")]))
        #expect(DynamoError.tableNotFound("t").body
            == .object([("__type", "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"),
                        ("message", "Requested resource not found: Table: t not found")]))
        #expect(DynamoError.accessDenied("no").body
            == .object([("__type", "com.amazon.coral.service#AccessDeniedException"), ("Message", "no")]))
    }

    @Test func conditionalCheckCarriesTheItem() {
        let plain = DynamoError.conditionalCheckFailed()
        #expect(plain.body == .object([("__type", "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"),
                                       ("message", "The conditional request failed")]))
        let withItem = DynamoError.conditionalCheckFailed(item: ["a": ["S": "x"]])
        #expect(withItem.body["Item"] == ["a": ["S": "x"]])
        #expect(withItem != plain)
    }

    @Test func statuses() {
        #expect(DynamoError.validation("x").httpStatus == 400)
        #expect(DynamoError.internalFailure().httpStatus == 500)
        #expect(DynamoError.internalFailure().message == "The server encountered an internal error trying to fulfill the request.")
        #expect(DynamoError.requestTooLarge().httpStatus == 413)
        #expect(DynamoError.requestTooLarge().message == "Request payload size exceeds the limit of 16777216 bytes.")
        #expect(DynamoError.resourceNotFound().message == "Requested resource not found")
        #expect(DynamoError.limitExceeded("l").typeName == "com.amazonaws.dynamodb.v20120810#LimitExceededException")
        #expect(DynamoError.resourceInUse("u").typeName == "com.amazonaws.dynamodb.v20120810#ResourceInUseException")
    }
}

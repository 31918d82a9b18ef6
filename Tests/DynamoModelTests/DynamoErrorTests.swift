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

/// Messages that quote a value the caller sent keep it on the wire (as DynamoDB does) and
/// carry a redacted form for audit records.
struct RedactedMessageTests {
    func failure(_ json: String) -> DynamoError? {
        do {
            _ = try AttributeValueCodec.decode(JSONParser.parse(json))
            return nil
        } catch let e as DynamoError {
            return e
        } catch {
            return nil
        }
    }

    @Test(arguments: [
        (#"{"N":"SECRET"}"#, "The parameter cannot be converted to a numeric value: ***(Redacted)"),
        (#"{"SS":["SECRET","SECRET"]}"#, "One or more parameter values were invalid: Input collection [***(Redacted)] contains duplicates."),
        (#"{"BS":["U0VDUkVU","U0VDUkVU"]}"#, "One or more parameter values were invalid: Input collection [***(Redacted)]of type BS contains duplicates."),
        (#"{"B":"SECRET!!"}"#, "'***(Redacted)' can not be converted to a Blob: Invalid Base64 character: '***(Redacted)'"),
        (#"{"BOOL":"secret"}"#, "'***(Redacted)' can not be converted to an Boolean"),
    ])
    func valuesAreRedacted(_ json: String, _ recorded: String) throws {
        let error = try #require(failure(json))
        #expect(error.recordedMessage == recorded)
        #expect(error.message?.uppercased().contains("SECRET") == true || error.message?.contains("U0VDUkVU") == true)
        #expect(!(error.recordedMessage ?? "").uppercased().contains("SECRET"))
    }

    @Test func messagesWithoutValuesAreRecordedAsSent() throws {
        let error = try #require(failure(#"{"NS":["1","1"]}"#))
        #expect(error.redactedMessage == nil)
        #expect(error.recordedMessage == "Input collection contains duplicates")
        #expect(failure(#"{"N":""}"#)?.recordedMessage == "The parameter cannot be converted to a numeric value")
    }

    @Test func timestampsAreTotal() {
        #expect(JSONValue.timestamp(1e19) == .number("0"))
        #expect(JSONValue.timestamp(.nan) == .number("0"))
        #expect(JSONValue.timestamp(1.5) == .number("1.5"))
    }
}

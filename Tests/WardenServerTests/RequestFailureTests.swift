import AWSBackup
import AppAutoScaling
import DynamoModel
import TestSupport
import Testing
@testable import WardenServer

/// Errors travel as values: the response carries the failure it was rendered from, and the
/// audit record and the access log read that, never the body.
@Suite("Failures as values")
struct RequestFailureTests {
    @Test func theResponseCarriesItsFailure() throws {
        let w = try InProcessWarden()
        let r = w.call("DescribeTable", #"{"TableName":"missing-table"}"#)
        #expect(r.failure?.code == "ResourceNotFoundException")
        #expect(r.failure?.recordedMessage == "Requested resource not found: Table: missing-table not found")
        #expect(w.call("ListTables", "{}").failure == nil)
        #expect(w.call("FlyToTheMoon", "{}").failure?.code == "UnknownOperationException")
    }

    @Test func redactedMessagesReachTheRecordNotTheWire() {
        let error = DynamoError.validation("value \"secret\" is bad", redacted: "value \(DynamoError.redactionMarker) is bad")
        let r = ErrorRendering.response(.json(error), requestId: "R")
        #expect(r.failure?.recordedMessage == "value ***(Redacted) is bad")
        #expect(r.json?["message"] == "value \"secret\" is bad")
    }

    @Test func oneRendererPerProtocol() throws {
        let cloudTrail = ErrorRendering.response(.cloudTrail(.init("TrailNotFoundException", "Unknown trail: t")), requestId: "R")
        #expect(cloudTrail.json == json(#"{"__type":"com.amazonaws.cloudtrail.v20131101#TrailNotFoundException","Message":"Unknown trail: t"}"#))
        #expect(cloudTrail.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(cloudTrail.header("x-amzn-RequestId") == "R")
        let query = ErrorRendering.response(.query(.init(code: "NoSuchEntity", message: "The user with name <b> & 'c' cannot be found.",
                                                         httpStatus: 404), .iam), requestId: "R")
        #expect(query.status == 404)
        #expect(query.text.contains("<Message>The user with name &lt;b&gt; &amp; &apos;c&apos; cannot be found.</Message>"))
        // The record gets the words, not their XML escapes.
        #expect(query.failure?.recordedMessage == "The user with name <b> & 'c' cannot be found.")
    }

    @Test func backupSpeaksRestJSONAndAutoScalingJSON11() {
        let backup = ErrorRendering.response(.restJSON(.alreadyExists("Backup vault with the same name already exists", arn: "arn:v")), requestId: "R")
        #expect(backup.status == 400)
        #expect(backup.header("x-amzn-ErrorType") == "AlreadyExistsException")
        #expect(backup.header("Content-Type") == "application/json")
        #expect(backup.json == json(#"{"Code":"AlreadyExistsException","Message":"Backup vault with the same name already exists","Arn":"arn:v"}"#))
        #expect(backup.failure?.code == "AlreadyExistsException")
        let denied = ErrorRendering.response(.restJSON(.vaultNotFound), requestId: "R")
        #expect(denied.status == 403 && denied.failure?.recordedMessage == "Insufficient privileges to perform this action.")
        let scaling = ErrorRendering.response(.scaling(.unsupported), requestId: "R")
        #expect(scaling.json == json(#"{"__type":"ValidationException","Message":"Unsupported service namespace, resource type or scalable dimension"}"#))
        #expect(scaling.header("Content-Type") == "application/x-amz-json-1.1")
    }

    @Test func refusedBeforeThePipelineStillHasARequestId() throws {
        let w = try InProcessWarden()
        let r = w.warden.pipeline.refuse("POST", "/?x=1", .requestTooLarge(limit: 100))
        #expect(r.status == 413)
        #expect(RequestIDTests.wellFormed(r.header("x-amzn-RequestId") ?? ""))
        #expect(r.json == json(#"{"__type":"com.amazon.coral.service#RequestEntityTooLarge","message":"Request payload size exceeds the limit of 100 bytes."}"#))
    }
}

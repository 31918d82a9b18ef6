import DynamoModel
import DynamoStorage
import Foundation
import Synchronization
import TestSupport
@testable import AuditTrail

let account = "123456789012"
let region = "us-east-1"
let sentinel = "NONKEY-SENTINEL-7f3a"

/// Tables the tests know: `orders` (pk `orderId`), `music` (pk `Artist`, sk `SongTitle`).
let schemas: [String: [String]] = ["orders": ["orderId"], "music": ["Artist", "SongTitle"]]

let keySchema: DataEventParameters.KeySchemaLookup = { _, _, name in
    let table = name.hasPrefix("arn:") ? String(name.split(separator: "/").last ?? "") : name
    return schemas[table]
}

func text(_ value: JSONValue) -> String { JSONWriter.string(value) }

func tableResource(_ name: String) -> AuditEvent.Resource {
    .init(type: "AWS::DynamoDB::Table", arn: "arn:aws:dynamodb:\(region):\(account):table/\(name)", accountId: account)
}

func event(_ name: String, request: String? = nil, tables: [String] = ["orders"], category: AuditEvent.Category? = nil,
           readOnly: Bool? = nil, time: Double = 1_700_000_000, denied: Bool = false, errorCode: String? = nil,
           source: String = "dynamodb.amazonaws.com", accountId: String = account, inRegion: String = region) -> AuditEvent {
    AuditEvent(eventTime: time, eventSource: source, eventName: name, awsRegion: inRegion, sourceIPAddress: "127.0.0.1",
               userAgent: "tests", userIdentity: UserIdentity(type: .root, principalId: account, arn: "arn:aws:iam::\(account):root",
                                                             accountId: account, accessKeyId: "AKIDEXAMPLE"),
               request: request.map { .dynamo(json($0)) }, response: nil, errorCode: errorCode,
               errorMessage: errorCode == nil && !denied ? nil : "failed", denied: denied, requestID: "REQ", eventID: UUIDs.make(),
               readOnly: readOnly ?? DynamoEventCatalog.isReadOnly(name), resources: tables.map(tableResource),
               category: category ?? (DynamoEventCatalog.isDataEvent(name) ? .data : .management), recipientAccountId: accountId,
               apiVersion: DynamoEventCatalog.apiVersion)
}

let renderer = RecordRenderer(keySchema: keySchema)

/// A scratch folder removed by the caller.
func scratch() -> String { makeScratchFolder("audit-tests") }

/// Waits for a registry operation's completion.
func wait(_ body: (@escaping TrailRegistry.Completion) -> Void) -> Result<JSONValue, CloudTrailError> {
    waitForCompletion(body)
}

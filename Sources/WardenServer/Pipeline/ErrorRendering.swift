import DynamoModel
import Identity
import IdentityOperations
import WardenSupport
import AWSBackup

/// The one place errors become HTTP responses: one renderer per protocol, picked by the
/// failure's case. The response keeps the failure itself for the audit record and the log.
enum ErrorRendering {
    static func response(_ failure: RequestFailure, requestId: String) -> WardenResponse {
        var response: WardenResponse
        switch failure {
        case .json(let error, let contentType): response = json(error, requestId: requestId, contentType: contentType)
        case .query(let error, let service): response = queryXML(error, service: service, requestId: requestId)
        case .restJSON(let error): response = restJSON(error, requestId: requestId)
        }
        response.failure = failure
        return response
    }

    /// AWS JSON: `{"__type": "<namespace>#Code", "message": "..."}`.
    private static func json(_ error: DynamoError, requestId: String, contentType: String) -> WardenResponse {
        JSONResponse.make(status: error.httpStatus, body: JSONWriter.encode(error.body), requestId: requestId, contentType: contentType)
    }

    /// REST-JSON (AWS Backup): the code in `x-amzn-ErrorType` (which SDKs read first) and in
    /// the body's `Code`, with `Message` and the exception's further members.
    private static func restJSON(_ error: BackupError, requestId: String) -> WardenResponse {
        var members: [(String, JSONValue)] = [("Code", .string(error.code)), ("Message", .string(error.message))]
        for (k, v) in error.extra.sorted(by: { $0.key < $1.key }) { members.append((k, .string(v))) }
        var response = JSONResponse.make(status: error.httpStatus, body: JSONWriter.encode(.object(members)), requestId: requestId,
                                         contentType: "application/json")
        response.headers.append(("x-amzn-ErrorType", error.code))
        return response
    }

    /// AWS Query: `<ErrorResponse xmlns=…><Error><Type>Sender</Type><Code>…</Code><Message>…
    /// </Message></Error><RequestId>…</RequestId></ErrorResponse>` with the error's HTTP status.
    private static func queryXML(_ error: IdentityError, service: QueryService, requestId: String) -> WardenResponse {
        var out = "<ErrorResponse xmlns=\"\(service.namespace)\">\n"
        XML.node("Error", [
            .leaf("Type", error.senderFault ? "Sender" : "Receiver"),
            .leaf("Code", error.code),
            .leaf("Message", error.message),
        ]).render(into: &out, depth: 1)
        XML.leaf("RequestId", requestId).render(into: &out, depth: 1)
        out += "</ErrorResponse>\n"
        return QueryResponse.make(status: error.httpStatus, body: Array(out.utf8), requestId: requestId)
    }
}

/// JSON responses with the headers DynamoDB sends.
enum JSONResponse {
    static func make(status: Int, body: [UInt8], requestId: String, contentType: String = "application/x-amz-json-1.0") -> WardenResponse {
        WardenResponse(status: status, headers: [
            ("x-amzn-RequestId", requestId),
            ("x-amz-crc32", String(CRC32.checksum(body))),
            ("Content-Type", contentType),
        ], body: body)
    }
}

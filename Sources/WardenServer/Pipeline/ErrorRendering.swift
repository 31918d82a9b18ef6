import DynamoModel
import WardenSupport

/// The one place errors become HTTP responses, per protocol.
enum ErrorRendering {
    /// AWS JSON 1.0 (DynamoDB, DynamoDB Streams): `{"__type": "...#Code", "message": "..."}`.
    static func json(_ error: DynamoError, requestId: String, contentType: String = "application/x-amz-json-1.0") -> WardenResponse {
        JSONResponse.make(status: error.httpStatus, body: JSONWriter.encode(error.body), requestId: requestId, contentType: contentType)
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

/// Cross-origin requests from browsers, answered as DynamoDB answers them: a request carrying
/// `Origin` gets `Access-Control-Allow-Origin: *` and DynamoDB's list of exposed headers on
/// its answer; an `OPTIONS` preflight with `Origin` is answered 200 with an empty body, echoing
/// the requested method and headers, cached for two days. Without `Origin`, `OPTIONS` is just
/// another method the JSON endpoint does not take (404). (dynalite's `test/connection.js`,
/// recorded against DynamoDB; the exposed-header list is the one ScyllaDB's Alternator copies
/// from DynamoDB in `alternator/server.cc`.)
enum CORS {
    static let exposedHeaders = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"
    static let maxAge = "172800"

    static func preflight(_ request: WardenRequest, requestId: String) -> WardenResponse {
        var headers: [(name: String, value: String)] = [("x-amzn-RequestId", requestId)]
        if let requested = request.header("Access-Control-Request-Headers") { headers.append(("Access-Control-Allow-Headers", requested)) }
        if let method = request.header("Access-Control-Request-Method") { headers.append(("Access-Control-Allow-Methods", method)) }
        headers.append(("Access-Control-Max-Age", maxAge))
        var response = WardenResponse(status: 200, headers: headers, body: [])
        allowOrigin(&response)
        return response
    }

    /// The headers every answer to a request with `Origin` carries.
    static func allowOrigin(_ response: inout WardenResponse) {
        response.headers.append(("Access-Control-Allow-Origin", "*"))
        response.headers.append(("Access-Control-Expose-Headers", exposedHeaders))
    }
}

import IdentityOperations

/// Query protocol response bodies.
enum QueryResponse {
    /// `<ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata>…`; actions
    /// without output have no Result element.
    static func body(action: String, service: QueryService, result: [XML]?, requestId: String) -> [UInt8] {
        var out = "<\(action)Response xmlns=\"\(service.namespace)\">\n"
        if let result {
            XML.node("\(action)Result", result).render(into: &out, depth: 1)
        }
        XML.node("ResponseMetadata", [.leaf("RequestId", requestId)]).render(into: &out, depth: 1)
        out += "</\(action)Response>\n"
        return Array(out.utf8)
    }

    static func make(status: Int, body: [UInt8], requestId: String) -> WardenResponse {
        WardenResponse(status: status, headers: [
            ("x-amzn-RequestId", requestId),
            ("Content-Type", "text/xml"),
        ], body: body)
    }
}

import WebConsole

/// `GET /_warden/console/…`: the web console's static files, served without authentication
/// because they hold no data — every data call the page makes is a SigV4-signed request with
/// the user's own key, authorized like any other client's. Names are looked up in the
/// embedded table as they are (no file system, no path normalisation): `..`, `%2e%2e`, `//`
/// and every other name it does not hold are 404.
enum ConsoleRoute {
    static let prefix = "/_warden/console/"

    static func accepts(_ path: String) -> Bool {
        path == "/_warden/console" || path.hasPrefix(prefix)
    }

    /// What the page may load and call: itself only (no inline script, no other origin).
    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy",
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-cache"),
    ]

    static func respond(_ request: WardenRequest, requestId: String) -> WardenResponse {
        let path = request.path
        guard request.method == "GET" else {
            return plain(405, "Method Not Allowed\n", requestId: requestId, extra: [("Allow", "GET")])
        }
        if path == "/_warden/console" {
            return plain(301, "", requestId: requestId, extra: [("Location", prefix)])
        }
        let name = String(path.dropFirst(prefix.count))
        guard let asset = ConsoleAssets.files[name.isEmpty ? "index.html" : name] else {
            return plain(404, "Not Found\n", requestId: requestId)
        }
        let body = Array(asset.text.utf8)
        var headers: [(name: String, value: String)] = [("x-amzn-RequestId", requestId), ("Content-Type", asset.contentType)]
        headers += securityHeaders
        return WardenResponse(status: 200, headers: headers, body: body)
    }

    static func plain(_ status: Int, _ text: String, requestId: String, extra: [(name: String, value: String)] = []) -> WardenResponse {
        WardenResponse(status: status, headers: [("x-amzn-RequestId", requestId), ("Content-Type", "text/plain; charset=utf-8")] + securityHeaders + extra,
                       body: Array(text.utf8))
    }
}

import SigV4

/// The SigV4 parsers and verifier: method, path, query, header lines (`Name: value`) and
/// body (parts separated by `%%` lines) are verified against a known key — headers and
/// presigned queries alike. A request our own signer signed must verify.
enum SigV4Target {
    static let verifier = SigV4Verifier(signingKeyCacheCapacity: 16)
    /// 2024-05-01T00:00:00Z: seeds sign at this time.
    static let now = 1_714_521_600.0

    static let target = FuzzTarget(name: "sigv4") { bytes in
        let p = parts(bytes, count: 5)
        let method = text(p[0]).isEmpty ? "POST" : text(p[0])
        let path = text(p[1])
        let query = text(p[2])
        var headers: [(name: String, value: String)] = []
        for line in text(p[3]).split(separator: "\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " })))
        }
        let request = SigV4HTTPRequest(method: method, rawPath: path, rawQuery: query, headers: headers, body: p[4])
        for service in ["dynamodb", "iam"] {
            _ = verifier.verify(request, now: now, expectedService: service) { key in
                key == "AKIDEXAMPLE" ? .secret(SigV4Secret(secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")) : .unknown
            }
        }
        // Our signer's output verifies, for tame inputs (printable ASCII names and values).
        let tame = path.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
            && query.isEmpty && path.hasPrefix("/") && !path.contains("//") && !path.contains("/.")
            && headers.allSatisfy { h in
                !h.name.isEmpty && h.name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == UInt8(ascii: "-") }
                    && !["authorization", "host", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "date"].contains(h.name)
                    && h.value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
            }
        guard tame, ["GET", "POST", "PUT"].contains(method) else { return }
        var signedHeaders = headers
        signedHeaders.append(("host", "localhost"))
        signedHeaders += SigV4Signer.sign(method: method, rawPath: path, rawQuery: "", headers: signedHeaders, body: p[4],
                                          accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                          sessionToken: nil, region: "us-east-1", service: "dynamodb", amzDate: amzDate(fromEpoch: now))
        let signed = SigV4HTTPRequest(method: method, rawPath: path, rawQuery: "", headers: signedHeaders, body: p[4])
        let result = verifier.verify(signed, now: now, expectedService: "dynamodb") { _ in
            .secret(SigV4Secret(secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
        }
        if case .failure(let error) = result { check(false, "a request we signed did not verify: \(error.code) \(error.message)") }
    }
}

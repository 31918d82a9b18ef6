import WardenSupport
// The canonical request and the string to sign (IAM User Guide, "Create a signed AWS API
// request", https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html):
//
//   CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n
//                      CanonicalHeaders \n SignedHeaders \n HashedPayload
//   StringToSign     = "AWS4-HMAC-SHA256" \n RequestDateTime \n CredentialScope \n hex(SHA256(CanonicalRequest))
//
// Everything is built as bytes in one buffer; nothing here touches Foundation.

/// The only algorithm SigV4 defines.
public let sigV4Algorithm = "AWS4-HMAC-SHA256"

// MARK: - Small byte helpers

@inline(__always)
func isSpaceOrTab(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

/// ASCII whitespace as botocore's `str.split()` and the Java SDK see it in header values.
@inline(__always)
func isHeaderWhitespace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0d) }

@inline(__always)
func asciiLower(_ c: UInt8) -> UInt8 {
    (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) ? c | 0x20 : c
}

/// `text` with ASCII letters lowered (header names are ASCII tokens); `text` itself when it
/// has no upper-case letter, as signed header names almost always do not.
func asciiLowercased(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return text }
    return String(decoding: text.utf8.map(asciiLower), as: UTF8.self)
}

/// Case-insensitive (ASCII) equality of two header names, without allocating.
func equalsIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
    let ua = a.utf8, ub = b.utf8
    guard ua.count == ub.count else { return false }
    // Native strings expose contiguous UTF-8: compare through buffers, not generic iterators.
    if let result = ua.withContiguousStorageIfAvailable({ pa in
        ub.withContiguousStorageIfAvailable { pb -> Bool in
            for i in 0..<pa.count where asciiLower(pa[i]) != asciiLower(pb[i]) { return false }
            return true
        }
    }), let result {
        return result
    }
    for (x, y) in zip(ua, ub) where asciiLower(x) != asciiLower(y) { return false }
    return true
}

/// `text` with leading and trailing spaces and tabs removed.
func trimmedSpaces(_ text: String) -> Substring {
    let u = text.utf8
    guard let first = u.firstIndex(where: { !isSpaceOrTab($0) }) else { return Substring(u[u.endIndex...]) }
    let last = u.lastIndex(where: { !isSpaceOrTab($0) })!
    return Substring(u[first...last])
}

/// Appends a header value trimmed, with every internal run of whitespace collapsed to one space.
/// ("Trim any leading or trailing spaces ... convert sequential spaces to a single space.")
func appendCanonicalHeaderValue(_ value: String, to out: inout [UInt8]) {
    var value = value
    value.withUTF8 { b in
        // Usually nothing to trim or collapse: one copy.
        var plain = !b.isEmpty && !isHeaderWhitespace(b[0]) && !isHeaderWhitespace(b[b.count - 1])
        if plain {
            for i in 1..<b.count where isHeaderWhitespace(b[i]) && (b[i] != 0x20 || isHeaderWhitespace(b[i - 1])) {
                plain = false
                break
            }
        }
        if plain {
            out.append(contentsOf: b)
            return
        }
        var pendingSpace = false
        var wroteAny = false
        for c in b {
            if isHeaderWhitespace(c) {
                pendingSpace = wroteAny
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(c)
                wroteAny = true
            }
        }
    }
}

// MARK: - Query string

/// One query parameter, percent-decoded.
struct QueryParameter {
    var key: [UInt8]
    var value: [UInt8]

    func keyEquals(_ name: StaticString) -> Bool {
        name.withUTF8Buffer { key.elementsEqual($0) }
    }
}

/// Splits a raw query on '&' (empty pieces are skipped) and each piece at its first '='
/// (a piece without '=' has an empty value), percent-decoding both halves.
func parseQuery(_ rawQuery: String) -> [QueryParameter] {
    if rawQuery.isEmpty { return [] }
    let bytes = Array(rawQuery.utf8)
    var result: [QueryParameter] = []
    for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
        if let eq = piece.firstIndex(of: UInt8(ascii: "=")) {
            result.append(QueryParameter(key: percentDecode(piece[piece.startIndex..<eq]),
                                         value: percentDecode(piece[(eq + 1)...])))
        } else {
            result.append(QueryParameter(key: percentDecode(piece), value: []))
        }
    }
    return result
}

/// The canonical query string: every parameter re-encoded the SigV4 way, sorted by encoded key
/// and then by encoded value, joined with '&'. Parameters named in `excluding` (the presigned
/// X-Amz-Signature) are left out.
func canonicalQueryBytes(_ parameters: [QueryParameter], excluding: [StaticString] = []) -> [UInt8] {
    if parameters.isEmpty { return [] }
    var encoded: [(key: [UInt8], value: [UInt8])] = []
    encoded.reserveCapacity(parameters.count)
    for parameter in parameters {
        if excluding.contains(where: { parameter.keyEquals($0) }) { continue }
        var k: [UInt8] = [], v: [UInt8] = []
        appendURIEncoded(parameter.key, keepSlash: false, to: &k)
        appendURIEncoded(parameter.value, keepSlash: false, to: &v)
        encoded.append((k, v))
    }
    encoded.sort { a, b in
        if a.key != b.key { return a.key.lexicographicallyPrecedes(b.key) }
        return a.value.lexicographicallyPrecedes(b.value)
    }
    var out: [UInt8] = []
    for (index, pair) in encoded.enumerated() {
        if index > 0 { out.append(UInt8(ascii: "&")) }
        out.append(contentsOf: pair.key)
        out.append(UInt8(ascii: "="))
        out.append(contentsOf: pair.value)
    }
    return out
}

// MARK: - Canonical request

/// Appends the canonical request to `out`.
///
/// Each signed header contributes one line `name:value`: `name` as the request listed it in
/// SignedHeaders, `value` every field of that name (case-insensitive) trimmed and collapsed, joined
/// with ','. A signed header the request does not carry contributes `name:` — AWS does the same
/// (a DynamoDB error from 2017 shows a `connection:` line for a header a proxy had dropped).
func appendCanonicalRequest(method: String, canonicalURI: [UInt8], canonicalQuery: [UInt8],
                            headers: [(name: String, value: String)], signedHeaders: [String],
                            payloadHash: [UInt8], to out: inout [UInt8]) {
    out.append(contentsOf: method.utf8)
    out.append(0x0a)
    out.append(contentsOf: canonicalURI)
    out.append(0x0a)
    out.append(contentsOf: canonicalQuery)
    out.append(0x0a)
    for name in signedHeaders {
        out.append(contentsOf: name.utf8)
        out.append(UInt8(ascii: ":"))
        var first = true
        for header in headers where equalsIgnoringASCIICase(header.name, name) {
            if !first { out.append(UInt8(ascii: ",")) }
            appendCanonicalHeaderValue(header.value, to: &out)
            first = false
        }
        out.append(0x0a)
    }
    out.append(0x0a)
    for (index, name) in signedHeaders.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ";")) }
        out.append(contentsOf: name.utf8)
    }
    out.append(0x0a)
    out.append(contentsOf: payloadHash)
}

/// The canonical request of a request, as a string (for tests, tools and debugging).
///
/// - Parameters:
///   - signedHeaders: the header names to sign, as they appear in SignedHeaders (lower-case, sorted).
///   - payloadHash: the last line: hex SHA-256 of the body, or e.g. "UNSIGNED-PAYLOAD".
///   - normalizePath: remove dot segments and empty segments first (every service but S3).
///   - presigned: leave the X-Amz-Signature query parameter out.
public func canonicalRequest(method: String, rawPath: String, rawQuery: String,
                             headers: [(name: String, value: String)], signedHeaders: [String],
                             payloadHash: String, normalizePath: Bool = true, presigned: Bool = false) -> String {
    var out: [UInt8] = []
    appendCanonicalRequest(
        method: method,
        canonicalURI: canonicalURIBytes(rawPath: rawPath, normalize: normalizePath),
        canonicalQuery: canonicalQueryBytes(parseQuery(rawQuery), excluding: presigned ? ["X-Amz-Signature"] : []),
        headers: headers, signedHeaders: signedHeaders, payloadHash: Array(payloadHash.utf8), to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// `canonicalRequest(method:rawPath:rawQuery:...)` for a `SigV4HTTPRequest`.
public func canonicalRequest(for request: SigV4HTTPRequest, signedHeaders: [String], payloadHash: String,
                             normalizePath: Bool = true, presigned: Bool = false) -> String {
    canonicalRequest(method: request.method, rawPath: request.rawPath, rawQuery: request.rawQuery,
                     headers: request.headers, signedHeaders: signedHeaders, payloadHash: payloadHash,
                     normalizePath: normalizePath, presigned: presigned)
}

// MARK: - String to sign and signing key

/// Appends the string to sign for a canonical request given as bytes.
func appendStringToSign(requestDate: some Sequence<UInt8>, credentialScope: some Sequence<UInt8>,
                        canonicalRequest: [UInt8], to out: inout [UInt8]) {
    out.append(contentsOf: sigV4Algorithm.utf8)
    out.append(0x0a)
    out.append(contentsOf: requestDate)
    out.append(0x0a)
    out.append(contentsOf: credentialScope)
    out.append(0x0a)
    Hex.append(sha256(canonicalRequest), to: &out)
}

/// The string to sign: algorithm, request date, credential scope
/// (`YYYYMMDD/region/service/aws4_request`) and the hex SHA-256 of the canonical request.
public func stringToSign(requestDate: String, credentialScope: String, canonicalRequest: String) -> String {
    var out: [UInt8] = []
    appendStringToSign(requestDate: requestDate.utf8, credentialScope: credentialScope.utf8,
                       canonicalRequest: Array(canonicalRequest.utf8), to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// The SigV4 signing key: HMAC chain "AWS4"+secret → date (YYYYMMDD) → region → service → "aws4_request".
public func signingKey(secretAccessKey: String, date: String, region: String, service: String) -> [UInt8] {
    let kDate = hmacSHA256(key: Array(("AWS4" + secretAccessKey).utf8), data: Array(date.utf8))
    let kRegion = hmacSHA256(key: kDate, data: Array(region.utf8))
    let kService = hmacSHA256(key: kRegion, data: Array(service.utf8))
    return hmacSHA256(key: kService, data: Array("aws4_request".utf8))
}

/// Hex signature of a string to sign under a signing key.
public func signature(signingKey: [UInt8], stringToSign: String) -> String {
    Hex.encode(hmacSHA256(key: signingKey, data: Array(stringToSign.utf8)))
}

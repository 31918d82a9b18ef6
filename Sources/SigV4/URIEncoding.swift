import WardenSupport
// SigV4's URI encoding and the canonical URI.
//
// "URI encode every byte except the unreserved characters: 'A'-'Z', 'a'-'z', '0'-'9', '-', '.',
// '_', and '~'" ... "Percent-encoded characters use upper-case hex" — IAM User Guide, "Create a
// signed AWS API request" (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).

private let hexDigitsUpper: [UInt8] = Array("0123456789ABCDEF".utf8)

/// True for RFC 3986 unreserved characters, which SigV4 never encodes.
@inline(__always)
func isUnreserved(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
         UInt8(ascii: "0")...UInt8(ascii: "9"),
         UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
        return true
    default:
        return false
    }
}

/// Appends the SigV4 URI encoding of `bytes` to `out`; '/' is kept as-is when `keepSlash`.
@inline(__always)
func appendURIEncoded<S: Sequence>(_ bytes: S, keepSlash: Bool, to out: inout [UInt8]) where S.Element == UInt8 {
    for c in bytes {
        if isUnreserved(c) || (keepSlash && c == UInt8(ascii: "/")) {
            out.append(c)
        } else {
            out.append(UInt8(ascii: "%"))
            out.append(hexDigitsUpper[Int(c >> 4)])
            out.append(hexDigitsUpper[Int(c & 0x0f)])
        }
    }
}

/// SigV4 URI encoding of a string (used by the signer for query parameters).
func uriEncode(_ text: String, keepSlash: Bool = false) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    appendURIEncoded(text.utf8, keepSlash: keepSlash, to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Percent-decodes `bytes`. A '%' not followed by two hex digits is kept literally (so it is
/// re-encoded as `%25`); '+' is kept as '+' (RFC 3986 query semantics, not HTML forms).
func percentDecode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = bytes.startIndex
    while i < bytes.endIndex {
        let c = bytes[i]
        if c == UInt8(ascii: "%"), bytes.endIndex - i >= 3,
           let hi = Hex.value(bytes[i + 1]), let lo = Hex.value(bytes[i + 2]) {
            out.append(hi << 4 | lo)
            i += 3
        } else {
            out.append(c)
            i += 1
        }
    }
    return out
}

/// The canonical URI of a raw (as received, percent-encoded) request path.
///
/// With `normalize` (every service but S3): dot segments are removed and empty segments (runs of
/// '/') collapsed, exactly as botocore's `remove_dot_segments` does — a trailing '/' survives only
/// when something is left before it — and the result is then URI-encoded with '/' kept. Since the
/// raw path is already percent-encoded, this encodes it a second time ('%' becomes '%25'), which is
/// what AWS expects: "Each path segment must be URI-encoded twice (except for Amazon S3 which only
/// gets URI-encoded once)" (IAM User Guide, "Create a signed AWS API request").
///
/// Without `normalize` (S3, and the test suite's `normalize: false` cases) the raw path is only
/// encoded. An empty result is "/".
func canonicalURIBytes(rawPath: String, normalize: Bool) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(rawPath.utf8.count + 8)
    if rawPath.isEmpty {
        out.append(UInt8(ascii: "/"))
        return out
    }
    if !normalize {
        appendURIEncoded(rawPath.utf8, keepSlash: true, to: &out)
        return out
    }
    // Fast path: "/" (every DynamoDB request).
    if rawPath == "/" {
        out.append(UInt8(ascii: "/"))
        return out
    }
    let bytes = Array(rawPath.utf8)
    var segments: [ArraySlice<UInt8>] = []
    for segment in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
        if segment.count == 1, segment.first == UInt8(ascii: ".") { continue }
        if segment.count == 2, segment.first == UInt8(ascii: "."), segment.last == UInt8(ascii: ".") {
            if !segments.isEmpty { segments.removeLast() }
            continue
        }
        segments.append(segment)
    }
    // An origin-form request target always starts with '/'; one that does not is treated as if
    // it did (botocore would drop the '/', but such a path cannot arrive over HTTP/1.1 anyway).
    out.append(UInt8(ascii: "/"))
    for (index, segment) in segments.enumerated() {
        if index > 0 { out.append(UInt8(ascii: "/")) }
        appendURIEncoded(segment, keepSlash: false, to: &out)
    }
    if bytes.last == UInt8(ascii: "/"), !segments.isEmpty {
        out.append(UInt8(ascii: "/"))
    }
    return out
}

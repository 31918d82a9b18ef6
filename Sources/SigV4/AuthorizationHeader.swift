// Reading the two places SigV4 authentication can be: the Authorization header and the
// presigned query parameters; and the credential (`AKID/YYYYMMDD/region/service/aws4_request`).

/// The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`
/// header.
struct AuthorizationHeader {
    var algorithm: Substring
    var credential: Substring?
    var signedHeaders: Substring?
    var signature: Substring?

    /// Parses a trimmed header value that starts with "AWS4-".
    ///
    /// The algorithm runs to the first space; the rest is a list of `key=value` pairs separated by
    /// commas and/or white space (botocore writes ", "; some clients write only "," — ScyllaDB's
    /// DynamoDB-compatibility tests check that both work against DynamoDB). Every piece must contain
    /// '=' (AWS: "'X' not a valid key=value pair (missing equal-sign) in Authorization header: '...'.").
    /// A repeated key keeps its last value. An empty Credential or Signature counts as missing; an
    /// empty SignedHeaders does not (dynalite notes DynamoDB allows it at this stage; the Host
    /// check then refuses it).
    static func parse(_ header: Substring) -> Result<AuthorizationHeader, SigV4Error> {
        // Works on UTF-8 code units: Character-wise Substring operations (grapheme breaking) were
        // most of the cost of verifying a request.
        let bytes = header.utf8
        let algorithmEnd = bytes.firstIndex { isHeaderWhitespace($0) || $0 == UInt8(ascii: ",") } ?? bytes.endIndex
        var result = AuthorizationHeader(algorithm: Substring(bytes[bytes.startIndex..<algorithmEnd]),
                                         credential: nil, signedHeaders: nil, signature: nil)
        let rest = bytes[algorithmEnd...]
        for piece in rest.split(whereSeparator: { $0 == UInt8(ascii: ",") || $0 == 0x20 || $0 == 0x09 }) {
            guard let eq = piece.firstIndex(of: UInt8(ascii: "=")) else {
                return .failure(.incompleteSignature(SigV4Text.notKeyValuePair(String(Substring(piece)), header: String(header))))
            }
            let key = piece[piece.startIndex..<eq]
            let value = Substring(piece[piece.index(after: eq)...])
            if key.elementsEqual("Credential".utf8) {
                result.credential = value
            } else if key.elementsEqual("SignedHeaders".utf8) {
                result.signedHeaders = value
            } else if key.elementsEqual("Signature".utf8) {
                result.signature = value
            }  // unknown parameters are ignored
        }
        if result.credential?.isEmpty == true { result.credential = nil }
        if result.signature?.isEmpty == true { result.signature = nil }
        return .success(result)
    }
}

/// A credential split into its five parts.
struct Credential {
    var accessKeyId: Substring
    var date: Substring
    var region: Substring
    var service: Substring
    var terminator: Substring

    /// Splits on '/' the way Java's `String.split` does (AWS's front end is Java): trailing empty
    /// pieces are dropped, so "a/b/c/d/e/" has five parts (dynalite: "trailing slashes are
    /// ignored") while "a/b/c/d/" has four.
    /// Refuses anything but five parts with IncompleteSignatureException
    /// "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '...'".
    static func parse(_ credential: Substring) -> Result<Credential, SigV4Error> {
        var parts = credential.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        while let last = parts.last, last.isEmpty { parts.removeLast() }
        guard parts.count == 5 else {
            return .failure(.incompleteSignature(SigV4Text.credentialParts(String(credential))))
        }
        return .success(Credential(accessKeyId: Substring(parts[0]), date: Substring(parts[1]),
                                   region: Substring(parts[2]), service: Substring(parts[3]),
                                   terminator: Substring(parts[4])))
    }

    /// `YYYYMMDD/region/service/aws4_request`.
    var scope: String { "\(date)/\(region)/\(service)/\(terminator)" }

    /// The credential-scope checks AWS reports together, in AWS's order (region, service,
    /// terminator, date), as one InvalidSignatureException; nil when the scope is right.
    ///
    /// Without an `expectedRegion`, any well-formed region name (lower-case letters, digits and
    /// '-') is accepted: Warden answers for whatever region the client believes it is talking to.
    func scopeError(expectedService: String, expectedRegion: String?, requestDate: String) -> SigV4Error? {
        var message = ""
        if let expectedRegion {
            if !region.utf8.elementsEqual(expectedRegion.utf8) { message += SigV4Text.scopeRegion(String(region)) }
        } else if !Credential.isWellFormedRegion(region) {
            message += SigV4Text.scopeRegion(String(region))
        }
        if !service.utf8.elementsEqual(expectedService.utf8) { message += SigV4Text.scopeService(expectedService) }
        if !terminator.utf8.elementsEqual("aws4_request".utf8) { message += SigV4Text.scopeTerminator(String(terminator)) }
        let expectedDate = requestDate.utf8.prefix(8)
        if !date.utf8.elementsEqual(expectedDate) {
            message += SigV4Text.scopeDate(String(date), expected: String(requestDate.prefix(8)), amzDate: requestDate)
        }
        return message.isEmpty ? nil : .invalidSignature(message)
    }

    static func isWellFormedRegion(_ region: Substring) -> Bool {
        guard !region.isEmpty, region.utf8.count <= 64,
              region.utf8.first != UInt8(ascii: "-"), region.utf8.last != UInt8(ascii: "-")
        else { return false }
        return region.utf8.allSatisfy { c in
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                || c == UInt8(ascii: "-")
        }
    }
}

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
        // Scans the UTF-8 bytes by offset and slices the header once per field: generic
        // `split` over UTF-8 views and Substring conversions per piece cost ~17,000
        // instructions a request (callgrind), most of the header's parsing.
        var header = header
        header.makeContiguousUTF8()
        var algorithmEnd = 0
        var credential: Range<Int>?, signedHeaders: Range<Int>?, signature: Range<Int>?
        var notKeyValue: Range<Int>?
        header.utf8.withContiguousStorageIfAvailable { b in
            let n = b.count
            var i = 0
            while i < n, !isHeaderWhitespace(b[i]), b[i] != UInt8(ascii: ",") { i += 1 }
            algorithmEnd = i
            while i < n {
                while i < n, isPairSeparator(b[i]) { i += 1 }
                if i == n { break }
                let start = i
                var eq = -1
                while i < n, !isPairSeparator(b[i]) {
                    if eq < 0, b[i] == UInt8(ascii: "=") { eq = i }
                    i += 1
                }
                guard eq >= 0 else { notKeyValue = start..<i; return }
                let key = UnsafeBufferPointer(rebasing: b[start..<eq])
                if key.elementsEqual("Credential".utf8) {
                    credential = (eq + 1)..<i
                } else if key.elementsEqual("SignedHeaders".utf8) {
                    signedHeaders = (eq + 1)..<i
                } else if key.elementsEqual("Signature".utf8) {
                    signature = (eq + 1)..<i
                }  // unknown parameters are ignored
            }
        }
        if let notKeyValue {
            return .failure(.incompleteSignature(SigV4Text.notKeyValuePair(String(header.slice(notKeyValue)), header: String(header))))
        }
        var result = AuthorizationHeader(algorithm: header.slice(0..<algorithmEnd), credential: credential.map(header.slice),
                                         signedHeaders: signedHeaders.map(header.slice), signature: signature.map(header.slice))
        if result.credential?.isEmpty == true { result.credential = nil }
        if result.signature?.isEmpty == true { result.signature = nil }
        return .success(result)
    }
}

/// Separates the Authorization header's `key=value` pairs: commas, spaces and tabs.
@inline(__always)
private func isPairSeparator(_ c: UInt8) -> Bool { c == UInt8(ascii: ",") || c == 0x20 || c == 0x09 }

extension Substring {
    /// The part between two UTF-8 offsets, both at ASCII separators (so on character boundaries).
    func slice(_ offsets: Range<Int>) -> Substring {
        let u = utf8
        let from = u.index(u.startIndex, offsetBy: offsets.lowerBound)
        return self[from..<u.index(from, offsetBy: offsets.count)]
    }

    /// Splits at every `separator` byte (an ASCII character), keeping empty pieces.
    func splitKeepingEmpty(_ separator: UInt8) -> [Substring] {
        var copy = self
        copy.makeContiguousUTF8()
        var ranges: [Range<Int>] = []
        copy.utf8.withContiguousStorageIfAvailable { b in
            var start = 0
            for i in 0..<b.count where b[i] == separator {
                ranges.append(start..<i)
                start = i + 1
            }
            ranges.append(start..<b.count)
        }
        return ranges.map(copy.slice)
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
        var parts = credential.splitKeepingEmpty(UInt8(ascii: "/"))
        while let last = parts.last, last.isEmpty { parts.removeLast() }
        guard parts.count == 5 else {
            return .failure(.incompleteSignature(SigV4Text.credentialParts(String(credential))))
        }
        return .success(Credential(accessKeyId: parts[0], date: parts[1], region: parts[2], service: parts[3],
                                   terminator: parts[4]))
    }

    /// Appends `YYYYMMDD/region/service/aws4_request`.
    func appendScope(to out: inout [UInt8]) {
        out.append(contentsOf: date.utf8)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: region.utf8)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: service.utf8)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: terminator.utf8)
    }

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

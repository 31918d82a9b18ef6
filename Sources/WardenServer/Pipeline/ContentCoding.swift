import DynamoModel
import WardenSupport

/// Content codings on the endpoint, as DynamoDB applies them.
///
/// Requests: `Content-Encoding: gzip` or `deflate` (RFC 1950 zlib data), matched as the whole
/// header value, case-insensitively. DynamoDB answers a body it cannot decode — an unknown
/// coding, an empty body, corrupt or truncated data — with HTTP 500 `InternalServerError`,
/// accepts several gzip members one after another and ignores junk after the last one (and
/// after a deflate stream's end), as Java's `GZIPInputStream`/`InflaterInputStream` do; a body
/// that decompresses past 16 MB is refused. (Recorded against DynamoDB by ScyllaDB's
/// `test/alternator/test_compressed_request.py`; AWS documents request compression in
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-compression.html.)
///
/// Answers: when the request's `Accept-Encoding` allows it and the body is at least 4 KB,
/// gzip or deflate, whichever the header prefers (`negotiate`); `x-amz-crc32` then covers the
/// compressed bytes, the bytes actually sent (aws-sdk-go-v2's DynamoDB customizations:
/// "If the response body is content-encoding: gzip, the checksum is of the gzipped response").
enum ContentCoding {
    /// Bodies shorter than this go out as they are (DynamoDB's threshold).
    static let responseThreshold = 4096
    /// The largest decoded request body: DynamoDB's request size limit.
    static let maxDecodedBytes = 16 * 1024 * 1024

    enum Coding: Equatable {
        case gzip, deflate

        var name: String { self == .gzip ? "gzip" : "deflate" }
    }

    /// Undoes the request's content coding in place (`body` becomes the decoded bytes,
    /// `encodedBody` keeps those received), or returns the service's error.
    static func decode(_ request: inout WardenRequest, coding header: String) -> DynamoError? {
        let coding = header.trimmingASCIISpaces()
        let decoded: [UInt8]
        do throws(CompressionFailure) {
            if coding.equalsIgnoringASCIICase("identity") || coding.isEmpty { return nil }
            if coding.equalsIgnoringASCIICase("gzip") {
                decoded = try Gzip.decompress(request.body, maxOutputBytes: maxDecodedBytes, trailing: .ignored)
            } else if coding.equalsIgnoringASCIICase("deflate") {
                decoded = try Deflate.decompress(request.body, maxOutputBytes: maxDecodedBytes)
            } else {
                // Lists ("gzip, gzip") and unknown codings alike: DynamoDB cannot decode them.
                return .internalFailure()
            }
        } catch {
            return error.kind == .tooLarge ? .requestTooLarge() : .internalFailure()
        }
        request.encodedBody = request.body
        request.body = decoded
        return nil
    }

    /// Compresses an answer when `acceptEncoding` allows it and the body is long enough.
    static func compress(_ response: inout WardenResponse, acceptEncoding: String) {
        guard response.body.count >= responseThreshold, let coding = negotiate(acceptEncoding) else { return }
        response.body = coding == .gzip ? Gzip.compress(response.body) : Deflate.compress(response.body)
        if let i = response.headers.firstIndex(where: { $0.name == "x-amz-crc32" }) {
            response.headers[i].value = String(CRC32.checksum(response.body))
        }
        response.headers.append(("Content-Encoding", coding.name))
    }

    /// The coding an `Accept-Encoding` header prefers, as DynamoDB reads it (RFC 9110 §12.5.3
    /// with its quirks, recorded by ScyllaDB's `test_compressed_response.py` against DynamoDB):
    /// entries are split at `,` and parameters at `;`, names are matched case-insensitively,
    /// unknown names (`br`, `x-gzip`, `"gzip"`) and `identity` are ignored; the first `q=`
    /// parameter that parses as a number counts (clamped to 0…1; one that does not parse is
    /// skipped, so the default 1 may apply); a coding's first non-zero weight sticks; the highest
    /// weight wins, the earliest on a tie; `*` stands for any coding the header does not
    /// name, and a named coding of equal weight listed after `*` wins over it.
    static func negotiate(_ header: String) -> Coding? {
        var gzip: Double?, deflate: Double?, any: Double?
        // Weights, and which entry is ahead: `nil` means "no compression" (weight just above 0).
        enum Choice { case none, gzip, deflate, any }
        var chosen = Choice.none
        func weight(_ c: Choice) -> Double {
            switch c {
            case .none: return Double.leastNonzeroMagnitude
            case .gzip: return gzip ?? 0
            case .deflate: return deflate ?? 0
            case .any: return any ?? 0
            }
        }
        for entry in header.split(separator: ",", omittingEmptySubsequences: false) {
            var parameters = entry.split(separator: ";", omittingEmptySubsequences: false)[...]
            guard let first = parameters.popFirst() else { continue }
            let name = Substring(first).trimmingASCIISpaces()
            let choice: Choice
            if name.equalsIgnoringASCIICase("gzip") { choice = .gzip }
            else if name.equalsIgnoringASCIICase("deflate") { choice = .deflate }
            else if name == "*" { choice = .any }
            else { continue }
            let previous: Double? = choice == .gzip ? gzip : choice == .deflate ? deflate : any
            if let previous, previous != 0 { continue }
            var q = 1.0
            for parameter in parameters {
                if let value = qValue(parameter) {
                    q = value
                    break
                }
            }
            switch choice {
            case .gzip: gzip = q
            case .deflate: deflate = q
            default: any = q
            }
            if chosen == .any ? q >= weight(.any) : q > weight(chosen) { chosen = choice }
        }
        switch chosen {
        case .none: return nil
        case .gzip: return .gzip
        case .deflate: return .deflate
        case .any:
            if gzip == nil { return .gzip }
            if deflate == nil { return .deflate }
            if gzip! > Double.leastNonzeroMagnitude && gzip! >= deflate! { return .gzip }
            return deflate! > Double.leastNonzeroMagnitude ? .deflate : nil
        }
    }

    /// `q = 0.5` (spaces allowed around `=`, `q` in either case) → 0.5, clamped to 0…1.
    static func qValue(_ parameter: Substring) -> Double? {
        var rest = parameter.drop(while: { $0 == " " || $0 == "\t" })
        guard let q = rest.first, q == "q" || q == "Q" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
        guard rest.first == "=" else { return nil }
        let number = rest.dropFirst().trimmingASCIISpaces()
        guard let first = number.first, first.isASCII, first.isNumber || first == "." || first == "-",
              let value = Double(number), !value.isNaN else { return nil }
        return min(max(value, 0), 1)
    }
}

extension StringProtocol {
    func trimmingASCIISpaces() -> Substring {
        let s = Substring(self)
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = s.firstIndex(where: { !isSpace($0) }), let end = s.lastIndex(where: { !isSpace($0) }) else {
            return s[s.endIndex...]
        }
        return s[start...end]
    }

    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        utf8.count == other.utf8.count && zip(utf8, other.utf8).allSatisfy { $0 == $1 || ($0 | 0x20 == $1 | 0x20 && ($0 | 0x20) &- 0x61 < 26) }
    }
}

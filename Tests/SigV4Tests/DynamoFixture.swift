import Foundation
@testable import SigV4

/// A DynamoDB-shaped request signed the way botocore signs it, and a verifier set up like the
/// server's.
enum Dynamo {
    static let accessKeyId = "AKIAIOSFODNN7EXAMPLE"
    static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let temporaryKeyId = "ASIAIOSFODNN7EXAMPLE"
    static let temporarySecret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
    static let sessionToken = "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQ=="
    static let region = "us-east-1"
    static let service = "dynamodb"
    /// The server clock in these tests: 2026-11-22 01:45:00 UTC.
    static let now = epoch(fromAmzDate: "20261122T014500Z")!

    static let baseHeaders: [(name: String, value: String)] = [
        ("Host", "dynamodb.us-east-1.amazonaws.com"),
        ("Content-Type", "application/x-amz-json-1.0"),
        ("X-Amz-Target", "DynamoDB_20120810.ListTables"),
    ]
    static let body = Array(#"{"Limit":10}"#.utf8)

    static func unsigned(headers: [(name: String, value: String)] = baseHeaders) -> SigV4HTTPRequest {
        SigV4HTTPRequest(method: "POST", rawPath: "/", rawQuery: "", headers: headers, body: body)
    }

    /// A header-signed request made at `offset` seconds from `now`.
    static func signed(offset: Double = 0, accessKeyId: String = accessKeyId, secret: String = secretAccessKey,
                       token: String? = nil, region: String = region, service: String = service,
                       includeContentSha256: Bool = false, payloadHash: String? = nil) -> SigV4HTTPRequest {
        var request = unsigned()
        request.headers += SigV4Signer.sign(
            method: request.method, rawPath: request.rawPath, rawQuery: request.rawQuery, headers: request.headers,
            body: request.body, accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: token,
            region: region, service: service, amzDate: amzDate(fromEpoch: now + offset),
            includeContentSha256: includeContentSha256, payloadHash: payloadHash)
        return request
    }

    /// A presigned request made at `offset` seconds from `now`.
    static func presigned(offset: Double = 0, expires: Int = 300, token: String? = nil,
                          accessKeyId: String = accessKeyId, secret: String = secretAccessKey) -> SigV4HTTPRequest {
        var request = unsigned()
        request.rawQuery = SigV4Signer.presign(
            method: request.method, rawPath: request.rawPath, rawQuery: "", headers: request.headers,
            body: request.body, accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: token,
            region: region, service: service, amzDate: amzDate(fromEpoch: now + offset), expires: expires)
        return request
    }

    /// The keys the tests' server knows.
    static func lookup(_ id: String) -> SigV4KeyLookup {
        switch id {
        case accessKeyId: return .secret(SigV4Secret(secretAccessKey: secretAccessKey))
        case temporaryKeyId: return .secret(SigV4Secret(secretAccessKey: temporarySecret, sessionToken: sessionToken))
        default: return .unknown
        }
    }

    static func verify(_ request: SigV4HTTPRequest, now: Double = now, expectedRegion: String? = nil,
                       verifier: SigV4Verifier = sharedVerifier,
                       lookup: (String) -> SigV4KeyLookup = Dynamo.lookup) -> Result<SigV4Authenticated, SigV4Error> {
        verifier.verify(request, now: now, expectedService: service, expectedRegion: expectedRegion, lookup: lookup)
    }
}

extension SigV4HTTPRequest {
    /// A copy with the first header of this name replaced (or removed when `value` is nil).
    func replacingHeader(_ name: String, with value: String?) -> SigV4HTTPRequest {
        var copy = self
        if let index = copy.headers.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            if let value { copy.headers[index].value = value } else { copy.headers.remove(at: index) }
        } else if let value {
            copy.headers.append((name, value))
        }
        return copy
    }
}

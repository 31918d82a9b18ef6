import DynamoModel

/// One log file as a digest lists it.
public struct DigestedLogFile: Sendable, Equatable {
    public var s3Bucket: String
    public var s3Object: String
    /// Hex SHA-256 of the uncompressed log file.
    public var hashValue: String
    public var oldestEventTime: Double
    public var newestEventTime: Double

    public init(s3Bucket: String, s3Object: String, hashValue: String, oldestEventTime: Double, newestEventTime: Double) {
        self.s3Bucket = s3Bucket
        self.s3Object = s3Object
        self.hashValue = hashValue
        self.oldestEventTime = oldestEventTime
        self.newestEventTime = newestEventTime
    }

    var json: JSONValue {
        [
            "s3Bucket": .string(s3Bucket), "s3Object": .string(s3Object), "hashValue": .string(hashValue),
            "hashAlgorithm": "SHA-256", "newestEventTime": .string(UTCTime(epoch: newestEventTime).iso8601),
            "oldestEventTime": .string(UTCTime(epoch: oldestEventTime).iso8601),
        ]
    }
}

/// The link from a digest to the one before it.
public struct DigestLink: Sendable, Equatable {
    public var s3Bucket: String
    public var s3Object: String
    /// Hex SHA-256 of the previous digest's uncompressed content.
    public var hashValue: String
    /// Hex signature of the previous digest.
    public var signature: String
    public var endTime: Double

    public init(s3Bucket: String, s3Object: String, hashValue: String, signature: String, endTime: Double) {
        self.s3Bucket = s3Bucket
        self.s3Object = s3Object
        self.hashValue = hashValue
        self.signature = signature
        self.endTime = endTime
    }
}

/// Builds and signs CloudTrail digest files.
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html)
public enum DigestFile {
    public static let signatureAlgorithm = "SHA256withRSA"

    /// The digest's JSON (uncompressed), in CloudTrail's member order.
    public static func content(account: String, bucket: String, object: String, startTime: Double, endTime: Double,
                               fingerprint: String, previous: DigestLink?, logFiles: [DigestedLogFile]) -> [UInt8] {
        func time(_ t: Double?) -> JSONValue { t.map { .string(UTCTime(epoch: $0).iso8601) } ?? .null }
        let newest = logFiles.map(\.newestEventTime).max()
        let oldest = logFiles.map(\.oldestEventTime).min()
        let json: JSONValue = [
            "awsAccountId": .string(account),
            "digestStartTime": time(startTime),
            "digestEndTime": time(endTime),
            "digestS3Bucket": .string(bucket),
            "digestS3Object": .string(object),
            "digestPublicKeyFingerprint": .string(fingerprint),
            "digestSignatureAlgorithm": .string(signatureAlgorithm),
            "newestEventTime": time(newest),
            "oldestEventTime": time(oldest),
            "previousDigestS3Bucket": previous.map { .string($0.s3Bucket) } ?? .null,
            "previousDigestS3Object": previous.map { .string($0.s3Object) } ?? .null,
            "previousDigestHashValue": previous.map { .string($0.hashValue) } ?? .null,
            "previousDigestHashAlgorithm": previous == nil ? .null : "SHA-256",
            "previousDigestSignature": previous.map { .string($0.signature) } ?? .null,
            "logFiles": .array(logFiles.map(\.json)),
        ]
        return JSONWriter.encode(json)
    }

    /// `digestEndTime \n bucket/object \n hex(sha256(content)) \n previousSignature` — the
    /// data signing string of AWS's custom-validation guide ("null" for a starting digest).
    public static func stringToSign(endTime: String, bucket: String, object: String, contentHash: String,
                                    previousSignature: String?) -> [UInt8] {
        Array("\(endTime)\n\(bucket)/\(object)\n\(contentHash)\n\(previousSignature ?? "null")".utf8)
    }
}

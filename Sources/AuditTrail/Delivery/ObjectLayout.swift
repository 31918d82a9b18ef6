import DynamoModel

/// CloudTrail's S3 object layout, laid out under a local folder: `DIR/BUCKET/KEY`.
///
/// - log files: `[prefix/]AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUEID.json.gz`
/// - digests: `[prefix/]AWSLogs/ACCOUNT/CloudTrail-Digest/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail-Digest_REGION_TRAIL_HOMEREGION_YYYYMMDDTHHmmssZ.json.gz`
public enum ObjectLayout {
    static let uniqueAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// 16 random letters and digits, as CloudTrail names its log files.
    public static func uniqueID() -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in uniqueAlphabet[Int(rng.next() % UInt64(uniqueAlphabet.count))] })
    }

    static func base(prefix: String?, account: String) -> String {
        var key = ""
        if let prefix, !prefix.isEmpty { key = prefix.hasSuffix("/") ? prefix : prefix + "/" }
        return key + "AWSLogs/\(account)/"
    }

    /// The object key of a log file delivered at `time`.
    public static func logFileKey(prefix: String?, account: String, region: String, time: Double, uniqueID: String) -> String {
        let t = UTCTime(epoch: time)
        return base(prefix: prefix, account: account)
            + "CloudTrail/\(region)/\(t.datePath)/\(account)_CloudTrail_\(region)_\(t.minuteStamp)_\(uniqueID).json.gz"
    }

    /// The object key of a digest file ending at `endTime`.
    public static func digestKey(prefix: String?, account: String, region: String, trailName: String, homeRegion: String,
                                 endTime: Double) -> String {
        let t = UTCTime(epoch: endTime)
        return base(prefix: prefix, account: account)
            + "CloudTrail-Digest/\(region)/\(t.datePath)/\(account)_CloudTrail-Digest_\(region)_\(trailName)_\(homeRegion)_\(t.secondStamp).json.gz"
    }

    /// Where a trail's digest public keys are written (Warden's offline stand-in for
    /// ListPublicKeys): `[prefix/]AWSLogs/ACCOUNT/CloudTrail-Digest/public-keys/FINGERPRINT.der`.
    public static func publicKeyKey(prefix: String?, account: String, fingerprint: String) -> String {
        base(prefix: prefix, account: account) + "CloudTrail-Digest/public-keys/\(fingerprint).der"
    }

    /// The signature of a digest (S3 keeps it in `x-amz-meta-signature`; on disk it sits
    /// beside the digest).
    public static func signatureSidecar(_ digestPath: String) -> String { digestPath + ".signature" }

    static func isDigestName(_ name: String) -> Bool { name.contains("_CloudTrail-Digest_") && name.hasSuffix(".json.gz") }
    static func isLogName(_ name: String) -> Bool { name.contains("_CloudTrail_") && name.hasSuffix(".json.gz") }
}

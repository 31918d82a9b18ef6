import DynamoModel
import FoundationEssentials
import WardenSupport

/// Offline validation of delivered log and digest files, as `aws cloudtrail validate-logs`
/// does it: each chain of digests is walked from its newest file back; every digest's
/// location, signature and link, and every listed log file's hash, is checked. Log files that
/// no digest lists although a later digest exists are reported too (renamed or planted files).
public struct LogValidator {
    public enum FileKind: String, Sendable { case digest = "Digest file", log = "Log file" }

    public struct Entry: Sendable, Equatable {
        public var kind: FileKind
        /// `s3://bucket/key`.
        public var location: String
        /// nil: valid; otherwise the INVALID reason.
        public var problem: String?
        /// Not a failure: a log file delivered after the newest digest.
        public var pending: Bool = false

        public var line: String {
            "\(kind.rawValue)\t\(location)\t" + (problem.map { "INVALID: \($0)" } ?? (pending ? "not yet digested" : "valid"))
        }
    }

    public struct Report: Sendable {
        public var entries: [Entry] = []
        public var oldest: Double?
        public var newest: Double?

        public var problems: [Entry] { entries.filter { $0.problem != nil } }
        public var isValid: Bool { problems.isEmpty && entries.contains { $0.kind == .digest } }

        func count(_ kind: FileKind) -> (valid: Int, invalid: Int) {
            let all = entries.filter { $0.kind == kind && !$0.pending }
            let bad = all.filter { $0.problem != nil }.count
            return (all.count - bad, bad)
        }

        public var summary: [String] {
            var lines: [String] = []
            if let oldest, let newest {
                lines.append("Results found for \(UTCTime(epoch: oldest).iso8601) to \(UTCTime(epoch: newest).iso8601):")
            } else {
                lines.append("No digest files found.")
            }
            lines.append("")
            for (kind, noun) in [(FileKind.digest, "digest files"), (.log, "log files")] {
                let (valid, invalid) = count(kind)
                let total = valid + invalid
                var line = "\(valid)/\(total) \(noun) valid"
                if invalid > 0 { line += ", \(invalid)/\(total) \(noun) INVALID" }
                lines.append(line)
            }
            let pending = entries.filter(\.pending).count
            if pending > 0 { lines.append("\(pending) log files delivered after the newest digest (not yet digested)") }
            return lines
        }
    }

    let root: String
    let pinnedKey: SigningKey?

    /// - Parameters:
    ///   - root: the trail folder (`--trail-dir`), holding one folder per bucket.
    ///   - publicKey: a DER public key to trust instead of the keys found beside the digests.
    public init(root: String, publicKey: SigningKey? = nil) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        self.pinnedKey = publicKey
    }

    struct Digest {
        var bucket: String
        var key: String
        /// Folder of the object key up to `CloudTrail-Digest/` — one chain per trail below it.
        var chain: String
        var endStamp: String
    }

    public func validate() -> Report {
        var report = Report()
        var digests: [Digest] = []
        var logs: [(bucket: String, key: String)] = []
        for relative in (try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? [] {
            let parts = relative.split(separator: "/", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = relative.split(separator: "/").last.map(String.init) ?? ""
            let bucket = String(parts[0]), key = String(parts[1])
            if ObjectLayout.isDigestName(name) {
                // …_CloudTrail-Digest_REGION_TRAIL_HOMEREGION_STAMP.json.gz: chain = base + trail.
                let stem = name.dropLast(".json.gz".count)
                let stamp = String(stem.split(separator: "_").last ?? "")
                let trailPart = stem.dropLast(stamp.count + 1)
                let base = key.components(separatedBy: "/CloudTrail-Digest/").first ?? ""
                digests.append(Digest(bucket: bucket, key: key, chain: bucket + "/" + base + "#" + trailPart, endStamp: stamp))
            } else if ObjectLayout.isLogName(name) {
                logs.append((bucket, key))
            }
        }
        var referenced = Set<String>()
        var missingHashes = Set<String>()
        var listedHashes = Set<String>()
        var newestDigestEnd: [String: String] = [:]  // bucket/base → newest digest stamp
        let chains = Dictionary(grouping: digests, by: \.chain)
        for chainName in chains.keys.sorted() {
            var remaining = chains[chainName]!.sorted { $0.endStamp > $1.endStamp }
            var visited = Set<String>()
            while let head = remaining.first(where: { !visited.contains($0.key) }) {
                walk(from: head, visited: &visited, referenced: &referenced, missingHashes: &missingHashes, listedHashes: &listedHashes,
                     report: &report)
                remaining.removeAll { visited.contains($0.key) }
            }
            let base = chainName.components(separatedBy: "#").first ?? chainName
            if let stamp = chains[chainName]!.map(\.endStamp).max(), stamp > newestDigestEnd[base, default: ""] { newestDigestEnd[base] = stamp }
        }
        for (bucket, key) in logs.sorted(by: { $0.key < $1.key }) where !referenced.contains(bucket + "/" + key) {
            let base = bucket + "/" + (key.components(separatedBy: "/CloudTrail/").first ?? "")
            var problem = unlisted(bucket: bucket, key: key, newestDigest: newestDigestEnd[base])
            if let hash = contentHash(bucket: bucket, key: key) {
                if missingHashes.contains(hash) {
                    problem = "has been moved from its original location"
                } else if listedHashes.contains(hash) {
                    problem = "not listed in any digest file"  // a copy of a delivered file
                }
            }
            report.entries.append(Entry(kind: .log, location: "s3://\(bucket)/\(key)", problem: problem, pending: problem == nil))
        }
        return report
    }

    /// Validates one chain from `head` back to its starting digest (or where it breaks).
    func walk(from head: Digest, visited: inout Set<String>, referenced: inout Set<String>, missingHashes: inout Set<String>,
              listedHashes: inout Set<String>, report: inout Report) {
        var current: (bucket: String, key: String)? = (head.bucket, head.key)
        // The newest digest's signature sits beside it; older ones' come from their successor.
        var expectedSignature: String? = readText(path(head.bucket, head.key).map(ObjectLayout.signatureSidecar))
        var expectedHash: String?
        var first = true
        while let (bucket, key) = current {
            let location = "s3://\(bucket)/\(key)"
            visited.insert(key)
            guard let file = path(bucket, key), let compressed = FileManager.default.contents(atPath: file).map({ [UInt8]($0) }) else {
                report.entries.append(Entry(kind: .digest, location: location, problem: "not found"))
                return
            }
            guard let content = try? Gzip.decompress(compressed), let json = try? JSONParser.parse(content),
                  let endTime = json["digestEndTime"]?.stringValue, let fingerprint = json["digestPublicKeyFingerprint"]?.stringValue else {
                report.entries.append(Entry(kind: .digest, location: location, problem: "invalid format"))
                return
            }
            let contentHash = DigestCrypto.sha256Hex(content)
            if json["digestS3Bucket"]?.stringValue != bucket || json["digestS3Object"]?.stringValue != key {
                report.entries.append(Entry(kind: .digest, location: location, problem: "has been moved from its original location"))
                return
            }
            if let expectedHash, expectedHash != contentHash {
                report.entries.append(Entry(kind: .digest, location: location, problem: "hash value doesn't match"))
                return
            }
            guard let key = publicKey(fingerprint: fingerprint, bucket: bucket, digestKey: key) else {
                report.entries.append(Entry(kind: .digest, location: location, problem: "public key not found for fingerprint \(fingerprint)"))
                return
            }
            let previousSignature = json["previousDigestSignature"]?.stringValue
            let message = DigestFile.stringToSign(endTime: endTime, bucket: bucket, object: json["digestS3Object"]?.stringValue ?? "",
                                                  contentHash: contentHash, previousSignature: previousSignature)
            guard let signatureHex = expectedSignature, let signature = DigestCrypto.unhex(signatureHex),
                  key.verify(message, signature: signature) else {
                report.entries.append(Entry(kind: .digest, location: location,
                                            problem: expectedSignature == nil && first ? "signature not found" : "signature verification failed"))
                return
            }
            report.entries.append(Entry(kind: .digest, location: location, problem: nil))
            if let start = json["digestStartTime"]?.stringValue.flatMap(UTCTime.parse) { report.oldest = min(report.oldest ?? start, start) }
            if let end = UTCTime.parse(endTime) { report.newest = max(report.newest ?? end, end) }
            for log in json["logFiles"]?.arrayValue ?? [] {
                guard let logBucket = log["s3Bucket"]?.stringValue, let logKey = log["s3Object"]?.stringValue else { continue }
                referenced.insert(logBucket + "/" + logKey)
                let problem = checkLog(bucket: logBucket, key: logKey, hash: log["hashValue"]?.stringValue)
                if let hash = log["hashValue"]?.stringValue {
                    listedHashes.insert(hash)
                    if problem == "not found" { missingHashes.insert(hash) }
                }
                report.entries.append(Entry(kind: .log, location: "s3://\(logBucket)/\(logKey)", problem: problem))
            }
            first = false
            guard let previousKey = json["previousDigestS3Object"]?.stringValue, let previousBucket = json["previousDigestS3Bucket"]?.stringValue else {
                return  // the starting digest
            }
            expectedSignature = previousSignature
            expectedHash = json["previousDigestHashValue"]?.stringValue
            current = (previousBucket, previousKey)
        }
    }

    /// A log file no digest lists: fine if it was delivered after the newest digest (it waits
    /// for the next one), a problem if it predates it — a renamed, copied or planted file. The
    /// name gives the delivery minute; within the digest's own minute, the file's newest event
    /// decides (delivery follows an event within seconds).
    func unlisted(bucket: String, key: String, newestDigest: String?) -> String? {
        guard let digestStamp = newestDigest else { return nil }
        let parts = (key.split(separator: "/").last ?? "").split(separator: "_")
        let logMinute = parts.count >= 4 ? String(parts[3].dropLast()) : ""  // YYYYMMDDTHHmm
        let digestMinute = String(digestStamp.prefix(13))
        if logMinute < digestMinute { return "not listed in any digest file" }
        if logMinute > digestMinute { return nil }
        guard let file = path(bucket, key), let data = FileManager.default.contents(atPath: file),
              let content = try? Gzip.decompress([UInt8](data)), let json = try? JSONParser.parse(content) else {
            return "invalid format"
        }
        let newestEvent = (json["Records"]?.arrayValue ?? []).compactMap { $0["eventTime"]?.stringValue.flatMap(UTCTime.parse) }.max() ?? 0
        let digestEnd = UTCTime.parse(Self.isoStamp(digestStamp)) ?? 0
        return newestEvent + 10 < digestEnd ? "not listed in any digest file" : nil
    }

    /// `20150817T150131Z` → `2015-08-17T15:01:31Z`.
    static func isoStamp(_ s: String) -> String {
        let c = Array(s)
        guard c.count == 16 else { return s }
        return "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T\(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15]))Z"
    }

    func contentHash(bucket: String, key: String) -> String? {
        guard let file = path(bucket, key), let data = FileManager.default.contents(atPath: file),
              let content = try? Gzip.decompress([UInt8](data)) else { return nil }
        return DigestCrypto.sha256Hex(content)
    }

    func checkLog(bucket: String, key: String, hash: String?) -> String? {
        guard let file = path(bucket, key), let data = FileManager.default.contents(atPath: file) else { return "not found" }
        guard let content = try? Gzip.decompress([UInt8](data)) else { return "invalid format" }
        return DigestCrypto.sha256Hex(content) == hash ? nil : "hash value doesn't match"
    }

    func publicKey(fingerprint: String, bucket: String, digestKey: String) -> SigningKey? {
        if let pinnedKey { return pinnedKey.fingerprint == fingerprint ? pinnedKey : nil }
        let base = digestKey.components(separatedBy: "/CloudTrail-Digest/").first ?? ""
        guard let file = path(bucket, base + "/CloudTrail-Digest/public-keys/\(fingerprint).der"),
              let der = FileManager.default.contents(atPath: file),
              let key = try? SigningKey.load(publicKeyDER: [UInt8](der)), key.fingerprint == fingerprint else { return nil }
        return key
    }

    func path(_ bucket: String, _ key: String) -> String? {
        guard !bucket.contains(".."), !key.contains("..") else { return nil }
        return "\(root)/\(bucket)/\(key)"
    }

    func readText(_ path: String?) -> String? {
        guard let path, let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        return String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

import DynamoModel

/// Where one trail's digest chain stands in one region: the last digest (to link the next
/// one to) and the log files delivered since, which the next digest will list. Persisted after
/// every delivery, so a restart continues the chain and digests every delivered file.
public struct DigestChainState: Sendable, Equatable {
    public var last: DigestLink?
    /// Start of the period the next digest covers.
    public var periodStart: Double
    public var pending: [DigestedLogFile] = []

    public init(last: DigestLink? = nil, periodStart: Double, pending: [DigestedLogFile] = []) {
        self.last = last
        self.periodStart = periodStart
        self.pending = pending
    }

    var json: JSONValue {
        var m: [(String, JSONValue)] = [("periodStart", .timestamp(periodStart))]
        if let last {
            m.append(("last", [
                "s3Bucket": .string(last.s3Bucket), "s3Object": .string(last.s3Object), "hashValue": .string(last.hashValue),
                "signature": .string(last.signature), "endTime": .timestamp(last.endTime),
            ]))
        }
        m.append(("pending", .array(pending.map {
            ["s3Bucket": .string($0.s3Bucket), "s3Object": .string($0.s3Object), "hashValue": .string($0.hashValue),
             "oldest": .timestamp($0.oldestEventTime), "newest": .timestamp($0.newestEventTime)]
        })))
        return .object(m)
    }

    init?(json: JSONValue) {
        func number(_ v: JSONValue?) -> Double? {
            if case .number(let t)? = v { return Double(t) }
            return nil
        }
        guard let start = number(json["periodStart"]) else { return nil }
        periodStart = start
        if let l = json["last"], let b = l["s3Bucket"]?.stringValue, let o = l["s3Object"]?.stringValue,
           let h = l["hashValue"]?.stringValue, let s = l["signature"]?.stringValue, let e = number(l["endTime"]) {
            last = DigestLink(s3Bucket: b, s3Object: o, hashValue: h, signature: s, endTime: e)
        }
        pending = (json["pending"]?.arrayValue ?? []).compactMap { p in
            guard let b = p["s3Bucket"]?.stringValue, let o = p["s3Object"]?.stringValue, let h = p["hashValue"]?.stringValue,
                  let old = number(p["oldest"]), let new = number(p["newest"]) else { return nil }
            return DigestedLogFile(s3Bucket: b, s3Object: o, hashValue: h, oldestEventTime: old, newestEventTime: new)
        }
    }
}

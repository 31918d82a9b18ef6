import DynamoModel
import Foundation

/// A shard iterator in AWS's outward shape, `STREAM_ARN|1|OPAQUE`: the opaque part carries
/// the shard, the position (the sequence number after which reading continues) and when the
/// iterator was issued (simulated clock; iterators expire 15 minutes later). It names no
/// table storage: the stream is looked up by ARN, and reads stay within that stream's range,
/// so a forged iterator can read nothing its ARN's permissions do not cover.
struct ShardIterator: Equatable {
    static let lifetime: Double = 15 * 60

    var streamArn: String
    var shardId: String
    var position: Int64
    var issuedAt: Double

    var encoded: String {
        let millis = Int64((issuedAt * 1000).rounded(.down))
        let body = "\(shardId);\(position);\(millis)"
        let check = String(Hash.fnv(streamArn + "|" + body), radix: 16)
        return "\(streamArn)|1|" + Data("\(body);\(check)".utf8).base64EncodedString()
    }

    init(streamArn: String, shardId: String, position: Int64, issuedAt: Double) {
        self.streamArn = streamArn
        self.shardId = shardId
        self.position = position
        self.issuedAt = issuedAt
    }

    init?(_ text: String) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1] == "1", StreamNames.isStreamArn(String(parts[0])),
              let data = Data(base64Encoded: String(parts[2])), let body = String(data: data, encoding: .utf8) else { return nil }
        let fields = body.split(separator: ";", omittingEmptySubsequences: false)
        guard fields.count == 4, let position = Int64(fields[1]), let millis = Int64(fields[2]) else { return nil }
        let arn = String(parts[0])
        guard String(Hash.fnv(arn + "|" + fields[0..<3].joined(separator: ";")), radix: 16) == fields[3] else { return nil }
        streamArn = arn
        shardId = String(fields[0])
        self.position = position
        issuedAt = Double(millis) / 1000
    }

    func expired(now: Double) -> Bool { now - issuedAt > ShardIterator.lifetime }
}

import DynamoModel
import DynamoStorage
import SigV4

/// A shard iterator in AWS's outward shape, `STREAM_ARN|1|OPAQUE`. The opaque part carries
/// the shard, the position (the sequence number after which reading continues) and when the
/// iterator was issued (simulated clock; iterators expire 15 minutes later), sealed with an
/// HMAC-SHA256 under a key only this server holds (`ShardIteratorKey`, kept in the database so
/// iterators outlive a restart as AWS's do). The MAC covers the stream ARN too: an iterator
/// cannot be moved to another stream or shard, re-dated to escape expiry, or made up without
/// GetShardIterator — any change reads as "Invalid ShardIterator".
struct ShardIterator: Equatable {
    static let lifetime: Double = 15 * 60

    var streamArn: String
    var shardId: String
    var position: Int64
    var issuedAt: Double

    init(streamArn: String, shardId: String, position: Int64, issuedAt: Double) {
        self.streamArn = streamArn
        self.shardId = shardId
        self.position = position
        self.issuedAt = issuedAt
    }

    func encoded(key: [UInt8]) -> String {
        let millis = Int64((issuedAt * 1000).rounded(.down))
        let body = "\(shardId);\(position);\(millis)"
        let mac = ShardIterator.mac(streamArn: streamArn, body: body, key: key)
        return "\(streamArn)|1|" + Base64.encode(Array(body.utf8) + [UInt8(ascii: ";")] + mac)
    }

    /// Parses and authenticates an iterator; nil for anything this server did not issue as is.
    init?(_ text: String, key: [UInt8]) {
        guard let arn = ShardIterator.streamArn(of: text) else { return nil }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard case .success(let bytes) = Base64.decode(String(parts[2])), bytes.count > 33,
              bytes[bytes.count - 33] == UInt8(ascii: ";") else { return nil }
        let body = Array(bytes[..<(bytes.count - 33)])
        let text = String(decoding: body, as: UTF8.self)
        guard constantTimeEquals(Array(bytes.suffix(32)), ShardIterator.mac(streamArn: arn, body: text, key: key)) else { return nil }
        let fields = text.split(separator: ";", omittingEmptySubsequences: false)
        guard fields.count == 3, let position = Int64(fields[1]), let millis = Int64(fields[2]) else { return nil }
        streamArn = arn
        shardId = String(fields[0])
        self.position = position
        issuedAt = Double(millis) / 1000
    }

    /// The stream an iterator names (unauthenticated: for the authorization check, which runs
    /// before the iterator is opened), or nil when it is not iterator-shaped.
    static func streamArn(of text: String) -> String? {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1] == "1", StreamNames.isStreamArn(String(parts[0])) else { return nil }
        return String(parts[0])
    }

    static func mac(streamArn: String, body: String, key: [UInt8]) -> [UInt8] {
        hmacSHA256(key: key, data: Array("\(streamArn)|\(body)".utf8))
    }

    func expired(now: Double) -> Bool { now - issuedAt > ShardIterator.lifetime }
}

/// The per-server secret that authenticates shard iterators: 32 random bytes made the first
/// time a database is opened and kept in its `warden_meta` table.
enum ShardIteratorKey {
    static let metaKey = "streams.iterator_key"

    static func load(_ store: Store) throws -> [UInt8] {
        if let text = try store.read({ try $0.meta(metaKey) }), case .success(let key) = Base64.decode(text), key.count == 32 {
            return key
        }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try store.writeAndWait { try $0.setMeta(metaKey, Base64.encode(key)) }
        return key
    }
}

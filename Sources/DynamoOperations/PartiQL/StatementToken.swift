import DynamoModel
import SigV4

/// ExecuteStatement's `NextToken`: where a SELECT stopped — which of the partitions it names
/// and the key of the last item evaluated — sealed with an HMAC-SHA256 under the server's own
/// secret (the one that seals shard iterators) and bound to the request it continues (the
/// statement text, its parameters and its table), so a token can be neither made up nor moved
/// to another statement. DynamoDB's texts for a refused token come from DynamoDB Local's
/// table of PartiQL messages.
struct StatementToken: Equatable {
    var partition: Int
    var lastKey: Item

    static let invalid = DynamoError.validation("Invalid NextToken")
    static let mismatch = DynamoError.validation("NextToken does not match request")

    /// What a token is bound to: one statement with its parameters, on one table.
    static func requestHash(text: String, parameters: [AttributeValue], tableArn: String) -> String {
        var w = JSONWriter(capacity: text.utf8.count + 64)
        w.write(.array([.string(text), .string(tableArn), .array(parameters.map(AttributeValueCodec.json))]))
        return sha256Hex(w.bytes)
    }

    func encoded(requestHash: String, key: [UInt8]) -> String {
        let payload = JSONWriter.encode(["h": .string(requestHash), "p": .number(String(partition)), "k": ItemParams.json(lastKey)])
        return Base64.encode(payload + hmacSHA256(key: key, data: Array("partiql-next-token|".utf8) + payload))
    }

    /// Opens a token, refusing one this server did not issue as it is (`Invalid NextToken`) or
    /// issued for another statement (`NextToken does not match request`).
    init(_ text: String, requestHash: String, key: [UInt8]) throws(DynamoError) {
        guard case .success(let bytes) = Base64.decode(text), bytes.count > 32 else { throw Self.invalid }
        let payload = Array(bytes.dropLast(32))
        guard constantTimeEquals(Array(bytes.suffix(32)), hmacSHA256(key: key, data: Array("partiql-next-token|".utf8) + payload)),
              let json = try? JSONParser.parse(payload), let hash = json["h"]?.stringValue,
              case .number(let p)? = json["p"], let partition = Int(p), partition >= 0, let keyJSON = json["k"],
              let lastKey = try? AttributeValueCodec.decodeItem(keyJSON) else { throw Self.invalid }
        guard hash == requestHash else { throw Self.mismatch }
        self.partition = partition
        self.lastKey = lastKey
    }

    init(partition: Int, lastKey: Item) {
        self.partition = partition
        self.lastKey = lastKey
    }
}

import DynamoModel

/// The wire JSON codec: any bytes parse or fail cleanly; what parses writes back to text
/// that parses to the same value; attribute values that decode encode back to themselves.
enum JSONTarget {
    static let target = FuzzTarget(name: "json") { bytes in
        guard let value = try? JSONParser.parse(bytes) else { return }
        let written = JSONWriter.encode(value)
        guard let again = try? JSONParser.parse(written) else {
            return check(false, "written JSON does not parse: \(text(written).prefix(200))")
        }
        check(again == value, "JSON round trip changed the value")
        if let item = try? AttributeValueCodec.decodeItem(value) {
            let encoded = AttributeValueCodec.encodeItem(item)
            let reread = (try? JSONParser.parse(encoded)).flatMap { try? AttributeValueCodec.decodeItem($0) }
            check(reread == item, "an item changed in an encode/decode round trip")
            _ = ItemSize.of(item)
        }
        _ = try? AttributeValueCodec.decode(value)
    }
}

import DynamoModel
import DynamoStorage

/// Stream records as GetRecords returns them, built from item-history rows
/// (https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_Record.html):
/// INSERT (no old image), MODIFY, REMOVE (no new image); the images the view type asks for;
/// `SizeBytes` as DynamoDB counts the keys and images; TTL deletions carry the service's
/// `userIdentity` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html).
struct StreamRecordBuilder {
    let row: StreamRow
    let keySchema: KeySchema

    init(row: StreamRow) throws(DynamoError) {
        self.row = row
        keySchema = try StreamNames.keySchema(row)
    }

    /// One record, written into `w`; returns its SizeBytes.
    func write(_ h: HistoryRow, into w: inout JSONWriter) throws(DynamoError) -> Int {
        let old = try h.oldItem.map { (bytes) throws(DynamoError) -> Item in try ItemWrite.decode(bytes) }
        let new = try h.newItem.map { (bytes) throws(DynamoError) -> Item in try ItemWrite.decode(bytes) }
        let eventName = old == nil ? "INSERT" : (new == nil ? "REMOVE" : "MODIFY")
        var keys = Item()
        for name in keySchema.attributeNames { keys[name] = (new ?? old)?[name] }
        let view = row.viewType
        let withNew = (view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES") ? h.newItem : nil
        let withOld = (view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES") ? h.oldItem : nil
        var size = ItemSize.of(keys)
        if withNew != nil, let new { size += ItemSize.of(new) }
        if withOld != nil, let old { size += ItemSize.of(old) }

        w.raw("{\"eventID\":")
        w.writeString(eventID(h.seq))
        w.raw(",\"eventName\":")
        w.writeString(eventName)
        w.raw(",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":")
        w.writeString(row.region)
        w.raw(",\"dynamodb\":{\"ApproximateCreationDateTime\":")
        w.write(.number(String(Int64(h.at.rounded(.down)))))
        w.raw(",\"Keys\":")
        AttributeValueCodec.encodeItem(keys, into: &w)
        if let withNew {
            w.raw(",\"NewImage\":")
            w.raw(bytes: withNew)
        }
        if let withOld {
            w.raw(",\"OldImage\":")
            w.raw(bytes: withOld)
        }
        w.raw(",\"SequenceNumber\":")
        w.writeString(StreamNames.sequenceNumber(h.seq))
        w.raw(",\"SizeBytes\":")
        w.write(.int(size))
        w.raw(",\"StreamViewType\":")
        w.writeString(view)
        w.raw("}")
        if h.origin == "ttl" {
            // The Streams API's member names (the `Identity` shape); Lambda events spell them
            // `principalId` / `type`.
            w.raw(",\"userIdentity\":{\"PrincipalId\":\"dynamodb.amazonaws.com\",\"Type\":\"Service\"}")
        }
        w.raw("}")
        return size
    }

    /// 32 hex digits, stable for a record (re-reading it gives the same id).
    func eventID(_ seq: Int64) -> String {
        let key = "\(row.arn)#\(seq)"
        let a = String(Hash.fnv(key), radix: 16).leftPadded(to: 16)
        let b = String(Hash.fnv(key, seed: 0x84222325cbf29ce4), radix: 16).leftPadded(to: 16)
        return a + b
    }
}

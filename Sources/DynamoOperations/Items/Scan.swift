import DynamoExpressions
import DynamoModel
import DynamoStorage

/// Scan — every item of a table or index in key order, optionally one segment of a parallel
/// scan. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html
struct Scan: DynamoOperation {
    static let name = "Scan"
    static let readOnly = true

    let read: ReadRequest
    let segment: Int?
    let totalSegments: Int?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        var segment: Int64?, total: Int64?
        read = try ReadRequest.decode(p, isQuery: false, constraints: { (c: inout Constraints) throws(DynamoError) in
            segment = try p.int("Segment")
            total = try p.int("TotalSegments")
            c.atLeast(segment, at: "segment", 0)
            c.atMost(segment, at: "segment", 999_999)
            c.atLeast(total, at: "totalSegments", 1)
            c.atMost(total, at: "totalSegments", 1_000_000)
        }, afterConstraints: { () throws(DynamoError) in
            if segment != nil && total == nil {
                throw .validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
            }
            if total != nil && segment == nil {
                throw .validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present")
            }
            if let segment, let total, segment >= total {
                throw .validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: \(segment) is not less than TotalSegments: \(total)")
            }
        }, ownExpressions: { _ throws(DynamoError) in })
        self.segment = segment.map(Int.init)
        totalSegments = total.map(Int.init)
    }

    var tableName: String { read.tableName }
    var indexName: String? { read.indexName }
    var run: ReadRun { read.run }
    var startKey: Item? { read.startKey }

    /// A Scan carries no dynamodb:LeadingKeys — the documented reason ForAllValues
    /// conditions on it must be paired with a Scan deny.
    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        read.authorization("dynamodb:Scan", partitionValue: nil, keyConditionAttributes: [], service: service, env: env)
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            let table = try service.requireTable(tableName, env: env)
            let index = try run.index(indexName, table: table)
            try ReadRun.checkStartKey(startKey, table: table, index: index)
            var page = ReadRun.Page(run: run, table: table, index: index)
            let segment = self.segment, total = self.totalSegments
            func inSegment(_ pk: [UInt8]) -> Bool {
                guard let segment, let total else { return true }
                return KeyCodec.segment(of: pk, total: total) == segment
            }
            // A segment's LastEvaluatedKey restarts that segment only (dynalite's test/scan.js
            // records the service's text). Segments split the partition keys of what is scanned.
            if let startKey, let segment, let total {
                let partition = index.flatMap { IndexKey.encode(startKey, schema: $0.keySchema)?.ipk }
                    ?? KeyCodec.encode(startKey[table.keySchema.partitionKey]!)
                if !inSegment(partition) {
                    throw .validation("The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: \(total) Segment: \(segment)")
                }
            }
            try service.read { reader in
                if let index {
                    let schema = index.keySchema
                    let after = startKey.map { k in
                        let indexKey = IndexKey.encode(k, schema: schema)
                        return (ipk: indexKey?.ipk ?? [], isk: indexKey?.isk ?? [],
                         pk: KeyCodec.encode(k[table.keySchema.partitionKey]!), sk: table.keySchema.sortKey.map { KeyCodec.encode(k[$0]!) } ?? [])
                    }
                    try reader.scanIndex(iid: index.storageId, startAfter: after) { row in
                        guard inSegment(row.ipk) else { return true }
                        return try page.add(row.item, size: row.size) { try ReadRun.fetch(row, table: table, reader: reader) }
                    }
                } else {
                    let after = startKey.map { k in
                        (pk: KeyCodec.encode(k[table.keySchema.partitionKey]!), sk: table.keySchema.sortKey.map { KeyCodec.encode(k[$0]!) } ?? [])
                    }
                    try reader.scanTable(tid: table.storageId, startAfter: after) { row in
                        guard inSegment(row.pk) else { return true }
                        return try page.add(row.item, size: row.size) { nil }
                    }
                }
            }
            return page.response()
        }
    }
}

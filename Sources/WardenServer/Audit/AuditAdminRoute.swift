import AuditTrail
import DynamoModel
import FoundationEssentials

/// `GET /_warden/audit` (Warden-only, account roots): the records of recent requests, every
/// one whatever the selectors, for `warden trail tail`. Query: `after` (the `next` of the
/// previous answer; omitted: from the oldest kept), `principal`, `table`, `eventName`,
/// `denied=true`, `failed=true`, `limit`.
enum AuditAdminRoute {
    static let path = "/_warden/audit"

    static func respond(_ request: WardenRequest, trail: AuditTrail, requestId: String) -> WardenResponse {
        var query: [String: String] = [:]
        for pair in request.query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map { PercentEncoding.decode(String($0)) ?? String($0) }
            if kv.count == 2 { query[kv[0]] = kv[1] } else if kv.count == 1 { query[kv[0]] = "" }
        }
        let filter = RecentEvents.Filter(principal: query["principal"], table: query["table"], eventName: query["eventName"],
                                         deniedOnly: query["denied"] == "true", failedOnly: query["failed"] == "true")
        let after = query["after"].flatMap(Int.init) ?? (query["from"] == "now" ? trail.recent.latest : 0)
        let limit = min(max(query["limit"].flatMap(Int.init) ?? 1000, 1), 10_000)
        let (records, next) = trail.recentRecords(after: after, filter: filter, limit: limit)
        var w = JSONWriter(capacity: 256 + records.count * 600)
        w.raw("{\"next\":")
        w.raw(bytes: Array(String(next).utf8))
        w.raw(",\"records\":[")
        for (i, r) in records.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw(bytes: r.bytes)
        }
        w.raw("]}")
        return JSONResponse.make(status: 200, body: w.bytes, requestId: requestId, contentType: "application/json")
    }
}

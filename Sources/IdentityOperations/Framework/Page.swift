import Identity

/// One page of a listing (IAM's Marker / MaxItems; MaxItems defaults to 100).
struct Page {
    var range: Range<Int>
    var marker: String?

    static func of(count: Int, params: QueryParameters) throws(IdentityError) -> Page {
        var v = Validator()
        let maxItems = try params.int("MaxItems", member: "maxItems")
        v.integer(maxItems, "maxItems", min: 1, max: 1000)
        v.string(params["Marker"], "marker", min: 1, max: 320)
        try v.check()
        var start = 0
        if let marker = params["Marker"] {
            guard let offset = Int(marker), offset >= 0, offset <= count else { throw .invalidInput("Invalid Marker.") }
            start = offset
        }
        let end = min(count, start + (maxItems ?? 100))
        return Page(range: start..<end, marker: end < count ? String(end) : nil)
    }
}

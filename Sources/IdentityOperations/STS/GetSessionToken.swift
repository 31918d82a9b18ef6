import Identity

/// GetSessionToken: temporary credentials for the calling user (or root).
enum GetSessionToken: QueryOperation {
    static let name = "GetSessionToken"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let duration = try c.params.int("DurationSeconds", member: "durationSeconds")
        var v = Validator()
        v.integer(duration, "durationSeconds", min: 900, max: 129_600)
        v.string(c.params["SerialNumber"], "serialNumber", min: 9, max: 256)
        v.string(c.params["TokenCode"], "tokenCode", min: 6, max: 6)
        try v.check()
        let principal = c.principal
        return QueryPlan(checks: []) { done in
            c.directory.issueSessionToken(for: principal, durationSeconds: duration) { result in
                done(result.map { [STSRender.credentials($0)] })
            }
        }
    }
}

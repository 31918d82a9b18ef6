@testable import IdentityOperations
@testable import WardenServer

/// The IAM/STS form decoder: the body (and a query string, after a `%%` line) decode
/// linearly and within the parameter cap, the routing scan agrees with the full decode, and
/// the list accessors and the unverified credential scope read any result.
enum FormTarget {
    static let target = FuzzTarget(name: "form") { bytes in
        let p = parts(bytes, count: 2)
        let query = text(p[1])
        let routing = QueryParameters.firstValues(["Action", "Version"], body: p[0], query: query)
        guard let params = try? QueryParameters.decode(body: p[0], query: query) else { return }
        check(params.values.count <= QueryParameters.maxParameters, "more parameters than the cap")
        for name in ["Action", "Version"] {
            check(routing[name] == params[name], "the routing scan and the decoder disagree on \(name)")
        }
        _ = params.list("ActionNames")
        _ = params.tags()
        _ = params.policyArns()
        _ = try? params.int("MaxItems", member: "maxItems")
        _ = params.bool("Flag")
        _ = UnverifiedScope(authorization: params["Authorization"], query: query)?.region
    }
}

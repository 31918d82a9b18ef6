import WardenSupport

/// A scalable target or a scaling policy, as the Describe operations filter and answer it.
protocol DescribedObject: Sendable {
    var account: String { get }
    var region: String { get }
    var dimension: String { get }
    var json: JSONValue { get }
}

extension ScalableTarget: DescribedObject {}
extension ScalingPolicy: DescribedObject {}

extension ScalingParams {
    /// A list member of at most 50 names (`ResourceIds`, `PolicyNames`).
    mutating func nameList(_ name: String) throws(ScalingError) -> [String]? {
        let names = try stringList(name)
        if let names, names.count > 50 {
            violations.append(ScalingError.violation(value: "[" + names.joined(separator: ", ") + "]", member: Self.member(name),
                                                     "Member must have length less than or equal to 50"))
        }
        return names
    }
}

extension ScalingPrepared {
    /// What DescribeScalableTargets and DescribeScalingPolicies share: the caller's objects
    /// (in its account and region) in the order registered, those of `ScalableDimension` and
    /// matching `filter`, paged by `MaxResults` (at most 50) and `NextToken`, answered under
    /// `member`. Only the `dynamodb` namespace has any.
    static func describe<T: DescribedObject>(
        _ operation: String, _ p: inout ScalingParams, _ env: ScalingEnvironment, namespace: String?, dimension: String?,
        member: String, objects: @escaping @Sendable (ScalingStore.State) -> [String: T], filter: @escaping @Sendable (T) -> Bool
    ) throws(ScalingError) -> ScalingPrepared {
        try p.check()
        let (limit, start) = try p.page()
        let store = env.store, caller = env.caller
        return ScalingPrepared([env.check(operation)], p) { () throws(ScalingError) in
            let all: [T] = namespace != "dynamodb" ? [] : store.state.withLock { s in
                s.ordered(objects(s)).filter { x in
                    x.account == caller.account && x.region == caller.region && dimension.map { $0 == x.dimension } != false && filter(x)
                }
            }
            let (page, next) = paginate(all, limit: limit, start: start)
            var out: [(String, JSONValue)] = [(member, .array(page.map(\.json)))]
            if let next { out.append(("NextToken", .string(next))) }
            return (.object(out), .nothing())
        }
    }
}

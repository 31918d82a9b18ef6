import AccessPolicy
import Identity

enum SimulateCustomPolicy: QueryOperation {
    static let name = "SimulateCustomPolicy"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let policies = try PolicySimulation.inputPolicies(c, "PolicyInputList", kind: .identity)
        if policies.isEmpty {
            throw .validation("1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: Member must not be null")
        }
        let boundary = try PolicySimulation.inputPolicies(c, "PermissionsBoundaryPolicyInputList", kind: .boundary)
        let request = try PolicySimulation.request(c)
        return QueryPlan(checks: [QueryCheck("iam:SimulateCustomPolicy", "*")]) { done in
            let callerArn = request.callerArn ?? "arn:aws:iam::\(c.accountId):user/simulated"
            let account = IAMArn(callerArn)?.account ?? c.accountId
            let principal = PrincipalInfo(arn: callerArn, accountId: account, type: callerArn.hasSuffix(":root") ? .root : .iamUser)
            let results = PolicySimulation.evaluate(request) { action, resource in
                EvaluationInput(identityPolicies: policies, permissionsBoundary: boundary.isEmpty ? nil : boundary,
                                resourcePolicy: request.resourcePolicy,
                                context: RequestContext(principal: principal, action: action, resource: resource,
                                                        resourceAccountId: request.resourceOwner.flatMap { IAMArn($0)?.account }, keys: request.keys))
            }
            done(.success(results))
        }
    }
}

import Identity

enum SimulatePrincipalPolicy: QueryOperation {
    static let name = "SimulatePrincipalPolicy"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        guard let source = c.params["PolicySourceArn"] else {
            throw .validation("1 validation error detected: Value null at 'policySourceArn' failed to satisfy constraint: Member must not be null")
        }
        let request = try PolicySimulation.request(c)
        let extra = try PolicySimulation.inputPolicies(c, "PolicyInputList", kind: .identity)
        let boundary = try PolicySimulation.inputPolicies(c, "PermissionsBoundaryPolicyInputList", kind: .boundary)
        let principal = try simulated(source, c)
        return QueryPlan(checks: [QueryCheck("iam:SimulatePrincipalPolicy", source)]) { done in
            let set = c.directory.policySet(for: principal)
            let results = PolicySimulation.evaluate(request) { action, resource in
                var input = set.evaluationInput(action: action, resource: resource, resourceAccountId: request.resourceOwner.flatMap { IAMArn($0)?.account },
                                                resourcePolicy: request.resourcePolicy, requestKeys: request.keys)
                input.identityPolicies += extra
                if !boundary.isEmpty { input.permissionsBoundary = boundary }
                input.serviceControlPolicies = []
                return input
            }
            done(.success(results))
        }
    }

    /// The user or role a PolicySourceArn names, as the principal whose policies to simulate.
    static func simulated(_ arn: String, _ c: QueryContext) throws(IdentityError) -> Principal {
        guard let parsed = IAMArn(arn), let account = c.directory.account(parsed.account) else {
            throw .invalidInput("Invalid ARN: Could not be parsed!")
        }
        let name = parsed.name
        if parsed.resourceType == "user" {
            guard let user = account.user(name) else { throw .noSuchUser(name) }
            return .user(user, accountId: account.id)
        }
        if parsed.resourceType == "role" {
            guard let role = account.role(name) else { throw .noSuchRole(name) }
            var p = Principal(kind: .assumedRole, accountId: account.id, arn: role.arn(account: account.id), userId: role.id)
            p.roleName = role.name
            p.roleArn = role.arn(account: account.id)
            return p
        }
        if parsed.resourceType == "root" { return .root(account.id) }
        throw .invalidInput("Invalid ARN: Could not be parsed!")
    }
}

import AccessPolicy
import DynamoModel

extension DynamoError {
    static func policyNotFound(_ message: String) -> DynamoError {
        DynamoError(code: "PolicyNotFoundException", message: "Resource-based policy not found for the provided ResourceArn: " + message)
    }
}

/// PutResourcePolicy — attaches a resource-based policy to a table (covering its indexes) or a
/// stream. Idempotent for the same document; `ExpectedRevisionId` (or `NO_POLICY`) makes it
/// conditional. Texts from AWS-verified tests (moto `test_dynamodb_resource_policy.py`).
struct PutResourcePolicy: DynamoOperation {
    static let name = "PutResourcePolicy"
    static let readOnly = false

    let arn: TableArn
    let arnText: String
    let document: String
    let expectedRevision: String?
    let confirmRemoveSelfAccess: Bool

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        arn = try TableNameParam.resourceArn(p)
        arnText = try p.string("ResourceArn") ?? ""
        var c = Constraints()
        let policy = try p.string("Policy")
        c.notNull(policy, at: "policy")
        expectedRevision = try p.string("ExpectedRevisionId")
        c.length(expectedRevision, at: "expectedRevisionId", min: 1, max: 255)
        try c.check()
        document = policy ?? ""
        confirmRemoveSelfAccess = try p.bool("ConfirmRemoveSelfResourceAccess") ?? false
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:PutResourcePolicy", resource: arnText, resourceAccount: arn.account)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let target: ResourcePolicyRules.Target
        do {
            target = try ResourcePolicyRules.target(arn, text: arnText)
            guard service.catalog.get(target.table) != nil else { throw DynamoError.tableNotFound(target.table.name) }
            if target.table.account != env.accountId {
                throw DynamoError.accessDenied("This action is only supported by accounts that match the resource owner’s account.")
            }
            let policy = try ResourcePolicyRules.parse(document)
            try ResourcePolicyRules.checkNotPublic(policy)
            if !confirmRemoveSelfAccess && ResourcePolicyRules.locksOut(policy, target: target, env: env) {
                throw DynamoError(code: "AccessDeniedException", message: "The new resource policy will not allow you to update the resource policy in the future.")
            }
        } catch let error as DynamoError {
            return completion(.failure(error))
        } catch {
            return completion(.failure(.internalFailure()))
        }
        let document = self.document, expected = self.expectedRevision
        service.changeTable(target.table, completion: completion) { table, _ in
            if let label = target.streamLabel, table.stream?.label != label {
                throw DynamoError.policyNotFound(target.arn)
            }
            let current = target.streamLabel.map { table.streamPolicies?[$0] } ?? table.resourcePolicy
            if let current {
                if expected == "NO_POLICY" {
                    throw DynamoError.policyNotFound("Requested policy update expecting none to be present for table \(table.name), but a policy exists with revision id \(current.revisionId).")
                }
                if let expected, expected != current.revisionId {
                    throw DynamoError.policyNotFound("Requested update for policy with revision id \(expected), but the policy associated to target table \(table.name) has revision id \(current.revisionId).")
                }
                if current.document == document { return ["RevisionId": .string(current.revisionId)] }
            } else if let expected, expected != "NO_POLICY" {
                throw DynamoError.policyNotFound("Requested update for policy with revision id \(expected), but the policy associated to target table \(table.name) has revision id NO_POLICY.")
            }
            let record = ResourcePolicyRecord(document: document, revisionId: ResourcePolicyRules.nextRevision(now: env.now, after: current?.revisionId))
            if let label = target.streamLabel {
                table.streamPolicies = (table.streamPolicies ?? [:]).merging([label: record]) { $1 }
            } else {
                table.resourcePolicy = record
            }
            return ["RevisionId": .string(record.revisionId)]
        }
    }
}

/// GetResourcePolicy
struct GetResourcePolicy: DynamoOperation {
    static let name = "GetResourcePolicy"
    static let readOnly = true

    let arn: TableArn
    let arnText: String

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        arn = try TableNameParam.resourceArn(p)
        arnText = try p.string("ResourceArn") ?? ""
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:GetResourcePolicy", resource: arnText, resourceAccount: arn.account)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        Self.respond(completion) { () throws(DynamoError) -> ResponseBody in
            let target = try ResourcePolicyRules.target(arn, text: arnText)
            guard let table = service.catalog.get(target.table) else { throw .tableNotFound(target.table.name) }
            let record = target.streamLabel.map { table.streamPolicies?[$0] } ?? table.resourcePolicy
            guard let record else { throw .policyNotFound(target.arn) }
            return encode(["Policy": .string(record.document), "RevisionId": .string(record.revisionId)])
        }
    }
}

/// DeleteResourcePolicy
struct DeleteResourcePolicy: DynamoOperation {
    static let name = "DeleteResourcePolicy"
    static let readOnly = false

    let arn: TableArn
    let arnText: String
    let expectedRevision: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        arn = try TableNameParam.resourceArn(p)
        arnText = try p.string("ResourceArn") ?? ""
        expectedRevision = try p.string("ExpectedRevisionId")
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:DeleteResourcePolicy", resource: arnText, resourceAccount: arn.account)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let target: ResourcePolicyRules.Target
        do {
            target = try ResourcePolicyRules.target(arn, text: arnText)
        } catch {
            return completion(.failure(error))
        }
        guard service.catalog.get(target.table) != nil else { return completion(.failure(.tableNotFound(target.table.name))) }
        let expected = self.expectedRevision
        service.changeTable(target.table, completion: completion) { table, _ in
            let current = target.streamLabel.map { table.streamPolicies?[$0] } ?? table.resourcePolicy
            guard let current else { throw DynamoError.policyNotFound(target.arn) }
            if let expected, expected != current.revisionId {
                throw DynamoError.policyNotFound("Requested update for policy with revision id \(expected), but the policy associated to target table \(table.name) has revision id \(current.revisionId).")
            }
            if let label = target.streamLabel { table.streamPolicies?[label] = nil } else { table.resourcePolicy = nil }
            return ["RevisionId": .string(current.revisionId)]
        }
    }
}

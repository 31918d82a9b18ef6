import WardenSupport

/// A backup selection: the resources a plan protects (see `BackupSelectionMatch`).
struct BackupSelection: Codable, Sendable {
    var id: String
    var planId: String
    var account: String
    var region: String
    var name: String
    var iamRoleArn: String
    /// The `BackupSelection` document as GetBackupSelection returns it, as JSON text.
    var document: String
    var creationDate: Double
    var creatorRequestId: String?

    var documentJSON: JSONValue { (try? JSONParser.parse(Array(document.utf8))) ?? .object([]) }

    func covers(_ table: BackupTable) -> Bool {
        BackupSelectionMatch.covers(documentJSON, arn: table.arn, tags: table.tags)
    }

    /// A `BackupSelection` input validated as CreateBackupSelection does.
    static func validate(_ input: JSONValue) throws(BackupError) -> (name: String, role: String, json: JSONValue) {
        guard case .object(let members) = input else { throw .invalidParameter("Invalid value for BackupSelection: expected an object") }
        guard let name = input["SelectionName"]?.stringValue, !name.isEmpty else { throw .missingParameter("SelectionName is required") }
        guard BackupParams.isRuleName(name) else {
            throw .invalidParameter("Invalid selection name: \(BackupParams.clip(name)). It must match the pattern ^[a-zA-Z0-9\\-\\_\\.]{1,50}$")
        }
        guard let role = input["IamRoleArn"]?.stringValue, !role.isEmpty else { throw .missingParameter("IamRoleArn is required") }
        guard isRoleArn(role) else { throw .invalidParameter("Invalid ARN: \(BackupParams.clip(role))") }
        for key in ["Resources", "NotResources"] {
            guard let v = input[key], !v.isNull else { continue }
            guard let list = v.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw .invalidParameter("Invalid value for \(key): expected a list of ARNs")
            }
            for arn in list.compactMap(\.stringValue) where !(arn == "*" || arn.hasPrefix("arn:")) {
                throw .invalidParameter("Invalid ARN: \(BackupParams.clip(arn))")
            }
        }
        if let v = input["ListOfTags"], !v.isNull {
            guard let list = v.arrayValue else { throw .invalidParameter("Invalid value for ListOfTags: expected a list") }
            for c in list {
                guard c["ConditionType"]?.stringValue == "STRINGEQUALS" else {
                    throw .invalidParameter("Invalid value for ConditionType: \(BackupParams.clip(c["ConditionType"]?.stringValue ?? "null")). ListOfTags supports only STRINGEQUALS")
                }
                guard c["ConditionKey"]?.stringValue != nil, c["ConditionValue"]?.stringValue != nil else {
                    throw .missingParameter("ConditionKey and ConditionValue are required")
                }
            }
        }
        if let v = input["Conditions"], !v.isNull {
            guard let ops = v.objectValue else { throw .invalidParameter("Invalid value for Conditions: expected an object") }
            for (op, list) in ops {
                guard ["StringEquals", "StringNotEquals", "StringLike", "StringNotLike"].contains(op) else {
                    throw .invalidParameter("Invalid condition operator: \(BackupParams.clip(op))")
                }
                for c in list.arrayValue ?? [] where c["ConditionKey"]?.stringValue == nil || c["ConditionValue"]?.stringValue == nil {
                    throw .missingParameter("ConditionKey and ConditionValue are required")
                }
            }
        }
        return (name, role, .object(members))
    }

    /// `arn:aws:iam::ACCOUNT:role/…`.
    static func isRoleArn(_ s: String) -> Bool {
        let parts = s.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[4].count == 12 && parts[5].hasPrefix("role/") && parts[5].count > 5
    }

    var listMember: JSONValue {
        var m: [(String, JSONValue)] = [
            ("SelectionId", .string(id)), ("SelectionName", .string(name)), ("BackupPlanId", .string(planId)),
            ("CreationDate", .timestamp(creationDate)),
        ]
        if let c = creatorRequestId { m.append(("CreatorRequestId", .string(c))) }
        m.append(("IamRoleArn", .string(iamRoleArn)))
        return .object(m)
    }
}

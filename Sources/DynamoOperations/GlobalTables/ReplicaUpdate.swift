import DynamoModel

/// [global] One element of UpdateTable's `ReplicaUpdates` (global tables version 2019.11.21):
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ReplicationGroupUpdate.html
/// Texts are DynamoDB's as answered live (typographic quotes and "a the" included); the
/// legacy ReplicaAlreadyExists / ReplicaNotFound codes belong to UpdateGlobalTable only.
enum ReplicaUpdate: Sendable, Equatable {
    case create(region: String, kmsMasterKeyId: String?, tableClass: String?)
    case update(region: String, tableClass: String?)
    case delete(region: String)

    var region: String {
        switch self {
        case .create(let r, _, _), .update(let r, _), .delete(let r): return r
        }
    }

    var isCreateOrDelete: Bool {
        if case .update = self { return false }
        return true
    }

    /// Parses and checks the list's shape (the checks that need no table).
    static func parse(_ list: [JSONValue], constraints c: inout Constraints) throws(DynamoError) -> [ReplicaUpdate] {
        var out: [ReplicaUpdate] = []
        for (i, element) in list.enumerated() {
            let u = try Params.structure(element)
            let path = "replicaUpdates.\(i + 1).member"
            let actions = ["Create", "Update", "Delete"].filter { u.has($0) && u[$0]?.isNull == false }
            if actions.isEmpty { throw .validation(noActions) }
            if actions.count > 1 { throw .validation("Update table operation with more than one type of replica actions not allowed.") }
            let action = try Params.structure(u[actions[0]]!)
            let region = try action.string("RegionName")
            c.notNull(region, at: "\(path).\(actions[0].lowercased()).regionName")
            let tableClass = try action.string("TableClassOverride")
            c.oneOf(tableClass, at: "\(path).\(actions[0].lowercased()).tableClassOverride", ["STANDARD", "STANDARD_INFREQUENT_ACCESS"])
            switch actions[0] {
            case "Create":
                out.append(.create(region: region ?? "", kmsMasterKeyId: try action.string("KMSMasterKeyId"), tableClass: tableClass))
            case "Update":
                // Only the settings Warden keeps per replica count as actions here.
                if tableClass == nil && !action.has("KMSMasterKeyId") { throw .validation(noActions) }
                if action.has("KMSMasterKeyId") {
                    // Rotating a replica's key goes through SSESpecification in its region; DynamoDB
                    // refuses it here whatever the key, with this text.
                    throw .validation(keyPerReplica)
                }
                out.append(.update(region: region ?? "", tableClass: tableClass))
            default:
                out.append(.delete(region: region ?? ""))
            }
        }
        return out
    }

    /// The checks that follow the shape: one Create or Delete per call (identical Creates of one
    /// region count once), never the local region, only regions that support global tables.
    static func check(_ updates: [ReplicaUpdate], localRegion: String) throws(DynamoError) -> [ReplicaUpdate] {
        var unique: [ReplicaUpdate] = []
        for u in updates where !unique.contains(u) { unique.append(u) }
        if unique.filter(\.isCreateOrDelete).count > 1 {
            throw .validation("Update table operation with more than one create or delete replica actions not allowed")
        }
        for u in unique {
            if u.region == localRegion {
                throw .validation("Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable, or UpdateTable as required.")
            }
            if !GlobalTableRegions.supported.contains(u.region) {
                throw .validation("Region \(u.region) is not supported. The latest version of global tables are only supported in the following regions: [\(GlobalTableRegions.supported.joined(separator: ", "))].")
            }
        }
        return unique
    }

    static let noActions = "There are no actions specified in the Replica Update Action of the request."
    static let keyPerReplica = "One or more parameter values were invalid: KMSMasterKeyId must be specified for each replica."
}

/// [global] The regions DynamoDB names when it refuses a region for a replica, in the order
/// its message lists them (the first five as observed; the rest are the commercial regions).
enum GlobalTableRegions {
    static let supported = [
        "ap-south-2", "ap-south-1", "eu-south-1", "eu-south-2", "me-central-1", "il-central-1", "ca-central-1", "mx-central-1",
        "eu-central-1", "eu-central-2", "us-west-1", "us-west-2", "af-south-1", "eu-north-1", "eu-west-3", "eu-west-2",
        "eu-west-1", "ap-northeast-3", "ap-northeast-2", "me-south-1", "ap-northeast-1", "ca-west-1", "sa-east-1", "ap-east-1",
        "ap-east-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
        "us-east-1", "us-east-2",
    ]
}

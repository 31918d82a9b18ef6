import DynamoModel

/// PartiQL statements as written, before their parameters are bound: what `PartiQLParser`
/// makes and `PartiQLBinder` turns into the expression trees the other operations use.

/// A document path: a name, then `.name`, `."name"` or `[index]` steps.
struct PQPath: Sendable, Equatable {
    var elements: [DocumentPathElement]

    var documentPath: DocumentPath { DocumentPath(elements) }
}

/// A value as written.
indirect enum PQValue: Sendable {
    case path(PQPath)
    case string(String)
    /// The number's text as written (a leading `-` included), converted when bound.
    case number(String)
    case bool(Bool)
    case null
    /// `?`, numbered from 0 in the order written.
    case parameter(Int)
    case list([PQValue])
    /// `{'name': value, …}`, names in the order written.
    case map([(String, PQValue)])
    /// `<<value, …>>`: a string or number set.
    case bag([PQValue])
    /// `name(argument, …)` with the name lower-cased.
    case function(String, [PQValue])
    case plus(PQValue, PQValue)
    case minus(PQValue, PQValue)

    var pathValue: PQPath? {
        if case .path(let p) = self { return p }
        return nil
    }
}

/// A WHERE condition as written.
indirect enum PQCondition: Sendable {
    case compare(CompareOperator, PQValue, PQValue)
    case between(PQValue, PQValue, PQValue)
    case inList(PQValue, [PQValue])
    /// `value IS [NOT] <type>`, the type upper-cased (MISSING, NULL, BOOLEAN …).
    case isType(PQValue, String, negated: Bool)
    /// A function in a boolean position: begins_with, contains, attribute_type, …
    case function(String, [PQValue])
    case and(PQCondition, PQCondition)
    case or(PQCondition, PQCondition)
    case not(PQCondition)
}

/// What `RETURNING` asks for.
public enum PartiQLReturning: String, Sendable {
    case allOld = "ALL OLD"
    case modifiedOld = "MODIFIED OLD"
    case allNew = "ALL NEW"
    case modifiedNew = "MODIFIED NEW"

    /// The ReturnValues of UpdateItem/DeleteItem that returns the same attributes.
    public var returnValues: String {
        switch self {
        case .allOld: return "ALL_OLD"
        case .modifiedOld: return "UPDATED_OLD"
        case .allNew: return "ALL_NEW"
        case .modifiedNew: return "UPDATED_NEW"
        }
    }
}

enum PQUpdateAction: Sendable {
    case set(PQPath, PQValue)
    case remove(PQPath)
}

struct PQSelect: Sendable {
    /// nil for `*`.
    var projection: [PQPath]?
    var table: String
    var index: String?
    var condition: PQCondition?
    var orderBy: [(PQPath, descending: Bool)]
}

enum PQStatement: Sendable {
    case select(PQSelect)
    case insert(table: String, item: PQValue)
    case update(table: String, index: String?, actions: [PQUpdateAction], condition: PQCondition?, returning: PartiQLReturning?)
    case delete(table: String, index: String?, condition: PQCondition?, returning: PartiQLReturning?)
    /// `EXISTS(SELECT …)`: a condition check inside ExecuteTransaction.
    case exists(PQSelect)
}

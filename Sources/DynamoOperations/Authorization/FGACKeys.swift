import DynamoExpressions
import DynamoModel

/// DynamoDB's fine-grained access control condition keys of one authorization check, derived
/// from the parsed request. Every item-level operation (and, through `ItemAccess`, every future
/// one such as PartiQL statements) builds its keys here and nowhere else, so that a request
/// member that names a key, an attribute or a return shape cannot be left out: which member
/// feeds which key is listed member by member in `Conformance/fgac_members.json`, which a
/// conformance test holds against botocore's own service model.
///
/// The keys, as "Using IAM policy conditions for fine-grained access control" defines them
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html):
/// - `dynamodb:LeadingKeys` "represents the first key attribute of a table — in other words, the
///   partition key": the partition key value of every item the request addresses. A Query
///   names one partition of the table or index it reads; on a global secondary index that is
///   the index's own partition key value (the first key attribute of what is read), on a local
///   secondary index the table's. A Scan names none (the documented reason own-items policies
///   leave Scan out).
/// - `dynamodb:Attributes` "represents a list of the attribute names in a request, or the
///   attributes that are returned from a request": every top-level attribute the request can
///   read, test, write or return — key attributes, items, projections, key conditions, filters,
///   conditions, update expressions and their legacy forms. The same page: attributes "can be
///   read, written, or evaluated in a conditional write or scan filter", and a policy "must
///   specify the names of all of the primary key and index key attributes". Absent when the
///   request names no attribute at all (a Scan with neither filter nor projection); what such a
///   request returns is governed by `dynamodb:Select`.
/// - `dynamodb:Select`, `dynamodb:ReturnValues`, `dynamodb:ReturnConsumedCapacity` represent the
///   request parameters of those names; `dynamodb:EnclosingOperation` the transaction a Get,
///   Put, Update, Delete or ConditionCheck belongs to.
public struct FGACKeys: Sendable, Equatable {
    public var leadingKeys: [String] = []
    /// Names in the order met, with repeats: sorted and de-duplicated once, in `context`
    /// (cheaper than hashing each name for the few names most requests carry).
    public var attributes: [AttributeName] = []
    public var select: String?
    public var returnValues: String?
    public var returnConsumedCapacity: String?
    public var enclosingOperation: String?
    public var fullTableScan: Bool?

    public init() {}

    /// A partition key value, in the string form IAM compares (S as is, N as its canonical
    /// text, B as base64). Values of other types never address an item.
    public mutating func addLeadingKey(_ value: AttributeValue?) {
        if let text = FGACKeys.conditionValue(value), !leadingKeys.contains(where: { $0.utf8.elementsEqual(text.utf8) }) {
            leadingKeys.append(text)
        }
    }

    /// The table's partition key value of `item` (a key or a whole item).
    public mutating func addLeadingKey(of item: Item, table: TableDefinition?) {
        guard let table else { return }
        addLeadingKey(item[table.keySchema.partitionKey])
    }

    public mutating func addAttributes<S: Sequence>(_ names: S) where S.Element == AttributeName {
        attributes.append(contentsOf: names)
    }

    /// The attribute names of a key or an item.
    public mutating func addAttributes(of item: Item) { addAttributes(item.keys) }

    public mutating func add(_ condition: Condition?) {
        if let condition { addAttributes(condition.topLevelAttributes) }
    }

    public mutating func add(_ projection: Projection?) {
        if let projection { addAttributes(projection.topLevelAttributes) }
    }

    public mutating func add(_ update: Update?) {
        if let update { addAttributes(update.topLevelAttributes) }
    }

    /// `dynamodb:ReturnValues` of a write. AWS's documentation names no condition key for
    /// `ReturnValuesOnConditionCheckFailure`, whose ALL_OLD returns the whole item as it was
    /// (in ConditionalCheckFailedException or CancellationReasons[].Item) exactly as
    /// `ReturnValues: ALL_OLD` would on success. Warden lets it count as ALL_OLD here, so that
    /// the policies AWS documents for attribute-restricted writers
    /// (`StringEqualsIfExists dynamodb:ReturnValues [NONE, UPDATED_OLD, UPDATED_NEW]`) refuse
    /// it rather than hand out the attributes they hide. See README, known differences.
    public mutating func setReturnValues(_ returnValues: String?, onConditionCheckFailure: String?) {
        if onConditionCheckFailure == "ALL_OLD" && returnValues != "ALL_NEW" {
            self.returnValues = "ALL_OLD"
        } else {
            self.returnValues = returnValues
        }
    }

    /// The condition keys as the policy engine takes them.
    public var context: [String: [String]] {
        var keys: [String: [String]] = [:]
        if !leadingKeys.isEmpty { keys["dynamodb:LeadingKeys"] = leadingKeys }
        if !attributes.isEmpty { keys["dynamodb:Attributes"] = FGACKeys.distinctSorted(attributes) }
        if let select { keys["dynamodb:Select"] = [select] }
        if let returnValues { keys["dynamodb:ReturnValues"] = [returnValues] }
        if let returnConsumedCapacity { keys["dynamodb:ReturnConsumedCapacity"] = [returnConsumedCapacity] }
        if let enclosingOperation { keys["dynamodb:EnclosingOperation"] = [enclosingOperation] }
        if let fullTableScan { keys["dynamodb:FullTableScan"] = [fullTableScan ? "true" : "false"] }
        return keys
    }

    static func distinctSorted(_ names: [AttributeName]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(names.count)
        var last: AttributeName?
        for name in names.sorted() where name != last {
            out.append(name.string)
            last = name
        }
        return out
    }

    /// The string form of a key value as IAM sees it (`dynamodb:LeadingKeys`).
    public static func conditionValue(_ value: AttributeValue?) -> String? {
        switch value {
        case .s(let s)?: return s
        case .n(let n)?: return n.description
        case .b(let b)?: return Base64.encode(b)
        default: return nil
        }
    }
}

extension AuthorizationCheck {
    /// A check on a table, index or stream with the request's fine-grained keys.
    init(action: String, resource: String, resourceAccount: String, policyResource: String? = nil, fgac: FGACKeys) {
        self.init(action: action, resource: resource, resourceAccount: resourceAccount, policyResource: policyResource, keys: fgac.context)
    }
}

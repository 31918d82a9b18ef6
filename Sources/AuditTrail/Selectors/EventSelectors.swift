import DynamoModel

/// Basic event selectors (`EventSelectors`): read/write type, management events on or off,
/// and data resources by type and ARN (or ARN prefix).
public struct EventSelector: Sendable, Equatable {
    public enum ReadWriteType: String, Sendable {
        case readOnly = "ReadOnly"
        case writeOnly = "WriteOnly"
        case all = "All"

        func admits(readOnly: Bool) -> Bool {
            switch self {
            case .all: return true
            case .readOnly: return readOnly
            case .writeOnly: return !readOnly
            }
        }
    }

    public struct DataResource: Sendable, Equatable {
        public var type: String
        public var values: [String]

        public init(type: String, values: [String]) {
            self.type = type
            self.values = values
        }

        /// A value selects a resource by its exact ARN, or by prefix when the value is not a
        /// whole table ARN (`arn:aws:dynamodb` selects every table, `…:table/` every table of
        /// an account and region).
        func selects(_ resource: AuditEvent.Resource) -> Bool {
            guard resource.type == type else { return false }
            return values.contains { value in
                if resource.arn == value { return true }
                return !Self.isWholeArn(value) && resource.arn.hasPrefix(value)
            }
        }

        static func isWholeArn(_ value: String) -> Bool {
            guard let range = value.utf8Range(of: ":table/") else { return false }
            return !value[range.upperBound...].isEmpty
        }
    }

    public var readWriteType: ReadWriteType
    public var includeManagementEvents: Bool
    public var dataResources: [DataResource]
    public var excludeManagementEventSources: [String]

    public init(readWriteType: ReadWriteType = .all, includeManagementEvents: Bool = true, dataResources: [DataResource] = [],
                excludeManagementEventSources: [String] = []) {
        self.readWriteType = readWriteType
        self.includeManagementEvents = includeManagementEvents
        self.dataResources = dataResources
        self.excludeManagementEventSources = excludeManagementEventSources
    }

    func matches(_ e: AuditEvent) -> Bool {
        guard readWriteType.admits(readOnly: e.readOnly) else { return false }
        if e.isManagement {
            return includeManagementEvents && !excludeManagementEventSources.contains(e.eventSource)
        }
        return dataResources.contains { data in e.resources.contains { data.selects($0) } }
    }

    var json: JSONValue {
        [
            "ReadWriteType": .string(readWriteType.rawValue),
            "IncludeManagementEvents": .bool(includeManagementEvents),
            "DataResources": .array(dataResources.map { ["Type": .string($0.type), "Values": .array($0.values.map(JSONValue.string))] }),
            "ExcludeManagementEventSources": .array(excludeManagementEventSources.map(JSONValue.string)),
        ]
    }
}

/// Advanced event selectors: each a conjunction of field conditions; a trail logs an event
/// when any selector matches it.
public struct AdvancedEventSelector: Sendable, Equatable {
    public struct FieldSelector: Sendable, Equatable {
        public var field: String
        public var equals: [String]?
        public var startsWith: [String]?
        public var endsWith: [String]?
        public var notEquals: [String]?
        public var notStartsWith: [String]?
        public var notEndsWith: [String]?

        public init(field: String, equals: [String]? = nil, startsWith: [String]? = nil, endsWith: [String]? = nil,
                    notEquals: [String]? = nil, notStartsWith: [String]? = nil, notEndsWith: [String]? = nil) {
            self.field = field
            self.equals = equals
            self.startsWith = startsWith
            self.endsWith = endsWith
            self.notEquals = notEquals
            self.notStartsWith = notStartsWith
            self.notEndsWith = notEndsWith
        }

        /// Operators are combined with AND; the values of one positive operator with OR; a
        /// negative operator holds when no value matches.
        func admits(_ value: String) -> Bool {
            if let equals, !equals.contains(value) { return false }
            if let startsWith, !startsWith.contains(where: { value.hasPrefix($0) }) { return false }
            if let endsWith, !endsWith.contains(where: { value.hasSuffix($0) }) { return false }
            if let notEquals, notEquals.contains(value) { return false }
            if let notStartsWith, notStartsWith.contains(where: { value.hasPrefix($0) }) { return false }
            if let notEndsWith, notEndsWith.contains(where: { value.hasSuffix($0) }) { return false }
            return true
        }

        func matches(_ e: AuditEvent) -> Bool {
            switch field {
            case "resources.type": return e.resources.contains { admits($0.type) }
            case "resources.ARN": return e.resources.contains { admits($0.arn) }
            default: return AdvancedEventSelector.value(of: field, in: e).map(admits) ?? false
            }
        }

        var json: JSONValue {
            var m: [(String, JSONValue)] = [("Field", .string(field))]
            let ops: [(String, [String]?)] = [("Equals", equals), ("StartsWith", startsWith), ("EndsWith", endsWith),
                                               ("NotEquals", notEquals), ("NotStartsWith", notStartsWith), ("NotEndsWith", notEndsWith)]
            for (name, values) in ops { if let values { m.append((name, .array(values.map(JSONValue.string)))) } }
            return .object(m)
        }
    }

    public var name: String?
    public var fieldSelectors: [FieldSelector]

    public init(name: String? = nil, fieldSelectors: [FieldSelector]) {
        self.name = name
        self.fieldSelectors = fieldSelectors
    }

    static let fields: Set<String> = ["eventCategory", "eventSource", "eventName", "eventType", "readOnly", "resources.type",
                                      "resources.ARN", "userIdentity.arn", "sessionCredentialFromConsole", "errorCode"]

    static func value(of field: String, in e: AuditEvent) -> String? {
        switch field {
        case "eventCategory": return e.category.rawValue
        case "eventSource": return e.eventSource
        case "eventName": return e.eventName
        case "eventType": return e.eventType
        case "readOnly": return e.readOnly ? "true" : "false"
        case "userIdentity.arn": return e.userIdentity.arn
        case "sessionCredentialFromConsole": return "false"
        case "errorCode": return e.recordedErrorCode
        default: return nil
        }
    }

    func matches(_ e: AuditEvent) -> Bool { fieldSelectors.allSatisfy { $0.matches(e) } }

    var json: JSONValue {
        var m: [(String, JSONValue)] = []
        if let name { m.append(("Name", .string(name))) }
        m.append(("FieldSelectors", .array(fieldSelectors.map(\.json))))
        return .object(m)
    }
}

/// A trail's selectors: basic or advanced, never both (PutEventSelectors replaces one with
/// the other).
public enum EventSelection: Sendable, Equatable {
    case basic([EventSelector])
    case advanced([AdvancedEventSelector])

    /// A new trail's: all management events, no data events.
    public static let `default` = EventSelection.basic([EventSelector()])

    public func matches(_ e: AuditEvent) -> Bool {
        switch self {
        case .basic(let selectors): return selectors.contains { $0.matches(e) }
        case .advanced(let selectors): return selectors.contains { $0.matches(e) }
        }
    }

    /// Whether any data event could be selected (lets the server skip work when none can).
    public var selectsDataEvents: Bool {
        switch self {
        case .basic(let selectors): return selectors.contains { !$0.dataResources.isEmpty }
        case .advanced(let selectors):
            return selectors.contains { s in
                !s.fieldSelectors.contains { $0.field == "eventCategory" && !$0.admits("Data") }
            }
        }
    }

    public var isCustom: Bool { self != .default }

    /// `EventSelectors` and `AdvancedEventSelectors` members as GetEventSelectors returns them.
    public var responseMembers: [(String, JSONValue)] {
        switch self {
        case .basic(let selectors): return [("EventSelectors", .array(selectors.map(\.json)))]
        case .advanced(let selectors): return [("AdvancedEventSelectors", .array(selectors.map(\.json)))]
        }
    }
}

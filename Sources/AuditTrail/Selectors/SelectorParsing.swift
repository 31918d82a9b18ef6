import DynamoModel

/// PutEventSelectors' input, checked as CloudTrail checks it.
extension EventSelection {
    static let dataResourceTypes: Set<String> = [
        "AWS::DynamoDB::Table", "AWS::S3::Object", "AWS::Lambda::Function",
    ]
    static let categories: Set<String> = ["Management", "Data", "NetworkActivity", "Insight"]

    public static func parse(eventSelectors: JSONValue?, advancedEventSelectors: JSONValue?) throws(CloudTrailError) -> EventSelection {
        switch (eventSelectors, advancedEventSelectors) {
        case (.some, .some):
            throw .invalidParameterCombination("You cannot apply both event selectors and advanced event selectors to a trail.")
        case (nil, nil):
            throw .invalidParameterCombination("You must specify either event selectors or advanced event selectors.")
        case (.some(let basic), nil):
            return .basic(try parseBasic(basic))
        case (nil, .some(let advanced)):
            return .advanced(try parseAdvanced(advanced))
        }
    }

    static func parseBasic(_ value: JSONValue) throws(CloudTrailError) -> [EventSelector] {
        guard let list = value.arrayValue else { throw .invalidSelectors("EventSelectors must be a list.") }
        guard list.count <= 5 else {
            throw .invalidSelectors("Too many event selectors: a trail can have up to 5 event selectors; \(list.count) were specified.")
        }
        var out: [EventSelector] = []
        for entry in list {
            var selector = EventSelector()
            if let rw = entry["ReadWriteType"] {
                guard let text = rw.stringValue, let parsed = EventSelector.ReadWriteType(rawValue: text) else {
                    throw .invalidSelectors("Value \(rw.stringValue ?? "") for ReadWriteType is invalid. Valid values are ReadOnly, WriteOnly, All.")
                }
                selector.readWriteType = parsed
            }
            if let include = entry["IncludeManagementEvents"] { selector.includeManagementEvents = include.boolValue ?? true }
            for resource in entry["DataResources"]?.arrayValue ?? [] {
                guard let type = resource["Type"]?.stringValue, dataResourceTypes.contains(type) else {
                    throw .invalidSelectors("Value \(resource["Type"]?.stringValue ?? "null") for DataResources.Type is invalid.")
                }
                let values = (resource["Values"]?.arrayValue ?? []).compactMap(\.stringValue)
                for v in values where type == "AWS::DynamoDB::Table" && !v.hasPrefix("arn:") {
                    throw .invalidSelectors("Value \(v) for DataResources.Values is invalid.")
                }
                selector.dataResources.append(.init(type: type, values: values))
            }
            selector.excludeManagementEventSources = (entry["ExcludeManagementEventSources"]?.arrayValue ?? []).compactMap(\.stringValue)
            out.append(selector)
        }
        return out
    }

    static func parseAdvanced(_ value: JSONValue) throws(CloudTrailError) -> [AdvancedEventSelector] {
        guard let list = value.arrayValue, !list.isEmpty else {
            throw .invalidSelectors("AdvancedEventSelectors must contain at least one selector.")
        }
        var out: [AdvancedEventSelector] = []
        for entry in list {
            var fields: [AdvancedEventSelector.FieldSelector] = []
            for f in entry["FieldSelectors"]?.arrayValue ?? [] {
                guard let name = f["Field"]?.stringValue, AdvancedEventSelector.fields.contains(name) else {
                    throw .invalidSelectors("Invalid field name: \(f["Field"]?.stringValue ?? "null").")
                }
                func strings(_ key: String) throws(CloudTrailError) -> [String]? {
                    guard let v = f[key] else { return nil }
                    guard let items = v.arrayValue, !items.isEmpty else {
                        throw .invalidSelectors("The \(key) operator of field \(name) must have at least one value.")
                    }
                    return items.compactMap(\.stringValue)
                }
                let selector = AdvancedEventSelector.FieldSelector(
                    field: name, equals: try strings("Equals"), startsWith: try strings("StartsWith"), endsWith: try strings("EndsWith"),
                    notEquals: try strings("NotEquals"), notStartsWith: try strings("NotStartsWith"), notEndsWith: try strings("NotEndsWith"))
                if selector == AdvancedEventSelector.FieldSelector(field: name) {
                    throw .invalidSelectors("Field \(name) must have at least one operator.")
                }
                fields.append(selector)
            }
            guard let category = fields.first(where: { $0.field == "eventCategory" }) else {
                throw .invalidSelectors("Each advanced event selector must have a field selector for eventCategory.")
            }
            guard let values = category.equals, values.allSatisfy(categories.contains) else {
                throw .invalidSelectors("The eventCategory field must use the Equals operator with Management, Data, NetworkActivity or Insight.")
            }
            if values.contains("Data") {
                guard let type = fields.first(where: { $0.field == "resources.type" }), let types = type.equals, types.count == 1 else {
                    throw .invalidSelectors("A data event selector must have a resources.type field selector with one Equals value.")
                }
                _ = types
            }
            out.append(AdvancedEventSelector(name: entry["Name"]?.stringValue, fieldSelectors: fields))
        }
        return out
    }
}

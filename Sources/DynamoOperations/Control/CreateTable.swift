import DynamoModel
import DynamoStorage
import FoundationEssentials
import WardenSupport

/// CreateTable — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
/// Validation order follows dynalite/Dynoxide (both checked against AWS): constraint
/// failures first (collected), then billing/throughput consistency, key schema, indexes,
/// attribute-definition count, stream specification, and finally existence.
struct CreateTable: DynamoOperation {
    static let name = "CreateTable"
    static let readOnly = false

    let tableName: String
    let keyElements: [SchemaParsing.RawKeyElement]
    let definitions: [AttributeDefinition]
    let lsis: [IndexParsing.Raw]?
    let gsis: [IndexParsing.Raw]?
    let billing: BillingMode
    let throughput: (Int64?, Int64?)?
    let onDemand: OnDemandThroughput?
    var sse: SSESettings??
    /// SSESpecification.KMSMasterKeyId as given (an id, ARN or alias).
    let sseKeyId: String?
    let stream: (enabled: Bool, viewType: String?)?
    let tags: [Tag]
    let deletionProtection: Bool
    let tableClass: String?

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        guard let name = try p.string("TableName") else {
            throw .validation("The parameter 'TableName' is required but was not present in the request")
        }
        var c = Constraints()
        c.tableName(name)
        let billingText = try p.string("BillingMode")
        c.oneOf(billingText, at: "billingMode", ["PROVISIONED", "PAY_PER_REQUEST"])
        let throughput = try SchemaParsing.throughput(p["ProvisionedThroughput"], path: "provisionedThroughput", constraints: &c)
        let keys = try SchemaParsing.keyElements(p["KeySchema"], path: "keySchema", constraints: &c)
        let defs = try SchemaParsing.attributeDefinitions(p["AttributeDefinitions"], path: "attributeDefinitions", constraints: &c)
        let lsis = try IndexParsing.parseList(p["LocalSecondaryIndexes"], path: "localSecondaryIndexes", global: false, constraints: &c)
        let gsis = try IndexParsing.parseList(p["GlobalSecondaryIndexes"], path: "globalSecondaryIndexes", global: true, constraints: &c)
        let tableClass = try p.string("TableClass")
        c.oneOf(tableClass, at: "tableClass", ["STANDARD", "STANDARD_INFREQUENT_ACCESS"])
        let sse = try SchemaParsing.sse(p["SSESpecification"], account: env.accountId, region: env.region, constraints: &c)
        let stream = try SchemaParsing.streamSpecification(p["StreamSpecification"], constraints: &c)
        let tags = try SchemaParsing.tags(p["Tags"], path: "tags", constraints: &c)
        try c.check()

        let billing = BillingMode(rawValue: billingText ?? "PROVISIONED") ?? .provisioned
        if billing == .payPerRequest && throughput != nil {
            throw .validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
        }
        if let throughput { try SchemaParsing.checkThroughputBounds(throughput) }
        if billing == .provisioned && throughput == nil {
            throw .validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
        }
        let onDemand = try SchemaParsing.onDemand(p["OnDemandThroughput"])
        if let onDemand, billing == .provisioned {
            let member = onDemand.maxRead != nil ? "MaxReadRequestUnits" : "MaxWriteRequestUnits"
            throw .validation("One or more parameter values were invalid: \(member) for OnDemandThroughput cannot be specified when table BillingMode is PROVISIONED.")
        }
        var definitions: [AttributeDefinition] = []
        for (n, t) in defs ?? [] {
            guard let n, let t, let type = ScalarType(rawValue: t) else { continue }
            definitions.append(AttributeDefinition(name: n, type: type))
        }
        // Key schema structure is checked here; indexes once storage ids can be allocated.
        _ = try SchemaParsing.keySchema(keys ?? [], definitions: definitions)
        if let stream, !stream.enabled, stream.viewType != nil {
            throw .validation("One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified")
        }
        if let stream, stream.enabled, stream.viewType == nil {
            throw .validation("One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true")
        }
        if let tags, tags.count > 50 {
            throw .validation("One or more parameter values were invalid: Too many tags")
        }

        self.tableName = name
        self.keyElements = keys ?? []
        self.definitions = definitions
        self.lsis = lsis
        self.gsis = gsis
        self.billing = billing
        self.throughput = throughput
        self.onDemand = onDemand
        self.sse = sse
        self.sseKeyId = p["SSESpecification"]?["KMSMasterKeyId"]?.stringValue
        self.stream = stream
        self.tags = tags ?? []
        self.deletionProtection = try p.bool("DeletionProtectionEnabled") ?? false
        self.tableClass = tableClass
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        let arn = service.tableArn(tableName, env: env)
        var keys: [String: [String]] = [:]
        if !tags.isEmpty {
            keys["aws:TagKeys"] = tags.map(\.key)
            for tag in tags { keys["aws:RequestTag/\(tag.key)"] = [tag.value] }
        }
        return AuthorizationRequest([AuthorizationCheck(action: "dynamodb:CreateTable", resource: arn, resourceAccount: env.accountId, keys: keys)]
            + TableEncryption.checks(sse, keyId: sseKeyId, service: service, env: env))
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        let key = TableKey(account: env.accountId, region: env.region, name: tableName)
        var request = self
        do {
            request.sse = try TableEncryption.resolve(sse, keyId: sseKeyId, service: service, env: env)  // [kms]
        } catch {
            return completion(.failure(error))
        }
        service.store.write(exclusive: true, { writer throws -> TableDefinition in
            if try service.catalog.get(key) != nil || service.lifecycle.deleting(key, now: env.now) != nil || writer.reader.tables().contains(where: { $0.account == key.account && $0.region == key.region && $0.name == key.name }) {
                throw DynamoError.resourceInUse("Table already exists: \(request.tableName)")
            }
            if service.catalog.count(account: env.accountId, region: env.region) >= 2500 {
                throw DynamoError.limitExceeded("Subscriber limit exceeded: Table count exceeds the per-account limit of 2500")
            }
            return try request.build(writer: writer, env: env)
        }, completion: { result in
            switch result {
            case .success(let definition):
                service.catalog.put(definition)
                if let arn = definition.sse?.kmsMasterKeyArn { service.tableKeys.service?.adopt(arn, table: definition, env: env) }  // [kms]
                service.lifecycle.began("CREATING", table: key, now: env.now)
                let description = TableDescription.render(definition, counters: .init(itemCount: 0, sizeBytes: 0),
                                                          status: "CREATING", indexStatus: "CREATING")
                completion(.success(encode(["TableDescription": description])))
            case .failure(let error):
                completion(.failure(error as? DynamoError ?? .internalFailure()))
            }
        })
    }

    func build(writer: StorageWriter, env: RequestEnvironment) throws -> TableDefinition {
        let keySchema = try SchemaParsing.keySchema(keyElements, definitions: definitions)
        let storageId = try writer.allocateStorageId()
        let indexes = try IndexParsing.build(lsis: lsis, gsis: gsis, tableKey: keySchema, definitions: definitions, billing: billing,
                                             allocate: { try writer.allocateStorageId() }, now: env.now)
        // Every attribute definition must be used by a key of the table or an index.
        var used = Set(keySchema.attributeNames)
        for index in indexes.local + indexes.global { used.formUnion(index.keySchema.attributeNames) }
        if used.count != definitions.count || !definitions.allSatisfy({ used.contains($0.name) }) {
            throw DynamoError.validation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
        }
        let provisioned = throughput.map { ProvisionedThroughput(read: $0.0 ?? 1, write: $0.1 ?? 1) } ?? .zero
        var definition = TableDefinition(account: env.accountId, region: env.region, name: tableName, tableId: UUID().uuidString.lowercased(),
                                         storageId: storageId, keySchema: keySchema, attributeDefinitions: definitions,
                                         globalIndexes: indexes.global, localIndexes: indexes.local,
                                         billingMode: billing, provisioned: provisioned, createdAt: env.now)
        if billing == .payPerRequest { definition.lastUpdateToPayPerRequest = env.now }
        definition.onDemand = onDemand
        definition.sse = sse ?? nil
        definition.deletionProtection = deletionProtection
        definition.tableClass = tableClass
        definition.tags = tags
        if let stream, stream.enabled, let viewType = stream.viewType {
            definition.stream = StreamSettings(enabled: true, viewType: viewType, label: StreamLabel.make(env.now),
                                               startSeq: try writer.reader.latestHistorySeq())
        }
        try writer.insertTable(TableRecord(storageId: storageId, account: env.accountId, region: env.region, name: tableName,
                                           definition: try DynamoService.encodeDefinition(definition), itemCount: 0, sizeBytes: 0))
        try StreamLifecycle.opened(definition, writer: writer, now: env.now)  // [pitr] register the stream
        return definition
    }
}

/// Stream labels are the stream's creation time, ISO-8601 with milliseconds, as AWS uses.
enum StreamLabel {
    static func make(_ now: Double) -> String {
        let s = ISO8601.string(fromEpoch: now, fractional: true)
        return String(s.dropLast())  // AWS's label has no trailing "Z"
    }
}

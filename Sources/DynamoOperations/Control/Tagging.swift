import DynamoModel
import WardenSupport

/// Shared rules of TagResource / UntagResource / ListTagsOfResource.
enum Tagging {
    static let maxTags = 50

    static func notFound(_ arn: String) -> DynamoError {
        .resourceNotFound("Requested resource not found: ResourcArn: \(arn) not found")
    }

    static func key(_ arn: TableArn) -> TableKey {
        TableKey(account: arn.account, region: arn.region, name: arn.name)
    }

    static func check(_ arn: TableArn, text: String) throws(DynamoError) {
        if let suffix = arn.suffix, !suffix.hasPrefix("stream/") {
            throw .validation("One or more parameter values were invalid: Invalid resource arn provided, only table or stream is accepted. Provided resource arn: \(text)")
        }
    }

    static func validate(_ tag: Tag) throws(DynamoError) {
        if tag.key.lowercased().hasPrefix("aws:") {
            throw .validation("Tag Key cannot be prefixed with aws:, Key: \(tag.key)")
        }
    }
}

/// TagResource — https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html
struct TagResource: DynamoOperation {
    static let name = "TagResource"
    static let readOnly = false
    let arn: TableArn
    let arnText: String
    let tags: [Tag]

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        arn = try TableNameParam.resourceArn(p)
        arnText = try p.string("ResourceArn") ?? ""
        var c = Constraints()
        let tags = try SchemaParsing.tags(p["Tags"], path: "tags", constraints: &c)
        c.notNull(tags, at: "tags")
        try c.check()
        guard let tags, !tags.isEmpty else { throw .validation("Atleast one Tag needs to be provided as Input.") }
        try Tagging.check(arn, text: arnText)
        for tag in tags { try Tagging.validate(tag) }
        var seen = Set<String>()
        for tag in tags where !seen.insert(tag.key).inserted {
            throw .validation("Duplicate Tag Keys provided as input: Duplicate Tag Key found \(tag.key)")
        }
        self.tags = tags
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        var keys: [String: [String]] = ["aws:TagKeys": tags.map(\.key)]
        for tag in tags { keys["aws:RequestTag/\(tag.key)"] = [tag.value] }
        return AuthorizationRequest([AuthorizationCheck(action: "dynamodb:TagResource", resource: arnText, resourceAccount: arn.account, keys: keys)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        guard service.catalog.get(Tagging.key(arn)) != nil else { return completion(.failure(Tagging.notFound(arnText))) }
        let tags = self.tags
        service.changeTable(Tagging.key(arn), completion: completion) { table, _ in
            var merged = table.tags
            for tag in tags {
                if let i = merged.firstIndex(where: { $0.key == tag.key }) { merged[i] = tag } else { merged.append(tag) }
            }
            if merged.count > Tagging.maxTags {
                throw DynamoError.validation("Number of Tags exceed the current limit for the provided ResourceArn")
            }
            table.tags = merged
            return .object([])
        }
    }
}

/// UntagResource
struct UntagResource: DynamoOperation {
    static let name = "UntagResource"
    static let readOnly = false
    let arn: TableArn
    let arnText: String
    let keys: [String]

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        arn = try TableNameParam.resourceArn(p)
        arnText = try p.string("ResourceArn") ?? ""
        var c = Constraints()
        let keys = try p.list("TagKeys").map { (l) throws(DynamoError) -> [String] in try l.map { (v) throws(DynamoError) -> String in try Params.string(v) } }
        c.notNull(keys, at: "tagKeys")
        try c.check()
        guard let keys, !keys.isEmpty else { throw .validation("Atleast one Tag Key needs to be provided as Input.") }
        try Tagging.check(arn, text: arnText)
        self.keys = keys
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:UntagResource", resource: arnText, resourceAccount: arn.account, keys: ["aws:TagKeys": keys])])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        guard service.catalog.get(Tagging.key(arn)) != nil else { return completion(.failure(Tagging.notFound(arnText))) }
        let keys = Set(self.keys)
        service.changeTable(Tagging.key(arn), completion: completion) { table, _ in
            table.tags.removeAll { keys.contains($0.key) }
            return .object([])
        }
    }
}

/// ListTagsOfResource
struct ListTagsOfResource: DynamoOperation {
    static let name = "ListTagsOfResource"
    static let readOnly = true
    let arn: TableArn
    let arnText: String

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {
        _ = try p.string("NextToken")  // a string or nothing: the deserializer checks types first
        arn = try TableNameParam.resourceArn(p)
        arnText = try p.string("ResourceArn") ?? ""
        try Tagging.check(arn, text: arnText)
    }

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:ListTagsOfResource", resource: arnText, resourceAccount: arn.account)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        guard let table = service.catalog.get(Tagging.key(arn)) else { return completion(.failure(Tagging.notFound(arnText))) }
        let tags: [JSONValue] = table.tags.map { ["Key": .string($0.key), "Value": .string($0.value)] }
        completion(.success(encode(["Tags": .array(tags)])))
    }
}

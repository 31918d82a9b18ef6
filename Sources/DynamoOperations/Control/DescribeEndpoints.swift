import DynamoModel

/// DescribeEndpoints — the regional endpoint and its cache period, as AWS answers.
struct DescribeEndpoints: DynamoOperation {
    static let name = "DescribeEndpoints"
    static let readOnly = true

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {}

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        completion(.success(encode(["Endpoints": [["Address": .string("dynamodb.\(env.region).amazonaws.com"), "CachePeriodInMinutes": 1440]]])))
    }
}

/// DescribeLimits — AWS's default account and table quotas.
struct DescribeLimits: DynamoOperation {
    static let name = "DescribeLimits"
    static let readOnly = true

    init(params p: Params, env: RequestEnvironment) throws(DynamoError) {}

    func authorization(service: DynamoService, env: RequestEnvironment) -> AuthorizationRequest {
        AuthorizationRequest([AuthorizationCheck(action: "dynamodb:DescribeLimits", resource: "*", resourceAccount: env.accountId)])
    }

    func execute(service: DynamoService, env: RequestEnvironment, completion: @escaping Completion) {
        completion(.success(encode([
            "AccountMaxReadCapacityUnits": 80000, "AccountMaxWriteCapacityUnits": 80000,
            "TableMaxReadCapacityUnits": 40000, "TableMaxWriteCapacityUnits": 40000,
        ])))
    }
}

/// STS's operations on Warden's port, by action name.
enum STSOperations {
    static let all: [any QueryOperation.Type] = [
        GetCallerIdentity.self, GetAccessKeyInfo.self, GetSessionToken.self, AssumeRole.self, AssumeRoleWithWebIdentity.self,
    ]

    static let table: [String: any QueryOperation.Type] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}

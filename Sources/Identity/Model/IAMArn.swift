/// An IAM ARN of the form `arn:aws:iam::ACCOUNT:TYPE/PATH/NAME` split into its parts.
public struct IAMArn: Sendable, Hashable {
    public var partition: String
    public var account: String
    /// "user", "role", "group", "policy"...
    public var resourceType: String
    /// "/" or "/division/team/".
    public var path: String
    public var name: String

    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[3].isEmpty else { return nil }
        partition = String(parts[1])
        account = String(parts[4])
        let resource = parts[5]
        guard let firstSlash = resource.firstIndex(of: "/"), let lastSlash = resource.lastIndex(of: "/") else { return nil }
        resourceType = String(resource[..<firstSlash])
        path = String(resource[firstSlash...lastSlash])
        name = String(resource[resource.index(after: lastSlash)...])
        guard !name.isEmpty, !resourceType.isEmpty else { return nil }
    }
}

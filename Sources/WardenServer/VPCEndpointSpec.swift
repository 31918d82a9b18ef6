import Identity

/// `--vpc-endpoint ID[:VPC_ID[:ACCOUNT]]@HOST:PORT` and the config file's `vpcEndpoints`
/// entries, made into the listeners Warden opens.
extension WardenConfiguration.VPCEndpointListener {
    public struct SpecError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    static let defaultVpcId = "vpc-00000000"

    /// One `--vpc-endpoint` value, e.g. `vpce-0a1b2c3d:vpc-1234:111122223333@127.0.0.1:8001`.
    public static func parse(_ text: String, defaultAccount: String) throws(SpecError) -> Self {
        guard let at = text.lastIndex(of: "@") else {
            throw SpecError(description: "--vpc-endpoint \(text): expected ID[:VPC_ID[:ACCOUNT]]@HOST:PORT")
        }
        let names = text[..<at].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(names.count) else {
            throw SpecError(description: "--vpc-endpoint \(text): expected ID[:VPC_ID[:ACCOUNT]]@HOST:PORT")
        }
        let (host, port) = try address(String(text[text.index(after: at)...]), what: "--vpc-endpoint \(text)")
        return try make(id: names[0], vpcId: names.count > 1 ? names[1] : nil, accountId: names.count > 2 ? names[2] : nil,
                        host: host, port: port, policy: nil, defaultAccount: defaultAccount, what: "--vpc-endpoint \(text)")
    }

    /// The config file's entries, with `--vpc-endpoint` values added: a value naming an entry's
    /// id gives that entry its listener (and, when it names them, its VPC and account).
    public static func combine(config: [VPCEndpointConfig], options: [Self], defaultAccount: String) throws(SpecError) -> [Self] {
        var result: [Self] = []
        for entry in config {
            let what = "vpcEndpoints \(entry.id)"
            let option = options.first { $0.id == entry.id }
            var host = option?.host, port = option?.port
            if host == nil {
                guard let listen = entry.listen else {
                    throw SpecError(description: "\(what): no listener (give listen: HOST:PORT, or --vpc-endpoint \(entry.id)@HOST:PORT)")
                }
                (host, port) = try address(listen, what: what)
            }
            let vpcId = option.flatMap { $0.vpcId == defaultVpcId ? nil : $0.vpcId } ?? entry.vpcId
            let account = option.flatMap { $0.accountId == defaultAccount ? nil : $0.accountId } ?? entry.accountId?.value
            result.append(try make(id: entry.id, vpcId: vpcId, accountId: account, host: host!, port: port!, policy: entry.policy?.text,
                                   defaultAccount: defaultAccount, what: what))
        }
        for option in options where !result.contains(where: { $0.id == option.id }) {
            guard !options.contains(where: { $0.id == option.id && $0 != option }) else {
                throw SpecError(description: "--vpc-endpoint \(option.id) is given twice")
            }
            result.append(option)
        }
        return result
    }

    private static func make(id: String, vpcId: String?, accountId: String?, host: String, port: Int, policy: String?,
                             defaultAccount: String, what: String) throws(SpecError) -> Self {
        guard id.hasPrefix("vpce-"), id.count > 5, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw SpecError(description: "\(what): the endpoint id must look like vpce-0a1b2c3d")
        }
        let vpc = vpcId ?? defaultVpcId
        guard vpc.hasPrefix("vpc-"), vpc.count > 4 else { throw SpecError(description: "\(what): the VPC id must look like vpc-1234") }
        let account = accountId ?? defaultAccount
        guard account.count == 12, account.allSatisfy(\.isASCII), account.allSatisfy(\.isNumber) else {
            throw SpecError(description: "\(what): the account must be 12 digits")
        }
        return Self(id: id, vpcId: vpc, accountId: account, host: host, port: port, policy: policy)
    }

    private static func address(_ text: String, what: String) throws(SpecError) -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            throw SpecError(description: "\(what): expected HOST:PORT")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw SpecError(description: "\(what): expected HOST:PORT") }
        return (host, port)
    }
}

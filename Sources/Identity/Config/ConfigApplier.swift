import AccessPolicy

/// Applies a config to the directory at start-up, idempotently: what the config names is
/// created, or brought to what the config says (keys, tags, policies, memberships); nothing
/// the config does not name is removed, so changes made through the IAM API persist across
/// restarts. Policy documents are validated as IAM would and refused with the file path.
public enum ConfigApplier {
    public static func apply(_ config: IdentityConfig, to directory: IdentityDirectory) throws {
        try validate(config)
        for accountConfig in config.accounts {
            let id = accountConfig.id.value
            try directory.ensureAccount(id)
            try directory.mutateAndWait(account: id) { account, context in
                try apply(accountConfig, to: &account, now: context.now)
            }
        }
        directory.setAccountOrder(config.accounts.map(\.id.value))
        if let org = config.organization {
            var organization = Organization(managementAccountId: org.managementAccountId?.value)
            organization.keepFullAccess = org.keepFullAccess ?? true
            organization.serviceControlPolicies = (org.serviceControlPolicies ?? []).map {
                OrganizationPolicy(name: $0.name, document: $0.document.text, targets: $0.targets?.map(\.value))
            }
            organization.resourceControlPolicies = (org.resourceControlPolicies ?? []).map {
                OrganizationPolicy(name: $0.name, document: $0.document.text, targets: $0.targets?.map(\.value))
            }
            directory.setOrganization(organization)
        }
    }

    /// Checks names, documents and key uniqueness before anything changes.
    static func validate(_ config: IdentityConfig) throws {
        var keyIds = Set<String>()
        func checkName(_ name: String, _ what: String) throws {
            guard IAMPattern.name.matches(name), name.count <= 128 else {
                throw ConfigError("\(what) name \"\(name)\" is not a valid IAM name ([\\w+=,.@-]+)")
            }
        }
        func checkPath(_ path: String?, _ what: String) throws {
            guard let path else { return }
            guard IAMPattern.path.matches(path) else { throw ConfigError("\(what): path \"\(path)\" must start and end with /") }
        }
        func checkDocument(_ document: PolicyDocumentValue, kind: PolicyKind, _ what: String) throws {
            do {
                _ = try Policy.parse(document.text, kind: kind)
            } catch {
                throw ConfigError("\(what): MalformedPolicyDocument: \(error.message)" + (error.detail.isEmpty ? "" : " (\(error.detail))"))
            }
        }
        func checkKey(_ key: KeyConfig, _ what: String) throws {
            guard !key.accessKeyId.isEmpty, !key.secretAccessKey.isEmpty else { throw ConfigError("\(what): empty access key id or secret") }
            guard keyIds.insert(key.accessKeyId).inserted else { throw ConfigError("\(what): access key id \(key.accessKeyId) is used twice") }
            if let status = key.status, status != "Active", status != "Inactive" {
                throw ConfigError("\(what): status must be Active or Inactive")
            }
        }
        guard !config.accounts.isEmpty else { throw ConfigError("accounts: at least one account is needed") }
        var accountIds = Set<String>()
        for account in config.accounts {
            let a = "account \(account.id.value)"
            guard account.id.value.count == 12, account.id.value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ConfigError("account id \"\(account.id.value)\" must be 12 digits (quote it in YAML)")
            }
            guard accountIds.insert(account.id.value).inserted else { throw ConfigError("\(a) is listed twice") }
            for key in account.rootCredentials ?? [] { try checkKey(key, "\(a) rootCredentials") }
            for policy in account.policies ?? [] {
                try checkName(policy.name, "\(a) policy")
                guard IAMPattern.policyPath.matches(policy.path ?? "/") else { throw ConfigError("\(a) policy \(policy.name): bad path") }
                try checkDocument(policy.document, kind: .identity, "\(a) policy \(policy.name)")
            }
            for group in account.groups ?? [] {
                try checkName(group.name, "\(a) group")
                try checkPath(group.path, "\(a) group \(group.name)")
                for p in group.inlinePolicies ?? [] { try checkDocument(p.document, kind: .identity, "\(a) group \(group.name) policy \(p.name)") }
            }
            for user in account.users ?? [] {
                try checkName(user.name, "\(a) user")
                try checkPath(user.path, "\(a) user \(user.name)")
                for key in user.accessKeys ?? [] { try checkKey(key, "\(a) user \(user.name)") }
                for p in user.inlinePolicies ?? [] { try checkDocument(p.document, kind: .identity, "\(a) user \(user.name) policy \(p.name)") }
            }
            for role in account.roles ?? [] {
                try checkName(role.name, "\(a) role")
                try checkPath(role.path, "\(a) role \(role.name)")
                try checkDocument(role.trustPolicy, kind: .trust, "\(a) role \(role.name) trustPolicy")
                if let d = role.maxSessionDuration, d < 3600 || d > 43200 {
                    throw ConfigError("\(a) role \(role.name): maxSessionDuration must be 3600...43200")
                }
                for p in role.inlinePolicies ?? [] { try checkDocument(p.document, kind: .identity, "\(a) role \(role.name) policy \(p.name)") }
            }
        }
        if let org = config.organization {
            for p in org.serviceControlPolicies ?? [] { try checkDocument(p.document, kind: .serviceControl, "organization SCP \(p.name)") }
            for p in org.resourceControlPolicies ?? [] { try checkDocument(p.document, kind: .resourceControl, "organization RCP \(p.name)") }
        }
    }

    /// A managed policy reference: an ARN, or the name of a customer policy of the account.
    static func resolve(_ reference: String, in account: Account) throws -> String {
        if reference.hasPrefix("arn:") {
            guard account.isAttachable(reference) else {
                throw ConfigError("account \(account.id): managed policy \(reference) does not exist")
            }
            return reference
        }
        guard let policy = account.policies[reference.lowercased()] else {
            throw ConfigError("account \(account.id): no managed policy named \(reference)")
        }
        return policy.arn(account: account.id)
    }

    static func status(_ key: KeyConfig) -> AccessKey.Status {
        key.status == "Inactive" ? .inactive : .active
    }

    static func apply(_ config: AccountConfig, to account: inout Account, now: Double) throws {
        if let alias = config.alias { account.alias = alias }
        for key in config.rootCredentials ?? [] {
            try account.importAccessKey(userName: nil, id: key.accessKeyId, secret: key.secretAccessKey, status: status(key), now: now)
        }
        for p in config.policies ?? [] {
            let arn = "arn:aws:iam::\(account.id):policy\(p.path ?? "/")\(p.name)"
            if let existing = account.policy(arn: arn) {
                if existing.defaultDocument != p.document.text {
                    if existing.versions.count >= 5, let oldest = existing.versions.first(where: { $0.id != existing.defaultVersionId }) {
                        try account.deletePolicyVersion(arn: arn, versionId: oldest.id)
                    }
                    _ = try account.createPolicyVersion(arn: arn, document: p.document.text, setAsDefault: true, now: now)
                }
            } else {
                try account.createPolicy(name: p.name, path: p.path ?? "/", document: p.document.text, description: p.description,
                                         tags: p.tags?.tags ?? [], now: now)
            }
        }
        for g in config.groups ?? [] {
            if account.group(g.name) == nil { try account.createGroup(name: g.name, path: g.path ?? "/", now: now) }
            for p in g.inlinePolicies ?? [] {
                try account.putInlinePolicy(.group, entity: g.name, policyName: p.name, document: p.document.text)
            }
            for reference in g.managedPolicies ?? [] {
                try account.attachPolicy(.group, entity: g.name, policyArn: try resolve(reference, in: account))
            }
        }
        for u in config.users ?? [] {
            let boundary = try u.permissionsBoundary.map { try resolve($0, in: account) }
            if account.user(u.name) == nil {
                try account.createUser(name: u.name, path: u.path ?? "/", tags: u.tags?.tags ?? [], permissionsBoundary: boundary, now: now)
            } else {
                if let tags = u.tags?.tags { try account.tagUser(name: u.name, tags: tags) }
                if let boundary { try account.putUserPermissionsBoundary(name: u.name, policyArn: boundary) }
            }
            for key in u.accessKeys ?? [] {
                try account.importAccessKey(userName: u.name, id: key.accessKeyId, secret: key.secretAccessKey, status: status(key), now: now)
            }
            for group in u.groups ?? [] {
                guard account.group(group) != nil else { throw ConfigError("account \(account.id) user \(u.name): no group named \(group)") }
                try account.addUserToGroup(userName: u.name, groupName: group)
            }
            for p in u.inlinePolicies ?? [] {
                try account.putInlinePolicy(.user, entity: u.name, policyName: p.name, document: p.document.text)
            }
            for reference in u.managedPolicies ?? [] {
                try account.attachPolicy(.user, entity: u.name, policyArn: try resolve(reference, in: account))
            }
        }
        for r in config.roles ?? [] {
            let boundary = try r.permissionsBoundary.map { try resolve($0, in: account) }
            if account.role(r.name) == nil {
                try account.createRole(name: r.name, path: r.path ?? "/", trustPolicy: r.trustPolicy.text, description: r.description,
                                       maxSessionDuration: r.maxSessionDuration ?? 3600, tags: r.tags?.tags ?? [],
                                       permissionsBoundary: boundary, now: now)
            } else {
                try account.updateAssumeRolePolicy(name: r.name, document: r.trustPolicy.text)
                try account.updateRole(name: r.name, description: r.description, maxSessionDuration: r.maxSessionDuration)
                if let tags = r.tags?.tags { try account.tagRole(name: r.name, tags: tags) }
                if let boundary { try account.putRolePermissionsBoundary(name: r.name, policyArn: boundary) }
            }
            for p in r.inlinePolicies ?? [] {
                try account.putInlinePolicy(.role, entity: r.name, policyName: p.name, document: p.document.text)
            }
            for reference in r.managedPolicies ?? [] {
                try account.attachPolicy(.role, entity: r.name, policyArn: try resolve(reference, in: account))
            }
        }
    }
}

import Identity

// CreatePolicy, GetPolicy, DeletePolicy, ListPolicies, CreatePolicyVersion, GetPolicyVersion,
// ListPolicyVersions, DeletePolicyVersion, SetDefaultPolicyVersion. Customer managed
// policies of the caller's account; AWS managed policies (arn:aws:iam::aws:policy/…) can be
// read and attached.

enum ManagedPolicyOps {
    static func arnParam(_ c: QueryContext) throws(IdentityError) -> String {
        var v = Validator()
        v.arn(c.params["PolicyArn"], "policyArn")
        try v.check()
        return c.params["PolicyArn"]!
    }

    static func versionParam(_ c: QueryContext) throws(IdentityError) -> (arn: String, version: String) {
        var v = Validator()
        v.arn(c.params["PolicyArn"], "policyArn")
        v.required(c.params["VersionId"], "versionId")
        v.string(c.params["VersionId"], "versionId", pattern: .policyVersionId)
        try v.check()
        return (c.params["PolicyArn"]!, c.params["VersionId"]!)
    }

    /// An AWS managed policy's counts in one account.
    static func awsCounts(_ account: Account, _ arn: String) -> (Int, Int) {
        (account.attachmentCount(arn), account.boundaryUsageCount(arn))
    }
}

enum CreatePolicy: QueryOperation {
    static let name = "CreatePolicy"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let p = c.params
        let path = p["Path"], document = p["PolicyDocument"], description = p["Description"]
        let tags = p.tags()
        var v = Validator()
        v.name(p["PolicyName"], "policyName", max: 128)
        v.string(path, "path", min: 1, max: 512, pattern: .policyPath)
        v.document(document, "policyDocument")
        v.string(description, "description", max: 1000)
        v.tags(tags)
        try v.check()
        _ = try parsePolicyDocument(document!, kind: .identity, requireCurrentVersion: true)
        let name = p["PolicyName"]!
        let arn = "arn:aws:iam::\(c.accountId):policy\(path ?? "/")\(name)"
        return QueryPlan(checks: [QueryCheck("iam:CreatePolicy", arn, keys: IAMResource.tagKeys(tags ?? []))]) { done in
            c.mutate(done, { account, m -> [XML] in
                let policy = try account.createPolicy(name: name, path: path ?? "/", document: document!, description: description,
                                                      tags: tags ?? [], now: m.now)
                return [.node("Policy", IAMRender.policy(policy, account: account))]
            }, render: { $0 })
        }
    }
}

enum GetPolicy: QueryOperation {
    static let name = "GetPolicy"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let arn = try ManagedPolicyOps.arnParam(c)
        return QueryPlan(checks: [QueryCheck("iam:GetPolicy", arn)]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                if let entry = AWSManagedPolicies.entry(arn: arn) {
                    let (attached, boundaries) = ManagedPolicyOps.awsCounts(account, arn)
                    return [.node("Policy", IAMRender.awsPolicy(entry, attachmentCount: attached, boundaryCount: boundaries))]
                }
                return [.node("Policy", IAMRender.policy(try account.existingPolicy(arn: arn), account: account))]
            })
        }
    }
}

enum DeletePolicy: QueryOperation {
    static let name = "DeletePolicy"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let arn = try ManagedPolicyOps.arnParam(c)
        return QueryPlan(checks: [QueryCheck("iam:DeletePolicy", arn)]) { done in
            c.mutate(done, { account, _ in try account.deletePolicy(arn: arn) }, render: { _ in nil })
        }
    }
}

enum ListPolicies: QueryOperation {
    static let name = "ListPolicies"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let scope = c.params["Scope"] ?? "All"
        var v = Validator()
        v.oneOf(scope, "scope", ["All", "AWS", "Local"])
        v.string(c.params["PathPrefix"], "pathPrefix", min: 1, max: 512, pattern: .pathPrefix)
        try v.check()
        let onlyAttached = c.params.bool("OnlyAttached") ?? false
        let prefix = c.params["PathPrefix"] ?? "/"
        return QueryPlan(checks: [QueryCheck("iam:ListPolicies", IAMResource.all("policy", c.accountId))]) { done in
            done(Result { () throws(IdentityError) in
                let account = try c.account()
                var items: [[XML]] = []
                if scope != "Local" {
                    for entry in AWSManagedPolicies.all where entry.path.hasPrefix(prefix) {
                        let (attached, boundaries) = ManagedPolicyOps.awsCounts(account, entry.arn)
                        if onlyAttached && attached == 0 { continue }
                        items.append(IAMRender.awsPolicy(entry, attachmentCount: attached, boundaryCount: boundaries))
                    }
                }
                if scope != "AWS" {
                    for policy in account.sortedPolicies where policy.path.hasPrefix(prefix) {
                        if onlyAttached && account.attachmentCount(policy.arn(account: account.id)) == 0 { continue }
                        items.append(IAMRender.policy(policy, account: account, withTags: false))
                    }
                }
                let page = try Page.of(count: items.count, params: c.params)
                return [.members("Policies", Array(items[page.range]))] + IAMRender.truncation(page)
            })
        }
    }
}

enum CreatePolicyVersion: QueryOperation {
    static let name = "CreatePolicyVersion"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let document = c.params["PolicyDocument"]
        var v = Validator()
        v.arn(c.params["PolicyArn"], "policyArn")
        v.document(document, "policyDocument")
        try v.check()
        let arn = c.params["PolicyArn"]!
        _ = try parsePolicyDocument(document!, kind: .identity, requireCurrentVersion: true)
        let setAsDefault = c.params.bool("SetAsDefault") ?? false
        return QueryPlan(checks: [QueryCheck("iam:CreatePolicyVersion", arn)]) { done in
            c.mutate(done, { account, m in
                try account.createPolicyVersion(arn: arn, document: document!, setAsDefault: setAsDefault, now: m.now)
            }, render: { version in [.node("PolicyVersion", IAMRender.version(version, isDefault: setAsDefault, withDocument: false))] })
        }
    }
}

enum GetPolicyVersion: QueryOperation {
    static let name = "GetPolicyVersion"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let (arn, versionId) = try ManagedPolicyOps.versionParam(c)
        return QueryPlan(checks: [QueryCheck("iam:GetPolicyVersion", arn)]) { done in
            done(Result { () throws(IdentityError) in
                if let entry = AWSManagedPolicies.entry(arn: arn) {
                    guard versionId == "v1" else {
                        throw .noSuchEntity("Policy \(arn) version \(versionId) does not exist or is not attachable.")
                    }
                    let version = PolicyVersion(id: "v1", document: entry.document, createDate: AWSManagedPolicies.createDate)
                    return [.node("PolicyVersion", IAMRender.version(version, isDefault: true))]
                }
                let (version, isDefault) = try c.account().policyVersion(arn: arn, versionId: versionId)
                return [.node("PolicyVersion", IAMRender.version(version, isDefault: isDefault))]
            })
        }
    }
}

enum ListPolicyVersions: QueryOperation {
    static let name = "ListPolicyVersions"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let arn = try ManagedPolicyOps.arnParam(c)
        return QueryPlan(checks: [QueryCheck("iam:ListPolicyVersions", arn)]) { done in
            done(Result { () throws(IdentityError) in
                if let entry = AWSManagedPolicies.entry(arn: arn) {
                    let version = PolicyVersion(id: "v1", document: entry.document, createDate: AWSManagedPolicies.createDate)
                    return [.members("Versions", [IAMRender.version(version, isDefault: true, withDocument: false)]), .bool("IsTruncated", false)]
                }
                let policy = try c.account().existingPolicy(arn: arn)
                let versions = policy.versions.reversed().map { IAMRender.version($0, isDefault: $0.id == policy.defaultVersionId, withDocument: false) }
                let page = try Page.of(count: versions.count, params: c.params)
                return [.members("Versions", Array(versions[page.range]))] + IAMRender.truncation(page)
            })
        }
    }
}

enum DeletePolicyVersion: QueryOperation {
    static let name = "DeletePolicyVersion"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let (arn, versionId) = try ManagedPolicyOps.versionParam(c)
        return QueryPlan(checks: [QueryCheck("iam:DeletePolicyVersion", arn)]) { done in
            c.mutate(done, { account, _ in try account.deletePolicyVersion(arn: arn, versionId: versionId) }, render: { _ in nil })
        }
    }
}

enum SetDefaultPolicyVersion: QueryOperation {
    static let name = "SetDefaultPolicyVersion"

    static func prepare(_ c: QueryContext) throws(IdentityError) -> QueryPlan {
        let (arn, versionId) = try ManagedPolicyOps.versionParam(c)
        return QueryPlan(checks: [QueryCheck("iam:SetDefaultPolicyVersion", arn)]) { done in
            c.mutate(done, { account, m in try account.setDefaultPolicyVersion(arn: arn, versionId: versionId, now: m.now) }, render: { _ in nil })
        }
    }
}

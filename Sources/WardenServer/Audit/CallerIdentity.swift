import AuditTrail
import Identity

/// How a caller appears in a record's `userIdentity`, from Identity's principal and, for
/// temporary credentials, its STS session (issuer, creation date, source identity, web
/// identity provider and claims).
/// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html)
extension Caller {
    func auditIdentity(session: Session?) -> UserIdentity {
        let p = principal
        switch p.kind {
        case .root:
            var identity = UserIdentity(type: .root, principalId: accountId, arn: arn, accountId: accountId, accessKeyId: accessKeyId)
            if let session { identity.sessionContext = UserIdentity.SessionContext(creationDate: session.issued) }
            return identity
        case .user:
            var identity = UserIdentity(type: .iamUser, principalId: p.userId, arn: arn, accountId: accountId, accessKeyId: accessKeyId,
                                        userName: p.userName)
            if let session { identity.sessionContext = UserIdentity.SessionContext(creationDate: session.issued) }
            return identity
        case .assumedRole:
            let roleId = p.userId.split(separator: ":").first.map(String.init) ?? p.userId
            let role = p.roleName ?? ""
            let issuer = UserIdentity.SessionIssuer(type: "Role", principalId: roleId,
                                                    arn: p.roleArn ?? "arn:aws:iam::\(accountId):role/\(role)",
                                                    accountId: accountId, userName: role)
            var context = UserIdentity.SessionContext(sessionIssuer: issuer, creationDate: session?.issued, sourceIdentity: session?.sourceIdentity)
            let web = session?.kind == .webIdentity
            if web, let provider = session?.provider {
                context.webIdFederationProvider = provider
                context.webIdFederationAttributes = (session?.webIdentityClaims ?? [:]).sorted { $0.key < $1.key }
                    .compactMap { key, values in values.first.map { (key, $0) } }
            }
            return UserIdentity(type: .assumedRole, principalId: p.userId, arn: arn, accountId: accountId, accessKeyId: accessKeyId,
                                sessionContext: context)
        }
    }
}

import AuditTrail

/// How a caller appears in a record's `userIdentity`.
///
/// Extension point: the identity branch enriches `Caller` (unique ids, role sessions, web
/// identity claims); map those here — principalId (AIDA…/AROA…:session), sessionContext with
/// sessionIssuer and creationDate, webIdFederationData.
extension Caller {
    var auditIdentity: UserIdentity {
        switch kind {
        case .root:
            return UserIdentity(type: .root, principalId: accountId, arn: arn, accountId: accountId, accessKeyId: accessKeyId)
        case .iamUser:
            let name = userName ?? arn.split(separator: "/").last.map(String.init)
            return UserIdentity(type: .iamUser, principalId: accessKeyId, arn: arn, accountId: accountId, accessKeyId: accessKeyId, userName: name)
        case .assumedRole, .webIdentity:
            // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
            let parts = arn.split(separator: "/").map(String.init)
            let role = parts.count >= 2 ? parts[1] : ""
            let session = parts.count >= 3 ? parts[2] : ""
            let issuer = UserIdentity.SessionIssuer(type: "Role", principalId: role, arn: "arn:aws:iam::\(accountId):role/\(role)",
                                                    accountId: accountId, userName: role)
            return UserIdentity(type: kind == .webIdentity ? .webIdentityUser : .assumedRole, principalId: "\(role):\(session)", arn: arn,
                                accountId: accountId, accessKeyId: accessKeyId,
                                sessionContext: UserIdentity.SessionContext(sessionIssuer: issuer))
        case .service:
            return UserIdentity(type: .awsService, arn: arn, accountId: accountId, invokedBy: arn)
        }
    }
}

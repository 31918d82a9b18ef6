import Identity

/// STS's response shapes.
enum STSRender {
    static func credentials(_ session: Session) -> XML {
        .node("Credentials", [
            .leaf("AccessKeyId", session.accessKeyId),
            .leaf("SecretAccessKey", session.secret),
            .leaf("SessionToken", session.token),
            .leaf("Expiration", ISO8601Format.string(session.expiration)),
        ])
    }

    static func assumedRoleUser(_ session: Session) -> XML {
        let principal = Principal.session(session)
        return .node("AssumedRoleUser", [.leaf("AssumedRoleId", principal.userId), .leaf("Arn", principal.arn)])
    }
}

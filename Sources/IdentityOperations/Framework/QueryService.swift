/// The two Query-protocol services on Warden's port.
package enum QueryService: String, Sendable {
    case iam
    case sts

    package var namespace: String {
        switch self {
        case .iam: return "https://iam.amazonaws.com/doc/2010-05-08/"
        case .sts: return "https://sts.amazonaws.com/doc/2011-06-15/"
        }
    }

    package var version: String {
        switch self {
        case .iam: return "2010-05-08"
        case .sts: return "2011-06-15"
        }
    }
}

extension QueryService {
    /// The service's operations, by action name.
    package var operations: [String: any QueryOperation.Type] {
        switch self {
        case .iam: return IAMOperations.table
        case .sts: return STSOperations.table
        }
    }
}

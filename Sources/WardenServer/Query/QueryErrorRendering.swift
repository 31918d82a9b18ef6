import Identity
import IdentityOperations
import SigV4

// SigV4 failures in the Query protocol's words (rendered by ErrorRendering).

extension IdentityError {
    /// A SigV4 failure as IAM and STS report it: their own codes, HTTP 403 for credential
    /// and signature errors (e.g. "InvalidClientTokenId: The security token included in the
    /// request is invalid.", "SignatureDoesNotMatch: Signature expired: …", "ExpiredToken:
    /// The security token included in the request is expired"), the texts the verifier
    /// already uses.
    static func signing(_ error: SigV4Error) -> IdentityError {
        switch error.code {
        case SigV4Error.unrecognizedClientCode:
            return IdentityError(code: "InvalidClientTokenId", message: error.message, httpStatus: 403)
        case SigV4Error.expiredTokenCode:
            return IdentityError(code: "ExpiredToken", message: error.message, httpStatus: 403)
        case SigV4Error.invalidSignatureCode:
            return IdentityError(code: "SignatureDoesNotMatch", message: error.message, httpStatus: 403)
        case SigV4Error.missingAuthenticationTokenCode:
            return IdentityError(code: "MissingAuthenticationToken", message: error.message, httpStatus: 403)
        case SigV4Error.incompleteSignatureCode:
            return IdentityError(code: "IncompleteSignature", message: error.message, httpStatus: 400)
        default:
            return IdentityError(code: error.code, message: error.message, httpStatus: error.httpStatus)
        }
    }
}

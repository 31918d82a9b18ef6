import Identity
import IdentityOperations
import SigV4

// The Query protocol's errors (IAM and STS), beside the JSON renderer in ErrorRendering.

extension ErrorRendering {
    /// `<ErrorResponse xmlns=…><Error><Type>Sender</Type><Code>…</Code><Message>…</Message>
    /// </Error><RequestId>…</RequestId></ErrorResponse>` with the error's HTTP status.
    static func queryXML(_ error: IdentityError, service: QueryService, requestId: String) -> WardenResponse {
        var out = "<ErrorResponse xmlns=\"\(service.namespace)\">\n"
        XML.node("Error", [
            .leaf("Type", error.senderFault ? "Sender" : "Receiver"),
            .leaf("Code", error.code),
            .leaf("Message", error.message),
        ]).render(into: &out, depth: 1)
        XML.leaf("RequestId", requestId).render(into: &out, depth: 1)
        out += "</ErrorResponse>\n"
        return QueryResponse.make(status: error.httpStatus, body: Array(out.utf8), requestId: requestId)
    }
}

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

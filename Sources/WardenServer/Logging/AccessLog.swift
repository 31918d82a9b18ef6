import Dispatch
import Logging

/// The access log: one `info` line per answered request (logger `warden.access`), with the
/// request id, method and path, operation, calling principal's ARN, authorization decision,
/// HTTP status, error code and latency. Off unless `warden serve --access-log` (or a log level
/// of debug or trace) turns it on; off, the pipeline holds no `AccessLog` and pays one nil
/// check per request.
public struct AccessLog: Sendable {
    let logger: Logger

    public init(logger: Logger = Logger(label: "warden.access")) { self.logger = logger }

    /// A monotonic start time for `record`.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func record(method: String, path: String, audit: RequestAudit?, response: WardenResponse, requestId: String, started: UInt64) {
        let elapsed = Double(AccessLog.now() &- started) / 1_000_000
        var metadata: Logger.Metadata = [
            "requestId": .string(requestId),
            "method": .string(method),
            "path": .string(path),
            "operation": .string(audit?.eventName ?? "-"),
            "principal": .string(audit?.principalArn ?? "-"),
            "decision": .string(Self.decision(audit, response)),
            "status": .stringConvertible(response.status),
            "latencyMs": .stringConvertible((elapsed * 1000).rounded() / 1000),
        ]
        if let failure = response.failure { metadata["errorCode"] = .string(failure.code) }
        logger.info("request", metadata: metadata)
    }

    /// `allow` (authorization let the request through), `deny` (it refused), `none` (the
    /// request ended before a decision: unauthenticated, malformed, not an API call).
    static func decision(_ audit: RequestAudit?, _ response: WardenResponse) -> String {
        guard let audit else { return "none" }
        if audit.denied { return "deny" }
        if let code = response.failure?.code, code == "AccessDenied" || code == "AccessDeniedException" { return "deny" }
        return audit.authorized ? "allow" : "none"
    }
}

import DynamoModel
import Synchronization

/// ClientRequestToken idempotency for TransactWriteItems: a repeated token with the same
/// request within ten minutes answers as the first call did without running again; with
/// different parameters it is refused.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
final class IdempotencyTokens: Sendable {
    static let window: Double = 600

    struct Entry: Sendable {
        var requestHash: [UInt8]
        var response: ResponseBody?
        var expires: Double
    }

    private let entries = Mutex<[String: Entry]>([:])

    enum Lookup {
        case new
        case replay(ResponseBody)
        case inProgress
        case mismatch
    }

    func begin(_ token: String, hash: [UInt8], now: Double) -> Lookup {
        entries.withLock { all in
            all = all.filter { $0.value.expires > now }
            if let e = all[token] {
                if e.requestHash != hash { return .mismatch }
                if let response = e.response { return .replay(response) }
                return .inProgress
            }
            all[token] = Entry(requestHash: hash, response: nil, expires: now + IdempotencyTokens.window)
            return .new
        }
    }

    func finish(_ token: String, response: ResponseBody?) {
        entries.withLock { all in
            if let response { all[token]?.response = response } else { all[token] = nil }
        }
    }
}

extension DynamoError {
    static func idempotentMismatch() -> DynamoError {
        DynamoError(code: "IdempotentParameterMismatchException",
                    message: "Request token already used with different request parameters.")
    }

    static func transactionInProgress() -> DynamoError {
        DynamoError(code: "TransactionInProgressException", message: "Transaction is ongoing for the given idempotency token")
    }

    /// TransactionCanceledException with one reason per action, in order.
    static func transactionCanceled(_ reasons: [JSONValue]) -> DynamoError {
        let codes = reasons.map { $0["Code"]?.stringValue ?? "None" }
        return DynamoError(code: "TransactionCanceledException",
                           message: "Transaction cancelled, please refer cancellation reasons for specific reasons [\(codes.joined(separator: ", "))]",
                           capitalizedMessageKey: true, extra: [("CancellationReasons", .array(reasons))])
    }
}

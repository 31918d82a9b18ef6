import Synchronization

/// The durability of one change to a service's in-memory state (KMS keys, backup plans,
/// scalable targets): its SQL is queued on the store's writer while the state's lock is held
/// (so changes reach the database in the order they were made), and the response waits for
/// the commit through this.
public final class PendingWrite: Sendable {
    private enum State {
        case waiting([@Sendable (Result<Void, Error>) -> Void])
        case done(Result<Void, Error>)
    }

    private let state = Mutex(State.waiting([]))

    public init() {}

    /// A change with nothing to write.
    public static func nothing() -> PendingWrite {
        let write = PendingWrite()
        write.finish(.success(()))
        return write
    }

    public func finish(_ result: Result<Void, Error>) {
        let waiting: [@Sendable (Result<Void, Error>) -> Void] = state.withLock { s in
            guard case .waiting(let callbacks) = s else { return [] }
            s = .done(result)
            return callbacks
        }
        for callback in waiting { callback(result) }
    }

    /// Calls `completion` once the write is committed (at once if it already is).
    public func whenDone(_ completion: @escaping @Sendable (Result<Void, Error>) -> Void) {
        let done: Result<Void, Error>? = state.withLock { s in
            switch s {
            case .waiting(let callbacks):
                s = .waiting(callbacks + [completion])
                return nil
            case .done(let result):
                return result
            }
        }
        if let done { completion(done) }
    }
}

extension PendingWrite {
    /// Hands `completion` the answer of the change this write makes durable once it is
    /// committed; a failed commit is answered with `failed`'s error (the service's internal
    /// failure, with the commit's error as its message).
    public func answer<Body: Sendable, Failure: Error>(_ body: Body, failed: @escaping @Sendable (String) -> Failure,
                                                       _ completion: @escaping @Sendable (Result<Body, Failure>) -> Void) {
        whenDone { stored in
            switch stored {
            case .success: completion(.success(body))
            case .failure(let error): completion(.failure(failed("\(error)")))
            }
        }
    }
}

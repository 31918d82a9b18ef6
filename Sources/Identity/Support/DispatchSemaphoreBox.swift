import Dispatch

/// A semaphore for waiting on a write's completion from start-up code.
/// @unchecked Sendable: DispatchSemaphore is thread-safe; it is just not annotated.
final class DispatchSemaphoreBox: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    func signal() { semaphore.signal() }
    func wait() { semaphore.wait() }
}

import Dispatch
import Synchronization

/// Starts a completion-style call and blocks until its completion runs (on whichever thread
/// it runs, e.g. the storage writer's), returning what it was given.
package func waitForCompletion<T: Sendable>(_ start: (@escaping @Sendable (T) -> Void) -> Void) -> T {
    let box = Mutex<T?>(nil)
    let done = DispatchSemaphore(value: 0)
    start { value in
        box.withLock { $0 = value }
        done.signal()
    }
    done.wait()
    return box.withLock { $0! }
}

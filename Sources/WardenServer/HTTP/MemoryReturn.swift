#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// Gives memory freed after large requests back to the system. glibc keeps freed heap
/// memory in its arenas (one per thread, fragmented by a large request's many small
/// allocations), so a server that once parsed a few 16 MB bodies would otherwise hold their
/// peak for good; `malloc_trim(0)` releases the free pages of every arena. Asked for after
/// a large request is answered (at most once a second, and always once more after the last
/// large request of a burst), and every 30 seconds while the server runs (under steady
/// load the arenas otherwise creep up by megabytes a minute). Runs on a background queue;
/// a trim of a ~100 MB heap takes a few milliseconds.
enum MemoryReturn {
    /// Requests with bodies at least this large ask for a trim.
    static let largeRequestBytes = 1 << 20

    /// Whether a trim is scheduled.
    private static let scheduled = Mutex(false)
    private static let queue = DispatchQueue(label: "warden-memory-return", qos: .utility)

    #if canImport(Glibc)
    /// glibc's `int malloc_trim(size_t)`, looked up once (Swift's Glibc module does not
    /// import <malloc.h>).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    /// Trims every 30 seconds from now on (once per process).
    static func startPeriodicTrim() {
        #if canImport(Glibc)
        guard mallocTrim != nil, periodic.withLock({ started -> Bool in
            defer { started = true }
            return !started
        }) else { return }
        schedulePeriodic()
        #endif
    }

    private static let periodic = Mutex(false)

    private static func schedulePeriodic() {
        #if canImport(Glibc)
        queue.asyncAfter(deadline: .now() + .seconds(30)) {
            _ = mallocTrim?(0)
            schedulePeriodic()
        }
        #endif
    }

    static func afterLargeRequest() {
        #if canImport(Glibc)
        guard let trim = mallocTrim else { return }
        let first = scheduled.withLock { s -> Bool in
            defer { s = true }
            return !s
        }
        guard first else { return }
        // A second later: the request's memory is freed by then, and a burst of large
        // requests costs one trim a second.
        queue.asyncAfter(deadline: .now() + .seconds(1)) {
            scheduled.withLock { $0 = false }
            _ = trim(0)
        }
        #endif
    }
}

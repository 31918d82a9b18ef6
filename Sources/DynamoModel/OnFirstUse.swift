import Synchronization

/// A value made the first time it is asked for, then kept: for things that are costly to
/// make and often never needed, such as RSA signing keys (hundreds of milliseconds each),
/// which would otherwise delay every fresh start.
///
/// Several threads may ask at once; one makes the value while the others wait. A failed
/// attempt is not kept, so the next request tries again.
public final class OnFirstUse<Value: Sendable>: Sendable {
    private let make: @Sendable () throws -> Value
    private let value = Mutex<Value?>(nil)

    public init(_ make: @escaping @Sendable () throws -> Value) {
        self.make = make
    }

    public func get() throws -> Value {
        try value.withLock { stored in
            if let stored { return stored }
            let made = try make()
            stored = made
            return made
        }
    }
}

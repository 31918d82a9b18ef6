import Synchronization

/// Encryption at rest of item payloads: every item, index row and history image passes
/// through the installed sealer on its way into SQLite and back. Keys and sort keys stay in
/// the clear (their order-preserving encoding is the index); attribute values do not.
public protocol PayloadSealer: Sendable {
    /// A storage id was allocated (a table or index being created): make its data key,
    /// inside the same transaction.
    func storageCreated(_ storageId: Int64, writer: StorageWriter) throws(SQLiteError)
    /// The bytes to store for a payload of a table or index; the payload itself when the
    /// storage id has no data key (tables created before encryption at rest).
    func seal(_ payload: [UInt8], storageId: Int64) -> [UInt8]
    /// A stored payload opened (sealed payloads name their data key).
    func open(_ stored: [UInt8]) -> [UInt8]?
}

/// The store's sealer, installed once at start-up (none: payloads are stored as they are).
public final class PayloadSealing: Sendable {
    private let installed = Mutex<(any PayloadSealer)?>(nil)

    public init() {}

    public func install(_ sealer: any PayloadSealer) { installed.withLock { $0 = sealer } }

    var sealer: (any PayloadSealer)? { installed.withLock { $0 } }

    /// Every sealed payload starts with these bytes (items are stored as JSON objects, which
    /// never do); anything else was stored in the clear.
    public static let sealedPrefix: [UInt8] = [0x00, 0x57, 0x01]

    func seal(_ payload: [UInt8], storageId: Int64) -> [UInt8] {
        guard let sealer else { return payload }
        return sealer.seal(payload, storageId: storageId)
    }

    func open(_ stored: [UInt8]) throws(SQLiteError) -> [UInt8] {
        guard stored.count >= 3, stored[0] == 0x00, stored[1] == 0x57, stored[2] == 0x01 else { return stored }
        guard let sealer, let plain = sealer.open(stored) else {
            throw SQLiteError(code: 11, message: "a stored item cannot be decrypted (missing data key or master secret)", sql: nil)
        }
        return plain
    }

    func open(_ stored: [UInt8]?) throws(SQLiteError) -> [UInt8]? {
        guard let stored else { return nil }
        return try open(stored)
    }
}

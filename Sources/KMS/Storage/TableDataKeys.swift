import DynamoStorage
import Synchronization

/// Encryption at rest of table data: each table and index gets its own data key when its
/// storage id is allocated (in the creating transaction); item payloads, index rows and
/// history images are sealed with AES-256-GCM under it. Data keys are stored wrapped under
/// the data directory's master secret, so the database alone reveals no attribute value.
/// A sealed payload names its data key, so rows copied between tables (backups, restores)
/// stay readable.
///
///     0x00 'W' 0x01 | data key id (8 bytes) | IV (12) | tag (16) | ciphertext
///
/// The header is the AEAD's additional data. Payloads stored in the clear (tables made
/// before encryption at rest) are read as they are.
public final class TableDataKeys: PayloadSealer {
    static let magic = PayloadSealing.sealedPrefix
    static let headerSize = magic.count + 8

    struct Keys {
        var byStorage: [Int64: (id: UInt64, key: [UInt8])] = [:]
        var byId: [UInt64: [UInt8]] = [:]
    }

    let masterSecret: [UInt8]
    let keys = Mutex(Keys())

    /// Loads the data keys of `store` (KMS's migrations must have run: `KeyStore` runs them).
    public init(store: Store, masterSecret: [UInt8]) throws {
        self.masterSecret = masterSecret
        let db = try SQLiteConnection(path: store.path, readOnly: true)
        let s = try db.statement("SELECT id, storage_id, wrapped FROM kms_data_keys")
        var loaded = Keys()
        while try s.step() {
            let id = UInt64(bitPattern: s.int64(0))
            guard let key = AESGCM.openCombined(s.blob(2), key: masterSecret, aad: Self.wrappingContext(id)) else {
                throw KMSError.internalFailure("A table data key cannot be read with this data directory's master secret.")
            }
            loaded.byStorage[s.int64(1)] = (id, key)
            loaded.byId[id] = key
        }
        keys.withLock { $0 = loaded }
    }

    static func wrappingContext(_ id: UInt64) -> [UInt8] { Array("warden-table-data-key:\(id)".utf8) }

    public func storageCreated(_ storageId: Int64, writer: StorageWriter) throws(SQLiteError) {
        var id: UInt64 = 0
        while id == 0 { id = SecureRandom.bytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        let key = SecureRandom.bytes(32)
        let wrapped = AESGCM.sealCombined(key, key: masterSecret, aad: Self.wrappingContext(id))
        try writer.execute("INSERT INTO kms_data_keys(id, storage_id, wrapped) VALUES (\(Int64(bitPattern: id)), \(storageId), X'\(SecureRandom.hex(wrapped))')")
        keys.withLock { k in
            k.byStorage[storageId] = (id, key)
            k.byId[id] = key
        }
    }

    public func seal(_ payload: [UInt8], storageId: Int64) -> [UInt8] {
        guard let (id, key) = keys.withLock({ $0.byStorage[storageId] }) else { return payload }
        var header = Self.magic
        for shift in stride(from: 56, through: 0, by: -8) { header.append(UInt8((id >> UInt64(shift)) & 0xFF)) }
        let sealed = AESGCM.seal(payload, key: key, aad: header)
        return header + sealed.iv + sealed.tag + sealed.ciphertext
    }

    public func open(_ stored: [UInt8]) -> [UInt8]? {
        guard stored.count >= Self.headerSize + AESGCM.ivSize + AESGCM.tagSize, Array(stored[0..<3]) == Self.magic else { return nil }
        let id = stored[3..<Self.headerSize].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard let key = keys.withLock({ $0.byId[id] }) else { return nil }
        let ivEnd = Self.headerSize + AESGCM.ivSize
        let tagEnd = ivEnd + AESGCM.tagSize
        let sealed = AESGCM.Sealed(iv: Array(stored[Self.headerSize..<ivEnd]), ciphertext: Array(stored[tagEnd...]),
                                   tag: Array(stored[ivEnd..<tagEnd]))
        return AESGCM.open(sealed, key: key, aad: Array(stored[0..<Self.headerSize]))
    }
}

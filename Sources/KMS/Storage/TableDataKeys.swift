import WardenSupport
import DynamoModel
import DynamoStorage
import Synchronization

/// Encryption at rest of table data: each table and index gets its own data key when its
/// storage id is allocated (in the creating transaction); item payloads, index rows and
/// history images are sealed with AES-256-GCM under it. A data key is stored wrapped under
/// the data directory's master secret until its table uses a KMS key (SSEType KMS); then it
/// is stored encrypted under that KMS key only (envelope encryption: item ← data key ← KMS
/// key ← master secret), so a deleted KMS key leaves the table's data unreadable after a
/// restart. Either way the database alone reveals no attribute value.
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
        var byStorage: [Int64: (id: UInt64, key: [UInt8], cipher: AESGCM.Key)] = [:]
        var byId: [UInt64: AESGCM.Key] = [:]
    }

    let masterSecret: [UInt8]
    let store: Store
    let kms: KeyStore?
    let keys = Mutex(Keys())

    /// Loads the data keys of `store` (KMS's migrations must have run: `KeyStore` runs them);
    /// those encrypted under a KMS key are decrypted with `kms`'s key material.
    public init(store: Store, masterSecret: [UInt8], kms: KeyStore? = nil) throws {
        self.masterSecret = masterSecret
        self.store = store
        self.kms = kms
        let db = try SQLiteConnection(path: store.path, readOnly: true)
        let s = try db.statement("SELECT id, storage_id, wrapped, key_arn, context, kms_blob FROM kms_data_keys")
        var loaded = Keys()
        while try s.step() {
            let id = UInt64(bitPattern: s.int64(0))
            let key: [UInt8]
            if !s.isNull(3) {
                // Under a KMS key: readable only while the key's material exists.
                guard let kms, let blob = CiphertextBlob(bytes: s.blob(5)),
                      let material = kms.state.withLock({ $0.keys[blob.keyArn]?.material }), Int(blob.materialVersion) < material.count,
                      let plain = blob.decrypt(material: material[Int(blob.materialVersion)], context: Self.context(s.blob(4))) else { continue }
                key = plain
            } else {
                guard let plain = AESGCM.openCombined(s.blob(2), key: masterSecret, aad: Self.wrappingContext(id)) else {
                    throw KMSError.internalFailure("A table data key cannot be read with this data directory's master secret.")
                }
                key = plain
            }
            let cipher = AESGCM.Key(key)
            loaded.byStorage[s.int64(1)] = (id, key, cipher)
            loaded.byId[id] = cipher
        }
        keys.withLock { $0 = loaded }
    }

    static func context(_ bytes: [UInt8]) -> EncryptionContext {
        guard let json = try? JSONParser.parse(bytes), let members = json.objectValue else { return EncryptionContext() }
        var pairs: [String: String] = [:]
        for (k, v) in members { pairs[k] = v.stringValue ?? "" }
        return EncryptionContext(pairs)
    }

    /// Encrypts the data keys of these storage ids (a table and its indexes) under a KMS key
    /// with the table's encryption context, replacing their master-secret wrapping. Queued on
    /// the writer; `completion` runs after the commit.
    public func protect(storageIds: [Int64], keyArn: String, context: [String: String],
                        completion: @escaping @Sendable (Result<Void, Error>) -> Void = { _ in }) {
        guard let kms, let key = try? kms.current(arn: keyArn) else { return completion(.success(())) }
        let contextJSON = JSONWriter.encode(.object(context.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        let encryptionContext = EncryptionContext(context)
        let targets = keys.withLock { k in storageIds.compactMap { sid in k.byStorage[sid].map { (sid, $0.id, $0.key) } } }
        let statements = targets.map { _, id, dataKey in
            let blob = KMS.seal(dataKey, key: key, context: encryptionContext)
            return BoundStatement("UPDATE kms_data_keys SET wrapped = X'', key_arn = ?1, context = ?2, kms_blob = ?3 WHERE id = ?4",
                                  [.text(keyArn), .blob(contextJSON), .blob(blob.bytes), .integer(Int64(bitPattern: id))])
        }
        guard !statements.isEmpty else { return completion(.success(())) }
        store.write({ writer in
            try writer.run(statements)
        }, completion: completion)
    }

    static func wrappingContext(_ id: UInt64) -> [UInt8] { Array("warden-table-data-key:\(id)".utf8) }

    public func storageCreated(_ storageId: Int64, writer: StorageWriter) throws(SQLiteError) {
        var id: UInt64 = 0
        while id == 0 { id = SecureRandom.bytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        let key = SecureRandom.bytes(32)
        let wrapped = AESGCM.sealCombined(key, key: masterSecret, aad: Self.wrappingContext(id))
        try writer.run(BoundStatement("INSERT INTO kms_data_keys(id, storage_id, wrapped) VALUES (?1, ?2, ?3)",
                                      [.integer(Int64(bitPattern: id)), .integer(storageId), .blob(wrapped)]))
        let cipher = AESGCM.Key(key)
        keys.withLock { k in
            k.byStorage[storageId] = (id, key, cipher)
            k.byId[id] = cipher
        }
    }

    public func seal(_ payload: [UInt8], storageId: Int64) -> [UInt8] {
        guard let (id, _, cipher) = keys.withLock({ $0.byStorage[storageId] }) else { return payload }
        var header = Self.magic
        for shift in stride(from: 56, through: 0, by: -8) { header.append(UInt8((id >> UInt64(shift)) & 0xFF)) }
        let sealed = cipher.seal(payload, aad: header)
        return header + sealed.iv + sealed.tag + sealed.ciphertext
    }

    public func open(_ stored: [UInt8]) -> [UInt8]? {
        guard stored.count >= Self.headerSize + AESGCM.ivSize + AESGCM.tagSize,
              stored[0] == Self.magic[0], stored[1] == Self.magic[1], stored[2] == Self.magic[2] else { return nil }
        var id: UInt64 = 0
        for i in 3..<Self.headerSize { id = id << 8 | UInt64(stored[i]) }
        guard let cipher = keys.withLock({ $0.byId[id] }) else { return nil }
        let ivEnd = Self.headerSize + AESGCM.ivSize
        let tagEnd = ivEnd + AESGCM.tagSize
        // Slices of the stored bytes, not copies.
        return stored.withUnsafeBytes { b in
            cipher.open(iv: UnsafeRawBufferPointer(rebasing: b[Self.headerSize..<ivEnd]), tag: UnsafeRawBufferPointer(rebasing: b[ivEnd..<tagEnd]),
                        ciphertext: UnsafeRawBufferPointer(rebasing: b[tagEnd...]), aad: UnsafeRawBufferPointer(rebasing: b[0..<Self.headerSize]))
        }
    }
}

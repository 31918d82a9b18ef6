import DynamoModel
import DynamoStorage
import Foundation
import Testing
@testable import KMS

@Suite struct TableDataKeysTests {
    @Test func payloadsAreSealedPerStorageIdAndSurviveARestart() throws {
        let dir = NSTemporaryDirectory() + "kms-datakeys-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let secret = SecureRandom.bytes(32)
        let payload = Array(#"{"secret":{"S":"hunter2"}}"#.utf8)
        var sealed: [UInt8] = []
        do {
            let store = try Store(path: dir + "/warden.sqlite")
            _ = try KeyStore(store: store, masterSecret: secret, clock: WardenClock())  // runs KMS's migrations
            let keys = try TableDataKeys(store: store, masterSecret: secret)
            store.sealing.install(keys)
            let (a, b) = try store.writeAndWait { w in (try w.allocateStorageId(), try w.allocateStorageId()) }
            sealed = keys.seal(payload, storageId: a)
            #expect(sealed.first == 0)
            #expect(!String(decoding: sealed, as: UTF8.self).contains("hunter2"))
            #expect(keys.open(sealed) == payload)
            // Another table's key differs; unknown storage ids store as they are.
            #expect(Array(keys.seal(payload, storageId: b)[3..<11]) != Array(sealed[3..<11]))
            #expect(keys.seal(payload, storageId: 9999) == payload)
            // Tampering breaks the tag.
            var flipped = sealed
            flipped[flipped.count - 1] ^= 1
            #expect(keys.open(flipped) == nil)
            store.close()
        }
        let store = try Store(path: dir + "/warden.sqlite")
        defer { store.close() }
        #expect(try TableDataKeys(store: store, masterSecret: secret).open(sealed) == payload)
        #expect(throws: (any Error).self) { _ = try TableDataKeys(store: store, masterSecret: SecureRandom.bytes(32)) }
    }
}

import WardenSupport
import DynamoModel
import DynamoStorage
import Foundation
import Testing
@testable import KMS

@Suite struct PersistenceTests {
    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "kms-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func keysSurviveARestartAndTheirMaterialIsWrapped() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = WardenClock()
        let caller = KMSCaller(account: "111122223333", region: "us-east-1", arn: "arn:aws:iam::111122223333:root")
        let secret = try MasterSecret.load(directory: dir)
        // The secret file is private and stable.
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/" + MasterSecret.fileName)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try MasterSecret.load(directory: dir) == secret)

        var blob: JSONValue = .null
        var material: [UInt8] = []
        do {
            let store = try Store(path: dir + "/warden.sqlite")
            let service = KMSService(keys: try KeyStore(store: store, masterSecret: secret, clock: clock))
            let created = try service.prepare("CreateKey", body: [:], caller: caller).run()
            try persist(service, created)
            let id = created.body["KeyMetadata"]!["KeyId"]!
            let alias = try service.prepare("CreateAlias", body: ["AliasName": "alias/a", "TargetKeyId": id], caller: caller).run()
            try persist(service, alias)
            blob = try service.prepare("Encrypt", body: ["KeyId": "alias/a", "Plaintext": b64("kept")], caller: caller).run().body["CiphertextBlob"]!
            material = service.keys.state.withLock { $0.keys.values.first!.material[0] }
            store.close()
        }
        // No raw key material in the database file.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/warden.sqlite")))
        let wal = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/warden.sqlite-wal")))) ?? []
        #expect(!contains(bytes, material))
        #expect(!contains(wal, material))
        #expect(!contains(Array((bytes + wal)), Array(Hex.encode(material).utf8)))

        let store = try Store(path: dir + "/warden.sqlite")
        defer { store.close() }
        let service = KMSService(keys: try KeyStore(store: store, masterSecret: secret, clock: clock))
        let out = try service.prepare("Decrypt", body: ["CiphertextBlob": blob], caller: caller).run().body
        #expect(decoded(out["Plaintext"]) == "kept")
        // Another master secret cannot open the stored keys.
        #expect(throws: (any Error).self) { _ = try KeyStore(store: store, masterSecret: SecureRandom.bytes(32), clock: clock) }
    }

    func persist(_ service: KMSService, _ result: KMSResult) throws {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<Void, KMSError> = .success(())
        service.persist(result) { r in
            outcome = r.map { _ in }
            done.signal()
        }
        done.wait()
        try outcome.get()
    }

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }
}

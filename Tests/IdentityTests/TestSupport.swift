import DynamoModel
import DynamoStorage
import Foundation
import Synchronization
import TestSupport
@testable import Identity

/// A database in a fresh temporary folder, removed with the fixture.
final class TempStore {
    let directory: String
    var store: Store
    let time = ManualTime()
    let clock: WardenClock

    init() throws {
        directory = makeScratchFolder("identity-tests")
        store = try Store(path: directory + "/warden.sqlite")
        let time = self.time
        clock = WardenClock(source: { time.now })
    }

    /// A directory on this store with the standard account (root key test/test).
    func directory(config: IdentityConfig = .standard(accountId: "123456789012", accessKeyId: "test", secretAccessKey: "test")) throws -> IdentityDirectory {
        let directory = try IdentityDirectory(store: store, clock: clock)
        try ConfigApplier.apply(config, to: directory)
        return directory
    }

    /// Closes and reopens the database (a restart).
    func reopen() throws {
        store.close()
        store = try Store(path: directory + "/warden.sqlite")
    }

    deinit {
        store.close()
        removeScratchFolder(directory)
    }
}

let account1 = "123456789012"
let account2 = "210987654321"

func trust(_ principal: String) -> String {
    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":["sts:AssumeRole","sts:TagSession"]}]}"#
}

func allow(_ action: String, _ resource: String = "*") -> String {
    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":"\#(resource)"}]}"#
}

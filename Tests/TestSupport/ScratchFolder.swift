import Foundation

/// A fresh private folder for one test's files (a database, trails, backups), in memory-backed
/// storage when the machine has it; the caller removes it with `removeScratchFolder`.
package func makeScratchFolder(_ prefix: String) -> String {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = base + "/warden-\(prefix)-\(getpid())-\(UUID().uuidString.prefix(8))"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Removes a folder made by `makeScratchFolder` and everything in it.
package func removeScratchFolder(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

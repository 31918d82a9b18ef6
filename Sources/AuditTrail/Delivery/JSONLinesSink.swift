import Foundation

/// The `--audit-log` stream: every record, one JSON object a line, whatever the selectors —
/// a file appended to, or standard output with `-`. Written by the audit writer thread only.
final class JSONLinesSink {
    let handle: FileHandle
    let closeAtEnd: Bool

    init(path: String) throws {
        if path == "-" {
            handle = FileHandle.standardOutput
            closeAtEnd = false
        } else {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            guard let h = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
            h.seekToEndOfFile()
            handle = h
            closeAtEnd = true
        }
    }

    func write(_ records: [CloudTrailRecord]) {
        guard !records.isEmpty else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * 600)
        for r in records {
            bytes += r.bytes
            bytes.append(0x0A)
        }
        handle.write(Data(bytes))
    }

    func close() {
        if closeAtEnd {
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                auditLog.error("cannot close the audit log", metadata: ["error": .string(String(describing: error))])
            }
        }
    }
}

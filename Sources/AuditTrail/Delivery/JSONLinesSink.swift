import FoundationEssentials
import WardenSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `--audit-log` stream: every record, one JSON object a line, whatever the selectors —
/// a file appended to, or standard output with `-`. Written by the audit writer thread only.
final class JSONLinesSink {
    let handle: OutputFile
    let closeAtEnd: Bool

    init(path: String) throws {
        if path == "-" {
            handle = OutputFile.standardOutput
            closeAtEnd = false
        } else {
            let folder = PathText.folder(of: path)
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            guard let h = OutputFile(appendingTo: path) else { throw CocoaError(.fileWriteNoPermission) }
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
        handle.write(bytes)
    }

    func close() {
        if closeAtEnd {
            if !handle.synchronize() || !handle.close() {
                auditLog.error("cannot close the audit log", metadata: ["error": .string("errno \(errno)")])
            }
        }
    }
}

import FoundationEssentials
import Logging
import Synchronization
import WardenSupport

/// swift-log's handler for `warden serve`: one line per entry on standard error, as `text` or
/// `json` (`--log-format`), at `--log-level` and above.
public struct WardenLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let label: String
    let format: LogFormat

    public init(label: String, format: LogFormat, level: Logger.Level) {
        self.label = label
        self.format = format
        logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Fields in this order first (the access line's), then any others by name.
    static let order = ["requestId", "method", "path", "operation", "principal", "decision", "status", "errorCode", "latencyMs"]

    static func fields(_ metadata: Logger.Metadata) -> [(String, LogValue)] {
        var out: [(String, LogValue)] = []
        for name in order { if let value = metadata[name] { out.append((name, LogValue(value))) } }
        for name in metadata.keys.sorted() where !order.contains(name) { out.append((name, LogValue(metadata[name]!))) }
        return out
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let line = LogLine.render(format: format, time: Date().timeIntervalSince1970, level: event.level, label: label,
                                  message: event.message.description, fields: Self.fields(all))
        LogOutput.write(line)
    }
}

/// Standard error, one whole line per write (lines from several threads never interleave).
enum LogOutput {
    static let lock = Mutex(())

    static func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        lock.withLock { _ in OutputFile.standardError.write(bytes) }
    }
}

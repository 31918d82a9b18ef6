#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file (or standard stream) written through its descriptor: what `FileHandle` gave the
/// server and the CLI, without loading Foundation at start-up. Writes are whole (a short write
/// continues; an interrupted one is retried); a failing write is dropped, as there is nowhere
/// better to report it.
public final class OutputFile: @unchecked Sendable {
    public let descriptor: Int32
    private let owned: Bool

    public static let standardOutput = OutputFile(descriptor: 1, owned: false)
    public static let standardError = OutputFile(descriptor: 2, owned: false)

    private init(descriptor: Int32, owned: Bool) {
        self.descriptor = descriptor
        self.owned = owned
    }

    /// Opens `path` for appending, creating it (mode 0666 less the umask, as Foundation made files) when missing.
    public init?(appendingTo path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return nil }
        descriptor = fd
        owned = true
    }

    deinit {
        if owned { _ = closeDescriptor() }
    }

    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Self.writeAll(descriptor, $0) }
    }

    @discardableResult
    public func write(_ text: String) -> Bool { write(Array(text.utf8)) }

    /// Flushes the file's data to the device (fsync).
    public func synchronize() -> Bool { fsync(descriptor) == 0 }

    private var closed = false

    /// Closes an opened file (the standard streams stay open).
    @discardableResult
    public func close() -> Bool {
        guard owned else { return true }
        return closeDescriptor()
    }

    private func closeDescriptor() -> Bool {
        guard !closed else { return true }
        closed = true
        #if canImport(Darwin)
        return Darwin.close(descriptor) == 0
        #elseif canImport(Musl)
        return Musl.close(descriptor) == 0
        #else
        return Glibc.close(descriptor) == 0
        #endif
    }

    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            #if canImport(Darwin)
            let n = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            #elseif canImport(Musl)
            let n = Musl.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            #else
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Writes `bytes` as the whole content of `path` (created with mode 0666 less the umask,
    /// or truncated) and flushes it to the device before returning true.
    public static func writeDurably(_ bytes: [UInt8], to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return false }
        let file = OutputFile(descriptor: fd, owned: true)
        return file.write(bytes) && file.synchronize() && file.close()
    }
}

/// Path text, as `NSString`'s path methods split it (slash-separated, POSIX).
public enum PathText {
    /// Everything before the last component: "a/b/c" → "a/b", "/c" → "/", "c" → "".
    public static func folder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        var folder = trimmed[..<slash]
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        return String(folder)
    }

    /// The last component: "a/b/c" → "c", "a/b/" → "b", "/" → "/".
    public static func lastComponent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard trimmed != "/", let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }
}

extension PathText {
    /// The folder for temporary files with a trailing slash: `TMPDIR`, else `/tmp/` (as
    /// Foundation's `NSTemporaryDirectory()` answered).
    public static var temporaryFolder: String {
        if let value = getenv("TMPDIR") {
            let text = String(cString: value)
            if !text.isEmpty { return text.hasSuffix("/") ? text : text + "/" }
        }
        return "/tmp/"
    }
}

import WardenSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-data-directory master secret: 32 random bytes in a file beside the database
/// (created with mode 0600 at first start). KMS key material is stored wrapped under it, so
/// a copied database alone reveals no key.
public enum MasterSecret {
    public static let fileName = "kms-master.key"

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .unreadable(let path): return "cannot read or create the KMS master secret \(path)"
            case .malformed(let path): return "the KMS master secret \(path) is not 64 hexadecimal digits"
            }
        }
    }

    /// Reads the secret in `directory`, creating it if there is none.
    public static func load(directory: String) throws -> [UInt8] {
        let path = directory + "/" + fileName
        if let text = read(path) {
            guard let bytes = Hex.decode(text.trimmingSpaces()), bytes.count == 32 else { throw Failure.malformed(path) }
            return bytes
        }
        let secret = SecureRandom.bytes(32)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            // Another process created it first: read theirs.
            if let text = read(path), let bytes = Hex.decode(text.trimmingSpaces()), bytes.count == 32 { return bytes }
            throw Failure.unreadable(path)
        }
        let text = Array((Hex.encode(secret) + "\n").utf8)
        let written = text.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == text.count else { throw Failure.unreadable(path) }
        return secret
    }

    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBufferPointer { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\n" || c == "\r" || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\n" || c == "\r" || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}

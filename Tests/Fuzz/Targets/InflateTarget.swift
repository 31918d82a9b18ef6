import AuditTrail

/// The hand-written DEFLATE/gzip decoder (`warden trail validate` reads files an attacker
/// may have written): any bytes inflate or fail cleanly within the output cap, and what our
/// own compressor writes inflates back to the input.
enum InflateTarget {
    static let target = FuzzTarget(name: "inflate") { bytes in
        if let (output, end) = try? Inflate.decompress(bytes) {
            check(end <= bytes.count, "inflate read past its input")
            check(output.count <= Inflate.maxOutputBytes, "inflate wrote past its cap")
        }
        _ = try? Gzip.decompress(bytes)
        let deflated = Deflate.compress(bytes)
        check((try? Inflate.decompress(deflated).output) == bytes, "deflate → inflate changed the bytes")
        check((try? Gzip.decompress(Gzip.compress(bytes))) == bytes, "gzip → gunzip changed the bytes")
    }
}

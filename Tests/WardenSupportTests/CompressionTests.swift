import Testing
import WardenSupport

@Suite struct GzipTests {
    func roundTrip(_ bytes: [UInt8]) throws {
        #expect(try Gzip.decompress(Gzip.compress(bytes)) == bytes)
        #expect(try Deflate.decompress(Deflate.compress(bytes), maxOutputBytes: bytes.count) == bytes)
    }

    @Test func roundTripsTextBinaryAndEdgeCases() throws {
        try roundTrip([])
        try roundTrip([42])
        try roundTrip(Array(repeating: 7, count: 100_000))
        var rng = SystemRandomNumberGenerator()
        try roundTrip((0..<70_000).map { _ in UInt8.random(in: 0...255, using: &rng) })
        let json = (0..<2000).map { #"{"eventName":"GetItem","key":{"id":"\#($0)"},"eventTime":"2024-01-01T00:00:00Z"}"# }.joined(separator: ",")
        try roundTrip(Array(json.utf8))
    }

    @Test func compressesJSON() {
        let json = Array((0..<2000).map { #"{"eventName":"GetItem","requestParameters":{"tableName":"orders","key":{"id":"\#($0)"}}}"# }.joined().utf8)
        #expect(Gzip.compress(json).count * 5 < json.count)
        #expect(Deflate.compress(json, level: 1).count * 5 < json.count)
    }

    @Test func headerAndTrailerAreGzips() {
        let out = Gzip.compress(Array("hello".utf8))
        #expect(Array(out.prefix(3)) == [0x1F, 0x8B, 0x08])
        #expect(Array(out.suffix(8)) == littleEndian(CRC32.checksum(Array("hello".utf8))) + [5, 0, 0, 0])
        // RFC 1950: CMF 0x78 (DEFLATE, 32 KB window), and CMF·256 + FLG divisible by 31.
        let z = Deflate.compress(Array("hello".utf8))
        #expect(z[0] == 0x78 && (Int(z[0]) * 256 + Int(z[1])) % 31 == 0)
    }

    @Test func corruptionIsDetected() {
        var out = Gzip.compress(Array(String(repeating: "audit ", count: 200).utf8))
        out[out.count - 6] ^= 0xFF  // the CRC
        #expect(throws: CompressionFailure(.corrupt, "incorrect data check")) { try Gzip.decompress(out) }
        #expect(throws: CompressionFailure(.corrupt, "incorrect header check")) { try Gzip.decompress([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) }
        #expect(throws: CompressionFailure(.corrupt, "not a gzip file")) { try Gzip.decompress([]) }
        #expect(throws: CompressionFailure(.corrupt, "unexpected end of compressed data")) { try Deflate.decompress([], maxOutputBytes: 10) }
        // Gzip bytes are not a zlib stream, nor the other way round.
        #expect(throws: CompressionFailure.self) { try Deflate.decompress(Gzip.compress([1, 2, 3]), maxOutputBytes: 10) }
        #expect(throws: CompressionFailure.self) { try Gzip.decompress(Deflate.compress([1, 2, 3])) }
    }

    @Test func aTruncatedStreamIsCorrupt() {
        let body = Array(#"{"TableName":"t","Item":{"p":{"S":"x"}}}"#.utf8)
        #expect(throws: CompressionFailure(.corrupt, "unexpected end of compressed data")) { try Gzip.decompress(Array(Gzip.compress(body).dropLast())) }
        #expect(throws: CompressionFailure(.corrupt, "unexpected end of compressed data")) {
            try Deflate.decompress(Array(Deflate.compress(body).dropLast()), maxOutputBytes: 1000)
        }
    }

    @Test func concatenatedMembersAreOneFile() throws {
        let joined = Gzip.compress(Array("hello, ".utf8)) + Gzip.compress(Array("world".utf8))
        #expect(try Gzip.decompress(joined) == Array("hello, world".utf8))
        #expect(try Gzip.decompress(joined, trailing: .ignored) == Array("hello, world".utf8))
    }

    @Test func trailingJunkIsRejectedOrIgnoredAsAsked() throws {
        let junk = Gzip.compress(Array("hello".utf8)) + Array("junk".utf8)
        #expect(throws: CompressionFailure(.corrupt, "incorrect header check")) { try Gzip.decompress(junk) }
        #expect(try Gzip.decompress(junk, trailing: .ignored) == Array("hello".utf8))
        // A zlib stream ends where it ends: a second one after it is not read.
        let two = Deflate.compress(Array("hello".utf8)) + Deflate.compress(Array("world".utf8))
        #expect(try Deflate.decompress(two, maxOutputBytes: 100) == Array("hello".utf8))
    }

    /// A bomb: 20 MB of one byte compresses to about 20 KB.
    @Test func theOutputCapHolds() throws {
        let big = [UInt8](repeating: 0x20, count: 20 << 20)
        let gz = Gzip.compress(big), z = Deflate.compress(big)
        #expect(gz.count < 30_000 && z.count < 30_000)
        #expect(throws: CompressionFailure(.tooLarge, "decompressed data larger than 16777216 bytes")) { try Gzip.decompress(gz, maxOutputBytes: 16 << 20) }
        #expect(throws: CompressionFailure(.tooLarge, "decompressed data larger than 16777216 bytes")) { try Deflate.decompress(z, maxOutputBytes: 16 << 20) }
        // Exactly at the cap is fine; one byte under it is not.
        #expect(try Gzip.decompress(gz, maxOutputBytes: 20 << 20).count == 20 << 20)
        #expect(try Deflate.decompress(z, maxOutputBytes: 20 << 20).count == 20 << 20)
        #expect(throws: CompressionFailure(.tooLarge, "decompressed data larger than 20971519 bytes")) { try Gzip.decompress(gz, maxOutputBytes: (20 << 20) - 1) }
        // The cap counts every member together.
        let twice = Gzip.compress([UInt8](repeating: 1, count: 600)) + Gzip.compress([UInt8](repeating: 2, count: 600))
        #expect(throws: CompressionFailure(.tooLarge, "decompressed data larger than 1000 bytes")) { try Gzip.decompress(twice, maxOutputBytes: 1000) }
    }

    @Test func inflatesStoredAndDynamicHuffmanBlocks() throws {
        let hello = Array("hello".utf8)
        let header: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3]
        let stored: [UInt8] = header + [0x01, 0x05, 0x00, 0xFA, 0xFF] + hello + littleEndian(CRC32.checksum(hello)) + [5, 0, 0, 0]
        #expect(try Gzip.decompress(stored) == hello)
        // zlib level 9's raw DEFLATE of this text is one dynamic-Huffman block.
        let text = "zeta gamma eta alpha beta beta zeta alpha delta alpha beta eta eta beta delta beta eta alpha beta delta alpha eta alpha delta alpha gamma eps eta gamma beta eps gamma beta delta zeta beta beta alpha delta theta eta zeta theta theta zeta eps delta gamma delta beta eps theta zeta theta eps beta beta eta gamma zeta gamma theta eta alpha beta zeta zeta zeta theta theta beta beta eps theta beta alpha eps theta eps eta zeta alpha theta zeta gamma beta theta alpha delta eps gamma delta eta eta theta beta gamma theta eta eps gamma eta eps eta zeta eta delta gamma beta gamma gamma delta delta alpha theta gamma eps eps alpha gamma"
        let dynamic: [UInt8] = [0x6D, 0x91, 0x4B, 0x0E, 0xC4, 0x30, 0x08, 0x43, 0xAF, 0x92, 0xAB, 0xA5, 0x9A, 0x6A, 0xBA, 0x68, 0xA5, 0x4A, 0xD3, 0x15, 0xA7, 0x9F, 0x34, 0x4E, 0xE2, 0xD7, 0xCF, 0x02, 0x04, 0x04, 0x6C, 0x07, 0x62, 0x3E, 0x72, 0xFA, 0xE6, 0x6D, 0xCB, 0xE9, 0x8C, 0xF2, 0xBA, 0x2F, 0x39, 0x4D, 0x67, 0x58, 0x5D, 0xB8, 0xF8, 0x99, 0xD7, 0x6B, 0x43, 0xB7, 0x9A, 0xE8, 0x75, 0xD4, 0xD1, 0xC6, 0xB9, 0x77, 0xB4, 0x46, 0xBF, 0xFF, 0x92, 0xC5, 0x08, 0xA9, 0x94, 0x90, 0x6A, 0x26, 0x06, 0xE7, 0x74, 0x87, 0x3B, 0x96, 0xCE, 0x5F, 0x9B, 0x94, 0xCA, 0x47, 0xC7, 0x53, 0xA7, 0x50, 0x29, 0xBA, 0x3C, 0xA1, 0xB3, 0x21, 0x95, 0xA2, 0x99, 0x2C, 0x2E, 0x1C, 0x9A, 0x12, 0x5F, 0x8E, 0xAB, 0xA3, 0x0E, 0xC0, 0x0D, 0x46, 0xFC, 0xC3, 0xC5, 0xBE, 0x0E, 0x5C, 0x00, 0xFA, 0xB0, 0x15, 0x55, 0xB9, 0x06, 0xAF, 0xAD, 0xE5, 0xCD, 0xC0, 0x76, 0x17, 0xEF, 0x91, 0x07, 0xB7, 0x37, 0x0F, 0x52, 0x85, 0x24, 0xE1, 0x41, 0x85, 0x8B, 0xB3, 0x16, 0xC3, 0xA9, 0xFF]
        #expect(dynamic[0] >> 1 & 3 == 2)
        let member = header + dynamic + littleEndian(CRC32.checksum(Array(text.utf8))) + littleEndian(UInt32(text.utf8.count))
        #expect(try Gzip.decompress(member) == Array(text.utf8))
    }

    @Test func crcUpdatesChain() {
        let all = Array("The quick brown fox jumps over the lazy dog".utf8)
        let first = all.prefix(10).withUnsafeBytes { CRC32.checksum($0) }
        let chained = all.dropFirst(10).withUnsafeBytes { CRC32.update(first, with: $0) }
        #expect(chained == CRC32.checksum(all))
    }

    func littleEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
    }
}

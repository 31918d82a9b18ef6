import Foundation
import Testing
@testable import AuditTrail

@Suite struct GzipTests {
    func roundTrip(_ bytes: [UInt8]) throws {
        let compressed = Gzip.compress(bytes)
        #expect(try Gzip.decompress(compressed) == bytes)
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
    }

    @Test func headerAndTrailerAreGzips() {
        let out = Gzip.compress(Array("hello".utf8))
        #expect(Array(out.prefix(3)) == [0x1F, 0x8B, 0x08])
        #expect(Array(out.suffix(4)) == [5, 0, 0, 0])
    }

    @Test func corruptionIsDetected() {
        var out = Gzip.compress(Array(String(repeating: "audit ", count: 200).utf8))
        out[out.count - 6] ^= 0xFF  // the CRC
        #expect(throws: Inflate.Failure.self) { try Gzip.decompress(out) }
        #expect(throws: Inflate.Failure.self) { try Gzip.decompress([1, 2, 3]) }
    }

    @Test func inflatesStoredAndDynamicHuffmanBlocks() throws {
        let stored: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3, 0x01, 0x05, 0x00, 0xFA, 0xFF] + Array("hello".utf8)
            + Gzip.littleEndian(GzipCRC32.checksum(Array("hello".utf8))) + [5, 0, 0, 0]
        #expect(try Gzip.decompress(stored) == Array("hello".utf8))
        // zlib level 9's raw DEFLATE of this text is one dynamic-Huffman block.
        let text = "zeta gamma eta alpha beta beta zeta alpha delta alpha beta eta eta beta delta beta eta alpha beta delta alpha eta alpha delta alpha gamma eps eta gamma beta eps gamma beta delta zeta beta beta alpha delta theta eta zeta theta theta zeta eps delta gamma delta beta eps theta zeta theta eps beta beta eta gamma zeta gamma theta eta alpha beta zeta zeta zeta theta theta beta beta eps theta beta alpha eps theta eps eta zeta alpha theta zeta gamma beta theta alpha delta eps gamma delta eta eta theta beta gamma theta eta eps gamma eta eps eta zeta eta delta gamma beta gamma gamma delta delta alpha theta gamma eps eps alpha gamma"
        let dynamic: [UInt8] = [0x6D, 0x91, 0x4B, 0x0E, 0xC4, 0x30, 0x08, 0x43, 0xAF, 0x92, 0xAB, 0xA5, 0x9A, 0x6A, 0xBA, 0x68, 0xA5, 0x4A, 0xD3, 0x15, 0xA7, 0x9F, 0x34, 0x4E, 0xE2, 0xD7, 0xCF, 0x02, 0x04, 0x04, 0x6C, 0x07, 0x62, 0x3E, 0x72, 0xFA, 0xE6, 0x6D, 0xCB, 0xE9, 0x8C, 0xF2, 0xBA, 0x2F, 0x39, 0x4D, 0x67, 0x58, 0x5D, 0xB8, 0xF8, 0x99, 0xD7, 0x6B, 0x43, 0xB7, 0x9A, 0xE8, 0x75, 0xD4, 0xD1, 0xC6, 0xB9, 0x77, 0xB4, 0x46, 0xBF, 0xFF, 0x92, 0xC5, 0x08, 0xA9, 0x94, 0x90, 0x6A, 0x26, 0x06, 0xE7, 0x74, 0x87, 0x3B, 0x96, 0xCE, 0x5F, 0x9B, 0x94, 0xCA, 0x47, 0xC7, 0x53, 0xA7, 0x50, 0x29, 0xBA, 0x3C, 0xA1, 0xB3, 0x21, 0x95, 0xA2, 0x99, 0x2C, 0x2E, 0x1C, 0x9A, 0x12, 0x5F, 0x8E, 0xAB, 0xA3, 0x0E, 0xC0, 0x0D, 0x46, 0xFC, 0xC3, 0xC5, 0xBE, 0x0E, 0x5C, 0x00, 0xFA, 0xB0, 0x15, 0x55, 0xB9, 0x06, 0xAF, 0xAD, 0xE5, 0xCD, 0xC0, 0x76, 0x17, 0xEF, 0x91, 0x07, 0xB7, 0x37, 0x0F, 0x52, 0x85, 0x24, 0xE1, 0x41, 0x85, 0x8B, 0xB3, 0x16, 0xC3, 0xA9, 0xFF]
        #expect(dynamic[0] >> 1 & 3 == 2)
        #expect(try Inflate.decompress(dynamic).output == Array(text.utf8))
    }
}

@Suite struct ObjectLayoutTests {
    @Test func logFileNames() {
        let key = ObjectLayout.logFileKey(prefix: "audit", account: account, region: region, time: 1_439_822_700, uniqueID: "9nYN7gp2eWAJHIfT")
        #expect(key == "audit/AWSLogs/123456789012/CloudTrail/us-east-1/2015/08/17/123456789012_CloudTrail_us-east-1_20150817T1445Z_9nYN7gp2eWAJHIfT.json.gz")
        #expect(ObjectLayout.logFileKey(prefix: nil, account: account, region: region, time: 0, uniqueID: "x").hasPrefix("AWSLogs/"))
        let id = ObjectLayout.uniqueID()
        #expect(id.count == 16 && id.allSatisfy { $0.isLetter || $0.isNumber })
    }

    @Test func digestNames() {
        let key = ObjectLayout.digestKey(prefix: nil, account: account, region: region, trailName: "shop-trail", homeRegion: region, endTime: 1_439_823_691)
        #expect(key == "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2015/08/17/123456789012_CloudTrail-Digest_us-east-1_shop-trail_us-east-1_20150817T150131Z.json.gz")
        #expect(ObjectLayout.isDigestName(String(key.split(separator: "/").last!)))
        #expect(!ObjectLayout.isLogName(String(key.split(separator: "/").last!)))
    }
}

@Suite struct CRCAndIdTests {
    @Test func crc32MatchesTheStandard() {
        #expect(GzipCRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(GzipCRC32.checksum([]) == 0)
        let long = Array("The quick brown fox jumps over the lazy dog".utf8)
        #expect(GzipCRC32.checksum(long) == 0x414F_A339)
    }

    @Test func eventIdsAreVersion4UUIDs() {
        let ids = (0..<1000).map { _ in UUIDs.make() }
        #expect(Set(ids).count == 1000)
        for id in ids.prefix(20) {
            let chars = Array(id)
            #expect(chars.count == 36 && chars[8] == "-" && chars[13] == "-" && chars[18] == "-" && chars[23] == "-")
            #expect(chars[14] == "4" && "89ab".contains(chars[19]))
            #expect(UUID(uuidString: id) != nil)
        }
    }
}

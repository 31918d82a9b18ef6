import Testing
import WardenSupport

struct CRC32Tests {
    /// Values from Python's `zlib.crc32`.
    @Test(arguments: [
        ("", 0 as UInt32), ("a", 3_904_355_907), ("abc", 891_568_578), ("123456789", 3_421_780_262),
        ("The quick brown fox jumps over the lazy dog", 1_095_738_169), ("{}", 2_745_614_147),
        (#"{"TableNames":[]}"#, 1_315_925_753),
    ])
    func knownStrings(_ text: String, _ crc: UInt32) {
        #expect(CRC32.checksum(Array(text.utf8)) == crc)
    }

    /// Lengths around the 8-byte stride of slicing-by-8 (bytes (31·i + 7) mod 256; zlib.crc32).
    @Test(arguments: [
        (0, 0 as UInt32), (1, 1_281_784_366), (7, 1_044_920_610), (8, 2_807_432_232), (9, 3_390_242_558),
        (15, 2_407_004_859), (16, 104_245_397), (17, 1_907_939_665), (63, 2_034_968_221), (64, 2_227_724_424),
        (65, 887_454_700), (1000, 2_298_615_326), (4099, 3_996_756_428),
    ])
    func strideBoundaries(_ length: Int, _ crc: UInt32) {
        let bytes = (0..<length).map { UInt8(($0 * 31 + 7) % 256) }
        #expect(CRC32.checksum(bytes) == crc)
    }

    /// zlib's version agrees with the bitwise definition on random input.
    @Test func agreesWithBitwiseReference() {
        func reference(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                crc ^= UInt32(b)
                for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }
        var g = SystemRandomNumberGenerator()
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &g) }
            #expect(CRC32.checksum(bytes) == reference(bytes))
        }
    }
}

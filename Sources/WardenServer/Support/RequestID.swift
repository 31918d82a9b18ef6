/// Request ids in DynamoDB's shape: 52 characters of A–Z and 0–9.
enum RequestID {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 52)
        for i in 0..<52 { bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        return String(decoding: bytes, as: UTF8.self)
    }
}

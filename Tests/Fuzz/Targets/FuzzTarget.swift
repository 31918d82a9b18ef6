import Foundation

/// One fuzz target: a name, and a function that must neither crash nor break its stated
/// invariants (`check` stops the process with a message, which libFuzzer reports as a crash
/// and keeps the input) for any bytes at all.
struct FuzzTarget: Sendable {
    let name: String
    let run: @Sendable ([UInt8]) -> Void

    static let all: [FuzzTarget] = [
        JSONTarget.target, ExpressionTarget.target, PolicyTarget.target, SigV4Target.target, FormTarget.target,
        InflateTarget.target, RecordTarget.target, PipelineTarget.target, PartiQLTarget.target,
    ]

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}

/// An invariant every input must keep.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    guard !condition() else { return }
    FileHandle.standardError.write(Data("invariant broken at \(file):\(line): \(message())\n".utf8))
    abort()
}

/// Inputs with several parts separate them with a line holding only `%%` (seed files stay
/// readable text; libFuzzer's mutations still reach every part).
func parts(_ bytes: [UInt8], count: Int) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var current: [UInt8] = []
    let separator: [UInt8] = Array("\n%%\n".utf8)
    var i = 0
    while i < bytes.count {
        if out.count < count - 1, i + separator.count <= bytes.count, bytes[i..<(i + separator.count)].elementsEqual(separator) {
            out.append(current)
            current = []
            i += separator.count
            continue
        }
        current.append(bytes[i])
        i += 1
    }
    out.append(current)
    while out.count < count { out.append([]) }
    return out
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

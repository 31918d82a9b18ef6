import Foundation

/// libFuzzer's entry point. The target is chosen by `WARDEN_FUZZ_TARGET` (scripts/fuzz sets it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    Fuzzing.target.run(bytes)
    return 0
}

enum Fuzzing {
    static let target: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["WARDEN_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget.named(name) else {
            let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
            FileHandle.standardError.write(Data("set WARDEN_FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }()
}

#if WARDEN_FUZZ
/// libFuzzer's driver, called from the executable's entry point (SwiftPM links an
/// executable's `main` to `warden_fuzz_main`, so libFuzzer's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@_cdecl("warden_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
}
#else
/// Without libFuzzer (a plain build): replays files through a target, so the corpora and the
/// kept crashing inputs run in every test run.
///
///     warden-fuzz TARGET FILE_OR_FOLDER...
///     warden-fuzz --all Tests/Fuzz            # every target over its Corpus/ and Regressions/ folders
@main
struct Replay {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        if args.first == "--all", args.count == 2 {
            var total = 0
            for target in FuzzTarget.all {
                for kind in ["Corpus", "Regressions"] {
                    total += replay(target, paths: ["\(args[1])/\(kind)/\(target.name)"], quiet: true)
                }
            }
            print("replayed \(total) inputs through \(FuzzTarget.all.count) targets")
            return
        }
        guard args.count >= 2, let target = FuzzTarget.named(args[0]) else {
            print("usage: warden-fuzz TARGET FILE_OR_FOLDER... | warden-fuzz --all FUZZ_DIR")
            print("targets: " + FuzzTarget.all.map(\.name).joined(separator: ", "))
            exit(2)
        }
        print("replayed \(replay(target, paths: Array(args.dropFirst()), quiet: false)) inputs")
    }

    static func replay(_ target: FuzzTarget, paths: [String], quiet: Bool) -> Int {
        var count = 0
        let files = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let entries = isDirectory.boolValue
                ? ((try? files.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(path)/\($0)" } : [path]
            for file in entries where !file.hasSuffix(".md") {
                guard let data = files.contents(atPath: file) else { continue }
                if !quiet { print("\(target.name): \(file)") }
                target.run(Array(data))
                count += 1
            }
        }
        return count
    }
}
#endif

import Testing
import WardenSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Percent-encoding, path text, output files, threads")
struct TextAndFilesTests {
    @Test("percent-encoding keeps the unreserved characters and escapes UTF-8 bytes")
    func encode() {
        #expect(PercentEncoding.encode("a-b._~Z9") == "a-b._~Z9")
        #expect(PercentEncoding.encode("a b/c:é&=+") == "a%20b%2Fc%3A%C3%A9%26%3D%2B")
    }

    @Test("percent-decoding: escapes in either case, + kept, malformed or non-UTF-8 is nil")
    func decode() {
        #expect(PercentEncoding.decode("a%20b%2fc+%C3%A9") == "a b/c+é")
        #expect(PercentEncoding.decode("plain") == "plain")
        #expect(PercentEncoding.decode("bad%2") == nil)
        #expect(PercentEncoding.decode("bad%zz") == nil)
        #expect(PercentEncoding.decode("%FF") == nil)
    }

    @Test("path text splits as NSString did")
    func paths() {
        #expect(PathText.folder(of: "a/b/c") == "a/b")
        #expect(PathText.folder(of: "/c") == "/")
        #expect(PathText.folder(of: "c") == "")
        #expect(PathText.folder(of: "a/b/") == "a")
        #expect(PathText.lastComponent(of: "a/b/c.json.gz") == "c.json.gz")
        #expect(PathText.lastComponent(of: "a/b/") == "b")
        #expect(PathText.lastComponent(of: "/") == "/")
        #expect(PathText.temporaryFolder.hasSuffix("/"))
    }

    @Test("output files append, and durable writes replace the whole content")
    func files() throws {
        let path = PathText.temporaryFolder + "warden-output-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path) }
        #expect(OutputFile.writeDurably(Array("first version, longer\n".utf8), to: path))
        #expect(OutputFile.writeDurably(Array("second\n".utf8), to: path))
        let file = try #require(OutputFile(appendingTo: path))
        #expect(file.write("third\n"))
        #expect(file.synchronize())
        #expect(file.close())
        #expect(contents(path) == "second\nthird\n")
        #expect(OutputFile(appendingTo: "/nonexistent-folder/x") == nil)
    }

    func contents(_ path: String) -> String {
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out += buffer[..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test("a started thread runs, a condition wakes its waiter, a lock serializes")
    func threads() {
        let condition = ConditionLock()
        let counter = Lock()
        nonisolated(unsafe) var done = false
        nonisolated(unsafe) var total = 0
        Threads.start(name: "warden-test-thread-with-a-long-name") {
            for _ in 0..<1000 { counter.withLock { total += 1 } }
            condition.lock()
            done = true
            condition.signal()
            condition.unlock()
        }
        for _ in 0..<1000 { counter.withLock { total += 1 } }
        condition.lock()
        while !done { condition.wait() }
        condition.unlock()
        #expect(counter.withLock { total } == 2000)
    }
}

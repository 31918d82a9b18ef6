extension StringProtocol {
    /// The first place `needle` occurs, comparing UTF-8 bytes (no Unicode normalization):
    /// Foundation's `range(of:)` bridges through NSString and costs several microseconds on
    /// Linux, which is too much for work done on every request.
    public func utf8Range(of needle: String, from start: Index? = nil) -> Range<Index>? {
        let view = utf8
        let offset = start.map { view.distance(from: view.startIndex, to: $0) } ?? 0
        var pattern = needle
        pattern.makeContiguousUTF8()
        let search = { (haystack: UnsafeBufferPointer<UInt8>) -> Int? in
            pattern.utf8.withContiguousStorageIfAvailable { Self.firstOffset(of: $0, in: haystack, from: offset) } ?? nil
        }
        let hit = view.withContiguousStorageIfAvailable(search) ?? Array(view).withUnsafeBufferPointer(search)
        guard let hit else { return nil }
        let lower = view.index(view.startIndex, offsetBy: hit)
        return lower..<view.index(lower, offsetBy: needle.utf8.count)
    }

    /// Whether `needle` occurs, comparing UTF-8 bytes. The standard library's
    /// `contains(_:)` for strings (from _StringProcessing, without Foundation) builds a
    /// Character skip table per call: ~32,000 instructions for `":table/"` in an ARN
    /// (callgrind), where this costs a few hundred.
    public func containsUTF8(_ needle: String) -> Bool { utf8Range(of: needle) != nil }

    /// Not generic: called from a specialized `utf8Range` in another module, a generic here
    /// stayed unspecialized and cost ~25,000 instructions per search (callgrind).
    static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = pattern.count, m = haystack.count
        guard n > 0, start >= 0, m - start >= n else { return nil }
        let first = pattern[pattern.startIndex]
        var i = haystack.startIndex + start
        let last = haystack.startIndex + m - n
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < n && haystack[i + j] == pattern[pattern.startIndex + j] { j += 1 }
                if j == n { return i - haystack.startIndex }
            }
            i += 1
        }
        return nil
    }
}

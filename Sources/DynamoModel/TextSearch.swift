extension StringProtocol {
    /// The first place `needle` occurs, comparing UTF-8 bytes (no Unicode normalization):
    /// Foundation's `range(of:)` bridges through NSString and costs several microseconds on
    /// Linux, which is too much for work done on every request.
    public func utf8Range(of needle: String, from start: Index? = nil) -> Range<Index>? {
        let haystack = utf8, pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        var i = start ?? haystack.startIndex
        while let hit = haystack[i...].firstIndex(of: first) {
            var h = hit, matched = true
            for byte in pattern {
                guard h < haystack.endIndex, haystack[h] == byte else { matched = false; break }
                h = haystack.index(after: h)
            }
            if matched { return hit..<h }
            i = haystack.index(after: hit)
        }
        return nil
    }
}

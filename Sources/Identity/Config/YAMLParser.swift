/// A node of a YAML document, as config files use YAML: mappings, sequences and scalars.
/// A scalar remembers whether it was written plain (unquoted): only plain scalars can mean
/// null, a boolean or a number.
indirect enum YAMLNode: Sendable, Equatable {
    case scalar(String, plain: Bool)
    case sequence([YAMLNode])
    case mapping([(String, YAMLNode)])

    static let null = YAMLNode.scalar("", plain: true)

    static func == (a: YAMLNode, b: YAMLNode) -> Bool {
        switch (a, b) {
        case let (.scalar(x, p), .scalar(y, q)): return x == y && p == q
        case let (.sequence(x), .sequence(y)): return x == y
        case let (.mapping(x), .mapping(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

/// Why a YAML text could not be read, with its line (from 1).
struct YAMLError: Error, Sendable, CustomStringConvertible {
    var message: String
    var line: Int
    var description: String { "YAML line \(line): \(message)" }
}

/// Reads the part of YAML 1.2 that config files need: block mappings and sequences (compact
/// `- key: value` entries too), flow `[…]` and `{…}` (across lines), plain, single- and
/// double-quoted scalars (multi-line plain and double-quoted ones folded), literal `|` and
/// folded `>` block scalars with chomping indicators, comments, and `---`/`...` around one
/// document. Anchors, aliases, tags and complex keys are refused with the line they are on.
/// No Foundation: the server reads its config at start-up.
struct YAMLParser {
    private var lines: [[Character]]
    private var row = 0

    static func parse(_ text: String) throws(YAMLError) -> YAMLNode {
        var parser = YAMLParser(text)
        return try parser.document()
    }

    private init(_ text: String) {
        var split = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> [Character] in
            var chars = Array(line)
            if chars.last == "\r" { chars.removeLast() }
            return chars
        }
        if split.first?.first == "\u{FEFF}" { split[0].removeFirst() }
        lines = split
    }

    // MARK: Lines

    private func indent(_ r: Int) -> Int {
        var n = 0
        while n < lines[r].count && lines[r][n] == " " { n += 1 }
        return n
    }

    /// A line holding nothing but spaces or a comment.
    private func isBlank(_ r: Int) -> Bool {
        let n = indent(r)
        return n == lines[r].count || lines[r][n] == "#"
    }

    /// The next line with content, skipping blank and comment lines (nil at the end, and at
    /// a `---` or `...` line, which ends the document).
    private mutating func nextContent() -> Int? {
        while row < lines.count && isBlank(row) { row += 1 }
        guard row < lines.count else { return nil }
        return isDocumentMarker(row) ? nil : row
    }

    private func isDocumentMarker(_ r: Int) -> Bool {
        let line = lines[r]
        guard line.count >= 3, line[0] == line[1], line[1] == line[2], line[0] == "-" || line[0] == "." else { return false }
        return line.count == 3 || line[3] == " "
    }

    /// Refuses a line indented with a tab.
    private func checkIndentation(_ r: Int) throws(YAMLError) {
        if lines[r][indent(r)] == "\t" { throw error("tabs cannot indent YAML", r) }
    }

    private func error(_ message: String, _ r: Int? = nil) -> YAMLError {
        YAMLError(message: message, line: min(r ?? row, max(lines.count - 1, 0)) + 1)
    }

    // MARK: Document

    private mutating func document() throws(YAMLError) -> YAMLNode {
        // Directives and the start marker.
        while row < lines.count {
            if isBlank(row) { row += 1; continue }
            let r = row
            let text = String(lines[r])
            if text.hasPrefix("%") { row += 1; continue }
            if text == "---" || text.hasPrefix("--- ") {
                let rest = text.dropFirst(3).drop { $0 == " " }
                if rest.isEmpty || rest.first == "#" { row += 1 } else { lines[r] = Array(repeating: " ", count: 4) + Array(rest) }
            }
            break
        }
        guard nextContent() != nil else { return .null }
        let node = try block(minIndent: 0)
        if let r = nextContent() {
            throw error("unexpected content (a line indented less than its block)", r)
        }
        return node
    }

    /// The node starting at the next content line, indented at least `minIndent`.
    private mutating func block(minIndent: Int) throws(YAMLError) -> YAMLNode {
        guard let r = nextContent(), indent(r) >= minIndent else { return .null }
        let n = indent(r)
        try checkIndentation(r)
        if isSequenceEntry(r, at: n) { return try sequence(indent: n) }
        if try keyEnd(r, from: n) != nil { return try mapping(indent: n) }
        return try inlineValue(r, from: n, parentIndent: minIndent - 1)
    }

    private func isSequenceEntry(_ r: Int, at n: Int) -> Bool {
        n < lines[r].count && lines[r][n] == "-" && (n + 1 == lines[r].count || lines[r][n + 1] == " ")
    }

    // MARK: Block collections

    private mutating func sequence(indent n: Int) throws(YAMLError) -> YAMLNode {
        var items: [YAMLNode] = []
        while let r = nextContent(), indent(r) == n, isSequenceEntry(r, at: n) {
            try checkIndentation(r)
            var c = n + 1
            while c < lines[r].count && lines[r][c] == " " { c += 1 }
            if c == lines[r].count || lines[r][c] == "#" {
                row += 1
                items.append(try block(minIndent: n + 1))
            } else {
                // "- key: value": the entry's content is a node at its own column.
                lines[r] = Array(repeating: " ", count: c) + lines[r][c...]
                items.append(try block(minIndent: n + 1))
            }
        }
        if let r = nextContent(), indent(r) > n { throw error("bad indentation of a sequence entry", r) }
        return .sequence(items)
    }

    private mutating func mapping(indent n: Int) throws(YAMLError) -> YAMLNode {
        var members: [(String, YAMLNode)] = []
        while let r = nextContent(), indent(r) == n, !isSequenceEntry(r, at: n) {
            try checkIndentation(r)
            guard let (key, after) = try keyEnd(r, from: n) else {
                throw error("expected a key (\"name: value\") in a mapping", r)
            }
            var c = after
            while c < lines[r].count && lines[r][c] == " " { c += 1 }
            let value: YAMLNode
            if c == lines[r].count || lines[r][c] == "#" {
                row += 1
                if let next = nextContent(), indent(next) == n, isSequenceEntry(next, at: n) {
                    value = try sequence(indent: n)  // a sequence may sit at its key's indentation
                } else {
                    value = try block(minIndent: n + 1)
                }
            } else {
                value = try inlineValue(r, from: c, parentIndent: n)
            }
            members.append((key, value))
        }
        if let r = nextContent(), indent(r) > n { throw error("bad indentation of a mapping entry", r) }
        return .mapping(members)
    }

    /// When line `r` holds a block mapping key at column `c`: the key and the column after
    /// its colon.
    private func keyEnd(_ r: Int, from c: Int) throws(YAMLError) -> (String, Int)? {
        let line = lines[r]
        guard c < line.count else { return nil }
        switch line[c] {
        case "\"", "'":
            var reader = FlowReader(lines: lines, row: r, column: c)
            guard let key = try? reader.quoted() else { return nil }
            guard reader.row == r else { return nil }
            var e = reader.column
            while e < line.count && line[e] == " " { e += 1 }
            guard e < line.count, line[e] == ":", e + 1 == line.count || line[e + 1] == " " else { return nil }
            return (key, e + 1)
        case "[", "{", "#", "|", ">":
            return nil
        case "?":
            if c + 1 == line.count || line[c + 1] == " " { throw error("complex keys (\"? \") are not supported", r) }
        default:
            break
        }
        var e = c
        while e < line.count {
            if line[e] == "#" && e > c && line[e - 1] == " " { return nil }
            if line[e] == ":" && (e + 1 == line.count || line[e + 1] == " ") {
                var key = line[c..<e]
                while key.last == " " { key.removeLast() }
                return (String(key), e + 1)
            }
            e += 1
        }
        return nil
    }

    // MARK: Values on a line

    /// The value starting at column `c` of line `r` (a flow collection, a quoted or plain
    /// scalar, or a block scalar header); continuation lines must be indented more than
    /// `parentIndent`. Leaves `row` after the value.
    private mutating func inlineValue(_ r: Int, from c: Int, parentIndent: Int) throws(YAMLError) -> YAMLNode {
        let first = lines[r][c]
        switch first {
        case "|", ">":
            row = r + 1
            return .scalar(try blockScalar(header: lines[r][c...], headerRow: r, parentIndent: parentIndent), plain: false)
        case "&", "*", "!":
            throw error("anchors, aliases and tags are not supported", r)
        case "[", "{", "\"", "'":
            var reader = FlowReader(lines: lines, row: r, column: c)
            let node: YAMLNode
            do { node = try reader.value() } catch { throw error.located(lines) }
            reader.skipSpaceOnLine()
            if reader.row < lines.count, reader.column < lines[reader.row].count, lines[reader.row][reader.column] != "#" {
                throw YAMLError(message: "unexpected text after a value", line: reader.row + 1)
            }
            row = reader.row + 1
            return node
        default:
            // A plain scalar: to the end of the line (before a comment), folded with more
            // indented continuation lines.
            var text = plainText(lines[r][c...])
            row = r + 1
            while row < lines.count {
                if isBlank(row) {
                    // A blank line inside a multi-line plain scalar is a line break; a comment ends it.
                    let n = indent(row)
                    if n < lines[row].count { break }
                    var look = row + 1
                    while look < lines.count && isBlank(look) && indent(look) == lines[look].count { look += 1 }
                    guard look < lines.count, !isBlank(look), indent(look) > parentIndent, !startsNewEntry(look) else { break }
                    text += "\n"
                    row += 1
                    continue
                }
                let n = indent(row)
                guard n > parentIndent, !startsNewEntry(row) else { break }
                let more = plainText(lines[row][n...])
                if !text.hasSuffix("\n") && !text.isEmpty { text += " " }
                text += more
                row += 1
            }
            return .scalar(text, plain: true)
        }
    }

    /// A more indented line that would start a key or an entry ends a plain scalar instead of
    /// continuing it (YAML would refuse the text either way).
    private func startsNewEntry(_ r: Int) -> Bool {
        let n = indent(r)
        return isSequenceEntry(r, at: n) || ((try? keyEnd(r, from: n)) ?? nil) != nil
    }

    private func plainText(_ chars: ArraySlice<Character>) -> String {
        var end = chars.endIndex
        var i = chars.startIndex
        while i < chars.endIndex {
            if chars[i] == "#" && i > chars.startIndex && chars[i - 1] == " " { end = i; break }
            i += 1
        }
        var text = chars[chars.startIndex..<end]
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    /// A `|` or `>` block scalar whose content lines follow `row`.
    private mutating func blockScalar(header: ArraySlice<Character>, headerRow: Int, parentIndent: Int) throws(YAMLError) -> String {
        let literal = header.first == "|"
        var chomp: Character = " "
        var explicitIndent: Int?
        for ch in plainText(header.dropFirst()) {
            switch ch {
            case "-", "+": chomp = ch
            case "1"..."9": explicitIndent = Int(String(ch))
            case " ": continue
            default: throw error("bad block scalar header", headerRow)
            }
        }
        // Content indentation: given, or that of the first non-empty line.
        var contentIndent = explicitIndent.map { max(parentIndent, 0) + $0 }
        var body: [String] = []
        var r = row
        while r < lines.count {
            let n = indent(r)
            let empty = n == lines[r].count
            if contentIndent == nil && !empty {
                guard n > parentIndent else { break }
                contentIndent = n
            }
            if empty {
                body.append(lines[r].count > (contentIndent ?? Int.max) ? String(lines[r][contentIndent!...]) : "")
                r += 1
                continue
            }
            guard let ci = contentIndent, n >= ci else { break }
            body.append(String(lines[r][ci...]))
            r += 1
        }
        row = r
        // Trailing empty lines belong to chomping.
        var trailing = 0
        while let last = body.last, last.isEmpty { body.removeLast(); trailing += 1 }
        var text: String
        if literal {
            text = body.joined(separator: "\n")
        } else {
            text = ""
            var previousNormal = false
            var pendingBreaks = 0
            for line in body {
                if line.isEmpty { pendingBreaks += 1; continue }
                let moreIndented = line.first == " " || line.first == "\t"
                if !text.isEmpty {
                    if pendingBreaks > 0 {
                        text += String(repeating: "\n", count: pendingBreaks + (previousNormal && !moreIndented ? 0 : 1))
                    } else {
                        text += previousNormal && !moreIndented ? " " : "\n"
                    }
                } else if pendingBreaks > 0 {
                    text += String(repeating: "\n", count: pendingBreaks)
                }
                pendingBreaks = 0
                text += line
                previousNormal = !moreIndented
            }
        }
        if body.isEmpty { return chomp == "+" ? String(repeating: "\n", count: trailing) : "" }
        switch chomp {
        case "-": return text
        case "+": return text + "\n" + String(repeating: "\n", count: trailing)
        default: return text + "\n"
        }
    }
}

/// Reads flow nodes (`[…]`, `{…}`, quoted and plain scalars inside them) across lines.
private struct FlowReader {
    let lines: [[Character]]
    var row: Int
    var column: Int

    struct Failure: Error {
        var message: String
        var row: Int
        func located(_ lines: [[Character]]) -> YAMLError { YAMLError(message: message, line: row + 1) }
    }

    init(lines: [[Character]], row: Int, column: Int) {
        self.lines = lines
        self.row = row
        self.column = column
    }

    private var current: Character? {
        guard row < lines.count, column < lines[row].count else { return nil }
        return lines[row][column]
    }

    private func peek(_ offset: Int) -> Character? {
        guard row < lines.count, column + offset < lines[row].count else { return nil }
        return lines[row][column + offset]
    }

    mutating func skipSpaceOnLine() {
        while current == " " || current == "\t" { column += 1 }
    }

    /// Spaces, line breaks and comments between flow tokens.
    private mutating func skipSpace() {
        while row < lines.count {
            skipSpaceOnLine()
            if current == nil || current == "#" {
                row += 1
                column = 0
                continue
            }
            return
        }
    }

    private func fail(_ message: String) -> Failure { Failure(message: message, row: min(row, lines.count - 1)) }

    mutating func value() throws(Failure) -> YAMLNode {
        skipSpace()
        guard let c = current else { throw fail("a value is missing") }
        switch c {
        case "[":
            column += 1
            var items: [YAMLNode] = []
            while true {
                skipSpace()
                if current == "]" { column += 1; return .sequence(items) }
                items.append(try value())
                skipSpace()
                if current == "," { column += 1; continue }
                if current == "]" { column += 1; return .sequence(items) }
                throw fail("expected \",\" or \"]\" in a flow sequence")
            }
        case "{":
            column += 1
            var members: [(String, YAMLNode)] = []
            while true {
                skipSpace()
                if current == "}" { column += 1; return .mapping(members) }
                let key: String
                switch try value() {
                case .scalar(let text, _): key = text
                default: throw fail("a flow mapping key must be a scalar")
                }
                skipSpace()
                var member = YAMLNode.null
                if current == ":" {
                    column += 1
                    skipSpace()
                    if current != "," && current != "}" { member = try value() }
                }
                members.append((key, member))
                skipSpace()
                if current == "," { column += 1; continue }
                if current == "}" { column += 1; return .mapping(members) }
                throw fail("expected \",\" or \"}\" in a flow mapping")
            }
        case "\"", "'":
            return .scalar(try quoted(), plain: false)
        case "&", "*", "!":
            throw fail("anchors, aliases and tags are not supported")
        default:
            return .scalar(plain(), plain: true)
        }
    }

    /// A plain scalar inside a flow collection: up to `,`, `[`, `]`, `{`, `}`, `: ` or a comment.
    private mutating func plain() -> String {
        var text: [Character] = []
        while let c = current {
            if c == "," || c == "[" || c == "]" || c == "{" || c == "}" { break }
            if c == ":" {
                let next = peek(1)
                if next == nil || next == " " || next == "," || next == "]" || next == "}" { break }
            }
            if c == "#" && text.last == " " { break }
            text.append(c)
            column += 1
        }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }

    /// A single- or double-quoted scalar; line breaks inside fold as YAML folds them.
    mutating func quoted() throws(Failure) -> String {
        let quote = current!
        column += 1
        var out = ""
        while true {
            guard row < lines.count else { throw fail("unterminated quoted string") }
            guard let c = current else {
                // A line break: trailing spaces go; one break folds to a space, more keep n-1.
                while out.last == " " || out.last == "\t" { out.removeLast() }
                var breaks = 0
                repeat {
                    row += 1
                    column = 0
                    breaks += 1
                    guard row < lines.count else { throw fail("unterminated quoted string") }
                    skipSpaceOnLine()
                } while current == nil
                out += breaks == 1 ? " " : String(repeating: "\n", count: breaks - 1)
                continue
            }
            column += 1
            if c == quote {
                if quote == "'" && current == "'" { out.append("'"); column += 1; continue }
                return out
            }
            if quote == "\"" && c == "\\" {
                guard let e = current else {
                    // An escaped line break: the break and the next line's indentation vanish.
                    row += 1
                    column = 0
                    skipSpaceOnLine()
                    continue
                }
                column += 1
                switch e {
                case "0": out.append("\0")
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "t", "\t": out.append("\t")
                case "n": out.append("\n")
                case "v": out.append("\u{0B}")
                case "f": out.append("\u{0C}")
                case "r": out.append("\r")
                case "e": out.append("\u{1B}")
                case " ": out.append(" ")
                case "\"": out.append("\"")
                case "/": out.append("/")
                case "\\": out.append("\\")
                case "N": out.append("\u{85}")
                case "_": out.append("\u{A0}")
                case "L": out.append("\u{2028}")
                case "P": out.append("\u{2029}")
                case "x", "u", "U":
                    let count = e == "x" ? 2 : e == "u" ? 4 : 8
                    var hex = ""
                    for _ in 0..<count {
                        guard let h = current, h.isHexDigit else { throw fail("bad escape \\\(e) in a double-quoted string") }
                        hex.append(h)
                        column += 1
                    }
                    guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                        throw fail("bad escape \\\(e)\(hex) in a double-quoted string")
                    }
                    out.unicodeScalars.append(scalar)
                default:
                    throw fail("unknown escape \\\(e) in a double-quoted string")
                }
                continue
            }
            out.append(c)
        }
    }
}

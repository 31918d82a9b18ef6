import WardenSupport

// Policy documents read by WardenSupport's one JSON reader, asked to keep where each value
// starts and ends, so a statement can report the StartPosition/EndPosition that IAM's
// SimulatePrincipalPolicy reports (line and column, both 1-based). Numbers keep their text
// as written (condition values such as 10.50 stay "10.50").

/// A place in a policy document: 1-based line and 1-based column. Columns count
/// Unicode scalars, so a multi-byte character advances the column by one.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// One JSON value with the position of its first and last character (inclusive), its
/// members and elements positioned too: a view of the reader's `JSONValue` and spans.
struct JSONNode: Sendable {
    var value: Value
    var start: SourcePosition
    var end: SourcePosition

    enum Value: Sendable {
        case object([JSONMember])
        case array([JSONNode])
        case string(String)
        case number(String)
        case bool(Bool)
        case null

        /// The members of an object, with a duplicated key keeping only its last value
        /// (as IAM does: a repeated key silently replaces the earlier one), in first-seen order.
        var lastWinsMembers: [JSONMember]? {
            guard case .object(let members) = self else { return nil }
            var order: [String] = []
            var byKey: [String: JSONMember] = [:]
            for member in members {
                if byKey[member.key] == nil { order.append(member.key) }
                byKey[member.key] = member
            }
            return order.map { byKey[$0]! }
        }
    }
}

/// An object member; `keyPosition` is where the member's key string starts.
struct JSONMember: Sendable {
    var key: String
    var keyPosition: SourcePosition
    var node: JSONNode
}

struct JSONSyntaxError: Error, Sendable {
    var reason: String
    var position: SourcePosition
}

/// Reads one policy document. Nesting deeper than `maxDepth` is refused so a hostile
/// document cannot exhaust the stack.
enum PolicyJSONReader {
    static let maxDepth = 64

    static func read(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        var bytes = Array(text.utf8)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
        let positions = Positions(bytes)
        let value: JSONValue, spans: JSONSpans
        do {
            (value, spans) = try JSONParser.parseWithSpans(bytes, maxDepth: maxDepth)
        } catch {
            throw JSONSyntaxError(reason: error.message, position: positions[error.offset])
        }
        var next = (value: 0, key: 0)
        return node(value, spans, positions, &next)
    }

    /// The positioned view, walking values in the document order the spans were recorded in.
    private static func node(_ value: JSONValue, _ spans: JSONSpans, _ positions: Positions, _ next: inout (value: Int, key: Int)) -> JSONNode {
        let span = spans.values[next.value]
        next.value += 1
        let positioned: JSONNode.Value
        switch value {
        case .object(let members):
            var out: [JSONMember] = []
            out.reserveCapacity(members.count)
            for (key, member) in members {
                let keyPosition = positions[spans.keys[next.key]]
                next.key += 1
                out.append(JSONMember(key: key, keyPosition: keyPosition, node: node(member, spans, positions, &next)))
            }
            positioned = .object(out)
        case .array(let items):
            positioned = .array(items.map { node($0, spans, positions, &next) })
        case .string(let text): positioned = .string(text)
        case .number(let text): positioned = .number(text)
        case .bool(let flag): positioned = .bool(flag)
        case .null: positioned = .null
        }
        return JSONNode(value: positioned, start: positions[span.start], end: positions[span.end])
    }
}

/// Byte offsets to 1-based lines and columns; columns count Unicode scalars.
private struct Positions {
    /// Offsets where each line starts.
    let lineStarts: [Int]
    /// For each offset, how many scalars start before it.
    let scalarsBefore: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        var scalars = [Int](repeating: 0, count: bytes.count + 1)
        var count = 0
        for (offset, byte) in bytes.enumerated() {
            scalars[offset] = count
            if byte & 0xC0 != 0x80 { count += 1 }
            if byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        }
        scalars[bytes.count] = count
        lineStarts = starts
        scalarsBefore = scalars
    }

    subscript(offset: Int) -> SourcePosition {
        let offset = min(max(offset, 0), scalarsBefore.count - 1)
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourcePosition(line: low + 1, column: scalarsBefore[offset] - scalarsBefore[lineStarts[low]] + 1)
    }
}

import DynamoModel
import Logging

/// How log lines look: `text` for people, `json` (one object a line) for log collectors.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json
}

/// Renders one log line (no trailing newline). Pure, so tests pin the exact shapes.
///
/// text: `2026-12-05T05:03:10.123Z info warden.access request requestId=… status=200`
///       (metadata in the order given; values with spaces, quotes or `=` are quoted);
/// json: `{"time":"…","level":"info","logger":"warden.access","message":"request","requestId":"…","status":200}`
///       (numbers stay numbers).
public enum LogLine {
    public static func render(format: LogFormat, time: Double, level: Logger.Level, label: String, message: String,
                              fields: [(String, LogValue)]) -> String {
        // To the nearest millisecond (a time's binary fraction is rarely exact).
        let milliseconds = time.isFinite ? (time * 1000).rounded() : 0
        let whole = (milliseconds / 1000).rounded(.down)
        let stamp = String(UTCTime(epoch: whole).iso8601.dropLast()) + "." + UTCTime.pad(Int(milliseconds - whole * 1000), 3) + "Z"
        switch format {
        case .text:
            var out = "\(stamp) \(level.rawValue) \(label) \(message)"
            for (name, value) in fields {
                out += " \(name)="
                out += quotedIfNeeded(value.text)
            }
            return out
        case .json:
            var members: [(String, JSONValue)] = [("time", .string(stamp)), ("level", .string(level.rawValue)), ("logger", .string(label)),
                                                  ("message", .string(message))]
            for (name, value) in fields { members.append((name, value.json)) }
            return String(decoding: JSONWriter.encode(.object(members)), as: UTF8.self)
        }
    }

    static func quotedIfNeeded(_ text: String) -> String {
        guard text.isEmpty || text.utf8.contains(where: { $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") || $0 == 0x5C })
        else { return text }
        return String(decoding: JSONWriter.encode(.string(text)), as: UTF8.self)
    }
}

/// A field's value: text, or a number that JSON lines keep as a number.
public enum LogValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)

    var text: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        }
    }

    var json: JSONValue {
        switch self {
        case .string(let s): return .string(s)
        case .int(let i): return .number(String(i))
        case .double(let d): return d.isFinite ? .number(String(d)) : .string(String(d))
        }
    }

    init(_ metadata: Logger.MetadataValue) {
        switch metadata {
        case .string(let s): self = .string(s)
        case .stringConvertible(let c):
            if let i = c as? Int { self = .int(i) } else if let d = c as? Double { self = .double(d) } else { self = .string(c.description) }
        default: self = .string(metadata.description)
        }
    }
}

/// A small XML tree for Query protocol responses, rendered with AWS's two-space indentation.
package enum XML: Sendable {
    indirect case node(String, [XML])
    case leaf(String, String)
    case empty

    /// A leaf only when the value is present.
    package static func optional(_ name: String, _ value: String?) -> XML {
        value.map { .leaf(name, $0) } ?? .empty
    }

    package static func bool(_ name: String, _ value: Bool) -> XML { .leaf(name, value ? "true" : "false") }

    package static func int(_ name: String, _ value: Int) -> XML { .leaf(name, String(value)) }

    /// A list: `<Name><member>…</member>…</Name>`.
    package static func members(_ name: String, _ items: [[XML]]) -> XML {
        .node(name, items.map { .node("member", $0) })
    }

    package static func stringMembers(_ name: String, _ items: [String]) -> XML {
        .node(name, items.map { .leaf("member", $0) })
    }

    package func render(into out: inout String, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        switch self {
        case .empty:
            return
        case .leaf(let name, let value):
            out += "\(indent)<\(name)>\(XML.escape(value))</\(name)>\n"
        case .node(let name, let children):
            let visible = children.filter { if case .empty = $0 { return false }; return true }
            if visible.isEmpty {
                out += "\(indent)<\(name)/>\n"
                return
            }
            out += "\(indent)<\(name)>\n"
            for child in visible { child.render(into: &out, depth: depth + 1) }
            out += "\(indent)</\(name)>\n"
        }
    }

    /// Escapes text for element content and attribute values.
    package static func escape(_ text: String) -> String {
        var needs = false
        for byte in text.utf8 where byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == 13 {
            needs = true
            break
        }
        guard needs else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#xD;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

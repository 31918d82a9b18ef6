/// A small XML tree for Query protocol responses, rendered with AWS's two-space indentation.
enum XML: Sendable {
    indirect case node(String, [XML])
    case leaf(String, String)
    case empty

    /// A leaf only when the value is present.
    static func optional(_ name: String, _ value: String?) -> XML {
        value.map { .leaf(name, $0) } ?? .empty
    }

    static func bool(_ name: String, _ value: Bool) -> XML { .leaf(name, value ? "true" : "false") }

    static func int(_ name: String, _ value: Int) -> XML { .leaf(name, String(value)) }

    /// A list: `<Name><member>…</member>…</Name>`.
    static func members(_ name: String, _ items: [[XML]]) -> XML {
        .node(name, items.map { .node("member", $0) })
    }

    static func stringMembers(_ name: String, _ items: [String]) -> XML {
        .node(name, items.map { .leaf("member", $0) })
    }

    func render(into out: inout String, depth: Int) {
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
    static func escape(_ text: String) -> String {
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

/// The two Query-protocol services on Warden's port.
enum QueryService: String, Sendable {
    case iam
    case sts

    var namespace: String {
        switch self {
        case .iam: return "https://iam.amazonaws.com/doc/2010-05-08/"
        case .sts: return "https://sts.amazonaws.com/doc/2011-06-15/"
        }
    }

    var version: String {
        switch self {
        case .iam: return "2010-05-08"
        case .sts: return "2011-06-15"
        }
    }
}

/// Query protocol response bodies.
enum QueryResponse {
    /// `<ActionResponse xmlns=…><ActionResult>…</ActionResult><ResponseMetadata>…`; actions
    /// without output have no Result element.
    static func body(action: String, service: QueryService, result: [XML]?, requestId: String) -> [UInt8] {
        var out = "<\(action)Response xmlns=\"\(service.namespace)\">\n"
        if let result {
            XML.node("\(action)Result", result).render(into: &out, depth: 1)
        }
        XML.node("ResponseMetadata", [.leaf("RequestId", requestId)]).render(into: &out, depth: 1)
        out += "</\(action)Response>\n"
        return Array(out.utf8)
    }

    static func make(status: Int, body: [UInt8], requestId: String) -> WardenResponse {
        WardenResponse(status: status, headers: [
            ("x-amzn-RequestId", requestId),
            ("Content-Type", "text/xml"),
        ], body: body)
    }
}

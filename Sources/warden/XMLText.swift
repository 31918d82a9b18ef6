import WardenSupport

/// Just enough reading of IAM's Query-protocol XML answers for the audit: the text of flat
/// elements, entity-decoded. (The answers are the server's own, shallow and well-formed.)
enum XMLText {
    /// The inner text of every `<tag>…</tag>`, in order (not for nested same-name elements).
    static func blocks(_ xml: String, _ tag: String) -> [String] {
        var out: [String] = []
        var rest = xml[...]
        while let open = rest.firstRange(of: "<\(tag)>"), let close = rest[open.upperBound...].firstRange(of: "</\(tag)>") {
            out.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }

    static func values(_ xml: String, _ tag: String) -> [String] { blocks(xml, tag).map(unescape) }

    static func value(_ xml: String, _ tag: String) -> String? { values(xml, tag).first }

    /// A policy document: IAM returns it URL-encoded inside the element.
    static func document(_ xml: String, _ tag: String) -> String {
        let raw = value(xml, tag) ?? ""
        return PercentEncoding.decode(raw) ?? raw
    }

    static func unescape(_ text: String) -> String {
        text.replacing("&lt;", with: "<").replacing("&gt;", with: ">")
            .replacing("&quot;", with: "\"").replacing("&apos;", with: "'")
            .replacing("&#39;", with: "'").replacing("&amp;", with: "&")
    }
}

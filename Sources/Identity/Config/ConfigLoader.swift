import FoundationEssentials

/// A config file that cannot be used, with what is wrong and where.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads the identity part of a config file (JSON, or YAML when the file is named .yaml or
/// .yml or does not start with "{"). Other top-level members are ignored here.
public enum ConfigLoader {
    public static func load(path: String) throws -> IdentityConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("cannot read config file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self)
        let yaml = path.hasSuffix(".yaml") || path.hasSuffix(".yml")
            || !(text.drop { $0.isWhitespace }.first == "{")
        return try parse(text, yaml: yaml, name: path)
    }

    public static func parse(_ text: String, yaml: Bool, name: String = "config") throws -> IdentityConfig {
        do {
            if yaml {
                return try YAMLNodeDecoder.decode(IdentityConfig.self, from: text)
            }
            return try JSONDecoder().decode(IdentityConfig.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            throw ConfigError("\(name): \(describe(error))")
        } catch {
            throw ConfigError("\(name): \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }
            let joined = parts.joined()
            return joined.isEmpty ? "the top level" : String(joined.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" in \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "not valid at \(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

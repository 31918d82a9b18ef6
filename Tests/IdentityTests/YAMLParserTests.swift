import Testing
@testable import Identity

@Suite("YAML reader")
struct YAMLParserTests {
    func parse(_ text: String) throws -> YAMLNode { try YAMLParser.parse(text) }
    func s(_ text: String) -> YAMLNode { .scalar(text, plain: true) }
    func q(_ text: String) -> YAMLNode { .scalar(text, plain: false) }

    @Test("block mappings and sequences, compact entries, a sequence at its key's indentation")
    func blocks() throws {
        let node = try parse("""
        # a comment
        a: 1
        b:
        - x
        - k: v
          k2: v2
        - - nested
          - again
        c:
          d: e   # trailing comment
          url: http://x.y/z#frag
        """)
        #expect(node == .mapping([
            ("a", s("1")),
            ("b", .sequence([s("x"), .mapping([("k", s("v")), ("k2", s("v2"))]), .sequence([s("nested"), s("again")])])),
            ("c", .mapping([("d", s("e")), ("url", s("http://x.y/z#frag"))])),
        ]))
    }

    @Test("flow collections across lines, quoted keys and scalars, escapes")
    func flow() throws {
        let node = try parse("""
        "quoted key": 'it''s'
        list: [a, "b, c",
          {k: v, "n": [1, 2]}]
        map: {}
        esc: "tab\\t\\u00e9 \\"q\\" \\/"
        colons: [dynamodb:GetItem, "x: y"]
        """)
        #expect(node == .mapping([
            ("quoted key", q("it's")),
            ("list", .sequence([s("a"), q("b, c"), .mapping([("k", s("v")), ("n", .sequence([s("1"), s("2")]))])])),
            ("map", .mapping([])),
            ("esc", q("tab\té \"q\" /")),
            ("colons", .sequence([s("dynamodb:GetItem"), q("x: y")])),
        ]))
    }

    @Test("block scalars: literal and folded, with chomping")
    func blockScalars() throws {
        let node = try parse("""
        lit: |
          {"a": 1,
           "b": 2}
        folded: >-
          one
          two

          three
        keep: |+
          x

        end: plain
          continued
        """)
        #expect(node == .mapping([
            ("lit", q("{\"a\": 1,\n \"b\": 2}\n")),
            ("folded", q("one two\nthree")),
            ("keep", q("x\n\n")),
            ("end", s("plain continued")),
        ]))
    }

    @Test("empty values, documents markers, nothing at all")
    func empties() throws {
        #expect(try parse("") == .null)
        #expect(try parse("---\na:\nb: ~\n...\n") == .mapping([("a", s("")), ("b", s("~"))]))
    }

    @Test("refused: anchors and aliases, tabs, bad indentation, unterminated strings — with their line")
    func refusals() {
        for (text, line) in [("a: &x 1\nb: *x", 1), ("a:\n\tb: 1", 2), ("a:\n    b: 1\n  c: 2", 3), ("a: \"open\n", 2), ("a: [1, 2", 1)] {
            #expect {
                _ = try YAMLParser.parse(text)
            } throws: { error in
                (error as? YAMLError)?.line == line
            }
        }
    }

    @Test("decoding: numbers, booleans and nulls from plain scalars only; any scalar as text")
    func decoding() throws {
        struct Shape: Decodable, Equatable {
            var n: Int
            var b: Bool
            var text: String
            var numberText: String
            var missing: String?
            var empty: String?
            var list: [Int]
        }
        let shape = try YAMLNodeDecoder.decode(Shape.self, from: """
        n: 0x10
        b: yes
        text: "true"
        numberText: 007
        empty:
        list: [1, -2, +3]
        """)
        #expect(shape == Shape(n: 16, b: true, text: "true", numberText: "007", missing: nil, empty: nil, list: [1, -2, 3]))
        #expect(throws: DecodingError.self) { try YAMLNodeDecoder.decode(Shape.self, from: "n: \"1\"\nb: true\ntext: x\nnumberText: 1\nlist: []") }
        #expect(throws: DecodingError.self) { try YAMLNodeDecoder.decode(Shape.self, from: "n: 1\nb: maybe\ntext: x\nnumberText: 1\nlist: []") }
    }

    @Test("config errors name the path")
    func configErrors() {
        #expect {
            _ = try ConfigLoader.parse("accounts:\n  - id: \"1\"\n    roles:\n      - name: r\n        maxSessionDuration: long\n        trustPolicy: {}\n", yaml: true)
        } throws: { error in
            "\(error)".contains("accounts[0].roles[0].maxSessionDuration")
        }
        #expect {
            _ = try ConfigLoader.parse("accounts: [\n", yaml: true)
        } throws: { error in
            "\(error)" == "config: YAML line 2: a value is missing"
        }
    }
}

import Foundation
import Testing
import DynamoModel
import WebConsole
@testable import WardenServer

struct ConsoleRouteTests {
    static func get(_ path: String, method: String = "GET") -> WardenResponse {
        ConsoleRoute.respond(WardenRequest(method: method, uri: path, headers: [], body: []), requestId: "R")
    }

    static func header(_ r: WardenResponse, _ name: String) -> String? {
        r.headers.first { $0.name == name }?.value
    }

    /// The embedded assets are the files under Sources/WebConsole/Files, byte for byte (run
    /// scripts/console-embed after editing one).
    @Test func embeddedAssetsMatchTheirFiles() throws {
        let files = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/WebConsole/Files")
        let names = try FileManager.default.contentsOfDirectory(atPath: files.path).sorted()
        #expect(names == ConsoleAssets.files.keys.sorted())
        for name in names {
            let text = try String(contentsOf: files.appendingPathComponent(name), encoding: .utf8)
            let embedded = ConsoleAssets.files[name]?.text ?? ""
            #expect(embedded == text, "\(name) differs: run scripts/console-embed")
        }
    }

    @Test func servesIndexAndAssets() {
        let index = Self.get("/_warden/console/")
        #expect(index.status == 200)
        #expect(Self.header(index, "Content-Type") == "text/html; charset=utf-8")
        #expect(index.body == Array(ConsoleAssets.files["index.html"]!.text.utf8))
        #expect(Self.header(Self.get("/_warden/console/console.js"), "Content-Type") == "text/javascript; charset=utf-8")
        #expect(Self.get("/_warden/console/?x=1").status == 200)
        let redirect = Self.get("/_warden/console")
        #expect(redirect.status == 301 && Self.header(redirect, "Location") == "/_warden/console/")
    }

    @Test(arguments: ["/_warden/console/../clock", "/_warden/console/%2e%2e/audit", "/_warden/console//index.html",
                      "/_warden/console/./index.html", "/_warden/console/index.html/", "/_warden/console/INDEX.HTML",
                      "/_warden/console/..%2f..%2fetc%2fpasswd", "/_warden/console/console.js%00"])
    func unknownNamesAreNotFound(path: String) {
        let r = Self.get(path)
        #expect(r.status == 404)
        #expect(r.body == Array("Not Found\n".utf8))
    }

    @Test func onlyGet() {
        for method in ["POST", "PUT", "DELETE", "HEAD", "OPTIONS"] {
            let r = Self.get("/_warden/console/", method: method)
            #expect(r.status == 405 && Self.header(r, "Allow") == "GET")
        }
    }

    @Test func routeAcceptsOnlyTheConsolePrefix() {
        #expect(ConsoleRoute.accepts("/_warden/console"))
        #expect(ConsoleRoute.accepts("/_warden/console/x"))
        #expect(!ConsoleRoute.accepts("/_warden/consoles"))
        #expect(!ConsoleRoute.accepts("/_warden/clock"))
    }
}

struct PlaygroundRouteTests {
    @Test func principalsOfArns() throws {
        let user = try PlaygroundRoute.principalInfo("arn:aws:iam::123456789012:user/alice")
        #expect(user.type == .iamUser && user.accountId == "123456789012")
        let session = try PlaygroundRoute.principalInfo("arn:aws:sts::123456789012:assumed-role/GameApp/s1")
        #expect(session.type == .assumedRole && session.matchingArns == ["arn:aws:iam::123456789012:role/GameApp"])
        #expect(try PlaygroundRoute.principalInfo("arn:aws:iam::123456789012:root").type == .root)
        for bad in ["arn:aws:iam::123456789012:group/g", "arn:aws:sts::123456789012:assumed-role/OnlyRole", "arn:aws:iam::12345:user/a",
                    "not-an-arn", "arn:aws:iam::123456789012:role/R"] {
            #expect(throws: DynamoError.self) { try PlaygroundRoute.principalInfo(bad) }
        }
    }
}

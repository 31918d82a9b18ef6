import DynamoModel
import Foundation
import SigV4
import Synchronization
import TestSupport
import Testing
@testable import WardenServer

/// A Warden assembled in memory (the listener is never started); requests go straight into
/// its pipeline.
final class InProcessWarden {
    let warden: Warden

    init(authMode: WardenConfiguration.AuthMode = .enforce) throws {
        var configuration = WardenConfiguration()
        configuration.inMemory = true
        configuration.dataDirectory = nil
        configuration.threads = 1
        configuration.authMode = authMode
        warden = try Warden(configuration: configuration)
    }

    deinit { warden.shutdown() }

    /// Sends a request through the pipeline and waits for the answer.
    func send(_ request: WardenRequest) -> WardenResponse {
        waitForCompletion { done in warden.pipeline.handle(request, respond: done) }
    }

    /// A signed DynamoDB request (SigV4 as the SDKs sign it).
    static func signed(_ operation: String?, body: String, accessKey: String = "test", secret: String = "test",
                       region: String = "us-east-1", service: String = "dynamodb", at time: Double = Date().timeIntervalSince1970,
                       path: String = "/", contentType: String? = "application/x-amz-json-1.0") -> WardenRequest {
        var headers: [(name: String, value: String)] = [("Host", "localhost:8000")]
        if let contentType { headers.append(("Content-Type", contentType)) }
        if let operation { headers.append(("X-Amz-Target", "DynamoDB_20120810.\(operation)")) }
        let bytes = Array(body.utf8)
        headers += SigV4Signer.sign(method: "POST", rawPath: path, rawQuery: "", headers: headers, body: bytes,
                                    accessKeyId: accessKey, secretAccessKey: secret, sessionToken: nil,
                                    region: region, service: service, amzDate: amzDate(fromEpoch: time))
        return WardenRequest(method: "POST", uri: path, headers: headers, body: bytes)
    }

    func call(_ operation: String, _ body: String) -> WardenResponse {
        send(Self.signed(operation, body: body))
    }
}

extension WardenResponse {
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var json: JSONValue? { try? JSONParser.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }
}

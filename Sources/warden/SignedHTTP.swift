import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SigV4

/// Signed HTTP calls to a running Warden from the CLI, with credentials from the usual AWS
/// environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
/// AWS_REGION / AWS_DEFAULT_REGION).
struct SignedHTTP {
    let endpoint: URL

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func send(method: String, path: String, query: String = "", body: [UInt8], headers extra: [(String, String)] = [],
              service: String = "dynamodb", contentType: String = "application/json") throws -> (status: Int, body: [UInt8]) {
        let env = ProcessInfo.processInfo.environment
        guard let key = env["AWS_ACCESS_KEY_ID"], let secret = env["AWS_SECRET_ACCESS_KEY"] else {
            throw Failure(description: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an account root's credentials)")
        }
        let region = env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? "us-east-1"
        guard let host = endpoint.host else { throw Failure(description: "bad endpoint URL: \(endpoint)") }
        let hostHeader = endpoint.port.map { "\(host):\($0)" } ?? host
        var headers: [(name: String, value: String)] = [("Host", hostHeader), ("Content-Type", contentType)]
        headers += extra.map { (name: $0.0, value: $0.1) }
        let signature = SigV4Signer.sign(method: method, rawPath: path, rawQuery: query, headers: headers, body: body,
                                         accessKeyId: key, secretAccessKey: secret, sessionToken: env["AWS_SESSION_TOKEN"],
                                         region: region, service: service, amzDate: amzDate(fromEpoch: Date().timeIntervalSince1970))
        var url = endpoint.appendingPathComponent(String(path.dropFirst()))
        if !query.isEmpty, let withQuery = URL(string: url.absoluteString + "?" + query) { url = withQuery }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = Data(body)
        for (name, value) in headers + signature where name.lowercased() != "host" {
            request.setValue(value, forHTTPHeaderField: name)
        }
        let done = DispatchSemaphore(value: 0)
        let box = ResponseBox()
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.data = data
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            box.error = error
            done.signal()
        }.resume()
        done.wait()
        if let error = box.error { throw Failure(description: "cannot reach \(endpoint): \(error.localizedDescription)") }
        return (box.status, Array(box.data ?? Data()))
    }
}

/// @unchecked Sendable: written by URLSession's callback before the semaphore is signalled,
/// read after the wait.
private final class ResponseBox: @unchecked Sendable {
    var data: Data?
    var status = 0
    var error: Error?
}

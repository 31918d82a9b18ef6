import DynamoModel
import DynamoStorage
import Foundation
import TestSupport
import Testing
import WardenSupport
@testable import AuditTrail

/// Delivers real files through an AuditTrail, then tampers with them.
@Suite(.serialized) struct LogValidatorTests {
    /// A trail folder with two digests (chained) listing three log files.
    static func deliver() throws -> (root: String, logs: [String], digests: [String]) {
        let folder = scratch()
        let store = try Store(path: folder + "/db.sqlite")
        // Start at second 10 of a minute: the validator judges a log file no verified digest
        // lists by its delivery minute, and tamper tests expect everything in one minute (the
        // second digest's end can be bumped a second past real time).
        let real = Date().timeIntervalSince1970
        let clock = WardenClock(offsetSeconds: (70 - real.truncatingRemainder(dividingBy: 60)).truncatingRemainder(dividingBy: 60))
        var settings = AuditTrail.Configuration(trailDirectory: folder + "/trails")
        settings.deliveryInterval = 0
        let trail = try AuditTrail(store: store, clock: clock, configuration: settings, keySchema: keySchema)
        let created = wait { trail.trails.createTrail(json(#"{"Name":"trail-1","S3BucketName":"bucket","S3KeyPrefix":"p","EnableLogFileValidation":true}"#), account: account, region: region, completion: $0) }
        let started = wait { trail.trails.startLogging(json(#"{"Name":"trail-1"}"#), account: account, region: region, completion: $0) }
        guard case .success = created, case .success = started else { throw CloudTrailError("Setup", "\(created) \(started)") }
        func submit(_ name: String) { trail.submit(event(name, request: #"{"TableName":"orders"}"#, time: clock.now())) }
        submit("CreateTable")
        trail.flush()
        submit("DescribeTable")
        trail.pass(force: false)
        submit("UpdateTable")
        trail.flush()
        trail.shutdown()
        store.close()
        let root = folder + "/trails"
        let all = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
        return (root, all.filter { $0.contains("_CloudTrail_") }, all.filter { $0.contains("_CloudTrail-Digest_") && $0.hasSuffix(".gz") })
    }

    func problems(_ root: String) -> [String] {
        LogValidator(root: root).validate().problems.map { $0.line }
    }

    @Test func untouchedFilesAreValid() throws {
        let (root, logs, digests) = try Self.deliver()
        #expect(logs.count == 3)
        #expect(digests.count == 2)
        let report = LogValidator(root: root).validate()
        #expect(report.isValid, "\(report.entries.map(\.line))")
        #expect(report.entries.filter { $0.kind == .log }.count == 3)
        #expect(report.summary.contains("2/2 digest files valid"))
        #expect(report.summary.contains("3/3 log files valid"))
        // The second digest links to the first.
        let newest = try JSONParser.parse(Gzip.decompress([UInt8](FileManager.default.contents(atPath: root + "/" + digests.last!)!)))
        #expect(newest["previousDigestS3Object"]?.stringValue.map { digests.first!.hasSuffix($0) } == true)
        #expect(newest["logFiles"]?.arrayValue?.count == 2)
    }

    @Test func oneChangedByteIsCaught() throws {
        let (root, logs, _) = try Self.deliver()
        let path = root + "/" + logs[0]
        var content = try Gzip.decompress([UInt8](FileManager.default.contents(atPath: path)!))
        let index = content.firstIndex(of: UInt8(ascii: "T"))!
        content[index] = UInt8(ascii: "X")
        FileManager.default.createFile(atPath: path, contents: Data(Gzip.compress(content)))
        #expect(problems(root) == ["Log file\ts3://\(logs[0])\tINVALID: hash value doesn't match"])

        // A flipped byte in the compressed file itself.
        var raw = [UInt8](FileManager.default.contents(atPath: root + "/" + logs[1])!)
        raw[raw.count / 2] ^= 0x01
        FileManager.default.createFile(atPath: root + "/" + logs[1], contents: Data(raw))
        #expect(problems(root).count == 2)
    }

    @Test func deletedLogAndDigestFilesAreCaught() throws {
        let (root, logs, digests) = try Self.deliver()
        try FileManager.default.removeItem(atPath: root + "/" + logs[2])
        #expect(problems(root) == ["Log file\ts3://\(logs[2])\tINVALID: not found"])
        try FileManager.default.removeItem(atPath: root + "/" + digests[0])
        #expect(problems(root).contains("Digest file\ts3://\(digests[0])\tINVALID: not found"))
    }

    @Test func reorderedAndRenamedFilesAreCaught() throws {
        let (root, logs, _) = try Self.deliver()
        let a = root + "/" + logs[0], b = root + "/" + logs[1]
        let da = FileManager.default.contents(atPath: a)!, db = FileManager.default.contents(atPath: b)!
        FileManager.default.createFile(atPath: a, contents: db)
        FileManager.default.createFile(atPath: b, contents: da)
        #expect(Set(problems(root)) == [
            "Log file\ts3://\(logs[0])\tINVALID: hash value doesn't match",
            "Log file\ts3://\(logs[1])\tINVALID: hash value doesn't match",
        ])
        FileManager.default.createFile(atPath: a, contents: da)
        FileManager.default.createFile(atPath: b, contents: db)
        let renamed = logs[2].replacingOccurrences(of: "_CloudTrail_", with: "_CloudTrail_") .replacingOccurrences(of: ".json.gz", with: "X.json.gz")
        try FileManager.default.moveItem(atPath: root + "/" + logs[2], toPath: root + "/" + renamed)
        let found = problems(root)
        #expect(found.contains("Log file\ts3://\(logs[2])\tINVALID: not found"))
    }

    @Test func tamperedDigestsAreCaught() throws {
        let (root, _, digests) = try Self.deliver()
        let path = root + "/" + digests[0]
        var content = try Gzip.decompress([UInt8](FileManager.default.contents(atPath: path)!))
        content = Array(String(decoding: content, as: UTF8.self).replacingOccurrences(of: "\"logFiles\":[{", with: "\"logFiles\":[ {").utf8)
        FileManager.default.createFile(atPath: path, contents: Data(Gzip.compress(content)))
        let found = problems(root)
        #expect(found.contains { $0.hasPrefix("Digest file\ts3://\(digests[0])\tINVALID:") }, "\(found)")

        let (root2, _, digests2) = try Self.deliver()
        try FileManager.default.removeItem(atPath: root2 + "/" + digests2[1] + ".signature")
        #expect(problems(root2) == ["Digest file\ts3://\(digests2[1])\tINVALID: signature not found"])
    }

    @Test func aForeignKeyIsRefused() throws {
        let (root, _, _) = try Self.deliver()
        let other = try SigningKey.generate()
        let report = LogValidator(root: root, publicKey: try SigningKey.load(publicKeyDER: other.publicKeyDER)).validate()
        #expect(!report.isValid, "\(report.problems.map(\.line))")
        #expect(report.problems.allSatisfy { $0.problem?.hasPrefix("public key not found") == true }, "\(report.problems.map(\.line))")
    }
}

import Foundation
import Testing
@testable import AuditTrail

@Suite struct ObjectLayoutTests {
    @Test func logFileNames() {
        let key = ObjectLayout.logFileKey(prefix: "audit", account: account, region: region, time: 1_439_822_700, uniqueID: "9nYN7gp2eWAJHIfT")
        #expect(key == "audit/AWSLogs/123456789012/CloudTrail/us-east-1/2015/08/17/123456789012_CloudTrail_us-east-1_20150817T1445Z_9nYN7gp2eWAJHIfT.json.gz")
        #expect(ObjectLayout.logFileKey(prefix: nil, account: account, region: region, time: 0, uniqueID: "x").hasPrefix("AWSLogs/"))
        let id = ObjectLayout.uniqueID()
        #expect(id.count == 16 && id.allSatisfy { $0.isLetter || $0.isNumber })
    }

    @Test func digestNames() {
        let key = ObjectLayout.digestKey(prefix: nil, account: account, region: region, trailName: "shop-trail", homeRegion: region, endTime: 1_439_823_691)
        #expect(key == "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2015/08/17/123456789012_CloudTrail-Digest_us-east-1_shop-trail_us-east-1_20150817T150131Z.json.gz")
        #expect(ObjectLayout.isDigestName(String(key.split(separator: "/").last!)))
        #expect(!ObjectLayout.isLogName(String(key.split(separator: "/").last!)))
    }
}

@Suite struct IdTests {
    @Test func eventIdsAreVersion4UUIDs() {
        let ids = (0..<1000).map { _ in UUIDs.make() }
        #expect(Set(ids).count == 1000)
        for id in ids.prefix(20) {
            let chars = Array(id)
            #expect(chars.count == 36 && chars[8] == "-" && chars[13] == "-" && chars[18] == "-" && chars[23] == "-")
            #expect(chars[14] == "4" && "89ab".contains(chars[19]))
            #expect(UUID(uuidString: id) != nil)
        }
    }
}

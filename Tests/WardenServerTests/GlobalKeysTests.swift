import AccessPolicy
import Testing
@testable import WardenServer

/// The condition keys every evaluated request has, made with pre-lowercased names and the
/// time strings formatted once a second.
struct GlobalKeysTests {
    @Test func timeKeysFollowTheClockAcrossSeconds() {
        let origin = Authorizer.Origin(sourceIp: "10.1.2.3", secureTransport: false, region: "eu-west-1",
                                       headers: [(name: "User-Agent", value: "boto3/1.0")])
        let first = Authorizer.globalKeys(origin, now: 1_780_000_000.25)
        #expect(first["aws:CurrentTime"] == .single("2026-05-28T20:26:40Z"))
        #expect(first["aws:EpochTime"] == .single("1780000000"))
        // Same second: the same strings; the next second: new ones.
        #expect(Authorizer.globalKeys(origin, now: 1_780_000_000.9)["aws:epochtime"] == .single("1780000000"))
        let next = Authorizer.globalKeys(origin, now: 1_780_000_001.0)
        #expect(next["aws:CurrentTime"] == .single("2026-05-28T20:26:41Z"))
        #expect(next["aws:EpochTime"] == .single("1780000001"))
        // And back (a test clock may move backwards): never a stale second.
        #expect(Authorizer.globalKeys(origin, now: 1_700_000_000)["aws:EpochTime"] == .single("1700000000"))
    }

    @Test func namesKeepTheirCaseAndAreFoundInAny() {
        let origin = Authorizer.Origin(sourceIp: "10.1.2.3", secureTransport: true, region: "eu-west-1",
                                       headers: [(name: "User-Agent", value: "boto3/1.0"), (name: "Referer", value: "https://x")])
        let keys = Authorizer.globalKeys(origin, now: 0)
        #expect(keys.names == ["aws:CurrentTime", "aws:EpochTime", "aws:PrincipalIsAWSService", "aws:Referer", "aws:RequestedRegion",
                               "aws:SecureTransport", "aws:SourceIp", "aws:UserAgent", "aws:ViaAWSService"])
        #expect(keys["AWS:SOURCEIP"] == .single("10.1.2.3"))
        #expect(keys["aws:securetransport"] == .single("true"))
        #expect(keys["aws:useragent"] == .single("boto3/1.0"))
        #expect(keys["aws:CurrentTime"] == .single("1970-01-01T00:00:00Z"))
    }
}

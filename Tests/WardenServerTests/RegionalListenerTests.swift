import Testing
@testable import WardenServer

@Suite("Regional listeners: REGION@HOST:PORT")
struct RegionalListenerTests {
    @Test func parsesRegionHostAndPort() {
        #expect(WardenConfiguration.RegionalListener.parse("eu-west-1@127.0.0.1:8001")
            == .init(region: "eu-west-1", host: "127.0.0.1", port: 8001))
        #expect(WardenConfiguration.RegionalListener.parse("us-east-2@[::1]:0") == .init(region: "us-east-2", host: "::1", port: 0))
    }

    @Test func refusesMalformedSpecifications() {
        for text in ["eu-west-1", "@127.0.0.1:1", "eu-west-1@127.0.0.1", "eu-west-1@:80", "EU-WEST-1@127.0.0.1:1", "eu west@h:1",
                     "eu-west-1@127.0.0.1:port"] {
            #expect(WardenConfiguration.RegionalListener.parse(text) == nil, "\(text)")
        }
    }
}

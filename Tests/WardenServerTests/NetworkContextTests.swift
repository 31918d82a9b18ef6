import Testing
import Identity
@testable import WardenServer

@Suite("Network context: peer addresses and VPC endpoint options")
struct NetworkContextTests {
    @Test func ipv4MappedAddressesShowAsIPv4() {
        #expect(PeerAddress.unmapped("::ffff:127.0.0.1") == "127.0.0.1")
        #expect(PeerAddress.unmapped("::FFFF:10.1.2.3") == "10.1.2.3")
        #expect(PeerAddress.unmapped("::1") == "::1")
        #expect(PeerAddress.unmapped("2001:db8::ffff:1") == "2001:db8::ffff:1")
        #expect(PeerAddress.unmapped("::ffff:") == "::ffff:")
        #expect(PeerAddress.unmapped("192.0.2.7") == "192.0.2.7")
    }

    typealias Spec = WardenConfiguration.VPCEndpointListener

    @Test func parsesTheOption() throws {
        #expect(try Spec.parse("vpce-0a1b2c3d:vpc-1234:111122223333@127.0.0.1:8001", defaultAccount: "123456789012")
            == Spec(id: "vpce-0a1b2c3d", vpcId: "vpc-1234", accountId: "111122223333", host: "127.0.0.1", port: 8001))
        #expect(try Spec.parse("vpce-1@[::1]:0", defaultAccount: "123456789012")
            == Spec(id: "vpce-1", vpcId: "vpc-00000000", accountId: "123456789012", host: "::1", port: 0))
    }

    @Test(arguments: [
        ("vpce-1", "--vpc-endpoint vpce-1: expected ID[:VPC_ID[:ACCOUNT]]@HOST:PORT"),
        ("vpce-1@host", "--vpc-endpoint vpce-1@host: expected HOST:PORT"),
        ("vpce-1@host:70000", "--vpc-endpoint vpce-1@host:70000: expected HOST:PORT"),
        ("vpce-1@:80", "--vpc-endpoint vpce-1@:80: expected HOST:PORT"),
        ("x@h:1", "--vpc-endpoint x@h:1: the endpoint id must look like vpce-0a1b2c3d"),
        ("vpce-1:net@h:1", "--vpc-endpoint vpce-1:net@h:1: the VPC id must look like vpc-1234"),
        ("vpce-1:vpc-1:abc@h:1", "--vpc-endpoint vpce-1:vpc-1:abc@h:1: the account must be 12 digits"),
        ("vpce-1:vpc-1:1:2@h:1", "--vpc-endpoint vpce-1:vpc-1:1:2@h:1: expected ID[:VPC_ID[:ACCOUNT]]@HOST:PORT"),
    ])
    func refusesBadOptions(_ text: String, _ message: String) {
        #expect(throws: Spec.SpecError(description: message)) { try Spec.parse(text, defaultAccount: "123456789012") }
    }

    @Test func combinesConfigEntriesAndOptions() throws {
        let config = [VPCEndpointConfig(id: "vpce-1", vpcId: "vpc-9", listen: "127.0.0.1:9001", policy: PolicyDocumentValue("{}")),
                      VPCEndpointConfig(id: "vpce-2", accountId: "111122223333")]
        let options = [try Spec.parse("vpce-2@127.0.0.1:9002", defaultAccount: "123456789012"),
                       try Spec.parse("vpce-3@127.0.0.1:9003", defaultAccount: "123456789012")]
        let all = try Spec.combine(config: config, options: options, defaultAccount: "123456789012")
        #expect(all == [Spec(id: "vpce-1", vpcId: "vpc-9", accountId: "123456789012", host: "127.0.0.1", port: 9001, policy: "{}"),
                        Spec(id: "vpce-2", vpcId: "vpc-00000000", accountId: "111122223333", host: "127.0.0.1", port: 9002),
                        Spec(id: "vpce-3", vpcId: "vpc-00000000", accountId: "123456789012", host: "127.0.0.1", port: 9003)])
        #expect(throws: Spec.SpecError(description: "vpcEndpoints vpce-2: no listener (give listen: HOST:PORT, or --vpc-endpoint vpce-2@HOST:PORT)")) {
            try Spec.combine(config: config, options: [], defaultAccount: "123456789012")
        }
    }
}

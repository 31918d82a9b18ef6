import NIOCore

/// The connection's peer address as `aws:SourceIp` and CloudTrail's `sourceIPAddress` show
/// it: IPv4 dotted, IPv6 as NIO writes it, and an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`,
/// what a dual-stack socket reports for an IPv4 client) as the IPv4 address it maps — AWS
/// reports IPv4 clients by their IPv4 address. Made once per connection, not per request.
enum PeerAddress {
    static func text(_ address: SocketAddress?) -> String {
        guard let ip = address?.ipAddress else { return "127.0.0.1" }
        return unmapped(ip)
    }

    static func unmapped(_ ip: String) -> String {
        let prefix = "::ffff:"
        guard ip.utf8.count > prefix.utf8.count, ip.contains("."),
              ip.prefix(prefix.count).lowercased() == prefix else { return ip }
        return String(ip.dropFirst(prefix.count))
    }
}

import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The listening socket: plain SwiftNIO HTTP/1.1 with pipelining assistance (responses
/// leave in request order even when a write completes later), each connection under a
/// deadline (`ConnectionDeadline`) and the whole server under a connection cap. Several
/// listeners share the event loops, the cap and the body budget: the public one (plain or
/// TLS) and one per simulated VPC endpoint (`Listener`).
final class HTTPServer {
    let group: MultiThreadedEventLoopGroup
    let limits: ServerLimits
    let connections: ConnectionCounter
    let bodies: BodyBudget
    private(set) var channels: [Channel] = []

    init(threads: Int, limits: ServerLimits = ServerLimits()) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads > 0 ? threads : System.coreCount)
        self.limits = limits
        connections = ConnectionCounter(limit: limits.maxConnections)
        bodies = BodyBudget(limit: limits.maxBufferedBodyBytes)
    }

    func start(host: String, port: Int, pipeline: Pipeline, listener: Listener = Listener()) throws -> Int {
        let limits = self.limits
        let tls = listener.tls
        let isTLS = tls != nil
        let vpcEndpoint = listener.vpcEndpoint
        let connections = self.connections
        let bodies = self.bodies
        // A connection over the cap gets two seconds to send the head its 503 answers.
        let refusing = {
            var l = limits
            l.idleTimeout = min(limits.idleTimeout, 2)
            l.headerTimeout = min(limits.headerTimeout, 2)
            return l
        }()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // TCP_NODELAY at the TCP level: `.socketOption(.tcp_nodelay)` would set option 1 at
            // SOL_SOCKET, which is SO_DEBUG — refused (EACCES) to a non-root user, so every
            // accepted connection was closed, and never TCP_NODELAY for root.
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                let admitted = connections.admit()
                channel.closeFuture.whenComplete { _ in connections.release() }
                return channel.eventLoop.makeCompletedFuture {
                    let deadline = ConnectionDeadline(channel: channel, limits: admitted ? limits : refusing)
                    let sync = channel.pipeline.syncOperations
                    if let tls { try tls.addHandler(to: sync) }
                    try sync.addHandler(ByteActivityHandler(deadline: deadline))
                    guard admitted else {
                        try sync.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true,
                                                            withOutboundHeaderValidation: false,
                                                            withEncoderConfiguration: .init(), withDecoderLimitConfiguration: limits.decoderLimits)
                        try sync.addHandler(RefusingHandler(limit: limits.maxConnections))
                        return
                    }
                    try sync.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true,
                                                        withOutboundHeaderValidation: false,  // HTTPHandler.write checks
                                                        withEncoderConfiguration: .init(), withDecoderLimitConfiguration: limits.decoderLimits)
                    try sync.addHandler(HTTPHandler(pipeline: pipeline, deadline: deadline, maxBodyBytes: limits.maxBodyBytes, bodies: bodies,
                                                      isTLS: isTLS, vpcEndpoint: vpcEndpoint))
                }
            }
        let channel = try bootstrap.bind(host: host, port: port).wait()
        channels.append(channel)
        return channel.localAddress?.port ?? port
    }

    func stop() {
        for channel in channels {
            do {
                try channel.close().wait()
            } catch {
                Warden.log.warning("closing the listener failed", metadata: ["error": .string(String(describing: error))])
            }
        }
        do {
            try group.syncShutdownGracefully()
        } catch {
            Warden.log.error("event loops did not shut down", metadata: ["error": .string(String(describing: error))])
        }
    }
}

/// What a listener adds to the requests it takes: TLS, and the simulated VPC endpoint it is.
struct Listener {
    var tls: (any TransportSecurity)?
    var vpcEndpoint: VPCEndpoint?
}

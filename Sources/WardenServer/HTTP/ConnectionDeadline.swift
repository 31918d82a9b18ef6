import NIOCore

/// The one deadline a connection is under, by phase: waiting idle for a request, reading a
/// request's head, reading its body, or busy (the request is being answered: no deadline —
/// the server's own work is never cut short). When a deadline passes the connection is
/// closed. Used only on the connection's event loop.
///
/// One timer per connection, checked lazily: moving the deadline later only records it; the
/// pending check re-arms itself for the new deadline when it fires. A request therefore costs
/// a few clock reads, not a timer each.
final class ConnectionDeadline {
    enum Phase { case idle, head, body, busy }

    private(set) var phase: Phase = .idle
    private var deadline = NIODeadline.distantFuture
    /// When the earliest pending check fires (nil: none pending).
    private var checkAt: NIODeadline?
    private let limits: ServerLimits
    private let channel: Channel

    init(channel: Channel, limits: ServerLimits) {
        self.channel = channel
        self.limits = limits
    }

    /// Enters a phase, starting its clock.
    func enter(_ phase: Phase) {
        self.phase = phase
        switch phase {
        case .idle: deadline = channel.eventLoop.now + Self.amount(limits.idleTimeout)
        case .head: deadline = channel.eventLoop.now + Self.amount(limits.headerTimeout)
        case .body: deadline = channel.eventLoop.now + Self.amount(limits.bodyTimeout)
        case .busy: deadline = .distantFuture
        }
        arm()
    }

    /// Bytes arrived: an idle connection is now reading a request head.
    func bytesArrived() {
        if phase == .idle { enter(.head) }
    }

    static func amount(_ seconds: Double) -> TimeAmount {
        .nanoseconds(Int64((min(max(seconds, 0.001), 86_400 * 365) * 1e9).rounded()))
    }

    private func arm() {
        guard deadline != .distantFuture else { return }
        if let checkAt, checkAt <= deadline { return }
        checkAt = deadline
        let bound = NIOLoopBound(self, eventLoop: channel.eventLoop)
        channel.eventLoop.scheduleTask(deadline: deadline) { bound.value.check() }
    }

    private func check() {
        checkAt = nil
        guard channel.isActive else { return }
        if deadline <= channel.eventLoop.now {
            channel.close(promise: nil)
            return
        }
        arm()
    }
}

/// First in a connection's pipeline: tells the deadline when bytes arrive, so an idle
/// connection that starts a request is held to the (shorter) header timeout from its first
/// byte, however slowly the rest comes.
final class ByteActivityHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let deadline: ConnectionDeadline

    init(deadline: ConnectionDeadline) { self.deadline = deadline }

    func channelActive(context: ChannelHandlerContext) {
        deadline.enter(.idle)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadline.bytesArrived()
        context.fireChannelRead(data)
    }
}

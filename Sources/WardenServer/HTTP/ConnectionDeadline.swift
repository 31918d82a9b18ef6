import NIOCore

/// The one deadline a connection is under, by phase: waiting idle for a request, reading a
/// request's head, reading its body, or busy (the request is being answered: no deadline —
/// the server's own work is never cut short). When a deadline passes the connection is
/// closed. Used only on the connection's event loop.
///
/// At most one timer per connection, checked lazily: moving the deadline later only records
/// it, and the pending check re-arms itself for the new deadline when it fires; moving it
/// earlier (an idle connection starting a request) replaces the pending check. A request
/// therefore costs a few clock reads and at most one rescheduled timer.
final class ConnectionDeadline {
    enum Phase { case idle, head, body, busy }

    private(set) var phase: Phase = .idle
    private var deadline = NIODeadline.distantFuture
    /// The pending check and when it fires (nil: none pending).
    private var pending: (task: Scheduled<Void>, at: NIODeadline)?
    private let limits: ServerLimits
    private let channel: Channel
    /// Checks that have run (tests: a connection keeps one timer, however many requests).
    private(set) var checksRun = 0

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
        if let pending {
            if pending.at <= deadline { return }
            pending.task.cancel()
        }
        let bound = NIOLoopBound(self, eventLoop: channel.eventLoop)
        pending = (channel.eventLoop.scheduleTask(deadline: deadline) { bound.value.check() }, deadline)
    }

    /// The connection is gone: no check needs to run.
    func cancel() {
        pending?.task.cancel()
        pending = nil
        deadline = .distantFuture
    }

    private func check() {
        checksRun += 1
        pending = nil
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

    func channelInactive(context: ChannelHandlerContext) {
        deadline.cancel()
        context.fireChannelInactive()
    }
}

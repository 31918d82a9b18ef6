import WardenSupport

/// A bounded, thread-safe LRU cache of SigV4 signing keys.
///
/// A signing key depends only on (secret, date, region, service), so one client talking to one
/// service needs one derivation per day; caching saves four HMACs per request. The access key id
/// is part of the cache key too, so that two ids sharing a secret never share an entry. Because
/// the secret itself is part of the key, rotating a secret can never hit a stale entry.
///
/// Capacity 0 disables caching (every call derives the key).
public final class SigV4SigningKeyCache: @unchecked Sendable {
    // @unchecked Sendable: every stored property is either immutable (`capacity`, `lock`) or
    // only read and written while holding `lock`.

    struct Key: Hashable {
        var accessKeyId: String
        var secretAccessKey: String
        var date: String
        var region: String
        var service: String
    }

    /// A slot of the intrusive doubly-linked LRU list (indices into `slots`; -1 is "none").
    private struct Slot {
        var key: Key
        var value: [UInt8]
        var previous: Int
        var next: Int
    }

    public let capacity: Int
    private let lock = Lock()
    private var index: [Key: Int] = [:]
    private var slots: [Slot] = []
    private var head = -1  // most recently used
    private var tail = -1  // least recently used
    private var hitCount = 0
    private var missCount = 0

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Number of keys held (never more than `capacity`).
    public var count: Int {
        lock.lock(); defer { lock.unlock() }
        return index.count
    }

    /// Lookups answered from the cache and lookups that had to derive the key.
    public var statistics: (hits: Int, misses: Int) {
        lock.lock(); defer { lock.unlock() }
        return (hitCount, missCount)
    }

    /// The signing key for these parameters, from the cache or freshly derived.
    public func signingKey(accessKeyId: String, secretAccessKey: String, date: String,
                           region: String, service: String) -> [UInt8] {
        if capacity == 0 {
            return SigV4.signingKey(secretAccessKey: secretAccessKey, date: date, region: region, service: service)
        }
        let key = Key(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, date: date,
                      region: region, service: service)
        if let cached = lookup(key) { return cached }
        // Derive outside the lock: four HMACs should not serialise other requests.
        let derived = SigV4.signingKey(secretAccessKey: secretAccessKey, date: date, region: region, service: service)
        insert(key, derived)
        return derived
    }

    /// Drops every entry.
    public func removeAll() {
        lock.lock(); defer { lock.unlock() }
        index.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
        head = -1
        tail = -1
    }

    // MARK: - LRU internals (call with `lock` held)

    private func lookup(_ key: Key) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        guard let slot = index[key] else {
            missCount += 1
            return nil
        }
        hitCount += 1
        moveToFront(slot)
        return slots[slot].value
    }

    private func insert(_ key: Key, _ value: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        if let slot = index[key] {  // another thread got here first
            slots[slot].value = value
            moveToFront(slot)
            return
        }
        let slot: Int
        if slots.count < capacity {
            slot = slots.count
            slots.append(Slot(key: key, value: value, previous: -1, next: -1))
        } else {
            // Reuse the least recently used slot.
            slot = tail
            unlink(slot)
            index.removeValue(forKey: slots[slot].key)
            slots[slot] = Slot(key: key, value: value, previous: -1, next: -1)
        }
        index[key] = slot
        pushFront(slot)
    }

    private func unlink(_ slot: Int) {
        let previous = slots[slot].previous, next = slots[slot].next
        if previous >= 0 { slots[previous].next = next } else { head = next }
        if next >= 0 { slots[next].previous = previous } else { tail = previous }
        slots[slot].previous = -1
        slots[slot].next = -1
    }

    private func pushFront(_ slot: Int) {
        slots[slot].previous = -1
        slots[slot].next = head
        if head >= 0 { slots[head].previous = slot }
        head = slot
        if tail < 0 { tail = slot }
    }

    private func moveToFront(_ slot: Int) {
        guard head != slot else { return }
        unlink(slot)
        pushFront(slot)
    }
}

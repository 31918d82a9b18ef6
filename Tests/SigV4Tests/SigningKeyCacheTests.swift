import Testing
@testable import SigV4

@Suite("Signing-key cache")
struct SigningKeyCacheTests {
    @Test("verification gives the same answers with and without the cache", arguments: VectorSuite.caseNames)
    func sameResults(name: String) throws {
        let vector = try VectorSuite.load(name)
        let cached = SigV4Verifier(signingKeyCacheCapacity: 16)
        let uncached = SigV4Verifier(signingKeyCacheCapacity: 0)
        for file in ["header-signed-request.txt", "query-signed-request.txt"] {
            let request = try vector.request(file)
            var wrong = vector.secret
            wrong.secretAccessKey += "x"
            for secret in [vector.secret, wrong, vector.secret] {  // hit, miss, hit again
                let a = verify(request, vector, secret: secret, verifier: cached)
                let b = verify(request, vector, secret: secret, verifier: uncached)
                #expect(a.failure == b.failure)
                #expect((try? a.get()) == (try? b.get()))
            }
        }
        #expect(uncached.signingKeyCache.count == 0)
        #expect(cached.signingKeyCache.count == 2)
        #expect(cached.signingKeyCache.statistics.hits >= 2)
    }

    @Test("cached keys equal derived keys")
    func cachedEqualsDerived() {
        let cache = SigV4SigningKeyCache(capacity: 4)
        for _ in 0..<3 {
            #expect(cache.signingKey(accessKeyId: "A", secretAccessKey: "s", date: "20261122", region: "r", service: "x")
                == signingKey(secretAccessKey: "s", date: "20261122", region: "r", service: "x"))
        }
        #expect(cache.statistics == (hits: 2, misses: 1))
    }

    @Test("every part of the key separates entries")
    func keyParts() {
        let cache = SigV4SigningKeyCache(capacity: 16)
        let base = ("A", "s", "20261122", "r", "x")
        let variants = [base, ("B", "s", "20261122", "r", "x"), ("A", "t", "20261122", "r", "x"),
                        ("A", "s", "20261123", "r", "x"), ("A", "s", "20261122", "q", "x"),
                        ("A", "s", "20261122", "r", "y")]
        for v in variants {
            #expect(cache.signingKey(accessKeyId: v.0, secretAccessKey: v.1, date: v.2, region: v.3, service: v.4)
                == signingKey(secretAccessKey: v.1, date: v.2, region: v.3, service: v.4))
        }
        #expect(cache.count == variants.count)
    }

    @Test("capacity is never exceeded, least recently used goes first")
    func capacity() {
        let cache = SigV4SigningKeyCache(capacity: 3)
        func use(_ id: String) { _ = cache.signingKey(accessKeyId: id, secretAccessKey: "s", date: "20261122", region: "r", service: "x") }
        use("a"); use("b"); use("c")
        #expect(cache.count == 3)
        use("a")          // a is now the most recent; b the least
        use("d")          // evicts b
        #expect(cache.count == 3)
        let before = cache.statistics
        use("a"); use("c"); use("d")
        #expect(cache.statistics.hits == before.hits + 3)
        use("b")          // was evicted: a miss
        #expect(cache.statistics.misses == before.misses + 1)
        for i in 0..<100 { use("k\(i)") }
        #expect(cache.count == 3)
    }

    @Test("the verifier's cache stays within its capacity")
    func verifierBound() {
        let verifier = SigV4Verifier(signingKeyCacheCapacity: 5)
        for i in 0..<40 {
            let secret = "secret-\(i)"
            let request = Dynamo.signed(secret: secret)
            let result = Dynamo.verify(request, verifier: verifier) { _ in .secret(SigV4Secret(secretAccessKey: secret)) }
            #expect(throws: Never.self) { try result.get() }
            #expect(verifier.signingKeyCache.count <= 5)
        }
        #expect(verifier.signingKeyCache.count == 5)
    }

    @Test("capacity 0 caches nothing")
    func disabled() {
        let cache = SigV4SigningKeyCache(capacity: 0)
        _ = cache.signingKey(accessKeyId: "a", secretAccessKey: "s", date: "20261122", region: "r", service: "x")
        #expect(cache.count == 0)
    }

    @Test("concurrent verification through one shared verifier")
    func concurrent() async {
        let verifier = SigV4Verifier(signingKeyCacheCapacity: 8)
        let secrets = (0..<20).map { "secret-\($0)" }
        let requests = secrets.map { Dynamo.signed(secret: $0) }
        let failures = await withTaskGroup(of: Int.self) { group in
            for round in 0..<8 {
                group.addTask {
                    var failures = 0
                    for (index, request) in requests.enumerated() {
                        let secret = secrets[(index + round) % secrets.count]
                        let result = verifier.verify(request, now: Dynamo.now, expectedService: "dynamodb") { _ in
                            .secret(SigV4Secret(secretAccessKey: secret))
                        }
                        // Only the request signed with this secret may pass.
                        if (result.failure == nil) != ((index + round) % secrets.count == index) { failures += 1 }
                    }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        #expect(verifier.signingKeyCache.count <= 8)
    }
}

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "warden",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "warden", targets: ["warden"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
    ],
    targets: [
        // System libraries: the system SQLite and OpenSSL's libcrypto.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "DynamoModel"),
        .target(name: "DynamoExpressions", dependencies: ["DynamoModel"]),
        .target(name: "DynamoStorage", dependencies: ["DynamoModel", "CSQLite"]),
        .target(name: "SigV4", dependencies: ["CLibCrypto"]),
        .target(name: "AccessPolicy"),
        .target(name: "Identity", dependencies: [
            "AccessPolicy", "DynamoModel", "DynamoStorage", "CLibCrypto",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "DynamoOperations", dependencies: [
            "DynamoModel", "DynamoExpressions", "DynamoStorage", "AccessPolicy", "SigV4",
        ]),
        // IAM's and STS's operations (AWS Query protocol), one file per operation, as
        // DynamoOperations holds DynamoDB's; plain Swift, no NIO.
        .target(name: "IdentityOperations", dependencies: ["Identity", "AccessPolicy", "DynamoModel"]),
        .target(name: "AuditTrail", dependencies: ["DynamoModel", "DynamoStorage", "CLibCrypto"]),
        .target(name: "WardenServer", dependencies: [
            "DynamoModel", "DynamoStorage", "SigV4", "AccessPolicy", "Identity",
            "DynamoOperations", "IdentityOperations", "AuditTrail",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "warden", dependencies: [
            "WardenServer", "SigV4", "Identity", "AuditTrail",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Micro-benchmarks (bench/): run with `swift run -c release warden-micro-bench`.
        .executableTarget(name: "warden-micro-bench", dependencies: ["SigV4", "AccessPolicy"], path: "bench/Micro"),
        // Fuzz targets (scripts/fuzz builds them with libFuzzer; a plain build replays
        // Tests/Fuzz's corpora and kept crashing inputs).
        .executableTarget(name: "warden-fuzz", dependencies: [
            "DynamoModel", "DynamoExpressions", "AccessPolicy", "SigV4", "AuditTrail", "WardenServer",
            "IdentityOperations",
        ], path: "Tests/Fuzz/Targets"),

        // Helpers every test target shares (JSON text, scratch folders, waiting for a
        // completion, a seeded generator, a settable clock); used only by test targets.
        .target(name: "TestSupport", dependencies: ["DynamoModel"], path: "Tests/TestSupport"),

        .testTarget(name: "DynamoModelTests", dependencies: ["DynamoModel", "TestSupport"]),
        .testTarget(name: "DynamoExpressionsTests", dependencies: ["DynamoExpressions", "DynamoModel", "TestSupport"]),
        .testTarget(name: "DynamoStorageTests", dependencies: ["DynamoStorage", "DynamoModel", "TestSupport"]),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4"], exclude: ["Vectors"]),
        .testTarget(name: "AccessPolicyTests", dependencies: ["AccessPolicy"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "AccessPolicy", "DynamoModel", "DynamoStorage", "TestSupport"]),
        .testTarget(name: "IdentityOperationsTests", dependencies: ["IdentityOperations", "Identity"]),
        .testTarget(name: "DynamoOperationsTests", dependencies: ["DynamoOperations", "DynamoModel", "DynamoStorage", "TestSupport"]),
        .testTarget(name: "AuditTrailTests", dependencies: ["AuditTrail", "DynamoModel", "DynamoStorage", "TestSupport"]),
        .testTarget(name: "WardenServerTests", dependencies: [
            "WardenServer", "IdentityOperations", "DynamoModel", "SigV4", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
    ]
)

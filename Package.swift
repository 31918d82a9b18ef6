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
            "AccessPolicy", "SigV4", "DynamoModel", "DynamoStorage", "CLibCrypto",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "DynamoOperations", dependencies: [
            "DynamoModel", "DynamoExpressions", "DynamoStorage", "AccessPolicy", "Identity", "SigV4",
        ]),
        .target(name: "KMS", dependencies: ["DynamoModel", "DynamoStorage", "AccessPolicy", "CLibCrypto"]),
        .target(name: "AuditTrail", dependencies: ["DynamoModel", "DynamoStorage", "CLibCrypto"]),
        .target(name: "WardenServer", dependencies: [
            "DynamoModel", "DynamoExpressions", "DynamoStorage", "SigV4", "AccessPolicy", "Identity",
            "DynamoOperations", "AuditTrail", "KMS",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "warden", dependencies: [
            "WardenServer", "DynamoModel", "SigV4", "Identity", "AuditTrail",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Micro-benchmarks (bench/): run with `swift run -c release warden-micro-bench`.
        .executableTarget(name: "warden-micro-bench", dependencies: ["SigV4", "AccessPolicy", "KMS"], path: "bench/Micro"),
        // Fuzz targets (scripts/fuzz builds them with libFuzzer; a plain build replays
        // Tests/Fuzz's corpora and kept crashing inputs).
        .executableTarget(name: "warden-fuzz", dependencies: [
            "DynamoModel", "DynamoExpressions", "AccessPolicy", "SigV4", "AuditTrail", "WardenServer",
        ], path: "Tests/Fuzz/Targets"),

        .testTarget(name: "DynamoModelTests", dependencies: ["DynamoModel"]),
        .testTarget(name: "DynamoExpressionsTests", dependencies: ["DynamoExpressions", "DynamoModel"]),
        .testTarget(name: "DynamoStorageTests", dependencies: ["DynamoStorage", "DynamoModel"]),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4"], exclude: ["Vectors"]),
        .testTarget(name: "AccessPolicyTests", dependencies: ["AccessPolicy"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "AccessPolicy", "DynamoModel", "DynamoStorage", "WardenServer"]),
        .testTarget(name: "DynamoOperationsTests", dependencies: ["DynamoOperations", "DynamoModel", "DynamoStorage"]),
        .testTarget(name: "KMSTests", dependencies: ["KMS", "DynamoModel", "DynamoStorage"]),
        .testTarget(name: "AuditTrailTests", dependencies: ["AuditTrail", "DynamoModel", "DynamoStorage"]),
        .testTarget(name: "WardenServerTests", dependencies: [
            "WardenServer", "DynamoModel", "SigV4",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
    ]
)

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
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // System libraries: the system SQLite, OpenSSL's libcrypto and zlib.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The lowest layer, one way per small job: JSON, hex, civil dates, tags, RSA keys (through
        // libcrypto, which the binary links for SigV4 anyway), gzip/deflate and CRC32 (through zlib).
        .target(name: "WardenSupport", dependencies: ["CLibCrypto", "CZlib", .product(name: "Logging", package: "swift-log")]),

        .target(name: "DynamoModel", dependencies: ["WardenSupport"]),
        .target(name: "DynamoExpressions", dependencies: ["DynamoModel", "WardenSupport"]),
        .target(name: "DynamoStorage", dependencies: ["DynamoModel", "WardenSupport", "CSQLite"]),
        .target(name: "SigV4", dependencies: ["WardenSupport", "CLibCrypto"]),
        .target(name: "AccessPolicy", dependencies: ["WardenSupport"]),
        .target(name: "Identity", dependencies: [
            "WardenSupport", "AccessPolicy", "DynamoModel", "DynamoStorage", "CLibCrypto",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "DynamoOperations", dependencies: [
            "WardenSupport", "DynamoModel", "DynamoExpressions", "DynamoStorage", "AccessPolicy", "SigV4",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // IAM's and STS's operations (AWS Query protocol), one file per operation, as
        // DynamoOperations holds DynamoDB's; plain Swift, no NIO.
        .target(name: "IdentityOperations", dependencies: ["WardenSupport", "Identity", "AccessPolicy", "DynamoModel"]),
        .target(name: "AuditTrail", dependencies: [
            "WardenSupport", "DynamoModel", "DynamoStorage", "CLibCrypto", .product(name: "Logging", package: "swift-log"),
        ]),
        // `warden audit`'s checks and reports, on JSON the CLI fetched through the public APIs.
        .target(name: "PostureAudit", dependencies: ["WardenSupport"]),
        .target(name: "KMS", dependencies: ["WardenSupport", "DynamoModel", "DynamoStorage", "AccessPolicy", "CLibCrypto"]),
        // The web console's static files (Files/), embedded as Swift literals by
        // scripts/console-embed (ConsoleAssets.swift, checked in): no bundle, no files at run time.
        .target(name: "WebConsole", exclude: ["Files"]),
        // AWS Backup (REST-JSON) and Application Auto Scaling (AWS JSON 1.1), one file per
        // operation, as KMS; plain Swift, no NIO.
        .target(name: "AWSBackup", dependencies: ["WardenSupport", "DynamoModel", "DynamoStorage", .product(name: "Logging", package: "swift-log")]),
        .target(name: "AppAutoScaling", dependencies: ["WardenSupport", "DynamoModel", "DynamoStorage"]),
        .target(name: "WardenServer", dependencies: [
            "DynamoModel", "DynamoStorage", "SigV4", "AccessPolicy", "Identity",
            "DynamoOperations", "IdentityOperations", "AuditTrail", "KMS", "AWSBackup", "AppAutoScaling", "WardenSupport", "WebConsole",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // TLS for the listeners (NIOSSL and its BoringSSL): linked by the binary only, so the
        // modules below and the fuzz build never compile a TLS stack.
        .target(name: "WardenTLS", dependencies: [
            "WardenServer", "WardenSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .executableTarget(name: "warden", dependencies: [
            "WardenServer", "WardenTLS", "WardenSupport", "SigV4", "Identity", "AuditTrail", "PostureAudit",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Micro-benchmarks (bench/): run with `swift run -c release warden-micro-bench`.
        .executableTarget(name: "warden-micro-bench", dependencies: ["SigV4", "AccessPolicy", "KMS"], path: "bench/Micro"),
        // The limit server (bench/): plain NIO and SQLite, no security; bench/bench.py runs it beside Warden.
        .executableTarget(name: "warden-limit", dependencies: [
            "CSQLite", "WardenSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], path: "bench/Limit"),
        // Fuzz targets (scripts/fuzz builds them with libFuzzer; a plain build replays
        // Tests/Fuzz's corpora and kept crashing inputs).
        .executableTarget(name: "warden-fuzz", dependencies: [
            "DynamoModel", "DynamoExpressions", "AccessPolicy", "SigV4", "AuditTrail", "WardenServer",
            "IdentityOperations", "WardenSupport",
        ], path: "Tests/Fuzz/Targets"),

        // Helpers every test target shares (JSON text, scratch folders, waiting for a
        // completion, a seeded generator, a settable clock); used only by test targets.
        .target(name: "TestSupport", dependencies: ["DynamoModel"], path: "Tests/TestSupport"),

        .testTarget(name: "WardenSupportTests", dependencies: ["WardenSupport"]),
        .testTarget(name: "DynamoModelTests", dependencies: ["DynamoModel", "TestSupport"]),
        .testTarget(name: "DynamoExpressionsTests", dependencies: ["DynamoExpressions", "DynamoModel", "TestSupport"]),
        .testTarget(name: "DynamoStorageTests", dependencies: ["DynamoStorage", "DynamoModel", "WardenSupport", "TestSupport"]),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4", "WardenSupport"], exclude: ["Vectors"]),
        .testTarget(name: "AccessPolicyTests", dependencies: ["AccessPolicy"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "AccessPolicy", "DynamoModel", "DynamoStorage", "WardenSupport", "TestSupport"]),
        .testTarget(name: "IdentityOperationsTests", dependencies: ["IdentityOperations", "Identity", "WardenSupport"]),
        .testTarget(name: "DynamoOperationsTests", dependencies: ["DynamoOperations", "DynamoModel", "DynamoStorage", "WardenSupport", "TestSupport"]),
        .testTarget(name: "KMSTests", dependencies: ["KMS", "DynamoModel", "DynamoStorage", "WardenSupport", "TestSupport"]),
        .testTarget(name: "PostureAuditTests", dependencies: ["PostureAudit", "WardenSupport"]),
        .testTarget(name: "AWSBackupTests", dependencies: ["AWSBackup", "DynamoModel", "WardenSupport", "TestSupport"]),
        .testTarget(name: "AppAutoScalingTests", dependencies: ["AppAutoScaling", "DynamoModel", "WardenSupport", "TestSupport"]),
        .testTarget(name: "AuditTrailTests", dependencies: ["AuditTrail", "DynamoModel", "DynamoStorage", "WardenSupport", "TestSupport"]),
        .testTarget(name: "WardenServerTests", dependencies: [
            "WardenServer", "IdentityOperations", "AWSBackup", "AppAutoScaling", "DynamoModel", "SigV4", "WardenSupport", "TestSupport", "WebConsole",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
    ]
)

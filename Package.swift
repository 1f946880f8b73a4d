// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ideate",
    products: [
        .executable(name: "ideate", targets: ["ideate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .target(
            name: "IdeateCore",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")],
            resources: [.embedInCode("Localization/Translations")],
            plugins: ["TranslationIndex"]
        ),
        .plugin(name: "TranslationIndex", capability: .buildTool(), path: "Sources/TranslationIndex"),
        .target(name: "IdeateRuntime", dependencies: ["IdeateCore"]),
        .target(
            name: "IdeateProtocol",
            dependencies: ["IdeateCore"]
        ),
        .systemLibrary(name: "CNcurses"),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(
            name: "IdeateTUI",
            dependencies: ["IdeateCore", "IdeateProtocol", "IdeateRuntime", "CNcurses", "CQRencode", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "IdeateNet",
            dependencies: [
                "IdeateCore",
                "IdeateProtocol", "IdeateRuntime",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [
                .embedInCode("Web/Page/page.html"), .embedInCode("Web/Page/page.css"), .embedInCode("Web/Page/page.js"),
                .embedInCode("Web/Page/strings.js"),
                .embedInCode("Box/Page/box.html"), .embedInCode("Box/Page/box.css"), .embedInCode("Box/Page/box.js"),
            ]
        ),
        .target(
            name: "IdeateStore",
            dependencies: ["IdeateCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "ideate",
            dependencies: [
                "CMalloc",
                "IdeateCore",
                "IdeateProtocol", "IdeateRuntime",
                "IdeateStore",
                "IdeateTUI",
                "IdeateNet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "ideate-crash-probe",
            dependencies: ["IdeateCore", "IdeateRuntime", "IdeateStore"]
        ),
        .executableTarget(
            name: "ideate-bench",
            dependencies: [
                "IdeateCore", "IdeateProtocol", "IdeateRuntime", "IdeateStore", "IdeateTUI", "IdeateNet", .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/ideate-bench"
        ),
        .target(
            name: "IdeateTestSupport",
            dependencies: ["IdeateCore", "IdeateRuntime"],
            path: "Tests/IdeateTestSupport"
        ),
        .testTarget(
            name: "IdeateCoreTests",
            dependencies: ["IdeateCore", "IdeateTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Golden", "FuzzCorpus"]
        ),
        .testTarget(
            name: "IdeateRuntimeTests",
            dependencies: ["IdeateCore", "IdeateRuntime", "IdeateTestSupport"]
        ),
        .testTarget(
            name: "IdeateStoreTests",
            dependencies: [
                "IdeateCore", "IdeateRuntime", "IdeateStore", "IdeateTestSupport", "ideate-crash-probe",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "IdeateTUITests",
            dependencies: [
                "IdeateCore", "IdeateProtocol", "IdeateRuntime", "IdeateTUI", "IdeateTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Snapshots"]
        ),
        .executableTarget(
            name: "ideate-load",
            dependencies: ["IdeateCore", "IdeateProtocol", "IdeateRuntime", "IdeateNet", "IdeateStore"]
        ),
        .executableTarget(
            name: "ideate-fuzz",
            dependencies: ["IdeateCore", "IdeateProtocol", "IdeateTUI"],
            path: "Tests/Fuzz",
            exclude: ["run"]
        ),
        .testTarget(
            name: "IdeateProtocolTests",
            dependencies: ["IdeateCore", "IdeateProtocol", "IdeateTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "IdeateNetTests",
            dependencies: [
                "IdeateCore", "IdeateProtocol", "IdeateRuntime", "IdeateNet", "IdeateStore", "IdeateTestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "IdeateCLITests",
            dependencies: ["ideate", "IdeateProtocol", "IdeateRuntime", "IdeateTUI", "IdeateNet", "IdeateStore", "IdeateTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

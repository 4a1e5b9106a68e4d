// swift-tools-version:6.0
import PackageDescription

// The pipeline is read → extract forms → validate → aggregate → report, with intake around it and
// a thin CLI on top. Each stage is its own module with its own test target.
let package = Package(
    name: "furikaeri",
    products: [
        .executable(name: "furikaeri", targets: ["FurikaeriCLI"]),
        // libFuzzer targets (scripts/fuzz.sh builds them with -sanitize=fuzzer,address -DFUZZING into
        // .build-fuzz); a normal build makes each a replayer of the files named on its command line.
        // make bench: the summary of synthetic projects, timed (not part of the furikaeri product).
        .executable(name: "summary-bench", targets: ["SummaryBench"]),
        .executable(name: "fuzz-workbook", targets: ["FuzzWorkbook"]),
        .executable(name: "fuzz-shared-strings", targets: ["FuzzSharedStrings"]),
        .executable(name: "fuzz-worksheet", targets: ["FuzzWorksheet"]),
        .executable(name: "fuzz-form-grid", targets: ["FuzzFormGrid"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C libraries, wrapped as in GRDB's GRDBSQLite: a module map and a shim header each.
        .systemLibrary(name: "CZip", pkgConfig: "libzip",
                       providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        // OpenSSL's libcrypto, for SHA-256 (EVP digests).
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        // glibc calls outside Swift's Glibc module: those declared only under _GNU_SOURCE (renameat2,
        // syncfs, leases, thread priority) and <malloc.h> (mallopt, malloc_trim).
        .systemLibrary(name: "CSystem"),

        // core: what every stage shares (fiscal years, Unicode folding, A1 references, SHA-256,
        // parallel map, durable writes, path bytes, JSON); depends on nothing of ours but the C shims.
        .target(name: "Core", dependencies: ["CCrypto", "CSystem"]),
        // read: a streaming XLSX reader on libzip + libxml2.
        .target(name: "XLSX", dependencies: ["Core", "CZip", "CLibXML2", "CSystem"]),
        // settings: the office's YAML file, with defaults.
        .target(name: "Settings", dependencies: ["Core", "Yams"]),
        // extract forms: fields found by their labels in a cell grid.
        .target(name: "Forms", dependencies: ["Core", "XLSX", "Settings"]),
        // write: the one wrapper over libxlsxwriter (workbooks, sheets, formats, charts, one error).
        .target(name: "XLSXWriting", dependencies: ["Core", "CXLSXWriter"]),
        // blank forms, written through XLSXWriting.
        .target(name: "Templates", dependencies: ["Core", "Forms", "Settings", "XLSXWriting"]),
        // validate: rules, codes and Japanese/English messages.
        .target(name: "Validation", dependencies: ["Core", "XLSX", "Forms", "Settings"]),
        // aggregate: per-year figures as plain values.
        .target(name: "Aggregation", dependencies: ["Core", "Forms", "Validation"]),
        // report: the summary workbook and CSV for evaluators.
        .target(name: "Reports", dependencies: ["Core", "Aggregation", "Validation", "Forms", "XLSXWriting"]),
        // intake: workspace folders, the SQLite ledger and the archive.
        .target(name: "Intake", dependencies: [
            "Core", "XLSX", "Forms", "Validation", "Aggregation", "Reports", "Templates", "Settings", "CSystem",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .executableTarget(name: "FurikaeriCLI", dependencies: [
            "Core", "XLSX", "Forms", "Templates", "Validation", "Aggregation", "Reports", "Intake", "Settings", "CSystem",
            "XLSXWriting", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        // The English of every help text (Japanese text -> English), the same table the English
        // manual page is made from: a link to packaging/manpage-en.json, compiled into the binary.
        resources: [.embedInCode("Resources/manpage-en.json")]),

        // bench: the summary benchmark of `make bench`.
        .executableTarget(name: "SummaryBench", dependencies: ["Core", "Intake", "Reports", "Aggregation", "Validation", "Forms", "XLSX"],
                          path: "Benchmarks/SummaryBench"),

        // fuzz: the harnesses shared by the fuzz targets, their replay mode and the regression tests.
        // libFuzzer's driver, declared (the FUZZING build gets it from -sanitize=fuzzer).
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["XLSX", "Forms", "Settings", "CLibFuzzer"], path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzWorkbook", dependencies: ["FuzzSupport"], path: "Fuzz/FuzzWorkbook"),
        .executableTarget(name: "FuzzSharedStrings", dependencies: ["FuzzSupport"], path: "Fuzz/FuzzSharedStrings"),
        .executableTarget(name: "FuzzWorksheet", dependencies: ["FuzzSupport"], path: "Fuzz/FuzzWorksheet"),
        .executableTarget(name: "FuzzFormGrid", dependencies: ["FuzzSupport"], path: "Fuzz/FuzzFormGrid"),

        .target(name: "TestSupport", dependencies: ["XLSX", "CZip"], path: "Tests/TestSupport"),
        .testTarget(name: "CoreTests", dependencies: ["Core", "TestSupport"]),
        .testTarget(name: "XLSXTests", dependencies: ["Core", "XLSX", "Forms", "TestSupport", "FuzzSupport", "FuzzWorkbook"]),
        .testTarget(name: "XLSXWritingTests", dependencies: ["Core", "XLSXWriting", "XLSX", "TestSupport"]),
        .testTarget(name: "FormsTests", dependencies: ["Core", "Forms", "Templates", "XLSX", "TestSupport", "Settings", "XLSXWriting"]),
        .testTarget(name: "ValidationTests", dependencies: ["Core", "Validation", "Forms", "TestSupport"]),
        .testTarget(name: "AggregationTests", dependencies: ["Core", "Aggregation", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Core", "Reports", "SummaryBench", "Aggregation", "TestSupport", "XLSXWriting"]),
        .testTarget(name: "IntakeTests", dependencies: ["Core", "Intake", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "FurikaeriCLI"]),
    ],
    swiftLanguageModes: [.v6]
)

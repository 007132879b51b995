// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Where the toolchain keeps its own build of swift-syntax (`usr/lib/swift/host`, which the
/// compiler uses for macros), when the `swiftc` on `PATH` ships one and `LEMMA_SWIFT_SYNTAX` is
/// not `package`. Building against it saves the six minutes a release build of the swift-syntax
/// package takes; `scripts/swift-syntax-choice.sh` checks that it imports, else chooses the package.
func toolchainSwiftSyntax() -> String? {
  let environment = ProcessInfo.processInfo.environment
  guard environment["LEMMA_SWIFT_SYNTAX"] != "package" else { return nil }
  let files = FileManager.default
  for folder in (environment["PATH"] ?? "").split(separator: ":") {
    let swiftc = URL(fileURLWithPath: "\(folder)/swiftc")
    guard files.isExecutableFile(atPath: swiftc.path) else { continue }
    let usr = swiftc.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
    let host = usr.appendingPathComponent("lib/swift/host").path
    let modules = ["SwiftSyntax", "SwiftParser", "SwiftIDEUtils"]
    let present = modules.allSatisfy { module in
      files.fileExists(atPath: "\(host)/\(module).swiftmodule")
        && (files.fileExists(atPath: "\(host)/lib\(module).so")
          || files.fileExists(atPath: "\(host)/lib\(module).dylib"))
    }
    return present ? host : nil
  }
  return nil
}

let swiftSyntaxHost = toolchainSwiftSyntax()

/// swift-syntax as the targets that parse Swift need it: the toolchain's libraries (linked
/// with `-L`; every target finds their modules with `-I`, below) or the package's products.
func swiftSyntax(_ products: [String]) -> (dependencies: [Target.Dependency], linker: [LinkerSetting]) {
  guard let host = swiftSyntaxHost else {
    return (products.map { .product(name: $0, package: "swift-syntax") }, [])
  }
  let libraries = products + ["SwiftSyntax"]
  return ([], [.unsafeFlags(["-L", host] + libraries.map { "-l\($0)" } + ["-Xlinker", "-rpath", "-Xlinker", host])])
}

let executionSyntax = swiftSyntax(["SwiftParser"])
let renderingSyntax = swiftSyntax(["SwiftParser", "SwiftIDEUtils"])

/// Lemma: Markdown notebooks with Swift experiment blocks, rendered to HTML and GFM reports.
///
/// Data flows one way: `.md -> Notebook -> Program -> Binary -> [CellOutput] -> Report`.
/// `LemmaRuntime` is a dynamic library that compiled notebook programs link; it re-exports
/// `Simulation` and `Figures` and never depends on the engine.
let package = Package(
  name: "Lemma",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "lemma", targets: ["lemma"]),
    .library(name: "LemmaRuntime", type: .dynamic, targets: ["LemmaRuntime"]),
    // The shared cache's HTTP client (URLSession, so libcurl), loaded by `lemma` only when a
    // remote cache is configured: linking it would cost every start about 15 ms.
    .library(name: "LemmaHTTP", type: .dynamic, targets: ["LemmaHTTP"]),
  ],
  dependencies: swiftSyntaxHost == nil
    ? [.package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0")] : [],
  targets: [
    .systemLibrary(
      name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
    .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
    .systemLibrary(name: "CMalloc"),
    .systemLibrary(name: "CSpawn"),
    .target(name: "LemmaNotebook", dependencies: ["CCmark", "CYAML"]),
    .target(name: "Simulation"),
    .target(name: "LibraryLoading"),
    .target(name: "Learning", dependencies: ["CMalloc", "LibraryLoading", "Simulation"]),
    .target(name: "Figures", dependencies: ["SystemSupport"]),
    .target(name: "LemmaMath"),
    .target(name: "SystemSupport"),
    .target(name: "LemmaCitations", dependencies: ["SystemSupport"]),
    .target(name: "LemmaProtocol", dependencies: ["Figures"]),
    .target(name: "LemmaDigest", dependencies: ["LibraryLoading"]),
    .target(name: "LemmaHTTPWire"),
    .target(name: "LemmaHTTP", dependencies: ["LemmaHTTPWire", "LemmaDigest"]),
    .target(name: "LemmaRemote", dependencies: ["LemmaHTTPWire", "SystemSupport"]),
    .target(
      name: "LemmaRuntime",
      dependencies: [
        "Simulation", "Learning", "Figures", "LemmaProtocol", "LemmaDigest",
      ]),
    .target(
      name: "LemmaExecution",
      dependencies: [
        "LemmaNotebook", "LemmaProtocol", "LemmaDigest", "LemmaRemote", "Figures", "CSpawn", "SystemSupport",
      ]
        + executionSyntax.dependencies,
      linkerSettings: executionSyntax.linker),
    .target(
      name: "LemmaRendering",
      dependencies: ["LemmaNotebook", "LemmaExecution", "LemmaMath", "LemmaCitations", "Figures", "SystemSupport"]
        + renderingSyntax.dependencies,
      linkerSettings: renderingSyntax.linker),
    .target(name: "LemmaEngine", dependencies: ["LemmaNotebook", "LemmaExecution", "LemmaRendering", "SystemSupport"]),
    .target(
      name: "LemmaSite",
      dependencies: ["LemmaNotebook", "LemmaExecution", "LemmaRemote", "LemmaRendering", "SystemSupport"]),
    .target(
      name: "LemmaCLI",
      dependencies: [
        "LemmaNotebook", "LemmaExecution", "LemmaRemote", "LemmaRendering", "LemmaEngine", "LemmaSite", "CMalloc",
        "SystemSupport",
      ]),
    .executableTarget(name: "lemma", dependencies: ["LemmaCLI"]),
    .executableTarget(name: "chart-bench", dependencies: ["Figures"], path: "benchmarks/ChartBench"),
    .executableTarget(name: "simulation-bench", dependencies: ["Simulation"], path: "benchmarks/SimulationBench"),
    .executableTarget(
      name: "learning-bench", dependencies: ["Learning", "Simulation"], path: "benchmarks/LearningBench"),
    .executableTarget(
      name: "lemma-fuzz", dependencies: ["LemmaNotebook", "LemmaExecution", "LemmaRendering", "Figures", "Simulation"],
      path: "fuzz/LemmaFuzz"),
    .target(name: "LemmaTestSupport", path: "Tests/LemmaTestSupport"),
    .testTarget(
      name: "LemmaNotebookTests", dependencies: ["LemmaNotebook", "LemmaTestSupport"], exclude: ["Fixtures", "Golden"]),
    .testTarget(name: "FiguresTests", dependencies: ["Figures", "LemmaTestSupport"], exclude: ["Golden"]),
    .testTarget(name: "SimulationTests", dependencies: ["Simulation"]),
    .testTarget(name: "LemmaMathTests", dependencies: ["LemmaMath", "LemmaTestSupport"], exclude: ["Golden"]),
    .testTarget(name: "LemmaCitationsTests", dependencies: ["LemmaCitations"]),
    .testTarget(name: "SystemSupportTests", dependencies: ["SystemSupport"]),
    .testTarget(name: "LearningTests", dependencies: ["Learning", "Simulation"]),
    .testTarget(name: "LemmaRuntimeTests", dependencies: ["LemmaRuntime"]),
    .testTarget(
      name: "LemmaExecutionTests", dependencies: ["LemmaExecution", "LemmaTestSupport", "SystemSupport"],
      exclude: ["Fixtures", "Golden"]),
    .testTarget(
      name: "LemmaRenderingTests", dependencies: ["LemmaRendering", "LemmaTestSupport"],
      exclude: ["Fixtures", "Golden"]),
    .testTarget(
      name: "LemmaCLITests", dependencies: ["LemmaCLI", "LemmaRemote", "LemmaDigest", "LemmaTestSupport"],
      exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v5]
)

/// The engine's modules that drive work rather than do it (keep the cache, lay out the site,
/// read the command line), compiled without optimisation even in a release build. Each waited
/// for the one before it on the first build's critical path, and optimising them bought renders
/// almost nothing: a prose edit re-renders 14 notebooks in 305 ms against 291 ms optimised (the
/// time is cmark, swift-syntax, Foundation's JSON, the optimised LemmaRendering and
/// LemmaNotebook). LemmaExecution is optimised: unoptimised, its generic code (sorting a
/// program's environment, splitting lists) ran through the runtime's metadata and conformance
/// lookups, and a cold render of benchmarks/coin.md spent 143M instructions in lemma against
/// 85M optimised (callgrind), 150 against 145 ms back to back.
let unoptimized: Set<String> = ["LemmaEngine", "LemmaSite", "LemmaCLI"]
for target in package.targets where unoptimized.contains(target.name) {
  target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-Onone"])]
}

// Generic types' metadata is asked for through accessor functions, not by mangled name: a
// mangled name is decoded at run time, and the generic requirements it names are looked up by
// scanning every protocol conformance of every loaded library (a fifth of a cold render's
// instructions in Lemma, a tenth in a notebook program, callgrind).
for target in package.targets where target.type != .system {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])
    ]
}

// A module that imports one built against swift-syntax must find swift-syntax's modules too.
if let host = swiftSyntaxHost {
  for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-I", host])]
  }
}

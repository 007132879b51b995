// swift-tools-version:6.0
import PackageDescription

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
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
    .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
    .systemLibrary(name: "CMalloc"),
    .systemLibrary(
      name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .target(name: "LemmaNotebook", dependencies: ["CCmark", "Yams"]),
    .target(name: "Simulation"),
    .target(name: "Learning", dependencies: ["COpenBLAS", "Simulation"]),
    .target(name: "Figures"),
    .target(name: "LemmaProtocol", dependencies: ["Figures"]),
    .target(name: "LemmaRuntime", dependencies: ["Simulation", "Learning", "Figures", "LemmaProtocol"]),
    .target(
      name: "LemmaExecution",
      dependencies: [
        "LemmaNotebook", "LemmaProtocol", "Figures",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "SwiftParser", package: "swift-syntax"),
      ]),
    .target(
      name: "LemmaRendering",
      dependencies: [
        "LemmaNotebook", "LemmaExecution", "Figures",
        .product(name: "SwiftParser", package: "swift-syntax"),
        .product(name: "SwiftIDEUtils", package: "swift-syntax"),
      ]),
    .target(name: "LemmaEngine", dependencies: ["LemmaNotebook", "LemmaExecution", "LemmaRendering"]),
    .target(name: "LemmaSite", dependencies: ["LemmaNotebook", "LemmaExecution", "LemmaRendering", "Yams"]),
    .target(
      name: "LemmaCLI",
      dependencies: [
        "LemmaNotebook", "LemmaExecution", "LemmaRendering", "LemmaEngine", "LemmaSite", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "FlyingFox", package: "FlyingFox"),
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
    .testTarget(name: "LearningTests", dependencies: ["Learning", "Simulation"]),
    .testTarget(
      name: "LemmaExecutionTests", dependencies: ["LemmaExecution", "LemmaTestSupport"],
      exclude: ["Fixtures", "Golden"]),
    .testTarget(
      name: "LemmaRenderingTests", dependencies: ["LemmaRendering", "LemmaTestSupport"],
      exclude: ["Fixtures", "Golden"]),
    .testTarget(name: "LemmaCLITests", dependencies: ["LemmaCLI", "LemmaTestSupport"], exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v5]
)

import Foundation

/// Compiles a generated program with `swiftc` against the runtime library, and reads its
/// diagnostics back as failures located in blocks and inline expressions.
public struct CompilerDriver: Sendable {
  /// A compile that failed: its errors, each at a program location when it has one.
  public struct Errors: Error, Sendable {
    public var failures: [Failure]
  }

  public var runtime: RuntimeLibrary
  public var compiler: String

  public init(runtime: RuntimeLibrary, compiler: String = "swiftc") {
    self.runtime = runtime
    self.compiler = compiler
  }

  /// Writes `program` into `directory` and compiles it to `directory/program`.
  public func compile(_ program: Program, in directory: String) throws -> Result<String, Errors> {
    let source = directory + "/main.swift"
    let binary = directory + "/program"
    try Data(program.source.utf8).write(to: URL(fileURLWithPath: source))
    let arguments =
      [
        source, "-module-name", "Notebook", "-Onone", "-gline-tables-only", "-suppress-warnings",
        "-diagnostic-style", "llvm", "-I", runtime.modulesDirectory, "-L", runtime.directory, "-lLemmaRuntime",
        "-Xlinker", "-rpath", "-Xlinker", runtime.directory, "-o", binary,
      ] + (Self.toolchainHasLLD(compiler) ? ["-use-ld=lld"] : [])
    let result = try ProcessRunner().run(compiler, arguments: arguments, timeout: 600)
    if result.termination == .exited(0) { return .success(binary) }
    let output = String(decoding: result.stderr + result.stdout, as: UTF8.self)
    return .failure(Errors(failures: Self.failures(in: output)))
  }

  /// Whether the toolchain of `compiler` ships `ld.lld` (faster than the system linker here).
  static func toolchainHasLLD(_ compiler: String) -> Bool {
    guard let found = executablePath(of: compiler) else { return false }
    let resolved = URL(fileURLWithPath: found).resolvingSymlinksInPath().deletingLastPathComponent()
    return FileManager.default.isExecutableFile(atPath: resolved.appendingPathComponent("ld.lld").path)
  }

  /// Where `compiler` is: itself when it is a path, else the first match on `PATH`.
  static func executablePath(of compiler: String) -> String? {
    let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let candidates =
      compiler.contains("/") ? [compiler] : searchPath.split(separator: ":").map { "\($0)/\(compiler)" }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Reads `swiftc -diagnostic-style llvm` output into failures; notes and the source excerpt
  /// under an error become its details.
  static func failures(in output: String) -> [Failure] {
    var failures: [Failure] = []
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      if let (location, rest) = ProgramLocation.parse(line), rest.hasPrefix(" error: ") {
        failures.append(Failure(kind: .compileError, message: String(rest.dropFirst(8)), location: location))
      } else if let range = line.range(of: ": error: ") {
        failures.append(Failure(kind: .compileError, message: String(line[range.upperBound...]), location: nil))
      } else if let (_, rest) = ProgramLocation.parse(line), rest.hasPrefix(" note: "), !failures.isEmpty {
        failures[failures.count - 1].details += "note: " + rest.dropFirst(7) + "\n"
      }
    }
    if failures.isEmpty {
      let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
      failures.append(Failure(kind: .compileError, message: text.isEmpty ? "the compiler failed" : text, location: nil))
    }
    return failures
  }
}

import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Empty stand-ins for the Swift libraries a notebook program links with: each has the real
/// library's SONAME and no symbols, so the linker records the library as needed without reading
/// its symbol table (libswiftCore's and FoundationEssentials' alone cost ~8 of a ~29 ms link
/// here), and the program loads the real libraries when it starts, from the same run paths.
///
/// Only libraries in one of the link's run paths (the toolchain's and the runtime's folders) are
/// replaced, and only those that define no symbol versions, so every symbol binds at run time as
/// it would have at link time; libc and the other system libraries are read as before. The
/// stubbed link allows undefined symbols and binds them all when the program starts, so a
/// symbol no library defines stops the program at once, naming it.
struct LinkStubs {
  /// Where the stubs are kept, one file per library, named as the library's file.
  let directory: String

  /// `command` (a complete ld.lld command) with each library it may stub replaced by its stub;
  /// nil when none could be (then link with `command` itself).
  func stubbing(_ command: [String]) -> [String]? {
    guard let linker = command.first, let emulation = value(after: "-m", in: command) else { return nil }
    let searchPaths = command.compactMap { $0.hasPrefix("-L") && $0.count > 2 ? String($0.dropFirst(2)) : nil }
    let runPaths = Set(command.indices.dropLast().filter { command[$0] == "-rpath" }.map { command[$0 + 1] })
    var stubbed = false
    var result = command.map { argument -> String in
      guard argument.hasPrefix("-l"), argument.count > 2, !argument.hasPrefix("-l:"),
        let library = Self.find(String(argument.dropFirst(2)), in: searchPaths),
        runPaths.contains(PathText.deletingLastComponent(library)),
        let stub = stub(for: library, linker: linker, emulation: emulation)
      else { return argument }
      stubbed = true
      return stub
    }
    guard stubbed else { return nil }
    result.insert(contentsOf: ["-z", "undefs", "-z", "now"], at: 1)
    return result
  }

  /// Where the linker finds `-l<name>`: the first search path holding `lib<name>.so`, unless
  /// an earlier one holds the static `lib<name>.a` (which the linker would take instead).
  static func find(_ name: String, in searchPaths: [String]) -> String? {
    for path in searchPaths {
      let shared = path + "/lib" + name + ".so"
      if FileManager.default.fileExists(atPath: shared) { return shared }
      if FileManager.default.fileExists(atPath: path + "/lib" + name + ".a") { return nil }
    }
    return nil
  }

  /// The stub for the shared library at `path` (named as its file: a link finds it without
  /// reading the library), made now if it is missing; nil when the library cannot be stubbed
  /// (it defines symbol versions) or the stub cannot be made.
  private func stub(for path: String, linker: String, emulation: String) -> String? {
    let stub = directory + "/" + PathText.lastComponent(path)
    if FileManager.default.fileExists(atPath: stub) { return stub }
    // A library without a SONAME is recorded by its file name, as the linker does for `-l`.
    guard let library = ELFFile(contentsOf: path), library.versionDefinitions <= 1 else { return nil }
    let soname = library.soname ?? PathText.lastComponent(path)
    guard !soname.isEmpty, !soname.contains("/") else { return nil }
    let scratch = stub + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil,
      let made = try? ProcessRunner(findsStrays: false).run(
        linker, arguments: ["-m", emulation, "-shared", "-soname=" + soname, "-o", scratch, "/dev/null"],
        timeout: 60),
      made.termination == .exited(0), ELFFile(contentsOf: scratch)?.soname == soname
    else { return nil }
    // Another process may have made the same stub meanwhile: either is as good.
    guard rename(scratch, stub) == 0 || FileManager.default.fileExists(atPath: stub) else { return nil }
    return stub
  }

  private func value(after flag: String, in command: [String]) -> String? {
    guard let index = command.firstIndex(of: flag), index + 1 < command.count else { return nil }
    return command[index + 1]
  }
}

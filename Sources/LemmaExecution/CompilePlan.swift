import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The two commands that build a notebook program — `swift-frontend` to compile and `ld.lld`
/// to link — learned once per toolchain from `swiftc -###` and `clang -###`, so that a compile
/// starts them directly: no Swift driver (about 60 ms of a cold render here), no
/// `swift-autolink-extract` (its entries are read from the object file) and no clang driver.
///
/// Arguments hold placeholders for the files of each compile. A plan that cannot be learned
/// (another toolchain layout, another platform) is nil, and `CompilerDriver` runs `swiftc`.
struct CompilePlan: Codable, Equatable {
  static let source = "@LEMMA_SOURCE@"
  static let object = "@LEMMA_OBJECT@"
  static let output = "@LEMMA_OUTPUT@"
  static let autolink = "@LEMMA_AUTOLINK@"

  /// swift-frontend and its arguments, with `source` and `object`.
  var frontend: [String]
  /// ld.lld and its arguments, with `object`, `autolink` (replaced by the object's autolink
  /// entries) and `output`.
  var linker: [String]

  /// The frontend command for one compile.
  func compileCommand(source: String, object: String) -> [String] {
    compileCommand(sources: [source], primary: 0, object: object)
  }

  /// The frontend command that compiles `sources[primary]` of a program in several files
  /// into `object` (the others are read for their declarations).
  func compileCommand(sources: [String], primary: Int, object: String) -> [String] {
    var command: [String] = []
    for argument in frontend {
      if argument == Self.source {
        // The plan holds `-primary-file <source>`: the files take the source's place, the
        // primary one after that flag.
        if command.last == "-primary-file" { command.removeLast() }
        for (index, file) in sources.enumerated() { command += index == primary ? ["-primary-file", file] : [file] }
      } else {
        command.append(argument == Self.object ? object : argument)
      }
    }
    return command
  }

  /// The linker command for one compile.
  func linkCommand(object: String, autolink: [String], output: String) -> [String] {
    linkCommand(objects: [object], autolink: autolink, output: output)
  }

  /// The linker command for a program compiled into several objects. ld.lld links on one
  /// thread: a notebook's objects are small, and starting its worker threads cost more than they
  /// saved (a link of coin.md's program 18.7 ms against 20.6, median of 40 alternating links).
  func linkCommand(objects: [String], autolink: [String], output: String) -> [String] {
    var command = linker.flatMap { argument -> [String] in
      switch argument {
      case Self.object: objects
      case Self.output: [output]
      case Self.autolink: autolink
      default: [argument]
      }
    }
    if let tool = command.first, Self.isLLD(tool) {
      command.insert("--threads=1", at: 1)
      Self.moveObjectsLast(objects, in: &command)
    }
    return command
  }

  /// Moves `objects` after the libraries, just before the C runtime's closing files (`crtendS.o`,
  /// `crtn.o`): ld.lld reads its inputs in order, so an early link (`EarlyLink`) reads every
  /// library before it waits on an object still being compiled (the link then ended 3 ms sooner
  /// after the last object, 4.8 against 7.9 ms, 20 alternating renders after nbconvert). lld
  /// resolves symbols the same whatever the order of objects, shared libraries and archives.
  static func moveObjectsLast(_ objects: [String], in command: inout [String]) {
    guard !objects.isEmpty, let first = command.firstIndex(of: objects[0]),
      Array(command[first...].prefix(objects.count)) == objects
    else { return }
    command.removeSubrange(first..<(first + objects.count))
    var end = command.count
    while end > first, command[end - 1].hasSuffix(".o") { end -= 1 }
    command.insert(contentsOf: objects, at: end)
  }

  /// Whether the linker at `path` is LLVM's lld (`ld.lld`, or `lld` itself).
  static func isLLD(_ path: String) -> Bool {
    ["ld.lld", "lld"].contains(PathText.lastComponent(path))
  }

  /// Learns the plan for `swiftc` with `arguments` (which must name `sourcePlaceholder` as the
  /// input and `outputPlaceholder` after `-o`), in a scratch `directory`.
  static func learn(
    compiler: String, arguments: [String], sourcePlaceholder: String, outputPlaceholder: String, directory: String
  ) -> CompilePlan? {
    guard
      let jobs = try? ProcessRunner().run(compiler, arguments: arguments + ["-###"], timeout: 60),
      jobs.termination == .exited(0)
    else { return nil }
    let lines = String(decoding: jobs.stdout, as: UTF8.self).split(separator: "\n").map { Self.split(String($0)) }
    // Expect: frontend -c, autolink-extract, clang link.
    guard lines.count == 3, let frontendLine = lines.first, frontendLine.first?.hasSuffix("swift-frontend") == true,
      lines[1].first?.hasSuffix("swift-autolink-extract") == true, let clangLine = lines.last,
      let objectIndex = frontendLine.firstIndex(of: "-o").map({ $0 + 1 }), objectIndex < frontendLine.count,
      frontendLine.filter({ $0 == sourcePlaceholder }).count == 1,
      let sourceIndex = frontendLine.firstIndex(of: sourcePlaceholder), sourceIndex > 0,
      frontendLine[sourceIndex - 1] == "-primary-file"
    else { return nil }
    let jobObject = frontendLine[objectIndex]
    var frontend = frontendLine.map { $0 == sourcePlaceholder ? source : $0 }
    frontend[objectIndex] = object
    // Ask clang for its ld.lld command, with a real (empty) object and an autolink response
    // file holding one marker library, so every position can be recognised.
    let scratchObject = directory + "/plan.o"
    let scratchAutolink = directory + "/plan.autolink"
    let marker = "-l__lemma_autolink_marker__"
    guard FileManager.default.createFile(atPath: scratchObject, contents: Data()),
      FileManager.default.createFile(atPath: scratchAutolink, contents: Data(marker.utf8))
    else { return nil }
    let clangArguments = Array(clangLine.dropFirst()).map { argument -> String in
      argument == jobObject ? scratchObject : argument.hasPrefix("@") ? "@" + scratchAutolink : argument
    }
    guard let clang = clangLine.first,
      let expanded = try? ProcessRunner().run(clang, arguments: clangArguments + ["-###"], timeout: 60),
      expanded.termination == .exited(0),
      let linkLine = String(decoding: expanded.stderr + expanded.stdout, as: UTF8.self).split(separator: "\n")
        .map({ Self.split(String($0)) }).last(where: { $0.first?.hasSuffix("ld.lld") == true })
    else { return nil }
    let linker = linkLine.map { argument -> String in
      switch argument {
      case scratchObject: object
      case marker: autolink
      case outputPlaceholder: output
      default: argument
      }
    }
    let plan = CompilePlan(frontend: frontend, linker: linker)
    for (command, placeholders) in [(plan.frontend, [source, object]), (plan.linker, [object, autolink, output])] {
      for placeholder in placeholders where command.filter({ $0 == placeholder }).count != 1 { return nil }
    }
    return plan
  }

  /// Splits a command line as the driver prints it: spaces separate arguments; double quotes
  /// group, and a backslash escapes the next character.
  static func split(_ line: String) -> [String] {
    var arguments: [String] = []
    var current = ""
    var (quoted, escaped, started) = (false, false, false)
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
        started = true
      } else if character == "\"" {
        quoted.toggle()
        started = true
      } else if character == " " && !quoted {
        if started { arguments.append(current) }
        current = ""
        started = false
      } else {
        current.append(character)
        started = true
      }
    }
    if started { arguments.append(current) }
    return arguments
  }
}

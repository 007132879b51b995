import LemmaExecution
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// `lemma new`: write a notebook that renders at once, to start from.
struct NewCommand: LemmaSubcommand {
  static let spec = CommandSpec(
    name: "new",
    abstract: "Write a new notebook with front matter, a block, a chart and a claim.",
    discussion: """
      Writes NAME.md into the notebooks folder (notebooks/, or `notebooks` of lemma.yml), or \
      to NAME itself when it is a path ending in .md. The notebook renders as it is: edit its \
      prose and blocks from there. An existing file is never overwritten.

      Examples:
        lemma new coin-flips
        lemma new drafts/scratch.md
      """,
    arguments: (
      name: "name", help: "The notebook's name (letters, digits, - and _) or a path ending in .md.", repeats: false
    ),
    options: [])

  var name: String

  init(_ parsed: ParsedCommandLine) throws(UsageError) {
    guard let name = parsed.positionals.first else {
      throw UsageError(message: "give the new notebook's name, for example `lemma new coin-flips`", command: "new")
    }
    self.name = name
  }

  func run() throws {
    let project = ProjectRoot.enter()
    let configuration = try SiteSetup.configuration()
    let path: String
    do {
      path = try NotebookTemplate.path(
        for: name.hasSuffix(".md") ? project.locate(name) : name, notebooksFolder: configuration.notebooksFolder)
    } catch {
      writeStandardError("\(error)\n")
      throw CommandFailure()
    }
    guard !FileManager.default.fileExists(atPath: path) else {
      writeStandardError("error: \(path) already exists\n  choose another name, or edit that notebook\n")
      throw CommandFailure()
    }
    let text = NotebookTemplate.text(title: NotebookTemplate.title(for: path))
    do {
      let url = URL(fileURLWithPath: path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url, options: .withoutOverwriting)
    } catch {
      writeStandardError("error: cannot write \(path): \(describeError(error))\n")
      throw CommandFailure()
    }
    print("wrote \(path)\n  render it: lemma render \(path)")
  }
}

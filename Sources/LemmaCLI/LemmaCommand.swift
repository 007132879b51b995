import LemmaExecution
import LemmaNotebook
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

#if os(Linux)
  import CMalloc
#endif

/// A `lemma` subcommand: what it accepts, how it reads a parsed command line, and what it does.
protocol LemmaSubcommand {
  static var spec: CommandSpec { get }
  init(_ parsed: ParsedCommandLine) throws(UsageError)
  /// Throws `CommandFailure` to end with a status after printing why.
  func run() throws
}

/// `lemma`: the command-line entry point. Each subcommand is its own type.
public enum LemmaCommand {
  static let spec = CommandSpec(
    name: "lemma",
    abstract: "Render Markdown notebooks with Swift experiment blocks into HTML and Markdown reports.",
    discussion: """
      A notebook is a Markdown file with YAML front matter and ```swift blocks. Lemma runs the \
      blocks in order as one program and writes output/<name>.html (one self-contained page) \
      and output/<name>.md (GitHub-flavoured Markdown) with the code, printed text, tables and \
      errors in place.

      Examples:
        lemma new coin-flips               scaffold notebooks/coin-flips.md
        lemma render                       render every notebook in notebooks/
        lemma render notebooks/intro.md    render one notebook
        lemma render -P walks=500 --force  override a parameter, ignore the cache
        lemma check                        run every notebook, list its claims
        lemma publish                      write output/ as a site with an index
        lemma preview                      serve the site, re-render on save
        lemma cache prune --max-size 500M  keep the cache under a size
      """,
    arguments: nil, options: [])

  static let subcommands: [any LemmaSubcommand.Type] = [
    NewCommand.self, RenderCommand.self, CheckCommand.self, PublishCommand.self, PreviewCommand.self,
    CacheCommand.self,
  ]

  /// Runs the command line after setting up signal handling first thing, before any thread
  /// exists: Ctrl-C, SIGTERM and SIGHUP then stop every program Lemma started (`Shutdown`).
  public static func mainStoppingCleanly() {
    StageTimes.mark("main")
    Shutdown.install()
    keepLargeBlocks()
    let status = main(Array(CommandLine.arguments.dropFirst()))
    StageTimes.mark("exit")
    exit(status)
  }

  /// Runs `arguments` (without the program name); the exit status. Help goes to stdout, usage
  /// errors to stderr with status 64 (EX_USAGE), as ArgumentParser and BSD tools do.
  static func main(_ arguments: [String]) -> Int32 {
    let names = subcommands.map { $0.spec.name }
    let first = arguments.first ?? "--help"
    if first == "-h" || first == "--help" || (first == "help" && arguments.count == 1) {
      print(HelpText.page(spec, invokedAs: "lemma", subcommands: subcommands.map { $0.spec }), terminator: "")
      return 0
    }
    if first == "help", arguments.count == 2 { return main([arguments[1], "--help"]) }
    guard let command = subcommands.first(where: { $0.spec.name == first }) else {
      let hint = didYouMean(first, in: names)
      printError("error: unknown command `\(first)`\n  \(hint)commands: \(names.joined(separator: ", "))")
      return 64
    }
    let spec = command.spec
    let instance: any LemmaSubcommand
    do throws(UsageError) {
      let parsed = try ParsedCommandLine.parse(Array(arguments.dropFirst()), spec: spec)
      if parsed.wantsHelp {
        print(HelpText.page(spec, invokedAs: "lemma \(spec.name)"), terminator: "")
        return 0
      }
      instance = try command.init(parsed)
    } catch {
      let usage = HelpText.wrap(
        HelpText.usage(spec, invokedAs: "lemma \(spec.name)"), first: "usage: ", rest: "         ")
      printError(
        "error: \(error.message)\n\(usage.joined(separator: "\n"))\n  see `lemma \(error.command) --help`")
      return 64
    }
    do {
      try instance.run()
      return 0
    } catch let failure as CommandFailure {
      return failure.status
    } catch {
      printError("error: \(error)")
      return 1
    }
  }

  private static func printError(_ text: String) {
    writeStandardError(text + "\n")
  }

  /// Serves blocks up to 64 MB from the heap and trims it only above 256 MB. glibc maps each
  /// block above 128 KB afresh and hands it back when freed, so a long notebook's report —
  /// buffers of megabytes grown step by step — page-faults its memory in again and again:
  /// a quarter of the render time of a 7 MB notebook (`benchmarks/prose.sh`).
  ///
  /// Then grows the heap by about 96 MB of address space (nothing is touched, so nothing is
  /// resident) and asks for transparent huge pages over it, as glibc's `glibc.malloc.hugetlb`
  /// tunable would (a tunable is read only from the environment at start): a render then
  /// faults its memory in 2 MB at a time. Rendering a 3 MB notebook took 19,800 page faults,
  /// now 2,200. Where the kernel does not offer huge pages the advice is ignored.
  private static func keepLargeBlocks() {
    #if os(Linux)
      mallopt(M_MMAP_THRESHOLD, 64 << 20)
      mallopt(M_TRIM_THRESHOLD, 256 << 20)
      mallopt(M_TOP_PAD, 64 << 20)
      let before = UInt(bitPattern: sbrk(0))
      let block = malloc(32 << 20)
      _ = malloc_usable_size(block)  // the block escapes, so the compiler keeps the malloc
      free(block)
      let after = UInt(bitPattern: sbrk(0))
      let huge: UInt = 2 << 20
      let (start, end) = ((before + huge - 1) / huge * huge, after / huge * huge)
      if end > start { madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_HUGEPAGE) }
    #endif
  }
}

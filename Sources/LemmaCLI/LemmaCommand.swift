import ArgumentParser
import LemmaExecution

#if os(Linux)
  import CMalloc
#endif

/// `lemma`: the command-line entry point. Each subcommand is its own type.
public struct LemmaCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "lemma",
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
      """,
    subcommands: [NewCommand.self, RenderCommand.self, CheckCommand.self, PublishCommand.self, PreviewCommand.self],
    defaultSubcommand: nil)

  public init() {}

  /// Runs the command line after setting up signal handling first thing, before any thread
  /// exists: Ctrl-C, SIGTERM and SIGHUP then stop every program Lemma started (`Shutdown`).
  public static func mainStoppingCleanly() {
    Shutdown.install()
    keepLargeBlocks()
    main()
  }

  /// Serves blocks up to 64 MB from the heap and trims it only above 256 MB. glibc maps each
  /// block above 128 KB afresh and hands it back when freed, so a long notebook's report —
  /// buffers of megabytes grown step by step — page-faults its memory in again and again:
  /// a quarter of the render time of a 7 MB notebook (`benchmarks/prose.sh`).
  private static func keepLargeBlocks() {
    #if os(Linux)
      mallopt(M_MMAP_THRESHOLD, 64 << 20)
      mallopt(M_TRIM_THRESHOLD, 256 << 20)
      mallopt(M_TOP_PAD, 64 << 20)
    #endif
  }
}

import LemmaExecution
import LemmaNotebook
import LemmaRendering
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

// Lemma's named stages, each a type with one input and one output. `NotebookPipeline` runs
// them in order; the command line only schedules notebooks and prints what comes back.
//
//     read     path                  -> SourceText   (one door: UTF-8, BOM, line endings)
//     parse    SourceText            -> Notebook     (cmark once, into one Document tree)
//     assets   Notebook              -> ProseAssets  (local images and files prose refers to)
//     cite     Notebook              -> References   (the cited works, from bibliography files)
//     link     Notebook              -> NotebookLinks (references into other notebooks)
//     plan     Notebook              -> ExecutionPlan (parameters, data files, cache keys)
//     execute  Notebook + plan       -> Execution    (compile -> run -> decode, cached;
//                                                     `NotebookExecutor` and `NotebookRun`)
//     report   Notebook + Execution  -> Report       (locations, numbering, chart ids, math)
//              + References + NotebookLinks
//     write    Report + ProseAssets  -> files        (HTML and GFM atomically, assets copied)

/// read: a notebook file's bytes through the one door.
struct ReadStage {
  func run(_ path: String) throws(NotebookError) -> SourceText { try SourceText(contentsOf: path) }
}

/// parse: the text into a notebook (front matter, document tree, blocks, inline expressions).
struct ParseStage {
  let path: String

  func run(_ text: SourceText) throws(NotebookError) -> Notebook { try NotebookParser().parse(text, path: path) }
}

/// assets: the local files the prose shows or links to, checked (missing images and paths out
/// of the notebook's folder are errors).
struct AssetStage {
  func run(_ notebook: Notebook) throws(NotebookError) -> ProseAssets { try ProseAssets.of(notebook) }
}

/// cite: the works the prose cites, read from its bibliography files and numbered (an
/// unreadable `.bib` and an unknown key are errors).
struct CitationStage {
  func run(_ notebook: Notebook) throws(NotebookError) -> References { try References.resolve(notebook) }
}

/// link: what references into other notebooks read, from those notebooks' numbering (a
/// missing notebook or label is an error).
struct LinkStage {
  func run(_ notebook: Notebook) throws(NotebookError) -> NotebookLinks { try NotebookLinks.resolve(notebook) }
}

/// plan: what running the notebook would use, worked out once: its parameters with
/// `overrides`, its `files:` data files, and the keys of its outputs.
struct PlanStage {
  let executor: NotebookExecutor
  let overrides: [String: String]

  func run(_ notebook: Notebook) throws(NotebookError) -> ExecutionPlan {
    try executor.plan(notebook, overrides: overrides)
  }
}

/// execute: the notebook's outputs, from the cache or by compiling and running its program.
struct ExecuteStage {
  let executor: NotebookExecutor
  let progress: @Sendable (String) -> Void

  func run(_ notebook: Notebook, _ plan: ExecutionPlan) throws(NotebookError) -> Execution {
    guard executor.settings.cachedOnly else { return executor.execute(notebook, plan: plan, progress: progress) }
    guard let cached = executor.cachedExecution(notebook, plan: plan) else {
      throw NotebookError(
        path: notebook.path, location: nil,
        message: "no cached result for this notebook, and --from-cache compiles and runs nothing",
        hint: "render it first with these sources, seed, params and toolchain into this cache or the shared "
          + "one (`lemma render --remote-cache URL`), or publish without --from-cache")
    }
    return cached
  }
}

/// report: what the report shows, resolved from the notebook and its outputs.
struct ReportStage {
  func run(
    _ notebook: Notebook, _ execution: Execution, _ references: References, _ links: NotebookLinks,
    highlights: CodeHighlights? = nil
  ) -> Report {
    ReportBuilder().build(
      notebook, execution, references: references, notebookLinks: links, highlightedCode: highlights?.html() ?? [:])
  }
}

/// write: the report's files, each written atomically; the paths written.
struct WriteStage {
  let directory: String
  let links: SiteLinks?
  let rawHTML: RawHTML

  func run(_ report: Report, assets: ProseAssets) throws(NotebookError) -> [String] {
    do {
      return try ReportWriter(directory: directory, rawHTML: rawHTML).write(report, links: links, assets: assets)
    } catch {
      throw NotebookError(
        path: report.notebook.path, location: nil, message: "cannot write the report into \(directory): \(error)",
        hint: "check that the folder is writable and the disk is not full")
    }
  }
}

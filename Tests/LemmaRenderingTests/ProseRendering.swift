import LemmaExecution
import LemmaNotebook

@testable import LemmaRendering

/// The report of `markdown` read as a notebook at x.md whose blocks did not run: for tests of
/// how prose renders.
func proseReport(_ markdown: String) throws -> Report {
  let notebook = try NotebookParser().parse(source: markdown, path: "x.md")
  let execution = Execution(
    outputs: NotebookOutputs(blocks: [], inlines: []), cacheKey: "", source: .cached, params: [])
  return ReportBuilder().build(notebook, execution)
}

/// The HTML body of `markdown`'s report.
func proseBody(_ markdown: String, rawHTML: RawHTML = .filtered) throws -> String {
  HTMLRenderer(rawHTML: rawHTML).body(try proseReport(markdown))
}

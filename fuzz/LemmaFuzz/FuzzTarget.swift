import Figures
import LemmaExecution

@testable import LemmaNotebook
@testable import LemmaRendering

/// The stages under test, from bytes to both reports, with outputs made up for every block
/// and inline expression (nothing is compiled or run: those stages are the compiler's).
enum FuzzTarget {
  /// Runs one input; says how it ended ("report" or "error").
  static func run(_ bytes: [UInt8]) -> String {
    let notebook: Notebook
    do {
      notebook = try NotebookParser().parse(SourceText(bytes: bytes, path: "fuzz.md"), path: "fuzz.md")
    } catch {
      // Every error about a notebook's text names its line.
      precondition(error.location != nil, "an error without a line: \(error)")
      return "error"
    }
    _ = ProgramGenerator().generate(notebook)
    let execution = Execution(outputs: outputs(for: notebook), cacheKey: "", source: .cached, params: [])
    let report = ReportBuilder().build(notebook, execution)
    _ = HTMLRenderer().render(report)
    _ = MarkdownRenderer().render(report)
    // One input in four (by length, so a replay repeats it): the check doubles an input's cost.
    if bytes.count % 4 == 0 { checkParallelPathsAgree(bytes, notebook, report) }
    return "report"
  }

  /// A long notebook is read in two halves and its page written in parts at the same time:
  /// forced here, both must give exactly what one reader and one writer give.
  private static func checkParallelPathsAgree(_ bytes: [UInt8], _ notebook: Notebook, _ report: Report) {
    var halves = NotebookParser()
    halves.parallelBytes = 0
    guard let split = try? halves.parse(SourceText(bytes: bytes, path: "fuzz.md"), path: "fuzz.md") else {
      preconditionFailure("read in halves, the notebook fails to parse")
    }
    precondition(
      split.document.nodes == notebook.document.nodes && split.document.bytes == notebook.document.bytes
        && split.inlineExpressions == notebook.inlineExpressions && split.crossReferences == notebook.crossReferences
        && split.mathSpans == notebook.mathSpans && split.citations == notebook.citations
        && split.experiments == notebook.experiments,
      "reading in halves gives another notebook")
    var parts = BodyRenderer(report: report)
    parts.parallelBytes = 0
    var whole = BodyRenderer(report: report)
    whole.parallelBytes = .max
    precondition(parts.render().html == whole.render().html, "writing in parts gives another page")
  }

  /// Outputs that exercise the renderers: text with markup characters, a table, a failure at
  /// a place past the end of its line, inline values that need escaping.
  private static func outputs(for notebook: Notebook) -> NotebookOutputs {
    let blocks = notebook.experiments.map { block -> BlockOutput in
      switch block.index % 3 {
      case 0:
        return BlockOutput(
          index: block.index, state: .ran,
          items: [
            .text("<&> `x` *y* | z\n"),
            .record(.figure(.table(Table(columns: ["a|b", "`c`"], rows: [[1, 2.5]])))),
          ])
      case 1:
        return BlockOutput(
          index: block.index, state: .failed,
          failures: [
            Failure(
              kind: .crash, message: "Fatal error: <boom>",
              location: ProgramLocation(unit: .block(block.index), line: block.index + 1, column: 400))
          ])
      default:
        return BlockOutput(index: block.index, state: .notRun)
      }
    }
    let inlines = notebook.inlineExpressions.map { inline in
      inline.index % 2 == 0
        ? InlineOutput(index: inline.index, text: "<v\(inline.index)> *&* `|`")
        : InlineOutput(
          index: inline.index, text: nil,
          failure: Failure(
            kind: .compileError, message: "cannot find 'x' in scope",
            location: ProgramLocation(unit: .inline(inline.index), line: 1, column: 3)))
    }
    return NotebookOutputs(blocks: blocks, inlines: inlines)
  }
}

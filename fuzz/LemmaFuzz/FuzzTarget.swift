import Figures
import LemmaExecution
import LemmaNotebook
import LemmaRendering

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
    return "report"
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

import LemmaExecution
import LemmaNotebook
import LemmaTestSupport
import XCTest

/// Runs notebooks given as text through the real compiler and runtime, each test with its own cache.
class ExecutionTestCase: XCTestCase {
  var cacheDirectory = ""

  override func setUpWithError() throws {
    cacheDirectory = temporaryDirectory(self)
  }

  func executor(force: Bool = false, compileCores: Int = 1) throws -> NotebookExecutor {
    let settings = ExecutionSettings(
      runtime: try RuntimeLibrary.locate(), cache: OutputCache(directory: cacheDirectory), force: force,
      compileCores: compileCores)
    return NotebookExecutor(settings: settings)
  }

  func notebook(_ source: String, path: String = "test.md") throws -> Notebook {
    try NotebookParser().parse(source: source, path: path)
  }

  func execute(_ source: String, overrides: [String: String] = [:]) throws -> (Notebook, Execution) {
    let notebook = try notebook(source)
    return (notebook, try executor().execute(notebook, overrides: overrides))
  }

  /// The notebook location of a block's first failure.
  func failureLocation(_ notebook: Notebook, _ output: BlockOutput) -> SourceLocation? {
    output.failures.first?.location.flatMap(notebook.sourceLocation(of:))
  }
}

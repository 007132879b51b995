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

/// The notebook `lemma new` writes: front matter, prose, a block with a chart, an inline value
/// and a claim that can fail, so a new user sees every part of a report on the first render.
enum NotebookTemplate {
  /// Where `lemma new name` writes: `name` itself when it is a path ending in `.md`, else
  /// `name.md` in the notebooks folder. Names are letters, digits, `-` and `_`.
  static func path(for name: String, notebooksFolder: String) throws(NotebookRunError) -> String {
    if name.hasSuffix(".md") && name.count > 3 { return name }
    let allowed = name.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
    }
    guard !name.isEmpty, allowed, name.first != "-" else {
      throw NotebookRunError(
        "`\(name)` is not a notebook name",
        hint: "use letters, digits, - and _ (for example `lemma new coin-flips`), or a path ending in .md")
    }
    return "\(notebooksFolder)/\(name).md"
  }

  /// "coin-flips" reads "Coin flips".
  static func title(for path: String) -> String {
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let words = stem.replacing("-", with: " ").replacing("_", with: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
  }

  /// The notebook's text, titled `title`.
  static func text(title: String) -> String {
    """
    ---
    title: \(title)
    summary: One sentence on what this notebook shows.
    seed: 1
    params: { flips: 2000 }
    ---

    State the claim you want to check here. Every ```swift block runs in order, as one program;
    what a block prints or shows appears under it in the report. `notebooks/getting-started.md`
    tours the rest of the format.

    ```swift
    //| label: fig-share
    //| caption: Running share of heads in `params.flips` flips of a fair coin.
    var heads = 0
    var shares: [Double] = []
    for flip in 1...params.flips {
      if Bool.random(using: &rng) { heads += 1 }
      shares.append(Double(heads) / Double(flip))
    }
    show(Chart.line(y: shares, label: "share of heads").xLabel("flip").yLabel("share"))
    ```

    The coin came up heads `{swift} heads` times in `{swift} params.flips` flips. A claim checks
    a number against what the argument predicts, within a tolerance the computation justifies:
    here four standard errors of the share.

    ```swift
    let share = Double(heads) / Double(params.flips)
    let standardError = (0.25 / Double(params.flips)).squareRoot()
    claim("share of heads within 4 standard errors of 1/2", share, equals: 0.5, tolerance: .absolute(4 * standardError))
    ```

    """
  }
}

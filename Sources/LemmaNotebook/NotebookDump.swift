extension Notebook {
  /// The notebook as an indented tree, one part per line with its source lines: what parser
  /// tests compare with golden files.
  public func dump() -> String {
    var lines = ["Notebook \(path)"]
    let front = frontMatter
    lines.append("  FrontMatter lines=\(front.lines.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "none")")
    lines.append("    title=\(quoted(front.title)) summary=\(quoted(front.summary))")
    lines.append("    seed=\(front.seed) timeout=\(front.timeout)")
    for param in front.params {
      lines.append("    Param \(param.name): \(param.value.swiftType) = \(param.value) @\(param.location)")
    }
    for cell in cells {
      switch cell {
      case .prose(let prose):
        lines.append("  Prose lines=\(prose.lines.lowerBound)-\(prose.lines.upperBound)")
        for inline in prose.inlineExpressions {
          lines.append(
            "    Inline #\(inline.index) after=\(inline.afterBlockCount) @\(inline.location) "
              + "span=\(inline.spanStart)-\(inline.spanEnd) \(quoted(inline.expression))")
        }
      case .experiment(let block):
        let options = block.options
        lines.append(
          "  Experiment #\(block.index) lines=\(block.lines.lowerBound)-\(block.lines.upperBound) "
            + "code@\(block.firstCodeLine)")
        lines.append(
          "    options echo=\(options.echo) eval=\(options.eval) output=\(options.output) error=\(options.error) "
            + "label=\(quoted(options.label)) caption=\(quoted(options.caption)) alt=\(quoted(options.alt)) "
            + "optionLines=\(options.optionLineCount)")
        for line in block.code.split(separator: "\n", omittingEmptySubsequences: false) {
          lines.append("    | \(line)")
        }
      case .display(let block):
        lines.append("  Display \(quoted(block.language)) lines=\(block.lines.lowerBound)-\(block.lines.upperBound)")
        for line in block.code.split(separator: "\n", omittingEmptySubsequences: false) {
          lines.append("    | \(line)")
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func quoted(_ text: String?) -> String {
    guard let text else { return "nil" }
    return "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
  }
}

extension String {
  fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self { if character == target { result += replacement } else { result.append(character) } }
    return result
  }
}

/// Reads the YAML between a notebook's leading `---` lines into `FrontMatter`.
struct FrontMatterParser {
  let path: String

  /// - Parameters:
  ///   - yaml: the text between the fences.
  ///   - firstLine: the notebook line of the YAML's first line.
  func parse(_ yaml: String, firstLine: Int) throws(NotebookError) -> FrontMatter {
    var frontMatter = FrontMatter()
    let root: YAMLNode?
    do throws(YAMLProblem) {
      root = try YAMLReader.read(yaml)
    } catch {
      throw yamlError(error, firstLine: firstLine)
    }
    guard let root else { return frontMatter }
    guard let mapping = root.pairs else {
      throw NotebookError(
        path: path, location: location(of: root, firstLine), message: "front matter must be `key: value` lines",
        hint: "for example `title: My argument` and `seed: 42`")
    }
    var seen: Set<String> = []
    for (keyNode, value) in mapping {
      let key = keyNode.text ?? ""
      let at = location(of: keyNode, firstLine)
      guard FrontMatter.knownKeys.contains(key) else {
        let suggestion = didYouMean(key, in: FrontMatter.knownKeys)
        throw NotebookError(
          path: path, location: at, message: "unknown front matter key `\(key)`",
          hint: suggestion + "known keys: " + FrontMatter.knownKeys.joined(separator: ", "))
      }
      guard seen.insert(key).inserted else {
        throw NotebookError(path: path, location: at, message: "front matter key `\(key)` is set twice")
      }
      try read(key, value, into: &frontMatter, firstLine: firstLine)
    }
    return frontMatter
  }

  private func read(_ key: String, _ value: YAMLNode, into frontMatter: inout FrontMatter, firstLine: Int)
    throws(NotebookError)
  {
    let at = location(of: value, firstLine)
    switch key {
    case "title": frontMatter.title = try text(value, key, at)
    case "summary": frontMatter.summary = try text(value, key, at)
    case "seed":
      guard let seed = value.text.flatMap({ UInt64($0) }) else {
        throw NotebookError(
          path: path, location: at, message: "`seed` must be a whole number from 0 to 2^64-1",
          hint: "for example `seed: 42`")
      }
      frontMatter.seed = seed
    case "timeout":
      guard let seconds = value.text.flatMap({ Double($0) }), seconds > 0, seconds.isFinite else {
        throw NotebookError(
          path: path, location: at, message: "`timeout` must be a positive number of seconds",
          hint: "for example `timeout: 120`")
      }
      frontMatter.timeout = seconds
    case "files":
      frontMatter.files = try fileList(
        value, firstLine, message: "`files` must list file names or patterns",
        example: "`files: [data/*.csv, prices.txt]`")
    case "bibliography":
      frontMatter.bibliography = try fileList(
        value, firstLine, message: "`bibliography` must name BibTeX files", example: "`bibliography: refs.bib`")
    default:
      frontMatter.params = try params(value, firstLine: firstLine)
    }
  }

  /// One file name or a list of them, each with its location.
  private func fileList(_ value: YAMLNode, _ firstLine: Int, message: String, example: String) throws(NotebookError)
    -> [FilePattern]
  {
    let items = value.items ?? [value]
    return try items.map { item throws(NotebookError) in
      let at = location(of: item, firstLine)
      guard let name = item.text, !name.isEmpty else {
        throw NotebookError(
          path: path, location: at, message: message,
          hint: "for example \(example), relative to the notebook's folder")
      }
      return FilePattern(pattern: name, location: at)
    }
  }

  private func params(_ value: YAMLNode, firstLine: Int) throws(NotebookError) -> [Param] {
    guard let mapping = value.pairs else {
      throw NotebookError(
        path: path, location: location(of: value, firstLine), message: "`params` must map names to values",
        hint: "for example `params: { walks: 20000, start: 50 }`")
    }
    var params: [Param] = []
    for (keyNode, valueNode) in mapping {
      let name = keyNode.text ?? ""
      let at = location(of: keyNode, firstLine)
      guard isSwiftIdentifier(name) else {
        throw NotebookError(
          path: path, location: at, message: "parameter name `\(name)` is not a Swift identifier",
          hint: "use letters, digits and `_`, starting with a letter, for example `walks`")
      }
      guard !params.contains(where: { $0.name == name }) else {
        throw NotebookError(path: path, location: at, message: "parameter `\(name)` is set twice")
      }
      params.append(Param(name: name, value: try paramValue(valueNode, name, firstLine), location: at))
    }
    return params
  }

  private func paramValue(_ node: YAMLNode, _ name: String, _ firstLine: Int) throws(NotebookError) -> ParamValue {
    guard let text = node.text else {
      throw NotebookError(
        path: path, location: location(of: node, firstLine),
        message: "parameter `\(name)` must be a number, true/false or text",
        hint: "lists and maps are not parameters; compute them in a block from scalar parameters")
    }
    if node.style == .plain {
      if let value = Int(text) { return .int(value) }
      if let value = Double(text), value.isFinite { return .double(value) }
      if let value = node.bool { return .bool(value) }
    }
    return .string(text)
  }

  private func text(_ node: YAMLNode, _ key: String, _ at: SourceLocation) throws(NotebookError) -> String {
    guard let text = node.text else {
      throw NotebookError(path: path, location: at, message: "`\(key)` must be text")
    }
    return text
  }

  private func isSwiftIdentifier(_ name: String) -> Bool {
    guard let first = name.first, first.isLetter || first == "_" else { return false }
    return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
  }

  private func location(of node: YAMLNode, _ firstLine: Int) -> SourceLocation {
    SourceLocation(line: firstLine + node.location.line - 1, column: node.location.column)
  }

  private func yamlError(_ yaml: YAMLProblem, firstLine: Int) -> NotebookError {
    let location = yaml.location.map { SourceLocation(line: firstLine + $0.line - 1, column: $0.column) }
    return NotebookError(
      path: path, location: location ?? SourceLocation(line: firstLine),
      message: "front matter is not valid YAML: \(yaml.problem)",
      hint: "front matter is YAML between `---` lines, for example `title: My argument`")
  }
}

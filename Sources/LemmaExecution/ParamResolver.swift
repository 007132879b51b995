import LemmaNotebook

/// Combines a notebook's front-matter parameters with `-P name=value` overrides.
enum ParamResolver {
  /// The parameters in front-matter order; overrides naming parameters this notebook does not
  /// have are ignored (the CLI checks that each names a parameter of some notebook).
  static func resolve(_ notebook: Notebook, overrides: [String: String]) throws(NotebookError)
    -> [(name: String, value: ParamValue)]
  {
    var resolved: [(name: String, value: ParamValue)] = []
    for param in notebook.frontMatter.params {
      guard let text = overrides[param.name] else {
        resolved.append((param.name, param.value))
        continue
      }
      guard let value = param.value.parsingOverride(text) else {
        throw NotebookError(
          path: notebook.path, location: param.location,
          message:
            "-P \(param.name)=\(text): parameter `\(param.name)` is \(article(param.value.swiftType)), declared here",
          hint: "pass a value of that type, for example -P \(param.name)=\(param.value)")
      }
      resolved.append((param.name, value))
    }
    return resolved
  }

  private static func article(_ type: String) -> String {
    type == "Int" ? "an Int" : "a \(type)"
  }
}

/// One node of a YAML document, as `YAMLReader` composes it from libyaml's events: a scalar's
/// text, a sequence's items or a mapping's pairs in the order written, and where it starts.
public struct YAMLNode: Sendable {
  /// How a scalar was written; only plain scalars are read as numbers or booleans.
  public enum Style: Sendable, Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded
  }

  public enum Content: Sendable {
    case scalar(String, style: Style, tag: String?)
    case sequence([YAMLNode])
    case mapping([(key: YAMLNode, value: YAMLNode)])
  }

  public var content: Content
  /// Where the node starts: 1-based line and column (in characters) of the YAML text.
  public var location: SourceLocation

  public init(_ content: Content, location: SourceLocation) {
    self.content = content
    self.location = location
  }

  /// The YAML tag of text written quoted or as a block, or tagged `!!str`.
  public static let stringTag = "tag:yaml.org,2002:str"

  /// A scalar's text; nil for a sequence or a mapping.
  public var text: String? {
    if case .scalar(let text, _, _) = content { return text }
    return nil
  }

  /// A scalar's style; nil for a sequence or a mapping.
  public var style: Style? {
    if case .scalar(_, let style, _) = content { return style }
    return nil
  }

  /// A sequence's items; nil for a scalar or a mapping.
  public var items: [YAMLNode]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// A mapping's pairs in the order written; nil for a scalar or a sequence.
  public var pairs: [(key: YAMLNode, value: YAMLNode)]? {
    if case .mapping(let pairs) = content { return pairs }
    return nil
  }

  /// A scalar read as a YAML 1.1 boolean (`true`, `yes`, `on`, `false`, `no`, `off` in any
  /// case), unless it is text by its tag (quoted, a block, or `!!str`).
  public var bool: Bool? {
    guard case .scalar(let text, _, let tag) = content, tag != Self.stringTag else { return nil }
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: return nil
    }
  }
}

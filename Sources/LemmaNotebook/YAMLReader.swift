import CYAML

/// Reads a YAML text (front matter, `lemma.yml`) into one `YAMLNode` tree with libyaml, the
/// YAML 1.1 parser Debian ships: libyaml scans and parses, this composes its events into nodes,
/// resolves aliases to the nodes their anchors name, and refuses what a key-value reader should
/// not accept (a second document, a key written twice in one mapping, nesting past `maximumDepth`).
public enum YAMLReader {
  /// The version of the libyaml in use, for example `0.2.5`.
  public static var libyamlVersion: String { String(cString: yaml_get_version_string()) }

  /// The deepest nesting of sequences and mappings read; deeper text is a `YAMLProblem`.
  public static let maximumDepth = 256

  /// The document's root node, or nil for a text with no document (empty, or only comments).
  public static func read(_ text: String) throws(YAMLProblem) -> YAMLNode? {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buffer throws(YAMLProblem) in
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) == 1 else { throw YAMLProblem("out of memory", at: nil) }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var composer = Composer()
      return try composer.compose(&parser, text: buffer)
    }
  }
}

/// Builds nodes from libyaml's events with a stack of open collections (no recursion, so deep
/// text cannot overflow the stack).
private struct Composer {
  private enum Open {
    case sequence([YAMLNode], SourceLocation, anchor: String?)
    case mapping([(key: YAMLNode, value: YAMLNode)], key: YAMLNode?, SourceLocation, anchor: String?)
  }

  private var open: [Open] = []
  private var anchors: [String: YAMLNode] = [:]
  private var positions = MarkPositions()

  mutating func compose(_ parser: inout yaml_parser_t, text: UnsafeBufferPointer<UInt8>)
    throws(YAMLProblem) -> YAMLNode?
  {
    var root: YAMLNode?
    var documents = 0
    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(&parser, &event) == 1 else { throw problem(parser, text) }
      defer { yaml_event_delete(&event) }
      let at = positions.location(of: event.start_mark, in: text)
      switch event.type {
      case YAML_STREAM_END_EVENT:
        return root
      case YAML_DOCUMENT_START_EVENT:
        documents += 1
        guard documents == 1 else {
          throw YAMLProblem("a second YAML document starts here; only one is read", at: at)
        }
      case YAML_SCALAR_EVENT:
        let scalar = event.data.scalar
        let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
        // Text written quoted or as a block is a string whatever it says (YAML's implicit tag).
        let tag = scalar.quoted_implicit == 1 ? YAMLNode.stringTag : Self.string(scalar.tag)
        let node = YAMLNode(.scalar(value, style: Self.style(scalar.style), tag: tag), location: at)
        if let anchor = Self.string(scalar.anchor) { anchors[anchor] = node }
        if let done = add(node) { root = done }
      case YAML_ALIAS_EVENT:
        let name = Self.string(event.data.alias.anchor) ?? ""
        guard let node = anchors[name] else {
          throw YAMLProblem("`*\(name)` names no anchor `&\(name)` written before it", at: at)
        }
        if let done = add(node) { root = done }
      case YAML_SEQUENCE_START_EVENT:
        try deeper(at)
        open.append(.sequence([], at, anchor: Self.string(event.data.sequence_start.anchor)))
      case YAML_MAPPING_START_EVENT:
        try deeper(at)
        open.append(.mapping([], key: nil, at, anchor: Self.string(event.data.mapping_start.anchor)))
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        let node: YAMLNode
        let anchor: String?
        switch open.removeLast() {
        case .sequence(let items, let start, let name):
          (node, anchor) = (YAMLNode(.sequence(items), location: start), name)
        case .mapping(let pairs, _, let start, let name):
          try Self.checkKeys(pairs)
          (node, anchor) = (YAMLNode(.mapping(pairs), location: start), name)
        }
        if let anchor { anchors[anchor] = node }
        if let done = add(node) { root = done }
      default:
        break  // the stream's start, a document's end
      }
    }
  }

  /// Adds a finished node to the innermost open collection; returns it when it is the root.
  private mutating func add(_ node: YAMLNode) -> YAMLNode? {
    guard let innermost = open.popLast() else { return node }
    switch innermost {
    case .sequence(var items, let start, let anchor):
      items.append(node)
      open.append(.sequence(items, start, anchor: anchor))
    case .mapping(var pairs, let key, let start, let anchor):
      if let key {
        pairs.append((key, node))
        open.append(.mapping(pairs, key: nil, start, anchor: anchor))
      } else {
        open.append(.mapping(pairs, key: node, start, anchor: anchor))
      }
    }
    return nil
  }

  private func deeper(_ at: SourceLocation) throws(YAMLProblem) {
    guard open.count < YAMLReader.maximumDepth else {
      throw YAMLProblem("lists and maps nest deeper than \(YAMLReader.maximumDepth) levels", at: at)
    }
  }

  /// Keys written twice in one mapping are an error (YAML forbids it, and which value would
  /// count is anyone's guess), named in order, at the first place of the first of them.
  private static func checkKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)]) throws(YAMLProblem) {
    var first: [String: SourceLocation] = [:]
    var repeated: Set<String> = []
    for (key, _) in pairs {
      guard let text = key.text else { continue }
      if first[text] == nil { first[text] = key.location } else { repeated.insert(text) }
    }
    guard let earliest = repeated.min() else { return }
    throw YAMLProblem("duplicate key " + repeated.sorted().joined(separator: ", "), at: first[earliest])
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.Style {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: .literal
    case YAML_FOLDED_SCALAR_STYLE: .folded
    default: .plain
    }
  }

  /// libyaml's own words for a text it cannot read, and where.
  private mutating func problem(_ parser: yaml_parser_t, _ text: UnsafeBufferPointer<UInt8>) -> YAMLProblem {
    let words = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
    switch parser.error {
    case YAML_MEMORY_ERROR:
      return YAMLProblem("out of memory", at: nil)
    case YAML_READER_ERROR:
      // The reader counts bytes, not characters.
      return YAMLProblem(words, at: MarkPositions.location(ofByte: Int(parser.problem_offset), in: text))
    default:
      return YAMLProblem(words, at: positions.location(of: parser.problem_mark, in: text))
    }
  }
}

/// Turns libyaml's marks into positions in the text as the notebook counts them: libyaml counts
/// characters, and lines at every YAML line break (NEL, U+2028 and U+2029 too), where a
/// notebook's columns count UTF-8 bytes and its lines end only at "\n" (`SourceText`). A mark's
/// `index` (characters from the start) is walked to its byte; marks mostly come in order, so the
/// walk goes on from the last one instead of the start.
private struct MarkPositions {
  private var characters = 0
  private var offset = 0
  private var line = 1
  private var lineStart = 0

  mutating func location(of mark: yaml_mark_t, in text: UnsafeBufferPointer<UInt8>) -> SourceLocation {
    let index = Int(mark.index)
    if index < characters { self = MarkPositions() }
    while characters < index, offset < text.count {
      if text[offset] == UInt8(ascii: "\n") {
        line += 1
        lineStart = offset + 1
      }
      offset += 1
      // A character's continuation bytes (10xxxxxx) belong to it.
      while offset < text.count, text[offset] & 0xC0 == 0x80 { offset += 1 }
      characters += 1
    }
    return SourceLocation(line: line, column: offset - lineStart + 1)
  }

  /// The position of byte `offset` (clamped to the text).
  static func location(ofByte offset: Int, in text: UnsafeBufferPointer<UInt8>) -> SourceLocation {
    let offset = max(0, min(offset, text.count))
    var (line, lineStart) = (1, 0)
    for position in 0..<offset where text[position] == UInt8(ascii: "\n") {
      line += 1
      lineStart = position + 1
    }
    return SourceLocation(line: line, column: offset - lineStart + 1)
  }
}

import LemmaNotebook

/// GFM footnotes: `[^label]` in text refers to the definition `[^label]: …`. Referenced notes
/// are numbered in the order of their first reference and listed at the end of the report
/// with a link back; a reference to no definition stays text, and a note nobody refers to is
/// left out (as cmark-gfm does). Found by one pass over the text nodes of the document tree.
enum Footnotes {
  /// A reference inside a text node.
  struct Reference: Equatable {
    var offset: Int
    var length: Int
    var number: Int
    /// 1 for the note's first reference, 2 for its second...
    var occurrence: Int

    /// The id of the reference's anchor, which the note's back link points at.
    var id: String { occurrence == 1 ? "fnref\(number)" : "fnref\(number)-\(occurrence)" }
  }

  /// A note to list: its number and its definition's node.
  struct Note: Equatable {
    var number: Int
    var node: Int
  }

  struct Found {
    var references: [Int: [Reference]] = [:]
    /// The referenced notes in number order.
    var notes: [Note] = []
  }

  /// Labels match as link labels do, without regard to case.
  static func key(_ label: some StringProtocol) -> String { label.lowercased() }

  static func find(in document: Document) -> Found {
    var definitions: [String: Int] = [:]
    for (index, node) in document.nodes.enumerated() {
      if case .footnoteDefinition(let label) = node.kind {
        let key = key(document.string(label))
        if definitions[key] == nil { definitions[key] = index }
      }
    }
    var found = Found()
    guard !definitions.isEmpty else { return found }
    var numbers: [Int: Int] = [:]
    var occurrences: [Int: Int] = [:]
    for (index, node) in document.nodes.enumerated() {
      guard case .text(let literal) = node.kind else { continue }
      let bytes = document.bytes[Int(literal.start)..<Int(literal.end)]
      var position = bytes.firstIndex(of: UInt8(ascii: "[")) ?? bytes.endIndex
      while position + 3 < bytes.endIndex {
        guard bytes[position] == UInt8(ascii: "["), bytes[position + 1] == UInt8(ascii: "^"),
          let close = bytes[(position + 2)...].firstIndex(of: UInt8(ascii: "]")), close > position + 2,
          let definition = definitions[key(String(decoding: bytes[(position + 2)..<close], as: UTF8.self))]
        else {
          position = bytes[(position + 1)...].firstIndex(of: UInt8(ascii: "[")) ?? bytes.endIndex
          continue
        }
        let number =
          numbers[definition]
          ?? {
            let next = found.notes.count + 1
            numbers[definition] = next
            found.notes.append(Note(number: next, node: definition))
            return next
          }()
        occurrences[number, default: 0] += 1
        found.references[index, default: []].append(
          Reference(
            offset: position - bytes.startIndex, length: close + 1 - position, number: number,
            occurrence: occurrences[number]!))
        position = close + 1
      }
    }
    return found
  }
}

import LemmaNotebook

/// The ids of a report's headings, handed out before the page is written, in the order the
/// page shows them: the prose's headings, the References section, then headings inside the
/// footnotes listed at the end. So parts of a long page can be written at the same time and
/// still link to the ids the whole page would have given.
///
/// An id is the heading's words, lower-cased and joined by `-` (as GitHub and Quarto make
/// them), with `-2`, `-3`... when taken by an earlier heading or by one of Lemma's own anchors.
struct HeadingIDs {
  /// Every heading written, by its node.
  private(set) var byNode: [Int: Heading] = [:]
  /// Every heading in page order, for the table of contents.
  private(set) var headings: [Heading] = []
  /// The References section's id, when the report lists references.
  private(set) var referencesID: String?
  private var taken: Set<String>
  /// The next number to try for each id already given out, so a hundred headings named alike
  /// cost a hundred look-ups, not five thousand.
  private var nextNumber: [String: Int] = [:]

  /// The ids of the document's headings outside footnote definitions, the References and the
  /// headings in `notes`.
  init(report: Report, notes: [Footnotes.Note]) {
    taken = Set(
      report.blocks.map(\.anchor) + report.inlines.indices.map { "inline-\($0 + 1)" }
        + report.math.indices.map { "math-\($0 + 1)" })
    let nodes = report.notebook.document.nodes
    add(headingsIn: 1..<nodes.count, report)
    if !report.references.entries.isEmpty {
      let id = unique("references")
      referencesID = id
      headings.append(Heading(level: 2, text: "References", id: id))
    }
    for note in notes { add(headingsIn: (note.node + 1)..<nodes[note.node].end, report) }
  }

  /// Gives ids to the headings among `range`'s nodes (in order, front to back: one pass over
  /// memory), skipping footnote definitions.
  private mutating func add(headingsIn range: Range<Int>, _ report: Report) {
    let document = report.notebook.document
    var index = range.lowerBound
    while index < range.upperBound {
      let node = document.nodes[index]
      switch node.kind {
      case .footnoteDefinition:
        index = node.end
      case .heading(let level):
        let text = document.plainText(of: index) { kind in
          switch kind {
          case .inlineExpression(let inline): if case .value(let text) = report.inlines[inline] { text } else { nil }
          case .crossReference(let reference): report.name(ofReference: reference)
          case .math(let formula): report.notebook.mathSpans[formula].tex
          default: nil
          }
        }
        let heading = Heading(level: level, text: text, id: unique(Self.slug(text)))
        byNode[index] = heading
        headings.append(heading)
        index = node.end
      default:
        index += 1
      }
    }
  }

  private mutating func unique(_ base: String) -> String {
    var id = base
    var number = nextNumber[base] ?? 1
    while taken.contains(id) {
      number += 1
      id = "\(base)-\(number)"
    }
    nextNumber[base] = number
    taken.insert(id)
    return id
  }

  /// A heading's id before it is made unique: lower-case words joined by `-`.
  static func slug(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 128 }) { return asciiSlug(text) }
    var slug = ""
    for character in text.lowercased() {
      if character.isLetter || character.isNumber {
        slug.append(character)
      } else if (character == " " || character == "-" || character == "_") && !slug.hasSuffix("-") {
        slug.append("-")
      }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    return slug.isEmpty ? "section" : slug
  }

  /// `slug` for ASCII text, byte by byte (the same result, without Unicode tables).
  private static func asciiSlug(_ text: String) -> String {
    var slug: [UInt8] = []
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): slug.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): slug.append(byte + 32)
      case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "_"):
        if slug.last != UInt8(ascii: "-") { slug.append(UInt8(ascii: "-")) }
      default: continue
      }
    }
    while slug.last == UInt8(ascii: "-") { slug.removeLast() }
    return slug.isEmpty ? "section" : String(decoding: slug, as: UTF8.self)
  }
}

/// A heading of the report, for the table of contents.
struct Heading {
  var level: Int
  var text: String
  var id: String
}

extension Report {
  /// What a cross-reference reads: "Figure 2", or "Figure 2 of Title" in another notebook.
  func name(ofReference index: Int) -> String {
    let reference = notebook.crossReferences[index]
    if reference.notebook != nil { return notebookLinks.targets[reference.target]?.name ?? reference.target }
    return referenceNames[reference.label] ?? reference.label
  }
}

import Dispatch
import Figures
import LemmaExecution
import LemmaNotebook
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Renders the report's body as HTML by walking the notebook's document tree once: prose as
/// CommonMark's reference renderer (cmark) writes it, experiment blocks as cells, inline
/// expressions as their values, cross-references as links, headings with ids.
///
/// No parsing happens here: the tree was built once, when the notebook was read.
struct BodyRenderer {
  let report: Report
  var rawHTML = RawHTML.filtered

  /// Documents this long are written in parts at the same time (a few parts per core, so
  /// they even out); shorter ones in one go.
  var parallelBytes = 1 << 18

  /// The body (UTF-8), its headings, and whether it has alerts, tables and footnotes (whose
  /// style the page then needs).
  func render() -> (
    html: [UInt8], headings: [Heading], hasAlerts: Bool, hasTables: Bool, hasFootnotes: Bool, hasMath: Bool,
    hasReferences: Bool
  ) {
    let document = report.notebook.document
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let parallel = cores > 1 && document.bytes.count >= parallelBytes
    let marks = ProseMarks(document, parallel: parallel)
    let ids = HeadingIDs(report: report, notes: marks.footnotes.notes)
    let blocks = document.nodes.indices.filter {
      if case .footnoteDefinition = document.nodes[$0].kind { false } else { document.nodes[$0].parent == 0 }
    }
    let parts = parallel ? Self.split(blocks, of: document, into: min(4 * cores, 16)) : [blocks[...]]
    let capacity = report.notebook.source.utf8.count * 5 / 4 / parts.count
    var writers = [HTMLWriter?](repeating: nil, count: parts.count)
    writers.withUnsafeMutableBufferPointer { writers in
      DispatchQueue.concurrentPerform(iterations: parts.count) { part in
        var writer = HTMLWriter(report: report, rawHTML: rawHTML, marks: marks, ids: ids, capacity: capacity)
        if part == 0 { writer.writeFailures() }
        for block in parts[part] { writer.write(block: block) }
        writers[part] = writer
      }
    }
    var writer = writers[0]!
    for part in writers.dropFirst() { writer.append(part!) }
    writer.writeEnd()
    return (
      writer.out, ids.headings, !marks.alerts.isEmpty, writer.hasTables, !marks.footnotes.notes.isEmpty,
      !report.math.isEmpty, !report.references.entries.isEmpty
    )
  }

  /// `blocks` in runs of about equal numbers of nodes, in order.
  private static func split(_ blocks: [Int], of document: Document, into count: Int) -> [ArraySlice<Int>] {
    let total = blocks.reduce(0) { $0 + document.nodes[$1].end - $1 }
    var parts: [ArraySlice<Int>] = []
    var start = 0
    var nodes = 0
    for (position, block) in blocks.enumerated() {
      nodes += document.nodes[block].end - block
      if nodes * count >= total * (parts.count + 1), parts.count < count - 1 {
        parts.append(blocks[start...position])
        start = position + 1
      }
    }
    parts.append(blocks[start...])
    return parts
  }

  /// A relative link to another notebook beside this one (`other.md`, `other.md#section`)
  /// points, in the HTML report, at that notebook's page (`other.html`); the Markdown report
  /// keeps `.md`. Links to Markdown files that are not notebooks next to it stay as they are.
  static func reportPage(forNotebookLink url: String, from notebookPath: String) -> String? {
    guard !url.contains(":"), !url.hasPrefix("/") else { return nil }
    let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts[0].hasSuffix(".md"), !parts[0].contains("/") || parts[0].hasPrefix("./") else { return nil }
    let folder = PathText.deletingLastComponent(notebookPath)
    guard FileManager.default.fileExists(atPath: (folder.isEmpty ? "." : folder) + "/" + parts[0]) else { return nil }
    let page = parts[0].dropLast(3) + ".html"
    return parts.count == 2 ? page + "#" + parts[1] : String(page)
  }
}

/// What a text node's bytes become besides escaped text.
private enum TextEdit {
  case link(Autolinks.Link)
  case strike(opens: Bool)
  case footnote(Footnotes.Reference)
}

/// The walk itself, over some of the document's top-level blocks: an output buffer, and the
/// image whose alt text is being written (inside it, only plain text is written, as cmark
/// does). What the passes found and the heading ids come in worked out for the whole page.
private struct HTMLWriter {
  let report: Report
  let rawHTML: RawHTML
  private let document: Document
  private(set) var out: [UInt8] = []
  /// Whether a line break was asked for before anything was written: a part after the first
  /// then starts with one unless the part before it ends with one (`append`).
  private var leadingNewline = false
  /// While writing an image's alt text: the image's index.
  private var plainImage: Int?
  private let marks: ProseMarks
  private let ids: HeadingIDs
  /// The alert whose marker is being skipped.
  private var skipping: Alert?
  /// Whether a prose table was written.
  private(set) var hasTables = false
  /// While a note is written: its last paragraph, which ends with the link back.
  private var backLinkParagraph: (Int, String)?
  /// Where each link destination written so far points (checking one touches the disk).
  private var linkTargets: [String: String] = [:]

  init(report: Report, rawHTML: RawHTML, marks: ProseMarks, ids: HeadingIDs, capacity: Int) {
    self.report = report
    self.rawHTML = rawHTML
    self.marks = marks
    self.ids = ids
    document = report.notebook.document
    out.reserveCapacity(capacity)
  }

  /// The notebook-level failures, which open the body.
  mutating func writeFailures() {
    for failure in report.notebookFailures { put(CellRenderer.failureHTML(failure, allowed: false)) }
  }

  /// One top-level block (not a footnote definition: those are written at the end, in the
  /// order of their numbers).
  mutating func write(block: Int) {
    document.walk(from: block) { index, entering in
      visit(index, entering)
      return true
    }
  }

  /// Adds what `next` wrote after what this writer wrote, as one writer would have.
  mutating func append(_ next: HTMLWriter) {
    if next.leadingNewline { newline() }
    out += next.out
    hasTables = hasTables || next.hasTables
  }

  /// The References list and the footnotes, which close the body.
  mutating func writeEnd() {
    writeReferences()
    writeFootnotes()
  }

  /// The referenced notes, as cmark-gfm lists them: each with a link back to its first
  /// reference, inside its last paragraph when it ends with one.
  private mutating func writeFootnotes() {
    guard !marks.footnotes.notes.isEmpty else { return }
    newline()
    put("<section class=\"footnotes\">\n<ol>\n")
    for note in marks.footnotes.notes {
      put("<li id=\"fn\(note.number)\">\n")
      let last = document.children(of: note.node).last
      let backLink = "<a href=\"#fnref\(note.number)\" class=\"footnote-backref\">↩</a>"
      backLinkParagraph = last.flatMap { document.nodes[$0].kind == .paragraph ? ($0, backLink) : nil }
      let endsWithParagraph = backLinkParagraph != nil
      document.walk(from: note.node) { index, entering in
        if index != note.node { visit(index, entering) }
        return true
      }
      // After a last block that is no paragraph (or a paragraph that wrote no `</p>`).
      if !endsWithParagraph || backLinkParagraph != nil {
        newline()
        put(backLink + "\n")
      }
      backLinkParagraph = nil
      newline()
      put("</li>\n")
    }
    put("</ol>\n</section>\n")
  }

  private mutating func visit(_ index: Int, _ entering: Bool) {
    let node = document.nodes[index]
    if let image = plainImage {
      if index == image && !entering {
        closeImage(image)
        plainImage = nil
      } else if entering {
        plain(node.kind)
      }
      return
    }
    if let alert = skipping {
      if alert.marker.contains(index) { return }
      if index == alert.paragraph && alert.paragraphIsMarker { return }
    }
    switch node.kind {
    case .document: break
    case .blockQuote:
      newline()
      if let alert = marks.alerts[index] {
        skipping = entering ? alert : nil
        let kind = alert.kind
        put(
          entering
            ? "<div class=\"alert alert-\(kind.rawValue)\" role=\"note\">\n<p class=\"alert-title\">\(kind.title)</p>\n"
            : "</div>\n")
      } else {
        put(entering ? "<blockquote>\n" : "</blockquote>\n")
      }
    case .list(let ordered, let start, _):
      if entering {
        newline()
        put(!ordered ? "<ul>\n" : start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n")
      } else {
        put(ordered ? "</ol>\n" : "</ul>\n")
      }
    case .item:
      if entering {
        newline()
        put("<li>")
      } else {
        put("</li>\n")
      }
    case .heading(let level):
      if entering {
        newline()
        put("<h\(level) id=\"\(ids.byNode[index]?.id ?? "")\">")
      } else {
        put("</h\(level)>\n")
      }
    case .paragraph:
      guard !isTight(index) else { break }
      if entering {
        newline()
        put("<p>")
      } else {
        if let (paragraph, link) = backLinkParagraph, paragraph == index {
          put(" " + link)
          backLinkParagraph = nil
        }
        put("</p>\n")
      }
    case .thematicBreak:
      newline()
      put("<hr />\n")
    case .codeBlock(let info, let literal, _):
      newline()
      let language = document.bytes[Int(info.start)..<Int(info.end)].prefix { !isSpace($0) }
      if language.isEmpty {
        put("<pre><code>")
      } else {
        put("<pre><code class=\"language-")
        escape(language)
        put("\">")
      }
      escape(literal)
      put("</code></pre>\n")
    case .htmlBlock(let literal):
      newline()
      copyRaw(literal)
      newline()
    case .text(let literal):
      // Most text has no marks: it is escaped at once, with nothing to look up or sort.
      guard marks.isMarked[index] else { return escape(literal) }
      var from = Int(literal.start)
      if let checked = marks.taskMarkers[index] {
        put(
          checked ? "<input checked=\"\" disabled=\"\" type=\"checkbox\">" : "<input disabled=\"\" type=\"checkbox\">")
        from += 3
      }
      let base = Int(literal.start)
      let links = marks.autolinks[index]
      let strikes = marks.strikes[index]
      let notes = marks.footnotes.references[index]
      guard links != nil || strikes != nil || notes != nil else {
        escape(document.bytes[from..<Int(literal.end)])
        return
      }
      var edits: [(offset: Int, length: Int, edit: TextEdit)] =
        (links ?? []).map { ($0.offset, $0.length, .link($0)) }
        + (strikes ?? []).map { ($0.offset, $0.length, .strike(opens: $0.opens)) }
        + (notes ?? []).map { ($0.offset, $0.length, .footnote($0)) }
      edits.sort { $0.offset < $1.offset }
      for (offset, length, edit) in edits where base + offset >= from {
        escape(document.bytes[from..<(base + offset)])
        switch edit {
        case .link(let link):
          put("<a href=\"")
          escapeHref(safe(link.href, image: false))
          put("\">")
          escape(document.bytes[(base + offset)..<(base + offset + length)])
          put("</a>")
        case .strike(let opens): put(opens ? "<del>" : "</del>")
        case .footnote(let reference):
          put(
            "<sup class=\"footnote-ref\"><a href=\"#fn\(reference.number)\" id=\"\(reference.id)\">"
              + "\(reference.number)</a></sup>")
        }
        from = base + offset + length
      }
      escape(document.bytes[from..<Int(literal.end)])
    case .softBreak: put("\n")
    case .lineBreak: put("<br />\n")
    case .code(let literal):
      put("<code>")
      escape(literal)
      put("</code>")
    case .htmlInline(let literal): copyRaw(literal)
    case .emphasis: put(entering ? "<em>" : "</em>")
    case .strong: put(entering ? "<strong>" : "</strong>")
    case .strikethrough: put(entering ? "<del>" : "</del>")
    case .footnoteDefinition: break
    case .table:
      newline()
      hasTables = true
      put(entering ? "<table>\n" : "</table>\n")
    case .tableRow(let header): tableRow(index, header: header, entering: entering)
    case .tableCell(let alignment):
      let tag = isHeaderCell(index) ? "th" : "td"
      if entering {
        switch alignment {
        case .none: put("<\(tag)>")
        case .left: put("<\(tag) align=\"left\">")
        case .center: put("<\(tag) align=\"center\">")
        case .right: put("<\(tag) align=\"right\">")
        }
      } else {
        put("</\(tag)>\n")
      }
    case .link(let url, let title):
      if entering {
        put("<a href=\"")
        let written = document.string(url)
        let target: String
        if let known = linkTargets[written] {
          target = known
        } else {
          let url = safe(written, image: false)
          target = BodyRenderer.reportPage(forNotebookLink: url, from: report.notebook.path) ?? url
          linkTargets[written] = target
        }
        escapeHref(target)
        if !title.isEmpty {
          put("\" title=\"")
          escape(title)
        }
        put("\">")
      } else {
        put("</a>")
      }
    case .image(let url, _):
      // Entering: the source and the start of the alt text, written plain from the children;
      // the title and the end are written when the walk leaves the image.
      put("<img src=\"")
      escapeHref(safe(document.string(url), image: true))
      put("\" alt=\"")
      plainImage = index
    case .experiment(let block):
      newline()
      put(CellRenderer(block: report.blocks[block]).html())
    case .inlineExpression(let inline):
      put(inlineHTML(report.notebook.inlineExpressions[inline], report.inlines[inline]))
    case .crossReference(let reference):
      let name = report.name(ofReference: reference)
      put("<a class=\"xref\" href=\"\(HTMLText.escape(href(ofReference: reference)))\">")
      escape(name.utf8)
      put("</a>")
    case .math(let formula):
      put(mathHTML(report.notebook.mathSpans[formula], report.math[formula]))
    case .citation(let citation):
      put(citationHTML(report.notebook.citations[citation]))
    }
  }

  /// A table row, as GFM writes it: the header in `<thead>`, the others in one `<tbody>`
  /// (none when the table has no body rows).
  private mutating func tableRow(_ index: Int, header: Bool, entering: Bool) {
    let table = document.nodes[index].parent
    if header {
      put(entering ? "<thead>\n<tr>\n" : "</tr>\n</thead>\n")
      return
    }
    let firstBody = document.nodes[table + 1].end
    let isLast = document.nodes[index].end == document.nodes[table].end
    if entering {
      put(index == firstBody ? "<tbody>\n<tr>\n" : "<tr>\n")
    } else {
      put(isLast ? "</tr>\n</tbody>\n" : "</tr>\n")
    }
  }

  private func isHeaderCell(_ index: Int) -> Bool {
    if case .tableRow(let header) = document.nodes[document.nodes[index].parent].kind { header } else { false }
  }

  /// Raw HTML as written, or through `RawHTMLFilter` when raw HTML is filtered.
  private mutating func copyRaw(_ text: Document.Text) {
    guard rawHTML == .filtered else { return copy(text) }
    out += RawHTMLFilter.filter(Array(document.bytes[Int(text.start)..<Int(text.end)]))
  }

  /// A link or image target, or nothing when it could run script and raw HTML is filtered
  /// (`data:` images pass; `data:` links do not).
  private func safe(_ url: String, image: Bool) -> String {
    rawHTML == .allowed || RawHTMLFilter.isSafe(url: url, image: image) ? url : ""
  }

  /// Leaving an image: its title and the end of the tag.
  private mutating func closeImage(_ index: Int) {
    guard case .image(_, let title) = document.nodes[index].kind else { return }
    if !title.isEmpty {
      put("\" title=\"")
      escape(title)
    }
    put("\" />")
  }

  /// Inside an image's alt text: text only, as cmark writes it.
  private mutating func plain(_ kind: Document.Kind) {
    switch kind {
    case .text(let literal), .code(let literal), .htmlInline(let literal): escape(literal)
    case .softBreak, .lineBreak: put(" ")
    case .inlineExpression(let inline):
      if case .value(let text) = report.inlines[inline] { escape(text.utf8) }
    case .crossReference(let reference): escape(report.name(ofReference: reference).utf8)
    case .math(let formula): escape(report.notebook.mathSpans[formula].tex.utf8)
    case .citation(let citation): escape(citationText(report.notebook.citations[citation]).utf8)
    default: break
    }
  }

  /// A citation as its numbers, each linking to its entry in the References: `[see 1, p. 3; 2]`.
  private func citationHTML(_ citation: Citation) -> String {
    let items = citation.items.map { item -> String in
      guard let entry = report.references.entry(item.key) else { return HTMLText.escape("@" + item.key) }
      return (item.prefix.isEmpty ? "" : HTMLText.escape(item.prefix) + " ")
        + "<a href=\"#\(entry.anchor)\">\(entry.number)</a>"
        + (item.locator.isEmpty ? "" : ", " + HTMLText.escape(item.locator))
    }
    return "<span class=\"citation\">[" + items.joined(separator: "; ") + "]</span>"
  }

  /// A citation as plain text (in a heading's id or an image's alt text).
  private func citationText(_ citation: Citation) -> String {
    "["
      + citation.items.map { item in
        [item.prefix, report.references.entry(item.key).map { String($0.number) } ?? "@" + item.key]
          .filter { !$0.isEmpty }.joined(separator: " ") + (item.locator.isEmpty ? "" : ", " + item.locator)
      }.joined(separator: "; ") + "]"
  }

  /// The References list: each cited work, by number, with its anchor.
  private mutating func writeReferences() {
    guard let id = ids.referencesID else { return }
    newline()
    put("<section class=\"references\" id=\"\(id)\">\n<h2>References</h2>\n<ol>\n")
    for entry in report.references.entries {
      put("<li id=\"\(entry.anchor)\">" + ReferenceText.html(entry.reference) + "</li>\n")
    }
    put("</ol>\n</section>\n")
  }

  /// A formula's MathML, or its TeX with the error, where the formula stands.
  private func mathHTML(_ span: MathSpan, _ math: MathReport) -> String {
    switch math {
    case .mathML(let xml): return xml
    case .failed(let failure):
      let delimiter = span.display ? "$$" : "$"
      return "<span class=\"math-error\" id=\"\(failure.anchor ?? "")\" title=\"\(HTMLText.escape(failure.headline))\">"
        + HTMLText.escape(span.problem == nil ? delimiter + span.tex + delimiter : delimiter)
        + " ⚠ \(HTMLText.escape(failure.message))</span>"
    }
  }

  /// Where a reference points: `#fig-x`, or `other.html#fig-x` in another notebook.
  private func href(ofReference index: Int) -> String {
    let reference = report.notebook.crossReferences[index]
    guard let notebook = reference.notebook else { return "#" + reference.label }
    return report.notebookLinks.targets[reference.target]?.page
      ?? String(notebook.dropLast(3)) + ".html#" + reference.label
  }

  private func isTight(_ paragraph: Int) -> Bool {
    let parent = document.nodes[paragraph].parent
    guard parent >= 0 else { return false }
    let grandparent = document.nodes[parent].parent
    guard grandparent >= 0, case .list(_, _, let tight) = document.nodes[grandparent].kind else { return false }
    return tight
  }

  private func inlineHTML(_ expression: InlineExpression, _ inline: InlineReport) -> String {
    let source = "{swift} " + expression.expression
    switch inline {
    case .value(let text):
      return HTMLText.escape(text)
    case .failed(let failure):
      return
        "<span class=\"inline-error\" id=\"\(failure.anchor ?? "")\" title=\"\(HTMLText.escape(failure.headline))\">"
        + "\(HTMLText.escape(source)) ⚠ \(HTMLText.escape(failure.message))</span>"
    case .notRun:
      return "<span class=\"inline-missing\" title=\"not evaluated: an earlier block failed\">"
        + "\(HTMLText.escape(source))</span>"
    }
  }

  // MARK: Output

  /// A line break unless the output is empty or already ends with one (cmark's `cr`).
  private mutating func newline() {
    if let last = out.last {
      if last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
    } else {
      leadingNewline = true
    }
  }

  private mutating func put(_ text: String) { out.append(contentsOf: text.utf8) }

  /// A stretch of the document's text, escaped.
  private mutating func escape(_ text: Document.Text) {
    let bytes = document.bytes
    bytes.withUnsafeBufferPointer { escape(buffer: UnsafeBufferPointer(rebasing: $0[Int(text.start)..<Int(text.end)])) }
  }

  /// A stretch of the document's text as it is (raw HTML).
  private mutating func copy(_ text: Document.Text) {
    out.append(contentsOf: document.bytes[Int(text.start)..<Int(text.end)])
  }

  /// `&`, `<`, `>` and `"` as entities; everything else as it is (cmark's escape_html).
  private mutating func escape(_ bytes: some Collection<UInt8>) {
    let copied: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
      escape(buffer: buffer)
      return true
    }
    guard copied == nil else { return }
    let array = Array(bytes)
    array.withUnsafeBufferPointer { escape(buffer: $0) }
  }

  /// Copies runs of bytes that need no escaping at once.
  private mutating func escape(buffer: UnsafeBufferPointer<UInt8>) {
    var runStart = 0
    for index in buffer.indices where Self.needsEscape[Int(buffer[index])] {
      if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index])) }
      switch buffer[index] {
      case UInt8(ascii: "&"): put("&amp;")
      case UInt8(ascii: "<"): put("&lt;")
      case UInt8(ascii: ">"): put("&gt;")
      default: put("&quot;")
      }
      runStart = index + 1
    }
    if buffer.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart...])) }
  }

  private static let needsEscape: [Bool] = (0..<256).map { [38, 60, 62, 34].contains($0) }

  /// A URL in an attribute, as cmark writes it: characters safe in URLs as they are, `&` and
  /// `'` as entities, everything else percent-encoded.
  private mutating func escapeHref(_ url: String) {
    for byte in url.utf8 {
      if Self.hrefSafe[Int(byte)] {
        out.append(byte)
      } else if byte == UInt8(ascii: "&") {
        put("&amp;")
      } else if byte == UInt8(ascii: "'") {
        put("&#x27;")
      } else {
        out += [UInt8(ascii: "%"), Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]]
      }
    }
  }

  private static let hexDigits = Array("0123456789ABCDEF".utf8)

  /// The bytes a URL keeps as they are: letters, digits and `-_.+!*(),%#@?=;:/,+$~`.
  private static let hrefSafe: [Bool] = (0..<256).map { byte in
    let character = UInt8(byte)
    if (48...57).contains(character) || (65...90).contains(character) || (97...122).contains(character) { return true }
    return Array("-_.+!*(),%#@?=;:/$~".utf8).contains(character)
  }

  private func isSpace(_ byte: UInt8) -> Bool {
    byte == 32 || byte == 9 || byte == 10 || byte == 11 || byte == 12 || byte == 13
  }
}

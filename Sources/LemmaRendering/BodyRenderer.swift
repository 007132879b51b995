import Figures
import Foundation
import LemmaExecution
import LemmaNotebook

/// Renders the prose of a report with cmark, after putting cells, inline values, cross-reference
/// links and heading ids into the tree.
struct BodyRenderer {
  let report: Report

  func render() -> (html: String, headings: [Heading]) {
    let document = MarkdownDocument(report.notebook.body)
    let blocksByLine = Dictionary(uniqueKeysWithValues: report.blocks.map { ($0.block.lines.lowerBound, $0) })
    var ids = Set(report.blocks.map(\.anchor) + report.inlines.indices.map { "inline-\($0 + 1)" })
    var headings: [Heading] = []
    var inlineIndex = 0
    for node in document.topLevelNodes {
      if node.kind == .codeBlock, let block = blocksByLine[node.start.line] {
        document.replaceBlock(node, withRaw: CellRenderer(block: block).html())
        continue
      }
      guard node.kind != .codeBlock else { continue }
      for inline in document.descendants(of: node) {
        if inline.kind == .link, let page = Self.reportPage(forNotebookLink: inline.url, from: report.notebook.path) {
          document.setURL(of: inline, to: page)
        } else if inline.kind == .text, !CrossReference.scan(inline.literal).isEmpty {
          document.replaceInline(inline, withRawHTML: linkingReferences(in: inline.literal))
        } else if inline.kind == .code, InlineExpression.isInline(inline.literal), inlineIndex < report.inlines.count {
          replaceInline(inline, with: report.inlines[inlineIndex], in: document)
          inlineIndex += 1
        }
      }
      if node.kind == .heading {
        let text = document.plainText(of: node)
        let id = uniqueID(slug(text), &ids)
        headings.append(Heading(level: node.headingLevel, text: text, id: id))
        let html = document.html(of: node)
        let open = "<h\(node.headingLevel)>"
        document.replaceBlock(
          node, withRaw: html.replacingPrefix(open, with: "<h\(node.headingLevel) id=\"\(id)\">"))
      }
    }
    let failures = report.notebookFailures.map { CellRenderer.failureHTML($0, allowed: false) }.joined()
    return (failures + document.html(), headings)
  }

  /// A relative link to another notebook beside this one (`other.md`, `other.md#section`)
  /// points, in the HTML report, at that notebook's page (`other.html`); the Markdown report
  /// keeps `.md`. Links to Markdown files that are not notebooks next to it stay as they are.
  static func reportPage(forNotebookLink url: String, from notebookPath: String) -> String? {
    guard !url.contains(":"), !url.hasPrefix("/") else { return nil }
    let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts[0].hasSuffix(".md"), !parts[0].contains("/") || parts[0].hasPrefix("./") else { return nil }
    let folder = (notebookPath as NSString).deletingLastPathComponent
    guard FileManager.default.fileExists(atPath: (folder.isEmpty ? "." : folder) + "/" + parts[0]) else { return nil }
    let page = parts[0].dropLast(3) + ".html"
    return parts.count == 2 ? page + "#" + parts[1] : String(page)
  }

  private func linkingReferences(in text: String) -> String {
    let bytes = Array(text.utf8)
    var html = ""
    var position = 0
    for reference in CrossReference.scan(text) {
      html += HTMLText.escape(String(decoding: bytes[position..<reference.offset], as: UTF8.self))
      let name = report.referenceNames[reference.label] ?? reference.label
      html += "<a class=\"xref\" href=\"#\(reference.label)\">\(HTMLText.escape(name))</a>"
      position = reference.offset + 1 + reference.label.utf8.count
    }
    return html + HTMLText.escape(String(decoding: bytes[position...], as: UTF8.self))
  }

  private func replaceInline(_ node: MarkdownNode, with inline: InlineReport, in document: MarkdownDocument) {
    switch inline {
    case .value(let text):
      document.replaceInline(node, withText: text)
    case .failed(let failure):
      document.replaceInline(
        node,
        withRawHTML:
          "<span class=\"inline-error\" id=\"\(failure.anchor ?? "")\" title=\"\(HTMLText.escape(failure.headline))\">"
          + "\(HTMLText.escape(node.literal)) ⚠ \(HTMLText.escape(failure.message))</span>")
    case .notRun:
      document.replaceInline(
        node,
        withRawHTML: "<span class=\"inline-missing\" title=\"not evaluated: an earlier block failed\">"
          + "\(HTMLText.escape(node.literal))</span>")
    }
  }

  /// A heading's id: lower-case words joined by `-`, as GitHub and Quarto make them.
  private func slug(_ text: String) -> String {
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

  private func uniqueID(_ base: String, _ ids: inout Set<String>) -> String {
    var id = base
    var number = 1
    while ids.contains(id) {
      number += 1
      id = "\(base)-\(number)"
    }
    ids.insert(id)
    return id
  }
}

extension String {
  func replacingPrefix(_ prefix: String, with replacement: String) -> String {
    hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
  }
}

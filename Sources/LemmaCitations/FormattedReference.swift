import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// A bibliography entry as a References list shows it: authors, year, title, where it
/// appeared, and a link (its DOI, else its URL, else its arXiv page). Text is plain (accents
/// resolved); each renderer adds its own markup.
public struct FormattedReference: Sendable, Equatable {
  /// "A. Author, B. Author and C. Author", or "A. Author et al." (after ten names or `others`);
  /// editors with "(ed.)" when there are no authors; empty when neither is given.
  public var authors: String
  public var year: String
  public var title: String
  /// The journal (with volume, number and pages), book, proceedings ("In …"), publisher,
  /// school or institution; empty when none is given.
  public var venue: String
  public var link: (text: String, url: String)?
  /// Whether the title names a whole work (a book, thesis or report), set in italics; otherwise
  /// the venue is.
  public var titleIsWork: Bool

  public static func == (a: FormattedReference, b: FormattedReference) -> Bool {
    a.authors == b.authors && a.year == b.year && a.title == b.title && a.venue == b.venue
      && a.link?.text == b.link?.text && a.link?.url == b.link?.url && a.titleIsWork == b.titleIsWork
  }

  public init(_ entry: BibTeXEntry) {
    func field(_ name: String) -> String { entry.fields[name].map(LaTeXText.plain) ?? "" }
    let authors = Self.names(entry.fields["author"] ?? "")
    let editors = Self.names(entry.fields["editor"] ?? "")
    self.authors =
      authors.isEmpty ? (editors.isEmpty ? "" : editors + (editors.contains(" and ") ? " (eds.)" : " (ed.)")) : authors
    var year = field("year")
    if year.isEmpty { year = String(field("date").prefix(4)) }
    self.year = year
    title = field("title")
    var venue: String
    switch entry.type {
    case "article":
      venue = field("journal").isEmpty ? field("journaltitle") : field("journal")
      let volume = field("volume")
      let number = field("number")
      if !volume.isEmpty { venue += (venue.isEmpty ? "" : " ") + volume + (number.isEmpty ? "" : "(\(number))") }
      let pages = field("pages")
      if !pages.isEmpty { venue += (venue.isEmpty ? "pp. " : ", ") + pages }
    case "inproceedings", "incollection", "conference":
      venue = field("booktitle").isEmpty ? "" : "In " + field("booktitle")
      let pages = field("pages")
      if !pages.isEmpty { venue += (venue.isEmpty ? "pp. " : ", pp. ") + pages }
    case "book", "inbook":
      venue = [
        field("volume").isEmpty ? "" : "Vol. " + field("volume"),
        field("edition").isEmpty ? "" : field("edition") + " edition", field("publisher"),
      ].filter { !$0.isEmpty }.joined(separator: ", ")
    case "phdthesis", "mastersthesis":
      venue = [entry.type == "phdthesis" ? "PhD thesis" : "Master's thesis", field("school")]
        .filter { !$0.isEmpty }.joined(separator: ", ")
    case "techreport":
      venue = [field("institution"), field("number").isEmpty ? "" : "Report " + field("number")]
        .filter { !$0.isEmpty }.joined(separator: ", ")
    default:
      venue = [field("howpublished"), field("organization"), field("publisher")].first { !$0.isEmpty } ?? ""
    }
    titleIsWork = ["book", "phdthesis", "mastersthesis", "techreport"].contains(entry.type)
    let eprint = field("eprint")
    let isArXiv = field("archiveprefix").lowercased() == "arxiv" || field("eprinttype").lowercased() == "arxiv"
    let doi = (entry.fields["doi"] ?? "").trimmingWhitespace
    let url = (entry.fields["url"] ?? "").trimmingWhitespace
    if !doi.isEmpty {
      let bare = doi.replacingPrefix("https://doi.org/").replacingPrefix("http://dx.doi.org/")
      link = ("doi:" + bare, "https://doi.org/" + bare)
    } else if !url.isEmpty {
      link = (url, url)
    } else if isArXiv && !eprint.isEmpty {
      link = ("arXiv:" + eprint, "https://arxiv.org/abs/" + eprint)
    } else {
      link = nil
    }
    // An arXiv preprint appeared on arXiv, unless its link already says so.
    if venue.isEmpty && isArXiv && !eprint.isEmpty && link?.text != "arXiv:" + eprint { venue = "arXiv:" + eprint }
    self.venue = venue
  }

  /// A name list (`and`-separated, `Last, First` or `First Last`) as "First Last" names.
  static func names(_ field: String) -> String {
    var names: [String] = []
    var others = false
    for raw in splitNames(field) {
      let name = LaTeXText.plain(raw)
      if name.lowercased() == "others" {
        others = true
        continue
      }
      let parts = splitTopLevel(raw, separator: ",").map(LaTeXText.plain)
      switch parts.count {
      case 2: names.append(parts[1] + " " + parts[0])
      case 3...: names.append(parts[2] + " " + parts[0] + ", " + parts[1])
      default: names.append(name)
      }
    }
    guard !names.isEmpty else { return "" }
    if names.count > 10 || others { return names[0] + " et al." }
    if names.count == 1 { return names[0] }
    return names.dropLast().joined(separator: ", ") + " and " + names.last!
  }

  /// The names of a field, split at ` and ` outside braces.
  private static func splitNames(_ field: String) -> [String] {
    var names: [String] = []
    var current = ""
    var depth = 0
    let words = field.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
    for word in words {
      if depth == 0 && word.lowercased() == "and" {
        if !current.isEmpty { names.append(current) }
        current = ""
        continue
      }
      current += (current.isEmpty ? "" : " ") + word
      depth += word.filter { $0 == "{" }.count - word.filter { $0 == "}" }.count
    }
    if !current.isEmpty { names.append(current) }
    return names
  }

  /// `text` split at `separator` outside braces, parts trimmed.
  private static func splitTopLevel(_ text: String, separator: Character) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    for character in text {
      if character == "{" { depth += 1 }
      if character == "}" { depth -= 1 }
      if character == separator && depth == 0 {
        parts.append(current.trimmingWhitespace)
        current = ""
      } else {
        current.append(character)
      }
    }
    parts.append(current.trimmingWhitespace)
    return parts
  }
}

extension String {
  fileprivate func replacingPrefix(_ prefix: String) -> String {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
  }
}

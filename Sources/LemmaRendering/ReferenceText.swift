import Figures
import LemmaCitations
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// A formatted reference as the References list writes it, in HTML and in Markdown:
/// "Authors (Year). Title. *Venue*. link".
enum ReferenceText {
  static func html(_ reference: FormattedReference) -> String {
    write(
      reference, text: HTMLText.escape, italic: { "<em>\($0)</em>" },
      link: { text, url in "<a href=\"\(HTMLText.escape(url))\">\(HTMLText.escape(text))</a>" })
  }

  static func markdown(_ reference: FormattedReference) -> String {
    write(
      reference, text: MarkdownText.escape, italic: { "*\($0)*" },
      link: { text, url in "[\(MarkdownText.escape(text))](<\(url.replacing(">", with: "%3E"))>)" })
  }

  private static func write(
    _ reference: FormattedReference, text: (String) -> String, italic: (String) -> String,
    link: (String, String) -> String
  ) -> String {
    let title = reference.titleIsWork ? italic(text(reference.title)) : text(reference.title)
    let venue = reference.titleIsWork ? text(reference.venue) : italic(text(reference.venue))
    /// A part ending in a full stop, unless its text already ends in one (or `?`, `!`).
    func sentence(_ markup: String, _ plain: String) -> String {
      plain.last.map { ".?!".contains($0) } == true ? markup : markup + "."
    }
    var parts: [String] = []
    let year = reference.year.isEmpty ? "" : " (\(text(reference.year)))"
    if !reference.authors.isEmpty {
      parts.append(sentence(text(reference.authors) + year, year.isEmpty ? reference.authors : ")"))
      if !reference.title.isEmpty { parts.append(sentence(title, reference.title)) }
    } else if !reference.title.isEmpty {
      parts.append(sentence(title + year, year.isEmpty ? reference.title : ")"))
    }
    if !reference.venue.isEmpty { parts.append(sentence(venue, reference.venue)) }
    if let (linkText, url) = reference.link { parts.append(link(linkText, url)) }
    return parts.joined(separator: " ")
  }
}

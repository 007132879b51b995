import Figures

/// Where a report sits in a published site: its neighbours in the site's order and the index.
/// Every link is relative (`name.html`, `index.html`), so the site works from any folder.
public struct SiteLinks: Sendable, Equatable {
  /// A neighbouring report: its file name without extension, and its title.
  public struct Neighbour: Sendable, Equatable {
    public var name: String
    public var title: String

    public init(name: String, title: String) {
      self.name = name
      self.title = title
    }
  }

  public var siteTitle: String
  public var previous: Neighbour?
  public var next: Neighbour?

  public init(siteTitle: String, previous: Neighbour?, next: Neighbour?) {
    self.siteTitle = siteTitle
    self.previous = previous
    self.next = next
  }

  /// Everything the navigation shows, as one string (for cache keys).
  public var fingerprint: String {
    [siteTitle, previous?.name ?? "", previous?.title ?? "", next?.name ?? "", next?.title ?? ""].joined(
      separator: "\n")
  }

  /// The navigation bar of an HTML report.
  var html: String {
    var html = "<nav class=\"site-nav\" aria-label=\"Reports\">\n"
    html += "<a class=\"site-index\" href=\"index.html\">\(HTMLText.escape(siteTitle))</a>\n"
    if let previous {
      html +=
        "<a class=\"site-previous\" rel=\"prev\" href=\"\(previous.name).html\">← \(HTMLText.escape(previous.title))</a>\n"
    }
    if let next {
      html += "<a class=\"site-next\" rel=\"next\" href=\"\(next.name).html\">\(HTMLText.escape(next.title)) →</a>\n"
    }
    return html + "</nav>\n"
  }

  /// The navigation line of a Markdown report.
  var markdown: String {
    var parts = ["[\(MarkdownText.escape(siteTitle))](index.md)"]
    if let previous { parts.append("[← \(MarkdownText.escape(previous.title))](\(previous.name).md)") }
    if let next { parts.append("[\(MarkdownText.escape(next.title)) →](\(next.name).md)") }
    return parts.joined(separator: " · ")
  }
}

/// What a site's index says about one report: title, summary, how its claims fared, and its
/// first figure as a thumbnail.
public struct ReportDigest: Sendable, Equatable {
  public var name: String
  public var title: String
  public var summary: String?
  /// "12 of 12 claims hold; 4 blocks ran.", or why the notebook failed.
  public var tally: String
  public var failed: Bool
  public var claimsHeld: Int
  public var claims: Int
  /// The first chart's file (relative to the site) and a text alternative.
  public var thumbnail: (path: String, alt: String)?

  public init(
    name: String, title: String, summary: String?, tally: String, failed: Bool, claimsHeld: Int = 0, claims: Int = 0,
    thumbnail: (path: String, alt: String)? = nil
  ) {
    self.name = name
    self.title = title
    self.summary = summary
    self.tally = tally
    self.failed = failed
    self.claimsHeld = claimsHeld
    self.claims = claims
    self.thumbnail = thumbnail
  }

  /// The digest of a rendered report.
  public init(_ report: Report) {
    let claims = report.claims
    let firstChart = report.blocks.lazy.compactMap { block in
      block.items.lazy.compactMap { item -> (String, String)? in
        guard case .chart(_, let id) = item else { return nil }
        return (
          "\(report.name)/\(id).svg", block.block.options.alt ?? block.caption ?? "First figure of \(report.title)"
        )
      }.first
    }.first
    self.init(
      name: report.name, title: report.title, summary: report.summary,
      tally: report.unallowedFailures.isEmpty
        ? report.tally : "\(report.unallowedFailures.count) error(s): \(report.unallowedFailures[0].headline)",
      failed: !report.unallowedFailures.isEmpty, claimsHeld: claims.filter(\.claim.passed).count, claims: claims.count,
      thumbnail: firstChart)
  }

  public static func == (a: ReportDigest, b: ReportDigest) -> Bool {
    a.name == b.name && a.title == b.title && a.summary == b.summary && a.tally == b.tally && a.failed == b.failed
      && a.thumbnail?.path == b.thumbnail?.path && a.thumbnail?.alt == b.thumbnail?.alt
  }
}

/// What a site's index says about one report: title, summary, how its claims fared, and its
/// first figure as a thumbnail.
public struct ReportDigest: Codable, Sendable, Equatable {
  public var name: String
  public var title: String
  public var summary: String?
  /// "12 of 12 claims hold; 4 blocks ran.", or why the notebook failed.
  public var tally: String
  public var failed: Bool
  public var claimsHeld: Int
  public var claims: Int
  /// The first chart's file (relative to the site) and a text alternative.
  public var thumbnail: Thumbnail?

  public struct Thumbnail: Codable, Sendable, Equatable {
    public var path: String
    public var alt: String
  }

  public init(
    name: String, title: String, summary: String?, tally: String, failed: Bool, claimsHeld: Int = 0, claims: Int = 0,
    thumbnail: Thumbnail? = nil
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
      block.items.lazy.compactMap { item -> Thumbnail? in
        guard case .chart(_, let id) = item else { return nil }
        return Thumbnail(
          path: "\(report.name)/\(id).svg",
          alt: block.block.options.alt ?? block.caption ?? "First figure of \(report.title)")
      }.first
    }.first
    self.init(
      name: report.name, title: report.title, summary: report.summary,
      tally: report.unallowedFailures.isEmpty
        ? report.tally : "\(report.unallowedFailures.count) error(s): \(report.unallowedFailures[0].headline)",
      failed: !report.unallowedFailures.isEmpty, claimsHeld: claims.filter(\.claim.passed).count, claims: claims.count,
      thumbnail: firstChart)
  }
}

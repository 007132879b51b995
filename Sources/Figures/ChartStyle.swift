/// Colours and fonts of charts: the Okabe–Ito palette (safe for colour-blind readers), with
/// text and grid colours that follow the reader's light or dark setting.
enum ChartStyle {
  /// Series colours for light backgrounds, and lighter ones for dark backgrounds.
  static let light = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D00"]
  static let dark = ["#56B4E9", "#E69F00", "#2BC79A", "#FF7F40", "#E08FC0", "#9AD3F5", "#F0E442"]

  /// The stylesheet every chart carries, so it looks the same inline in a page and as a file.
  static let css: String = {
    var rules = [
      ".lc{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif;font-size:12px}",
      ".lc .t{fill:#1f2328}.lc .m{fill:#59636e}.lc .g{stroke:#d1d9e0;stroke-width:1}",
      ".lc .a{stroke:#59636e;stroke-width:1}.lc .r{stroke:#59636e;stroke-width:1.2;stroke-dasharray:5 4}",
      ".lc .h{font-size:15px;font-weight:600}",
      // Element-qualified so they outrank the colour classes, which set both stroke and fill.
      ".lc path.l,.lc line.l{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}",
      ".lc path.b{stroke:none;fill-opacity:.2}.lc path.p,.lc rect.p{stroke:none;fill-opacity:.8}",
    ]
    for (index, color) in light.enumerated() { rules.append(".lc .c\(index){stroke:\(color);fill:\(color)}") }
    var darkRules = [".lc .t{fill:#e6edf3}.lc .m{fill:#9198a1}.lc .g{stroke:#30363d}.lc .a,.lc .r{stroke:#9198a1}"]
    for (index, color) in dark.enumerated() { darkRules.append(".lc .c\(index){stroke:\(color);fill:\(color)}") }
    rules.append("@media (prefers-color-scheme:dark){" + darkRules.joined() + "}")
    return rules.joined()
  }()

  /// The class of series `index`'s colour.
  static func colorClass(_ index: Int) -> String { "c\(index % light.count)" }
}

/// Writes numbers for SVG coordinates: one decimal, no trailing `.0`, no locale.
enum SVGNumber {
  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let magnitude = abs(tenths)
    let whole = magnitude / 10
    let fraction = magnitude % 10
    return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
  }
}

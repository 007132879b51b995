import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Answers the preview server's requests: site files from the output folder (HTML pages with
/// the reload script added), error pages for failed notebooks, and `/_lemma/wait`, which
/// returns once the site's version passes the one the page was served with.
struct PreviewHandler: Sendable {
  let site: PreviewSite

  func handle(_ request: PreviewRequest) -> PreviewResponse {
    guard Self.isLoopback(host: request.headers["host"]) else {
      return .text("lemma preview answers only requests for 127.0.0.1, localhost or [::1]\n", status: 403)
    }
    guard request.method == "GET" || request.method == "HEAD" else { return .text("method not allowed\n", status: 405) }
    if request.path == "/_lemma/wait" {
      let since = request.query["since"].flatMap { Int($0) } ?? 0
      let deadline = Date().addingTimeInterval(25)
      while site.version <= since && Date() < deadline { sleepThread(seconds: 0.05) }
      return .text("\(site.version)")
    }
    var relative = request.path.removingPercentEscapes ?? request.path
    if relative.hasSuffix("/") { relative += "index.html" }
    let components = relative.split(separator: "/")
    guard !components.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else {
      return .text("not found\n", status: 404)
    }
    let path = components.joined(separator: "/")
    if path.hasSuffix(".html"), let page = site.errorPage(for: String(path.dropLast(5))) {
      return .text(withReload(page), type: "text/html; charset=utf-8")
    }
    guard let data = FileManager.default.contents(atPath: site.directory + "/" + path) else {
      return .text("not found: /\(path)\n", status: 404)
    }
    switch PathText.pathExtension(path) {
    case "html": return .text(withReload(String(decoding: data, as: UTF8.self)), type: "text/html; charset=utf-8")
    case "svg": return PreviewResponse(status: 200, contentType: "image/svg+xml", body: data)
    case "md": return PreviewResponse(status: 200, contentType: "text/markdown; charset=utf-8", body: data)
    case let other: return PreviewResponse(status: 200, contentType: Self.contentType(other), body: data)
    }
  }

  /// The media type of a file a report's prose refers to, by its extension.
  static func contentType(_ pathExtension: String) -> String {
    switch pathExtension.lowercased() {
    case "png": "image/png"
    case "jpg", "jpeg": "image/jpeg"
    case "gif": "image/gif"
    case "webp": "image/webp"
    case "avif": "image/avif"
    case "pdf": "application/pdf"
    case "csv": "text/csv; charset=utf-8"
    case "txt": "text/plain; charset=utf-8"
    case "json": "application/json"
    default: "application/octet-stream"
    }
  }

  /// Whether a request's Host header names this machine's loopback address. A page from another
  /// site that points its own name at 127.0.0.1 (DNS rebinding) sends that name, and is refused.
  /// A request without the header (not from a browser) is served.
  static func isLoopback(host: String?) -> Bool {
    guard let host = host?.lowercased() else { return true }
    let name: Substring
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else { return false }
      name = host[host.index(after: host.startIndex)..<close]
      let rest = host[host.index(after: close)...]
      guard rest.isEmpty || (rest.first == ":" && rest.dropFirst().allSatisfy(\.isNumber)) else { return false }
    } else {
      let parts = host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(\.isNumber)) else { return false }
      name = parts[0]
    }
    return name == "127.0.0.1" || name == "localhost" || name == "::1"
  }

  /// The page with a script that waits for the next rebuild and then reloads.
  private func withReload(_ html: String) -> String {
    let script = """
      <script>
      (function wait(version) {
        fetch('/_lemma/wait?since=' + version, { cache: 'no-store' })
          .then(function (response) { return response.text(); })
          .then(function (text) { if (Number(text) > version) { location.reload(); } else { wait(version); } })
          .catch(function () { setTimeout(function () { wait(version); }, 1000); });
      })(\(site.version));
      </script>

      """
    guard let end = html.ranges(of: "</body>").last else { return html + script }
    return String(html[..<end.lowerBound]) + script + String(html[end.lowerBound...])
  }
}

/// A file path's parts, read from its text as `NSString`'s path methods read them (runs of `/`
/// count as one, a trailing `/` is dropped): no file system access and no resolution against the
/// working directory, as `URL` does.
public enum PathText {
  /// `path` with each run of `/` made one and no trailing `/` (except the root itself).
  public static func standardized(_ path: String) -> String {
    var text = ""
    var previous: Character?
    for character in path where !(character == "/" && previous == "/") {
      text.append(character)
      previous = character
    }
    if text.count > 1, text.hasSuffix("/") { text.removeLast() }
    return text
  }

  /// The last component: `"a/b.txt"` → `"b.txt"`, `"/"` → `"/"`.
  public static func lastComponent(_ path: String) -> String {
    let text = standardized(path)
    guard text != "/", let slash = text.lastIndex(of: "/") else { return text }
    return String(text[text.index(after: slash)...])
  }

  /// The path without its last component: `"a/b.txt"` → `"a"`, `"/b"` → `"/"`, `"b"` → `""`.
  public static func deletingLastComponent(_ path: String) -> String {
    let text = standardized(path)
    guard text != "/", let slash = text.lastIndex(of: "/") else { return text == "/" ? "/" : "" }
    return slash == text.startIndex ? "/" : String(text[..<slash])
  }

  /// Where the last component's extension starts (its dot), if it has one: not a name's
  /// leading dot, nor `.` or `..`.
  private static func extensionDot(_ text: String) -> String.Index? {
    let start = text.lastIndex(of: "/").map { text.index(after: $0) } ?? text.startIndex
    let name = text[start...]
    guard name != ".", name != "..", let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    return dot
  }

  /// The last component's extension, without its dot: `"a/b.tar.gz"` → `"gz"`, `"a/.profile"` → `""`.
  public static func pathExtension(_ path: String) -> String {
    let text = standardized(path)
    guard text != "/", let dot = extensionDot(text) else { return "" }
    return String(text[text.index(after: dot)...])
  }

  /// The path without its last component's extension: `"a/b.json"` → `"a/b"`, `"a."` → `"a"`.
  public static func deletingPathExtension(_ path: String) -> String {
    let text = standardized(path)
    guard text != "/", let dot = extensionDot(text) else { return text }
    return String(text[..<dot])
  }
}

/// A problem with a notebook's text, reported like a compiler diagnostic:
/// `path:line:col: error: message`, then a line that says what to do.
public struct NotebookError: Error, Equatable, CustomStringConvertible, Sendable {
  public var path: String
  public var location: SourceLocation?
  public var message: String
  public var hint: String?

  public init(path: String, location: SourceLocation?, message: String, hint: String? = nil) {
    self.path = path
    self.location = location
    self.message = message
    self.hint = hint
  }

  /// The first line, `path:line:col: error: message`.
  public var headline: String { Self.headline(path: path, location: location, message: message) }

  /// `path:line:col: error: message` (or `path: error: message`), as a compiler writes it:
  /// the one place Lemma formats a diagnostic's first line. `label` follows `error` when given
  /// (`error: timeout: ...`).
  public static func headline(path: String, location: SourceLocation?, label: String? = nil, message: String) -> String
  {
    let place = location.map { "\(path):\($0.line):\($0.column)" } ?? path
    return "\(place): error: " + (label.map { "\($0): " } ?? "") + message
  }

  public var description: String {
    guard let hint else { return headline }
    return headline + "\n  " + hint
  }
}

/// "did you mean `x`? " when one of `candidates` is close to the misspelt `word`, else "":
/// the start of a hint.
public func didYouMean(_ word: String, in candidates: [String], prefix: String = "") -> String {
  closestMatch(to: word, in: candidates).map { "did you mean `\(prefix)\($0)`? " } ?? ""
}

/// Suggests the closest of `candidates` to a misspelt `word`, for "did you mean" hints.
public func closestMatch(to word: String, in candidates: [String]) -> String? {
  let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
  guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
  return best.1 <= max(2, word.count / 3) ? best.0 : nil
}

private func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  var previous = Array(0...b.count)
  for (i, charA) in a.enumerated() {
    var current = [i + 1]
    for (j, charB) in b.enumerated() {
      current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (charA == charB ? 0 : 1)))
    }
    previous = current
  }
  return previous[b.count]
}

/// What one block printed, kept within bounds however much it prints: the first
/// `headLines` lines, a line saying how many were left out, and the last `tailLines` lines.
/// A line longer than `lineBytes` keeps its start and says how many bytes it lost.
///
/// Memory stays bounded while a program prints without end, so a runaway `print` loop costs
/// a notebook its time limit, never Lemma its memory, and the report stays readable.
struct CappedText {
  /// The limits of one block's text.
  struct Limits: Sendable {
    var headLines = 2_000
    var tailLines = 200
    var lineBytes = 5_000
    /// Bytes the first lines may take together; past this the rest goes to the tail.
    var headBytes = 512 * 1024

    static let standard = Limits()
  }

  let limits: Limits
  /// Text ready to hand out: the head, then (after an overflow) the note and the tail.
  private var head: [UInt8] = []
  private var headLineCount = 0
  private var overflowing = false
  /// The last complete lines seen since the overflow, oldest first.
  private var tail: [[UInt8]] = []
  private var tailStart = 0
  /// Lines left out between head and tail, since the last `take()`.
  private var omittedLines = 0
  /// The line being written: its kept bytes and how many bytes of it were dropped.
  private var line: [UInt8] = []
  private var lineDropped = 0

  init(limits: Limits = .standard) { self.limits = limits }

  var isEmpty: Bool { head.isEmpty && tail.count == tailStart && line.isEmpty && omittedLines == 0 }

  /// Adds printed bytes (any split: lines may continue across calls).
  mutating func append(_ bytes: ArraySlice<UInt8>) {
    var rest = bytes
    while !rest.isEmpty {
      let newline = rest.firstIndex(of: UInt8(ascii: "\n"))
      let piece = rest[..<(newline ?? rest.endIndex)]
      let room = limits.lineBytes - line.count
      if piece.count <= room {
        line.append(contentsOf: piece)
      } else {
        line.append(contentsOf: piece.prefix(max(0, room)))
        lineDropped += piece.count - max(0, room)
      }
      guard let newline else { return }
      endLine()
      rest = rest[(newline + 1)...]
    }
  }

  /// Everything kept so far as text, for placing before a figure or at the end of the block;
  /// the head's budget stays spent, so a flood that resumes keeps being cut.
  mutating func take() -> String {
    var bytes = head
    head = []
    if omittedLines > 0 {
      bytes += Array(omissionNote(omittedLines).utf8)
      omittedLines = 0
    }
    for index in tailStart..<tail.count { bytes += tail[index] }
    tail = []
    tailStart = 0
    if !line.isEmpty || lineDropped > 0 {
      // An unfinished line: shown as it stands; what follows continues it in a new piece.
      bytes += line
      if lineDropped > 0 { bytes += Array(Self.lineNote(lineDropped).utf8) }
      line = []
      lineDropped = 0
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private mutating func endLine() {
    var complete = line
    if lineDropped > 0 { complete += Array(Self.lineNote(lineDropped).utf8) }
    complete.append(UInt8(ascii: "\n"))
    line = []
    lineDropped = 0
    if !overflowing, headLineCount < limits.headLines, head.count + complete.count <= limits.headBytes {
      head += complete
      headLineCount += 1
      return
    }
    overflowing = true
    tail.append(complete)
    if tail.count - tailStart > limits.tailLines {
      tailStart += 1
      omittedLines += 1
      // Compact now and then, so the ring does not grow with the flood.
      if tailStart > limits.tailLines {
        tail.removeFirst(tailStart)
        tailStart = 0
      }
    }
  }

  private func omissionNote(_ lines: Int) -> String {
    "… \(lines) \(lines == 1 ? "line" : "lines") left out (the first \(limits.headLines) and last "
      + "\(limits.tailLines) are kept) …\n"
  }

  static func lineNote(_ bytes: Int) -> String { " … (\(bytes) more bytes on this line)" }
}

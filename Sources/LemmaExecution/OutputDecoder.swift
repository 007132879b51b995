import LemmaProtocol

/// Splits a program's output streams at its frames into what each block printed and showed,
/// as the bytes arrive, in bounded memory.
///
/// Printed text is capped per block (`CappedText`), and so are the figures a block shows
/// (`figureLimit`); claims are always kept, since each one is a check. Feed chunks with
/// `feed(stdout:)` / `feed(stderr:)` in any split, then call `finish()`.
public struct OutputDecoder: Sendable {
  /// The decoded streams of one run.
  public struct Decoded: Equatable, Sendable {
    /// Output items per block index, in order.
    public var items: [Int: [OutputItem]] = [:]
    /// Standard error text per block index.
    public var stderr: [Int: String] = [:]
    public var inlines: [Int: String] = [:]
    /// Blocks that began, in order.
    public var begun: [Int] = []
    /// Whether the program reported that it finished.
    public var finished = false
    /// The data files the program read, each once, in the order first read.
    public var reads: [FileRead] = []
    /// What the program wrote to stderr before its first block began (the first 4 KB): the
    /// dynamic loader's complaint when the program could not start.
    public var startupStderr = ""
  }

  /// Figures (tables, charts) one block may show; further ones are counted in a note.
  public static let figureLimit = 200

  private var out: FrameSplitter
  private var err: FrameSplitter
  private var decoded = Decoded()
  private var stdoutText: CappedText
  private var stderrText: CappedText
  private var stderrBlock: Int?
  private var figures = 0
  private var figuresLeftOut = 0

  public init(nonce: String) { self.init(nonce: nonce, limits: .standard) }

  init(nonce: String, limits: CappedText.Limits) {
    out = FrameSplitter(nonce: nonce)
    err = FrameSplitter(nonce: nonce)
    stdoutText = CappedText(limits: limits)
    stderrText = CappedText(limits: limits)
  }

  /// Decodes two complete streams at once.
  public func decode(stdout: [UInt8], stderr: [UInt8]) -> Decoded {
    var decoder = self
    decoder.feed(stdout: stdout[...])
    decoder.feed(stderr: stderr[...])
    return decoder.finish()
  }

  public mutating func feed(stdout bytes: ArraySlice<UInt8>) {
    var pieces: [FrameSplitter.Piece] = []
    out.feed(bytes) { pieces.append($0) }
    for piece in pieces { handleStdout(piece) }
  }

  public mutating func feed(stderr bytes: ArraySlice<UInt8>) {
    var pieces: [FrameSplitter.Piece] = []
    err.feed(bytes) { pieces.append($0) }
    for piece in pieces { handleStderr(piece) }
  }

  /// What the streams held, once the program is gone.
  public mutating func finish() -> Decoded {
    var pieces: [FrameSplitter.Piece] = []
    out.finish { pieces.append($0) }
    for piece in pieces { handleStdout(piece) }
    pieces = []
    err.finish { pieces.append($0) }
    for piece in pieces { handleStderr(piece) }
    flushStdout()
    flushStderr()
    return decoded
  }

  private mutating func handleStdout(_ piece: FrameSplitter.Piece) {
    switch piece {
    case .text(let bytes):
      guard decoded.begun.last != nil else { return }
      stdoutText.append(bytes)
    case .frame(.begin(let block)):
      flushStdout()
      decoded.begun.append(block)
      figures = 0
      figuresLeftOut = 0
    case .frame(.record(let record)):
      guard decoded.begun.last != nil else { return }
      if case .figure = record {
        figures += 1
        guard figures <= Self.figureLimit else {
          figuresLeftOut += 1
          return
        }
      }
      flushStdout()
      append(.record(record))
    case .frame(.inline(let index, let text)):
      decoded.inlines[index] = text
    case .frame(.read(let read)):
      if !decoded.reads.contains(read) { decoded.reads.append(read) }
    case .frame(.end):
      decoded.finished = true
    }
  }

  private mutating func handleStderr(_ piece: FrameSplitter.Piece) {
    switch piece {
    case .text(let bytes):
      guard stderrBlock ?? decoded.begun.last != nil else {
        if decoded.startupStderr.utf8.count < 4096 {
          decoded.startupStderr += String(
            decoding: bytes.prefix(4096 - decoded.startupStderr.utf8.count), as: UTF8.self)
        }
        return
      }
      stderrText.append(bytes)
    case .frame(.begin(let block)):
      flushStderr()
      stderrBlock = block
    case .frame: return
    }
  }

  /// Moves the current block's kept text (and a note of figures left out) into its items.
  private mutating func flushStdout() {
    if !stdoutText.isEmpty { append(.text(stdoutText.take())) }
    if figuresLeftOut > 0, decoded.begun.last != nil {
      append(
        .text("… \(figuresLeftOut) more figures left out: Lemma shows the first \(Self.figureLimit) of a block …\n"))
      figuresLeftOut = 0
    }
  }

  private mutating func flushStderr() {
    guard let block = stderrBlock ?? decoded.begun.last, !stderrText.isEmpty else { return }
    decoded.stderr[block, default: ""] += stderrText.take()
  }

  private mutating func append(_ item: OutputItem) {
    guard let block = decoded.begun.last else { return }
    if case .text(let text) = item, case .text(let previous) = decoded.items[block]?.last {
      decoded.items[block]![decoded.items[block]!.count - 1] = .text(previous + text)
    } else {
      decoded.items[block, default: []].append(item)
    }
  }
}

/// Cuts one stream into printed text and frames as bytes arrive. A frame is a line that
/// starts with `\u{1E}<nonce> ` anywhere in it (a partial printed line may precede it).
struct FrameSplitter: Sendable {
  enum Piece {
    case text(ArraySlice<UInt8>)
    case frame(Frame)
  }

  private let marker: [UInt8]
  /// Bytes not yet handed out: a line that may still turn out to hold a frame.
  private var pending: [UInt8] = []
  /// When `pending` starts with a frame whose line is not complete yet: how many of its bytes
  /// are known to hold no newline (a large record arrives in many chunks; scan each once).
  private var frameScanned = 0

  init(nonce: String) { marker = Array("\u{1E}\(nonce) ".utf8) }

  mutating func feed(_ bytes: ArraySlice<UInt8>, _ emit: (Piece) -> Void) {
    pending.append(contentsOf: bytes)
    var start = 0
    while start < pending.count {
      // The next marker, or the place where a marker may be starting at the end of the buffer.
      guard let markerStart = nextMarker(from: start) else {
        let keep = possibleMarkerPrefix()
        if pending.count - keep > start { emit(.text(pending[start..<(pending.count - keep)])) }
        start = pending.count - keep
        break
      }
      if markerStart > start { emit(.text(pending[start..<markerStart])) }
      let scanFrom = markerStart + (markerStart == 0 ? frameScanned : 0)
      frameScanned = 0
      start = markerStart
      guard let newline = pending[scanFrom...].firstIndex(of: UInt8(ascii: "\n")) else {
        frameScanned = pending.count - markerStart
        break
      }
      let payload = String(decoding: pending[(markerStart + marker.count)..<newline], as: UTF8.self)
      if let frame = Frame(payload: Substring(payload)) {
        emit(.frame(frame))
      } else {
        emit(.text(pending[markerStart...newline]))
      }
      start = newline + 1
    }
    pending.removeFirst(start)
  }

  /// Hands out what is left: an unfinished frame line is printed text.
  mutating func finish(_ emit: (Piece) -> Void) {
    if !pending.isEmpty { emit(.text(pending[...])) }
    pending = []
  }

  private func nextMarker(from start: Int) -> Int? {
    var index = start
    while let found = pending[index...].firstIndex(of: Frame.markerByte) {
      if pending[found...].starts(with: marker) { return found }
      index = found + 1
    }
    return nil
  }

  /// How many bytes at the end could be the start of a marker still arriving.
  private func possibleMarkerPrefix() -> Int {
    let window = min(marker.count - 1, pending.count)
    for length in stride(from: window, to: 0, by: -1)
    where pending[(pending.count - length)...].elementsEqual(marker.prefix(length)) {
      return length
    }
    return 0
  }
}

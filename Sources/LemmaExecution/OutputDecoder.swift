import LemmaProtocol

/// Splits a program's output streams at its frames into what each block printed and showed.
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
  }

  let nonce: String

  public init(nonce: String) { self.nonce = nonce }

  public func decode(stdout: [UInt8], stderr: [UInt8]) -> Decoded {
    var decoded = Decoded()
    var current: Int?
    for piece in pieces(of: stdout) {
      switch piece {
      case .text(let text):
        guard let block = current ?? decoded.begun.last else { continue }
        appendText(text, to: &decoded.items[block, default: []])
      case .frame(.begin(let block)):
        current = block
        decoded.begun.append(block)
      case .frame(.record(let record)):
        guard let block = current else { continue }
        decoded.items[block, default: []].append(.record(record))
      case .frame(.inline(let index, let text)):
        decoded.inlines[index] = text
      case .frame(.end):
        decoded.finished = true
      }
    }
    current = nil
    for piece in pieces(of: stderr) {
      switch piece {
      case .text(let text):
        guard let block = current ?? decoded.begun.last else { continue }
        decoded.stderr[block, default: ""] += text
      case .frame(.begin(let block)): current = block
      case .frame: continue
      }
    }
    return decoded
  }

  private enum Piece {
    case text(String)
    case frame(Frame)
  }

  /// The stream as printed text and frames, in order. A marker may follow a partial line.
  private func pieces(of bytes: [UInt8]) -> [Piece] {
    let marker = Array("\u{1E}\(nonce) ".utf8)
    var pieces: [Piece] = []
    var textStart = 0
    var index = 0
    while index < bytes.count {
      guard bytes[index] == Frame.markerByte, bytes[index...].starts(with: marker) else {
        index += 1
        continue
      }
      let payloadStart = index + marker.count
      let lineEnd = bytes[payloadStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      let payload = String(decoding: bytes[payloadStart..<lineEnd], as: UTF8.self)
      guard let frame = Frame(payload: Substring(payload)) else {
        index += 1
        continue
      }
      if textStart < index { pieces.append(.text(String(decoding: bytes[textStart..<index], as: UTF8.self))) }
      pieces.append(.frame(frame))
      index = min(lineEnd + 1, bytes.count)
      textStart = index
    }
    if textStart < bytes.count { pieces.append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
    return pieces
  }

  private func appendText(_ text: String, to items: inout [OutputItem]) {
    if case .text(let previous) = items.last {
      items[items.count - 1] = .text(previous + text)
    } else {
      items.append(.text(text))
    }
  }
}

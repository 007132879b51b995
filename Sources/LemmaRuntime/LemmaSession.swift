import Figures
@_implementationOnly import LemmaProtocol

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The notebook program's side of the output protocol. Generated programs call it; blocks use
/// `seed`, `params`, `rng`, `show(_:)` and `print` instead.
public enum LemmaSession {
  nonisolated(unsafe) private static var configuration = RunConfiguration(nonce: "", seed: 0, params: [:])

  /// Reads the run configuration from the program's argument and makes stdout line-buffered,
  /// so printed text and frames keep their order and survive a crash.
  public static func start() {
    setvbuf(stdout, nil, _IOLBF, 0)
    let arguments = CommandLine.arguments
    guard arguments.count >= 2, let parsed = WireFormat.decode(RunConfiguration.self, from: arguments[1]) else {
      fatalError("a Lemma notebook program runs under `lemma render`, which passes its configuration")
    }
    configuration = parsed
    if let directory = parsed.memoDirectory {
      MemoStore.current = MemoStore(directory: directory, keys: parsed.memoKeys, reads: parsed.memoReads)
    }
  }

  /// This run's frame nonce.
  static var nonce: String { configuration.nonce }

  /// Where `progress` lines go; nil when nobody is watching the run.
  static var progressDescriptor: Int32? { configuration.progressDescriptor }

  /// The seed from the front matter.
  public static var seed: UInt64 { configuration.seed }

  /// Parameter `name` as the type its default value has.
  public static func param<T: LosslessStringConvertible>(_ name: String) -> T {
    guard let text = configuration.params[name] else { fatalError("parameter `\(name)` was not passed") }
    guard let value = T(text) else { fatalError("parameter `\(name)` = `\(text)` is not a \(T.self)") }
    return value
  }

  /// Marks the start of experiment block `index` on stdout and stderr, so both streams can be
  /// split by block.
  public static func begin(_ index: Int) {
    let line = Frame.begin(block: index).line(nonce: configuration.nonce)
    fputs(line, stdout)
    fputs(line, stderr)
  }

  /// Evaluates inline expression `index` and sends its text.
  public static func inline<T>(_ index: Int, _ value: () -> T) {
    write(.inline(index: index, text: inlineText(value())))
  }

  /// Marks that every block ran.
  public static func end() {
    write(.end)
    fflush(stdout)
  }

  static func write(_ frame: Frame) {
    fputs(frame.line(nonce: configuration.nonce), stdout)
  }

  private static func inlineText<T>(_ value: T) -> String {
    switch value {
    case let number as Double: fmt(number)
    case let number as Float: fmt(Double(number))
    case let text as String: text
    default: String(describing: value)
    }
  }
}

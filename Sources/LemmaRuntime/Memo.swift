import Simulation

@_implementationOnly import LemmaProtocol

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `compute` once and keeps its result: later renders return the stored value without
/// running it while nothing it could depend on changed — the program text above it and of its
/// own block up to its closure, every declaration of the notebook, the seed, the parameters,
/// the data files, the runtime and the compiler (Lemma works the key out before the program
/// runs). What the closure printed, showed, claimed and reported as progress is stored with the
/// value and replayed on a hit, so the report is the same bytes either way.
///
/// ```swift
/// let training = memo("sae training") { () -> TrainingResult in ... }
/// let sample = memo("draws", &rng) { rng in (0..<1000).map { _ in Double.random(in: 0..<1, using: &rng) } }
/// ```
///
/// A closure that draws random numbers takes the generator as its parameter (the second form):
/// a hit leaves `rng` exactly where the closure left it, so later blocks draw the same numbers
/// whether it ran or not. `memo` must be a statement of its block (not inside a function,
/// closure or loop), and its closure may not assign to or mutate variables declared outside it,
/// `rng` included (Lemma checks both): return what it computes instead. `T` must be `Codable`:
/// numbers (NaN and infinities too), arrays, `Matrix`, and structs of them.
public func memo<T: Codable>(
  _ name: String, file: StaticString = #file, line: UInt = #line, _ compute: () throws -> T
) rethrows -> T {
  var unused = Xoshiro256StarStar(seed: 0)
  return try remember(name, site: "\(file):\(line)", &unused, keepsGenerator: false) { _ in try compute() }
}

/// `memo` for a closure that draws from `generator` (pass `&rng`): a hit restores the
/// generator to the state the closure left it in.
public func memo<T: Codable>(
  _ name: String, _ generator: inout Xoshiro256StarStar, file: StaticString = #file, line: UInt = #line,
  _ compute: (inout Xoshiro256StarStar) throws -> T
) rethrows -> T {
  try remember(name, site: "\(file):\(line)", &generator, keepsGenerator: true, compute)
}

private func remember<T: Codable>(
  _ name: String, site: String, _ generator: inout Xoshiro256StarStar, keepsGenerator: Bool,
  _ compute: (inout Xoshiro256StarStar) throws -> T
) rethrows -> T {
  guard let store = MemoStore.current, let key = store.key(for: site) else { return try compute(&generator) }
  store.claimOnce(site, name: name)
  let typeName = String(reflecting: T.self)
  if store.reads, let entry = store.load(key), entry.type == typeName, entry.generator != nil || !keepsGenerator,
    let value = WireFormat.decode(T.self, from: entry.value)
  {
    entry.replay()
    if let state = entry.generator, keepsGenerator { generator = state }
    return value
  }
  let capture = OutputCapture.start()
  let value: T
  do {
    value = try compute(&generator)
  } catch {
    _ = capture.finish()
    throw error
  }
  let output = capture.finish()
  // A closure that printed without end is not kept: replaying it would flood every render.
  guard output.stdout.utf8.count + output.stderr.utf8.count <= MemoStore.largestOutput else { return value }
  store.save(
    MemoEntry(
      format: MemoEntry.currentFormat, name: name, type: typeName, value: WireFormat.encode(value),
      generator: keepsGenerator ? generator : nil, nonce: LemmaSession.nonce, stdout: output.stdout,
      stderr: output.stderr, progress: output.progress),
    key)
  return value
}

/// A stored memo result with everything the closure left behind.
struct MemoEntry: Codable {
  static let currentFormat = 1
  var format: Int
  var name: String
  /// `String(reflecting: T.self)`: another type is a miss.
  var type: String
  /// The value, as JSON.
  var value: String
  /// The generator after the closure ran, when it was given one.
  var generator: Xoshiro256StarStar?
  /// The run's nonce, so frames in `stdout` can be renamed to the replaying run's.
  var nonce: String
  var stdout: String
  var stderr: String
  var progress: [String]

  /// Writes what the closure printed, showed and claimed (frames renamed to this run's nonce)
  /// and sends its progress lines.
  func replay() {
    let renamed = stdout.replacing("\u{1E}" + nonce + " ", with: "\u{1E}" + LemmaSession.nonce + " ")
    fflush(Glibc.stdout)
    fputs(renamed, Glibc.stdout)
    fflush(Glibc.stdout)
    fputs(stderr, Glibc.stderr)
    for line in progress { sendProgressLine(line) }
  }
}

/// Where memo entries live for this run, their keys by call site, and which sites ran.
final class MemoStore: @unchecked Sendable {
  nonisolated(unsafe) static var current: MemoStore?
  /// The most printed output (bytes) a kept result may carry.
  static let largestOutput = 64 << 20

  let directory: String
  let keys: [String: String]
  /// False under `--force`: every closure runs, and its result replaces the stored one.
  let reads: Bool
  private var used: Set<String> = []

  init(directory: String, keys: [String: String], reads: Bool) {
    self.directory = directory
    self.keys = keys
    self.reads = reads
  }

  func key(for site: String) -> String? { keys[site] }

  /// Stops the program when a memo call site runs twice: its key cannot tell the calls apart.
  func claimOnce(_ site: String, name: String) {
    guard used.insert(site).inserted else {
      fatalError("memo(\"\(name)\") at \(site) ran a second time: a memo runs once per render")
    }
  }

  func load(_ key: String) -> MemoEntry? {
    let path = directory + "/" + key + ".json"
    guard case .success(let bytes) = DataFileReader.contents(of: path),
      let entry = WireFormat.decode(MemoEntry.self, from: String(decoding: bytes, as: UTF8.self)),
      entry.format == MemoEntry.currentFormat
    else { return nil }
    // A hit is a use: `lemma cache prune` removes the least recently used entries first.
    utime(path, nil)
    return entry
  }

  /// Writes the entry under a temporary name and renames it into place.
  func save(_ entry: MemoEntry, _ key: String) {
    mkdir(directory, 0o755)
    let path = directory + "/" + key + ".json"
    let temporary = path + ".\(getpid()).tmp"
    guard let file = fopen(temporary, "w") else { return }
    let text = WireFormat.encode(entry)
    let written = fputs(text, file) >= 0
    if fclose(file) == 0 && written { rename(temporary, path) } else { unlink(temporary) }
  }

}

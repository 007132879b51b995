import Dispatch
import SystemSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A compile's frontends started before the program they compile is written: each reads its
/// files from named pipes of its own (`frontend-N/part-M.swift`), fed once the program is
/// written. A frontend spends ~10 ms starting (a 200 MB binary, the compiler's own set-up)
/// before it reads its files; started as a render has planned, that overlaps the ~8 ms Lemma
/// takes to write the program (two frontends of coin.md, alternating, with 5, 8 and 11 ms of
/// Lemma's work stood in by a busy loop: both objects 4.8, 8.1 and 9.1 ms sooner).
///
/// The number of files and the program's layout are guessed from the notebook before the
/// program exists (`CompilerDriver.predictedFileCount`); a program that turns out otherwise, or
/// a binary already in the cache, stops the frontends, and the compile starts as usual.
final class FrontendHeadStart: @unchecked Sendable {
  /// The folder the program is written into and compiled in.
  let directory: String
  /// The layout the frontends were started for.
  let entry: Program.Entry
  /// The frontends' runs, writing `objects`.
  let runs: ToolRuns
  /// Each frontend's object, in file order.
  let objects: [String]
  /// Each frontend's pipes, one per file, in file order.
  private let pipes: [[String]]

  /// How many files the frontends compile.
  var fileCount: Int { pipes.count }

  /// Starts `files` frontends in `directory` (which exists): frontend `i` runs
  /// `command(inputs, i, object)` with its own pipes as `inputs`. Nil when a pipe cannot be made.
  static func start(
    in directory: String, files: Int, entry: Program.Entry, binary: String,
    command: (_ inputs: [String], _ primary: Int, _ object: String) -> [String], environment: [String: String]
  ) -> FrontendHeadStart? {
    var pipes: [[String]] = []
    for frontend in 1...files {
      let folder = directory + "/frontend-\(frontend)"
      guard mkdir(folder, 0o700) == 0 else { return nil }
      let paths = (1...files).map { folder + "/part-\($0).swift" }
      for path in paths where mkfifo(path, 0o600) != 0 { return nil }
      pipes.append(paths)
    }
    let objects = (1...files).map { binary + "-\($0).o" }
    // An object left by an earlier compile in this folder would look written at once.
    for object in objects { unlink(object) }
    let runs = ToolRuns(
      commands: pipes.indices.map { command(pipes[$0], $0, objects[$0]) }, outputs: objects, environment: environment)
    StageTimes.mark("frontends started")
    return FrontendHeadStart(directory: directory, entry: entry, runs: runs, objects: objects, pipes: pipes)
  }

  private init(directory: String, entry: Program.Entry, runs: ToolRuns, objects: [String], pipes: [[String]]) {
    self.directory = directory
    self.entry = entry
    self.runs = runs
    self.objects = objects
    self.pipes = pipes
  }

  /// Whether the frontends compile `texts` (a program's files) laid out as `entry`.
  func fits(_ texts: [String], entry: Program.Entry) -> Bool {
    texts.count == fileCount && entry == self.entry
  }

  /// Feeds `texts` into every frontend's pipes, each pipe from a thread of its own (a frontend
  /// opens its files in its own order, each open waiting for a writer). False when a frontend
  /// ended before it read them all, or a pipe broke: then stop the frontends.
  func feed(_ texts: [String]) -> Bool {
    let bytes = texts.map { Array($0.utf8) }
    let done = DispatchSemaphore(value: 0)
    let fed = FedCount()
    for (frontend, paths) in pipes.enumerated() {
      for (file, path) in paths.enumerated() {
        startDetachedThread { [runs] in
          if PipeFeed.feed(bytes[file], into: path, readerGone: { runs.hasEnded(frontend) }) { fed.add() }
          done.signal()
        }
      }
    }
    for _ in 0..<(fileCount * fileCount) { done.wait() }
    removePipes()
    return fed.value == fileCount * fileCount
  }

  /// How many pipes were fed, counted from the feeding threads.
  private final class FedCount: @unchecked Sendable {
    private let lock = Lock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
  }

  /// Stops the frontends (even ones not started yet), waits for their end and removes the
  /// pipes. Stopping twice does nothing more.
  func stop() {
    runs.stop()
    _ = runs.results()
    removePipes()
    for object in objects { unlink(object) }
  }

  /// The pipes and their folders are not left in the compile's folder, which the cache keeps.
  private func removePipes() {
    for (frontend, paths) in pipes.enumerated() {
      for path in paths { unlink(path) }
      rmdir(directory + "/frontend-\(frontend + 1)")
    }
  }
}

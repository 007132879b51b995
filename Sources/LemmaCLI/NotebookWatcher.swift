import Dispatch
import LemmaExecution
import SystemSupport
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Polls a folder's `.md` files (and one more file, `lemma.yml`) for changes: a file added,
/// removed, or saved with a new size or modification time.
final class NotebookWatcher: @unchecked Sendable {
  let folder: String
  let configuration: String
  private var timer: DispatchSourceTimer?

  init(folder: String, configuration: String) {
    self.folder = folder
    self.configuration = configuration
  }

  /// Calls `onChange` with the changed paths, on a background queue, every time files change.
  func start(every interval: TimeInterval = 0.1, onChange: @escaping @Sendable ([String]) -> Void) {
    var seen = snapshot()
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "lemma.preview.watch"))
    timer.schedule(deadline: .now() + interval, repeating: interval)
    timer.setEventHandler { [unowned self] in
      let now = snapshot()
      guard now != seen else { return }
      let changed = Set(now.keys).union(seen.keys).filter { now[$0] != seen[$0] }.sorted()
      // What was seen before the change is handled: a file saved while `onChange` renders is
      // a change on the next tick, not lost.
      seen = now
      onChange(changed)
    }
    timer.resume()
    self.timer = timer
  }

  private func snapshot() -> [String: FileStatus] {
    let files = FileManager.default
    let names = ((try? files.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }
    var stamps: [String: FileStatus] = [:]
    for path in names.map({ folder + "/" + $0 }) + [configuration] {
      stamps[path] = FileStatus(path: path)
    }
    return stamps
  }
}

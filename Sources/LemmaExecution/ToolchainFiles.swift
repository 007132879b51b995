import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The files the toolchain's tools map while they build a notebook's program — their binaries
/// and libraries, the modules and precompiled headers the frontend reads — kept as a list, so
/// that the next compile can have the kernel read them ahead.
///
/// This machine's page cache drops pages of files nobody uses within seconds, free memory or not
/// (`fincore`: swift-frontend lost 1.1 MB of its cached pages in 5 s of idle, with 22 GB free).
/// A render after a pause then faulted 50–100 of those pages back in from disk one at a time,
/// inside the compiler's start: 179 ms against 146 ms for the same render right after another.
/// Asking for them all at once (`posix_fadvise(WILLNEED)`, on a thread of its own) when a
/// render finds it must compile reads them while the program is being written.
enum ToolchainFiles {
  /// The regular files process `pid` has mapped (from `/proc/PID/maps`), outside `excluded`
  /// (a compile's own folder); none when it has ended or cannot be read.
  static func mapped(by pid: pid_t, excluding excluded: String) -> [String] {
    guard let bytes = readWholeFile("/proc/\(pid)/maps") else { return [] }
    let maps = String(decoding: bytes, as: UTF8.self)
    var files: [String] = []
    for line in maps.split(separator: "\n") {
      // address perms offset device inode path: the path is the sixth field and may hold spaces.
      guard let slash = line.firstIndex(of: "/") else { continue }
      let path = String(line[slash...])
      guard !path.hasSuffix(" (deleted)"), !path.hasPrefix(excluded + "/"), !path.hasPrefix("/dev/"),
        !path.hasPrefix("/proc/"), files.last != path
      else { continue }
      files.append(path)
    }
    return files
  }

  /// Keeps `files` (in the order the tools mapped them, which is the order they need them in)
  /// as the list at `path`.
  static func remember(_ files: [String], at path: String) {
    let existing = files.filter { FileStatus(path: $0) != nil }
    guard !existing.isEmpty else { return }
    try? AtomicFile.write(Data((existing.joined(separator: "\n") + "\n").utf8), to: path)
  }

  /// The files listed at `path`.
  static func list(at path: String) -> [String] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init)
  }

  private static let started = Lock()
  nonisolated(unsafe) private static var prefetched: Set<String> = []

  /// Asks the kernel to read the files listed at `path` into its page cache, on a thread of
  /// its own, once per process and list; the reads go on in the background.
  static func prefetch(listAt path: String) {
    guard started.withLock({ prefetched.insert(path).inserted }) else { return }
    startDetachedThread {
      for file in list(at: path) {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { continue }
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_WILLNEED)
        close(descriptor)
      }
    }
  }
}

/// Learns the files a compile's tools map, when the plan has no list of them yet: the running
/// tools' maps are read every few milliseconds (a tool unmaps its files as it exits, before it
/// can be waited for), and `keep` writes what was seen.
struct ToolchainWatch {
  /// Where the list goes; nil when there is one already (or no plan).
  private let listPath: String?
  /// The compile's own folder, whose files are not the toolchain's.
  private let folder: String
  /// The files seen, each once, in the order first seen.
  private var seen: [String] = []
  private var known: Set<String> = []
  private var lastLook = 0.0

  init(listPath: String?, binary: String) {
    self.listPath = listPath.flatMap { FileStatus(path: $0) == nil ? $0 : nil }
    folder = PathText.deletingLastComponent(binary)
  }

  /// Reads the maps of `runs`' processes, at most every 5 ms, while learning.
  mutating func look(at runs: ToolRuns) {
    guard listPath != nil, monotonicSeconds() - lastLook >= 0.005 else { return }
    lastLook = monotonicSeconds()
    for pid in runs.pids {
      for file in ToolchainFiles.mapped(by: pid, excluding: folder) where known.insert(file).inserted {
        seen.append(file)
      }
    }
  }

  /// Writes the files seen as the plan's list.
  func keep() {
    guard let listPath, !seen.isEmpty else { return }
    ToolchainFiles.remember(seen, at: listPath)
  }
}

import SystemSupport

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The parts of files the toolchain's tools read while they build a notebook's program — their
/// binaries and libraries, the modules and precompiled headers the frontend reads — kept as a
/// list, so that the next compile can have the kernel read them ahead.
///
/// This machine's page cache drops pages of files nobody uses within seconds, free memory or not
/// (`fincore`: swift-frontend lost 1.1 MB of its cached pages in 5 s of idle, with 22 GB free;
/// after a run of nbconvert 36–52 MB of its 210 MB were gone). A render after a pause then
/// faulted 50–100 of those pages back in from disk one at a time, inside the compiler's start:
/// 179 ms against 146 ms for the same render right after another. Asking for them all at once
/// (`posix_fadvise(WILLNEED)`, on a thread of its own) when a render finds it must compile reads
/// them while the program is being written. Only the pages the tools touched are asked for (87 MB
/// of swift-frontend for coin.md), so the reads end sooner and queue less ahead of the tools' own.
enum ToolchainFiles {
  /// A file and the pages of it a tool touched, as runs of page numbers (first, last).
  struct Touched: Equatable {
    var path: String
    var pages: [ClosedRange<Int>]
  }

  static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// The regular files process `pid` has mapped (`/proc/PID/maps`), outside `excluded` (a
  /// compile's own folder), each with the pages of it present in the process's page table
  /// (`/proc/PID/pagemap`); none when it has ended or cannot be read.
  static func touched(by pid: pid_t, excluding excluded: String) -> [(path: String, pages: [Int])] {
    guard let bytes = readWholeFile("/proc/\(pid)/maps") else { return [] }
    let pagemap = open("/proc/\(pid)/pagemap", O_RDONLY | O_CLOEXEC)
    defer { if pagemap >= 0 { close(pagemap) } }
    var files: [(path: String, pages: [Int])] = []
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
      // start-end perms offset device inode path: the path is the sixth field and may hold spaces.
      let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
      guard fields.count == 6, let slash = line.firstIndex(of: "/") else { continue }
      let path = String(line[slash...])
      guard !path.hasSuffix(" (deleted)"), !path.hasPrefix(excluded + "/"), !path.hasPrefix("/dev/"),
        !path.hasPrefix("/proc/")
      else { continue }
      let bounds = fields[0].split(separator: "-").compactMap { Int($0, radix: 16) }
      guard bounds.count == 2, let offset = Int(fields[2], radix: 16), bounds[1] > bounds[0] else { continue }
      let present = pagemap >= 0 ? presentPages(pagemap, from: bounds[0], to: bounds[1]) : []
      let pages = present.map { offset / pageSize + $0 }
      if let last = files.indices.last, files[last].path == path {
        files[last].pages += pages
      } else {
        files.append((path, pages))
      }
    }
    return files
  }

  /// The indexes, from `start`, of the pages between `start` and `end` (addresses) that are
  /// present in the page table `pagemap` describes (bit 63 of each entry).
  private static func presentPages(_ pagemap: Int32, from start: Int, to end: Int) -> [Int] {
    let count = (end - start) / pageSize
    var entries = [UInt64](repeating: 0, count: count)
    let wanted = count * 8
    let read = entries.withUnsafeMutableBytes { pread(pagemap, $0.baseAddress, wanted, off_t(start / pageSize * 8)) }
    guard read == wanted else { return [] }
    var present: [Int] = []
    entries.withUnsafeBufferPointer { entries in
      for index in 0..<entries.count where entries[index] >> 63 == 1 { present.append(index) }
    }
    return present
  }

  /// Runs of consecutive page numbers in `pages`.
  static func runs(_ pages: Set<Int>) -> [ClosedRange<Int>] {
    var runs: [ClosedRange<Int>] = []
    for page in pages.sorted() {
      if let last = runs.last, page == last.upperBound + 1 {
        runs[runs.count - 1] = last.lowerBound...page
      } else {
        runs.append(page...page)
      }
    }
    return runs
  }

  /// Keeps `files` (in the order the tools mapped them, which is the order they need them in)
  /// as the list at `path`: a line per file, its path, a tab and its runs of pages.
  static func remember(_ files: [Touched], at path: String) {
    let lines = files.filter { !$0.pages.isEmpty && !$0.path.contains("\t") && FileStatus(path: $0.path) != nil }
      .map { file in
        file.path + "\t" + file.pages.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
      }
    guard !lines.isEmpty else { return }
    try? AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: path)
  }

  /// The files listed at `path`. Read as bytes: it is read on the prefetch thread while the
  /// frontends start, on two cores, and splitting it as a `String` took 32M instructions for
  /// 11 KB (callgrind; the generic `Int(_:)` of each page number).
  static func list(at path: String) -> [Touched] {
    guard let bytes = readWholeFile(path) else { return [] }
    return bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
      let parts = line.split(separator: UInt8(ascii: "\t"))
      guard parts.count == 2 else { return nil }
      let pages = parts[1].split(separator: UInt8(ascii: ",")).compactMap { run -> ClosedRange<Int>? in
        let ends = run.split(separator: UInt8(ascii: "-"))
        guard ends.count == 2, let first = decimal(ends[0]), let last = decimal(ends[1]), first <= last else {
          return nil
        }
        return first...last
      }
      return Touched(path: String(decoding: parts[0], as: UTF8.self), pages: pages)
    }
  }

  /// The number `digits` write in decimal; nil unless they are 1 to 18 digits and nothing else.
  static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
    guard (1...18).contains(digits.count) else { return nil }
    var value = 0
    for digit in digits {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
      value = value * 10 + Int(digit - UInt8(ascii: "0"))
    }
    return value
  }

  private static let started = Lock()
  nonisolated(unsafe) private static var prefetched: Set<String> = []

  /// Asks the kernel to read the pages listed at `path` into its page cache, on a thread of its
  /// own, once per process and list; the reads go on in the background.
  static func prefetch(listAt path: String) {
    guard started.withLock({ prefetched.insert(path).inserted }) else { return }
    startDetachedThread {
      for file in list(at: path) {
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { continue }
        for run in file.pages {
          _ = posix_fadvise(
            descriptor, off_t(run.lowerBound * pageSize), off_t(run.count * pageSize), POSIX_FADV_WILLNEED)
        }
        close(descriptor)
      }
    }
  }
}

/// Learns what a compile's tools touch, when the plan has no list of it yet: the running tools'
/// maps and page tables are read every 10 ms (a tool unmaps its files as it exits, before it
/// can be waited for), and `keep` writes what was seen.
struct ToolchainWatch {
  /// Where the list goes; nil when there is one already (or no plan).
  private let listPath: String?
  /// The compile's own folder, whose files are not the toolchain's.
  private let folder: String
  /// The files seen, in the order first seen, and the pages of each.
  private var order: [String] = []
  private var pages: [String: Set<Int>] = [:]
  private var lastLook = 0.0
  /// The processes looked at last: a new one (the linker after the frontends) is looked at at once.
  private var lastPIDs: [pid_t] = []

  init(listPath: String?, binary: String) {
    self.listPath = listPath.flatMap { FileStatus(path: $0) == nil ? $0 : nil }
    folder = PathText.deletingLastComponent(binary)
  }

  /// Reads the maps and page tables of `runs`' processes while learning: every 5 ms, at once
  /// when a process has started since the last look, and always when `now` (as their outputs
  /// appear: a tool that has written its output may still be mapped).
  mutating func look(at runs: ToolRuns, now: Bool = false) {
    // Not learning (the plan has its list): nothing to do, each millisecond of every compile.
    guard listPath != nil else { return }
    let pids = runs.pids
    guard now || monotonicSeconds() - lastLook >= 0.005 || pids != lastPIDs else { return }
    lastLook = monotonicSeconds()
    lastPIDs = pids
    for pid in pids {
      for file in ToolchainFiles.touched(by: pid, excluding: folder) {
        if pages[file.path] == nil { order.append(file.path) }
        pages[file.path, default: []].formUnion(file.pages)
      }
    }
  }

  /// Writes what was seen as the plan's list.
  func keep() {
    guard let listPath, !order.isEmpty else { return }
    let files = order.map { ToolchainFiles.Touched(path: $0, pages: ToolchainFiles.runs(pages[$0] ?? [])) }
    ToolchainFiles.remember(files, at: listPath)
  }
}

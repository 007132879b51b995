import Foundation
import LemmaTestSupport
import SystemSupport
import XCTest

@testable import LemmaExecution

final class ToolchainFilesTests: XCTestCase {
  /// A process's mapped files are read from /proc, each once, with the pages of it the process
  /// touched: its executable and libc; nothing under the folder left out.
  func testTouchedFilesAndPagesAreReadFromProc() throws {
    let mine = ToolchainFiles.touched(by: getpid(), excluding: "/nonexistent")
    let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    let own = try XCTUnwrap(mine.first { $0.path == executable }, "\(mine.prefix(5).map(\.path))")
    XCTAssertFalse(own.pages.isEmpty, "the running executable has pages in memory")
    XCTAssertTrue(own.pages.contains(0), "the ELF header is read first")
    XCTAssertTrue(mine.contains { $0.path.hasSuffix("/libc.so.6") && !$0.pages.isEmpty })
    XCTAssertEqual(Set(mine.map(\.path)).count, mine.count)
    let folder = PathText.deletingLastComponent(executable)
    XCTAssertFalse(ToolchainFiles.touched(by: getpid(), excluding: folder).contains { $0.path == executable })
    XCTAssertTrue(ToolchainFiles.touched(by: -1, excluding: "/").isEmpty)
  }

  func testPagesAreKeptAsRunsAndReadBack() {
    XCTAssertEqual(ToolchainFiles.runs([7, 1, 2, 3, 9, 8, 20]), [1...3, 7...9, 20...20])
    XCTAssertEqual(ToolchainFiles.runs([]), [])
    let directory = temporaryDirectory(self)
    let files = [
      ToolchainFiles.Touched(path: directory, pages: [0...3, 10...10]),
      ToolchainFiles.Touched(path: directory + "/missing", pages: [0...1]),
    ]
    ToolchainFiles.remember(files, at: directory + "/list.txt")
    XCTAssertEqual(ToolchainFiles.list(at: directory + "/list.txt"), [files[0]], "a missing file is left out")
  }

  /// A list is read line by line; a line that is not a path, a tab and runs is skipped, and so
  /// is a run that is not two numbers in order.
  func testAListWithDamagedLinesKeepsWhatItCanRead() throws {
    let directory = temporaryDirectory(self)
    let text = "\(directory)\t0-3,x-4,9-7,12-12,5,-2-3,99999999999999999999-1\nno tab here\n\n\(directory)\t1-2\tmore\n"
    try text.write(toFile: directory + "/list.txt", atomically: true, encoding: .utf8)
    XCTAssertEqual(
      ToolchainFiles.list(at: directory + "/list.txt"),
      [ToolchainFiles.Touched(path: directory, pages: [0...3, 12...12, 2...3])])
    XCTAssertEqual(ToolchainFiles.decimal(ArraySlice("0042".utf8)), 42)
    XCTAssertNil(ToolchainFiles.decimal(ArraySlice("".utf8)))
    XCTAssertNil(ToolchainFiles.decimal(ArraySlice("4a".utf8)))
    XCTAssertNil(ToolchainFiles.decimal(ArraySlice("+4".utf8)))
    XCTAssertEqual(ToolchainFiles.decimal(ArraySlice("999999999999999999".utf8)), 999_999_999_999_999_999)
    XCTAssertNil(ToolchainFiles.decimal(ArraySlice("9999999999999999999".utf8)))
  }

  /// A compile through a plan lists what its frontend and linker mapped (their binaries, the
  /// standard library's module), in order, and nothing of the compile's own folder.
  func testACompileListsTheToolchainsFiles() throws {
    let directory = temporaryDirectory(self)
    let planPath = directory + "/plan.json"
    let driver = CompilerDriver(runtime: try RuntimeLibrary.locate(), planPath: planPath)
    let program = Program(source: "print([1, 2, 3].map { $0 * 2 })\n", excludedBlocks: [], excludedInlines: [])
    try FileManager.default.createDirectory(atPath: directory + "/build", withIntermediateDirectories: true)
    guard case .success = try driver.compile(program, in: directory + "/build") else {
      return XCTFail("compile failed")
    }
    let listed = ToolchainFiles.list(at: CompilerDriver.toolchainFilesPath(planPath: planPath))
    XCTAssertFalse(listed.contains { $0.pages.isEmpty })
    let files = listed.map(\.path)
    let plan = try JSONDecoder().decode(CompilePlan.self, from: Data(contentsOf: URL(fileURLWithPath: planPath)))
    let frontend = URL(fileURLWithPath: plan.frontend[0]).resolvingSymlinksInPath().path
    let linker = URL(fileURLWithPath: plan.linker[0]).resolvingSymlinksInPath().path
    XCTAssertEqual(files.first, frontend, "the frontend is read first")
    XCTAssertTrue(files.contains(linker))
    XCTAssertTrue(files.contains { $0.hasSuffix("Swift.swiftmodule/x86_64-unknown-linux-gnu.swiftmodule") })
    XCTAssertFalse(files.contains { $0.hasPrefix(directory + "/build") })
  }

  /// Prefetching reads a listed file that is not in the page cache into it.
  func testPrefetchReadsAListedFileIntoThePageCache() throws {
    let directory = temporaryDirectory(self)
    let (file, list) = (directory + "/data.bin", directory + "/list.txt")
    let size = 4 << 20
    try Data(repeating: 1, count: size).write(to: URL(fileURLWithPath: file))
    let descriptor = open(file, O_RDONLY)
    XCTAssertGreaterThanOrEqual(descriptor, 0)
    defer { close(descriptor) }
    fsync(descriptor)
    func residentPages() -> Int {
      guard let address = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), address != MAP_FAILED else {
        return -1
      }
      defer { munmap(address, size) }
      var vector = [UInt8](repeating: 0, count: size / 4096)
      guard mincore(address, size, &vector) == 0 else { return -1 }
      return vector.filter { $0 & 1 != 0 }.count
    }
    _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)
    XCTAssertLessThan(residentPages(), size / 4096 / 2, "the file left the page cache")
    let pages = size / ToolchainFiles.pageSize
    ToolchainFiles.remember([.init(path: file, pages: [0...(pages / 2 - 1), (pages / 2 + 1)...(pages - 1)])], at: list)
    XCTAssertEqual(ToolchainFiles.list(at: list).map(\.path), [file])
    ToolchainFiles.prefetch(listAt: list)
    let deadline = Date().addingTimeInterval(10)
    while residentPages() < size / 4096 - 1, Date() < deadline { usleep(5000) }
    XCTAssertGreaterThanOrEqual(residentPages(), size / 4096 - 1, "every listed page is read")
  }
}

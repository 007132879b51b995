@_implementationOnly import LemmaDigest
@_implementationOnly import LemmaProtocol

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Reading data files. A notebook's program runs in the notebook's folder, so `data.csv` is
// the file beside the notebook. Each read is reported to Lemma with the SHA-256 of the bytes
// read: the notebook's outputs depend on them, and an edited file runs it again. A file that
// cannot be read stops the program with an error at the line that reads it.

/// The bytes of the file at `path` (relative to the notebook's folder, or absolute).
public func readData(_ path: String, file: StaticString = #file, line: UInt = #line) -> [UInt8] {
  DataFileReader.load(path, file: file, line: line)
}

/// The text of the UTF-8 file at `path` (relative to the notebook's folder, or absolute), as it
/// is: line endings and a byte-order mark are kept. Bytes that are not UTF-8 stop the program.
public func readText(_ path: String, file: StaticString = #file, line: UInt = #line) -> String {
  let bytes = DataFileReader.load(path, file: file, line: line)
  guard let text = DataFileReader.utf8(bytes) else {
    fatalError(
      "`\(path)` is not UTF-8 text (line \(DataFileReader.lineOfFirstBadByte(bytes))); save it as UTF-8",
      file: file, line: line)
  }
  return text
}

/// Reads files for the functions above and reports each read.
enum DataFileReader {
  static func load(_ path: String, file: StaticString, line: UInt) -> [UInt8] {
    switch contents(of: path) {
    case .success(let bytes):
      LemmaSession.write(.read(FileRead(path: path, sha256: SHA256Digest.hex(of: bytes))))
      return bytes
    case .failure(let problem):
      // Recorded as missing, so that the notebook runs again once the file is there.
      LemmaSession.write(.read(FileRead(path: path, sha256: FileRead.missing)))
      fflush(stdout)
      fatalError(
        "cannot read `\(path)`: \(problem.reason) (paths are relative to the notebook's folder)", file: file, line: line
      )
    }
  }

  struct Problem: Error {
    var reason: String
  }

  /// The whole file, read with POSIX calls.
  static func contents(of path: String) -> Result<[UInt8], Problem> {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return .failure(Problem(reason: String(cString: strerror(errno)))) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return .failure(Problem(reason: String(cString: strerror(errno)))) }
    guard (status.st_mode & S_IFMT) == S_IFREG else { return .failure(Problem(reason: "not a regular file")) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(status.st_size))
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { return .success(bytes) }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(Problem(reason: String(cString: strerror(errno))))
      }
      bytes.append(contentsOf: chunk[..<count])
    }
  }

  /// `bytes` as a string when they are valid UTF-8.
  static func utf8(_ bytes: [UInt8]) -> String? {
    String(validating: bytes, as: UTF8.self)
  }

  /// The 1-based line of the first byte that is not part of valid UTF-8.
  static func lineOfFirstBadByte(_ bytes: [UInt8]) -> Int {
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    var line = 1
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
      case .emptyInput, .error: return line
      }
    }
  }
}

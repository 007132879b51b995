#if canImport(Glibc)
  import Glibc
#endif

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// SHA-256, fed in parts. Shared by the engine (cache keys) and the runtime (the data files a
/// notebook reads).
///
/// Inputs up to `softwareLimit` bytes, what cache keys are, are hashed in Swift
/// (`SHA256Software`); a longer input is handed to OpenSSL's libcrypto (loaded on first use,
/// `CryptoLibrary`), whose SHA extensions hash a large data file several times faster. Both
/// give the same digest.
public final class SHA256Digest {
  /// The longest input hashed without libcrypto.
  static let softwareLimit = 256 << 10

  /// What has been added, while it is no longer than `softwareLimit`.
  private var pending: [UInt8] = []
  /// libcrypto's digest, once the input outgrew `softwareLimit`.
  private var library: LibraryDigest?

  public init() {}

  /// Adds `bytes` to the digest.
  public func update<Bytes: ContiguousBytes>(_ bytes: Bytes) {
    bytes.withUnsafeBytes { buffer in
      if let library {
        library.update(buffer)
        return
      }
      guard pending.count + buffer.count > Self.softwareLimit else {
        pending.append(contentsOf: buffer)
        return
      }
      let library = LibraryDigest()
      pending.withUnsafeBytes { library.update($0) }
      library.update(buffer)
      pending = []
      self.library = library
    }
  }

  /// The digest of everything added, as 64 lowercase hex digits. Call it once.
  public func finalizeHex() -> String {
    if let library { return Self.hex(library.finish()[...]) }
    return Self.hex(pending.withUnsafeBytes { SHA256Software.digest($0) }[...])
  }

  /// The hex SHA-256 of `bytes`.
  public static func hex<Bytes: ContiguousBytes>(of bytes: Bytes) -> String {
    let digest = SHA256Digest()
    digest.update(bytes)
    return digest.finalizeHex()
  }

  /// The hex SHA-256 and size of the file at `path`, read in pieces (never whole into memory);
  /// nil when it cannot be read.
  public static func ofFile(_ path: String) -> (hex: String, size: Int64)? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    let digest = SHA256Digest()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var size: Int64 = 0
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count > 0 {
        digest.update(buffer[..<count])
        size += Int64(count)
      }
      if count < buffer.count { break }
    }
    guard ferror(file) == 0 else { return nil }
    return (digest.finalizeHex(), size)
  }

  private static let digits = Array("0123456789abcdef".utf8)

  private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0xf)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}

/// A SHA-256 digest computed by libcrypto.
final class LibraryDigest {
  private let context: OpaquePointer
  private let crypto = CryptoLibrary.functions

  init() {
    guard let context = crypto.newContext(), crypto.initialize(context, crypto.sha256(), nil) == 1 else {
      fatalError("OpenSSL could not start a SHA-256 digest")
    }
    self.context = context
  }

  deinit { crypto.freeContext(context) }

  func update(_ buffer: UnsafeRawBufferPointer) {
    guard let base = buffer.baseAddress else { return }
    _ = crypto.update(context, base, buffer.count)
  }

  /// The digest's bytes. Call it once.
  func finish() -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: CryptoLibrary.maximumDigestSize)
    var length: UInt32 = 0
    _ = crypto.finish(context, &digest, &length)
    return Array(digest.prefix(Int(length)))
  }
}

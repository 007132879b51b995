#if canImport(Glibc)
  import Glibc
#endif

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// SHA-256 computed by OpenSSL's libcrypto (loaded on first use, `CryptoLibrary`), fed in parts.
/// Shared by the engine (cache keys) and the runtime (the data files a notebook reads).
public final class SHA256Digest {
  private let context: OpaquePointer

  private let crypto = CryptoLibrary.functions

  public init() {
    guard let context = crypto.newContext(), crypto.initialize(context, crypto.sha256(), nil) == 1 else {
      fatalError("OpenSSL could not start a SHA-256 digest")
    }
    self.context = context
  }

  deinit { crypto.freeContext(context) }

  /// Adds `bytes` to the digest.
  public func update<Bytes: ContiguousBytes>(_ bytes: Bytes) {
    bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      _ = crypto.update(context, base, buffer.count)
    }
  }

  /// The digest of everything added, as 64 lowercase hex digits. Call it once.
  public func finalizeHex() -> String {
    var digest = [UInt8](repeating: 0, count: CryptoLibrary.maximumDigestSize)
    var length: UInt32 = 0
    _ = crypto.finish(context, &digest, &length)
    return Self.hex(digest.prefix(Int(length)))
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

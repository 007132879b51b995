@_implementationOnly import LibraryLoading

/// OpenSSL's libcrypto, loaded the first time an input over `SHA256Digest.softwareLimit` is
/// hashed rather than when a program starts: a render, or a notebook program that reads no large
/// data file, never pays for loading it (about 1.6 ms).
///
/// The functions are libcrypto's EVP interface, called through the addresses `dlsym` gives: no
/// header or link flag is needed to build, only the library to run.
enum CryptoLibrary {
  /// The most bytes an EVP digest has (`EVP_MAX_MD_SIZE`).
  static let maximumDigestSize = 64

  struct Functions: @unchecked Sendable {
    let newContext: @convention(c) () -> OpaquePointer?
    let freeContext: @convention(c) (OpaquePointer?) -> Void
    let sha256: @convention(c) () -> OpaquePointer?
    let initialize: @convention(c) (OpaquePointer?, OpaquePointer?, OpaquePointer?) -> Int32
    let update: @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> Int32
    let finish: @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?) -> Int32
  }

  /// The library's functions, loaded on first use.
  static let functions: Functions = {
    // OpenSSL 3's SONAME first; the development symlink where only that is installed.
    let library = LoadedLibrary.open(["libcrypto.so.3", "libcrypto.so"], package: "libssl3")
    return Functions(
      newContext: library.function("EVP_MD_CTX_new", as: (@convention(c) () -> OpaquePointer?).self),
      freeContext: library.function("EVP_MD_CTX_free", as: (@convention(c) (OpaquePointer?) -> Void).self),
      sha256: library.function("EVP_sha256", as: (@convention(c) () -> OpaquePointer?).self),
      initialize: library.function(
        "EVP_DigestInit_ex", as: (@convention(c) (OpaquePointer?, OpaquePointer?, OpaquePointer?) -> Int32).self),
      update: library.function(
        "EVP_DigestUpdate", as: (@convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> Int32).self),
      finish: library.function(
        "EVP_DigestFinal_ex",
        as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?) -> Int32)
          .self))
  }()
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

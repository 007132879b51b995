import Foundation
import LemmaTestSupport
import XCTest

@testable import LemmaDigest

/// SHA-256 in Swift for short inputs and through libcrypto (loaded at first use) for long ones,
/// checked against FIPS 180-2's examples and against each other.
final class SHA256DigestTests: XCTestCase {
  func testKnownDigestsWholeAndInParts() throws {
    XCTAssertEqual(
      SHA256Digest.hex(of: Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    XCTAssertEqual(
      SHA256Digest.hex(of: Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let digest = SHA256Digest()
    for part in ["abcdbcdecdefdefgefghfghighij", "hijkijkljklmklmnlmnomnopnopq"] { digest.update(Data(part.utf8)) }
    XCTAssertEqual(digest.finalizeHex(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    let file = temporaryDirectory(self) + "/million-a"
    try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: URL(fileURLWithPath: file))
    let whole = try XCTUnwrap(SHA256Digest.ofFile(file))
    XCTAssertEqual(whole.hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    XCTAssertEqual(whole.size, 1_000_000)
  }

  /// Every length around the padding's edges (55, 56, 64 bytes...) and the software limit, fed
  /// whole and in uneven parts: Swift's digest, libcrypto's and the mixed path all agree.
  func testSwiftAndLibcryptoAgreeAtEveryEdge() {
    var generator = SystemRandomNumberGenerator()
    let limit = SHA256Digest.softwareLimit
    let lengths = Array(0...200) + [255, 256, 257, 1000, 4096, limit - 1, limit, limit + 1, limit + 65]
    for length in lengths {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let library = LibraryDigest()
      bytes.withUnsafeBytes { library.update($0) }
      let expected = library.finish().map { String(format: "%02x", $0) }.joined()
      let software = bytes.withUnsafeBytes { SHA256Software.digest($0) }.map { String(format: "%02x", $0) }.joined()
      XCTAssertEqual(software, expected, "Swift's digest of \(length) bytes")
      XCTAssertEqual(SHA256Digest.hex(of: bytes), expected, "\(length) bytes whole")
      let parts = SHA256Digest()
      var start = 0
      var size = 1
      while start < length {
        let end = min(length, start + size)
        parts.update(bytes[start..<end])
        start = end
        size = size * 3 + 1
      }
      XCTAssertEqual(parts.finalizeHex(), expected, "\(length) bytes in parts")
    }
  }
}

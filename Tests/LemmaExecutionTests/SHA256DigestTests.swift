import Foundation
import LemmaDigest
import LemmaTestSupport
import XCTest

/// SHA-256 through libcrypto loaded at first use, checked against FIPS 180-2's examples.
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
}

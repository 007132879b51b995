import XCTest

@testable import LemmaRuntime

/// The runtime's CSV reader against RFC 4180's own examples, the line endings and marks files
/// from other systems carry, malformed text, and a round trip of generated fields.
final class CSVRecordsTests: XCTestCase {
  func testRFC4180Examples() throws {
    XCTAssertEqual(
      try CSVRecords.parse("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n", delimiter: ","),
      [["aaa", "bbb", "ccc"], ["zzz", "yyy", "xxx"]])
    XCTAssertEqual(
      try CSVRecords.parse("aaa,bbb,ccc\r\nzzz,yyy,xxx", delimiter: ","),
      [["aaa", "bbb", "ccc"], ["zzz", "yyy", "xxx"]])
    XCTAssertEqual(try CSVRecords.parse("\"aaa\",\"bbb\",\"ccc\"\r\n", delimiter: ","), [["aaa", "bbb", "ccc"]])
    XCTAssertEqual(
      try CSVRecords.parse("\"aaa\",\"b\r\nbb\",\"ccc\"\r\nzzz,yyy,xxx", delimiter: ","),
      [["aaa", "b\r\nbb", "ccc"], ["zzz", "yyy", "xxx"]])
    XCTAssertEqual(try CSVRecords.parse("\"aaa\",\"b\"\"bb\",\"ccc\"", delimiter: ","), [["aaa", "b\"bb", "ccc"]])
  }

  func testLineEndingsBlankLinesEmptyFieldsAndAByteOrderMark() throws {
    XCTAssertEqual(try CSVRecords.parse("a;b\r1;2\r", delimiter: ";"), [["a", "b"], ["1", "2"]])
    XCTAssertEqual(try CSVRecords.parse("\u{FEFF}a,b\n\n1,\n\n", delimiter: ","), [["a", "b"], ["1", ""]])
    XCTAssertEqual(try CSVRecords.parse("a\tb\n,\t\n\"\"\tx", delimiter: "\t"), [["a", "b"], [",", ""], ["", "x"]])
    XCTAssertEqual(try CSVRecords.parse("", delimiter: ","), [])
    XCTAssertEqual(try CSVRecords.parse("é,👍🏽\n", delimiter: ","), [["é", "👍🏽"]])
  }

  func testMalformedTextNamesItsLine() {
    let cases: [(String, String)] = [
      ("a,b\n\"1,2\n", "a quoted field that opens on line 2 is never closed"),
      ("a,b\n\"1\"x,2\n", "line 2 has text after a quoted field's closing quote"),
      ("a,b\n\"x\ny\"\n1,2\"\n", "line 4 has a quote inside a field that does not start with one"),
    ]
    for (text, reason) in cases {
      XCTAssertThrowsError(try CSVRecords.parse(text, delimiter: ",")) { error in
        XCTAssertEqual((error as? CSVRecords.Malformed)?.reason, reason, text)
      }
    }
    XCTAssertThrowsError(try CSVRecords.parse("a", delimiter: "\""))
  }

  /// Fields drawn from characters CSV treats specially, written as RFC 4180 says (quoted when
  /// they hold a quote, delimiter or line break), read back equal.
  func testGeneratedFieldsRoundTrip() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let alphabet: [String] = ["a", "Z", "0", " ", ",", ";", "\"", "\n", "\r\n", "\r", "é", "\t", "💡"]
    for _ in 0..<500 {
      let delimiter: Character = [",", ";", "\t"][next(3)]
      let width = 1 + next(4)
      let records = (0..<(1 + next(5))).map { _ in
        (0..<width).map { _ in (0..<next(6)).map { _ in alphabet[next(alphabet.count)] }.joined() }
      }.filter { $0 != [""] }
      let text = records.map { fields in
        fields.map { field in
          field.contains(where: { $0 == delimiter || $0 == "\"" || $0.isNewline })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: String(delimiter))
      }.joined(separator: ["\n", "\r\n", "\r"][next(3)])
      XCTAssertEqual(try CSVRecords.parse(text, delimiter: delimiter), records, text.debugDescription)
    }
  }
}

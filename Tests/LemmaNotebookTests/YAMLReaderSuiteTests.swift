import Foundation
import LemmaNotebook
import LemmaTestSupport
import XCTest

/// `YAMLReader` on every input of the YAML test suite (Fixtures/yaml-test-suite.json, MIT): each
/// one-document case must compose to the value the suite gives as JSON, each invalid one must be
/// a `YAMLProblem`, as must every stream of several documents. The cases where Debian's libyaml
/// 0.2.5 reads otherwise than the suite are listed, so that any other disagreement fails.
final class YAMLReaderSuiteTests: XCTestCase {
  private struct Suite: Decodable {
    var cases: [Case]
  }

  private struct Case: Decodable {
    var id: String
    var kind: String
    var yaml: String
    var value: String?
  }

  /// Where libyaml 0.2.5, a YAML 1.1 parser, and the suite (YAML 1.2.2) part ways: every one
  /// is libyaml's scanner or parser, none this reader's composing (checked case by case).
  private static let libyamlDisagrees = libyamlRejects.union(libyamlReadsOtherwise).union(libyamlAccepts)

  /// Valid YAML 1.2 libyaml refuses: tabs as separation, `:x` and `?x` plain scalars, flow keys
  /// over several lines, `%YAML 1.2` and reserved directives, anchors with `:` or non-ASCII...
  private static let libyamlRejects: Set<String> = [
    "2JQS", "2LFX", "2SXE", "4ABK", "4MUZ-00", "4MUZ-01", "4MUZ-02", "58MP", "5MUD", "5T43", "6BCT", "6CA3",
    "6LVF", "6M2F", "8XYN", "96NN-00", "96NN-01", "9SA2", "A2M4", "BEC7", "CFD4", "DBG4", "DK3J", "DK95-00",
    "DK95-03", "DK95-04", "FP8R", "FRK4", "HM87-00", "HWV9", "K3WX", "M2N8-00", "MUS6-05", "MUS6-06", "NHX8",
    "NJ66", "Q5MG", "QT73", "R4YG", "S3PD", "SM9W-01", "UKK6-00", "VJP3-01", "W5VH", "Y79Y-001", "Y79Y-010",
    // streams of several documents that libyaml stops reading before the second one starts
    "7Z25", "M7A3", "NKF9", "UT92", "W4TN",
  ]

  /// Valid YAML 1.2 libyaml reads into other values (`?foo` as a key marker, `&an:chor`, a
  /// block scalar's trailing lines).
  private static let libyamlReadsOtherwise: Set<String> = ["652Z", "HM87-01", "JEF9-02", "L24T-01", "Y2GN"]

  /// Invalid YAML libyaml accepts.
  private static let libyamlAccepts: Set<String> = [
    "9C9N", "9JBA", "CVW2", "DK95-01", "G5U8", "MUS6-00", "QB6E", "S98Z", "SU5Z", "X4QW", "Y79Y-003", "YJV2",
  ]

  func testTheYAMLTestSuite() throws {
    // The list of disagreements is libyaml 0.2.5's (Debian's here); another version has its own.
    try XCTSkipUnless(YAMLReader.libyamlVersion == "0.2.5", "libyaml \(YAMLReader.libyamlVersion), not 0.2.5")
    let data = try Data(contentsOf: URL(fileURLWithPath: testDirectory() + "/Fixtures/yaml-test-suite.json"))
    let suite = try JSONDecoder().decode(Suite.self, from: data)
    XCTAssertEqual(suite.cases.count, 402)
    var disagreements: Set<String> = []
    for testCase in suite.cases {
      let agrees: Bool
      do {
        let node = try YAMLReader.read(testCase.yaml)
        switch testCase.kind {
        case "value": agrees = node.map(Self.written) == testCase.value
        case "empty": agrees = node == nil
        case "valid": agrees = node != nil
        default: agrees = false
        }
      } catch {
        // Several documents must be refused as such, not for something libyaml stumbled on.
        agrees =
          testCase.kind == "error"
          || (testCase.kind == "documents" && error.problem.hasPrefix("a second YAML document"))
      }
      if !agrees {
        disagreements.insert(testCase.id)
        if !Self.libyamlDisagrees.contains(testCase.id) {
          let read: String
          do { read = try YAMLReader.read(testCase.yaml).map(Self.written) ?? "no document" } catch {
            read = "\(error)"
          }
          XCTFail("\(testCase.id) (\(testCase.kind)): expected \(testCase.value ?? testCase.kind), read \(read)")
        }
      }
    }
    XCTAssertEqual(Self.libyamlDisagrees.subtracting(disagreements).sorted(), [], "now read as the suite says")
    XCTAssertEqual(suite.cases.count - disagreements.count, 334)
  }

  /// A node as the fixture writes the suite's JSON: scalars typed by YAML 1.2's core schema.
  private static func written(_ node: YAMLNode) -> String {
    switch node.content {
    case .sequence(let items):
      return "[" + items.map(written).joined(separator: ", ") + "]"
    case .mapping(let pairs):
      // JSON objects are unordered: keys in code point order, as the fixture writes them.
      let sorted = pairs.map { (key: $0.key.text ?? "?", value: $0.value) }.sorted {
        $0.key.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.key.unicodeScalars.map(\.value))
      }
      return "{" + sorted.map { quoted($0.key) + ": " + written($0.value) }.joined(separator: ", ") + "}"
    case .scalar(let text, let style, let tag):
      let coreTag = "tag:yaml.org,2002:"
      let resolve = (style == .plain && tag == nil) || (tag?.hasPrefix(coreTag) == true && tag != YAMLNode.stringTag)
      return resolve ? (coreSchema(text) ?? quoted(text)) : quoted(text)
    }
  }

  private static func coreSchema(_ text: String) -> String? {
    switch text {
    case "", "~", "null", "Null", "NULL": return "null"
    case "true", "True", "TRUE": return "true"
    case "false", "False", "FALSE": return "false"
    default: break
    }
    var digits = Substring(text)
    var sign = 1.0
    if let first = digits.first, first == "-" || first == "+" {
      sign = first == "-" ? -1 : 1
      digits = digits.dropFirst()
    }
    if digits.hasPrefix("0o"), let value = Int(digits.dropFirst(2), radix: 8) { return number(sign * Double(value)) }
    if digits.hasPrefix("0x"), let value = Int(digits.dropFirst(2), radix: 16) { return number(sign * Double(value)) }
    let decimal = digits.allSatisfy { $0.isASCII && ($0.isNumber || "._eE+-".contains($0)) }
    guard decimal, digits.first.map({ $0.isNumber || $0 == "." }) == true, let value = Double(digits) else {
      return nil
    }
    return number(sign * value)
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e16 ? "\(Int(value)).0" : "\(value)"
  }

  private static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case _ where scalar.value < 0x20 || scalar.value == 0x7f: out += "\\u{\(String(scalar.value, radix: 16))}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

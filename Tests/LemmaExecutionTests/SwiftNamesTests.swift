import Foundation
import XCTest

@testable import LemmaExecution

/// Declarations and uses read with swift-syntax, for the early-use check.
final class SwiftNamesTests: XCTestCase {
  func testTopLevelDeclarationsWithTheirLines() {
    let code = """
      //| label: fig-a
      let (a, b) = (1, 2)
      var c = 3
      func f() -> Int { let inner = 1; return inner }
      struct S {}
      enum E { case x }
      if true { let notTopLevel = 1 }
      """
    let names = SwiftNames.declared(in: code)
    XCTAssertEqual(names["a"], 2)
    XCTAssertEqual(names["b"], 2)
    XCTAssertEqual(names["c"], 3)
    XCTAssertEqual(names["f"], 4)
    XCTAssertEqual(names["S"], 5)
    XCTAssertEqual(names["E"], 6)
    XCTAssertNil(names["inner"])
    XCTAssertNil(names["notTopLevel"])
  }

  /// Comments, strings of every kind and member names are not uses (the hand-written scanner
  /// this replaces took words in comments, raw and multi-line strings for uses).
  func testUsesSkipCommentsStringsMembersAndLabels() {
    let code = """
      // later is mentioned here
      /* and later here */
      let s = #"later"# + \"\"\"
      later
      \"\"\"
      let t = "\\(used) later"
      print(x.later, f(later: 1), T.self)
      """
    let names = Set(SwiftNames.used(in: code).map(\.name))
    XCTAssertFalse(names.contains("later"), "\(names)")
    XCTAssertTrue(names.isSuperset(of: ["used", "print", "x", "f", "T"]), "\(names)")
  }

  func testUsesHaveColumns() {
    XCTAssertEqual(SwiftNames.used(in: "fmt(total)").map(\.column), [1, 5])
  }

  func testDeepCodeIsNotParsed() {
    let deep = "let a = " + String(repeating: "[", count: 24) + "b" + String(repeating: "]", count: 24)
    XCTAssertTrue(SwiftCodeShape.isTooDeep(deep))
    XCTAssertTrue(SwiftNames.used(in: deep).isEmpty)
    XCTAssertFalse(SwiftCodeShape.isTooDeep("let a = [[[b]]]"))
  }

  /// swift-syntax's recovery goes quadratic on a type body of lines like `title: t` (found by
  /// lemma-fuzz: 800 lines took 74 s); past its deadline the parse is given up, as for code
  /// nested too deep, and the same code is not parsed again.
  func testAParseThatRunsPastItsDeadlineIsGivenUp() {
    let code = "struct Bin {\n  var count = 0.0\n" + String(repeating: " title: t\n", count: 400) + "}\n"
    let start = Date()
    XCTAssertNil(SwiftCodeShape.parse(code))
    XCTAssertLessThan(Date().timeIntervalSince(start), SwiftCodeShape.deadline(forBytes: code.utf8.count) + 1)
    let again = Date()
    XCTAssertNil(SwiftCodeShape.parse(code))
    XCTAssertLessThan(Date().timeIntervalSince(again), 0.5)
    XCTAssertTrue(SwiftNames.used(in: code).isEmpty)
    XCTAssertNotNil(SwiftCodeShape.parse("struct Bin {\n  var count = 0.0\n}\n"))
  }
}

import Figures
import XCTest

final class TableTests: XCTestCase {
  func testNumberFormats() {
    XCTAssertEqual(NumberFormat.automatic.format(2500.0), "2500")
    XCTAssertEqual(NumberFormat.automatic.format(2497.381), "2497.4")
    XCTAssertEqual(NumberFormat.automatic.format(0.012345), "0.012345")
    XCTAssertEqual(NumberFormat.automatic.format(1.5e-7), "1.5e-7")
    XCTAssertEqual(NumberFormat.automatic.format(3.15e23), "3.15e23")
    XCTAssertEqual(NumberFormat.fixed(2).format(3.14159), "3.14")
    XCTAssertEqual(NumberFormat.significant(3).format(2497.38), "2500")
    XCTAssertEqual(NumberFormat.percent(1).format(0.5312), "53.1%")
    XCTAssertEqual(NumberFormat.scientific(2).format(315_000), "3.15e5")
    XCTAssertEqual(NumberFormat.automatic.format(Double.nan), "NaN")
    XCTAssertEqual(NumberFormat.automatic.format(-Double.infinity), "-∞")
    XCTAssertEqual(NumberFormat.fixed(1).format(7), "7.0")
    XCTAssertEqual(fmt(0.25, .percent(0)), "25%")
  }

  func testRowsAndColumnsBuildTheSameTable() {
    var byRows = Table("n", "square")
    byRows.addRow(1, 1.0)
    byRows.addRow(2, 4.0)
    let byColumns = Table().column("n", [1, 2]).column("square", [1.0, 4.0])
    XCTAssertEqual(byRows, byColumns)
  }

  func testShortColumnsArePaddedAndExtraValuesKept() {
    let table = Table().column("a", [1, 2, 3]).column("b", ["x"])
    XCTAssertEqual(table.rows.map { $0.count }, [2, 2, 2])
    XCTAssertEqual(table.text(row: 2, column: 1), "")
    var wide = Table("only")
    wide.addRow(1, 2)
    XCTAssertEqual(wide.columns.count, 2)
  }

  func testHTMLEscapesAndRightAlignsNumbers() {
    let table = Table(columns: ["name", "value"], rows: [["<b>&", 1.5], ["x", 2]], caption: "A \"caption\"")
    XCTAssertEqual(
      table.html(),
      """
      <table>
      <caption>A &quot;caption&quot;</caption>
      <thead><tr><th scope="col">name</th><th scope="col" class="num">value</th></tr></thead>
      <tbody>
      <tr><td>&lt;b&gt;&amp;</td><td class="num">1.5</td></tr>
      <tr><td>x</td><td class="num">2</td></tr>
      </tbody>
      </table>
      """)
  }

  func testMarkdownIsAPipeTableWithEscapedCells() {
    let table = Table(columns: ["a|b", "n"], rows: [["x*y", 0.5]]).format("n", .percent(0))
    XCTAssertEqual(table.markdown(), "| a\\|b | n |\n| --- | ---: |\n| x\\*y | 50% |")
  }
}

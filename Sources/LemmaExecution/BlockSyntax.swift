import SwiftSyntax

/// What one block's code says to the program generator, read with one swift-syntax parse:
/// its top-level items, its memo calls (with the capture lists the generator adds), the
/// variables and declarations other blocks' memos depend on.
public struct BlockSyntax: Equatable, Sendable {
  /// The code with a capture list on each memo's closure.
  public var code: String
  /// What was put into the code, so compile errors can be put back at the author's columns.
  public var insertions: [MemoSites.Insertion]
  /// The memo calls, with their closures' ends in `code`.
  public var sites: [MemoSites.Site]
  /// The first memo call that cannot be kept, if any.
  public var problem: MemoSites.Problem?
  /// The names the block declares with `var` at its top level.
  public var variables: [String]
  /// The text of every top-level declaration a call could reach from anywhere in the program:
  /// functions, types, extensions, protocols, operators (the whole code when it cannot be parsed).
  public var declarations: [String]
  /// The names the block declares at its top level, with the line of each first declaration
  /// (`SwiftNames.declared`).
  public var declared: [String: Int]
  /// The names the block uses unqualified (`SwiftNames.used`), at their places in the author's code.
  public var uses: [SwiftNames.Use]
  /// The top-level items of `code` in order, or nil when the block cannot be laid out item by
  /// item (see `TopLevelItem.items`).
  public var items: [TopLevelItem]?
  /// The modules the code may use that a program imports only then (`OnDemandImports`).
  var onDemandImports: Set<Int>

  /// Reads `code` once. Memo closures get a capture list of `outerVariables` (see
  /// `MemoSites.rewrite`).
  static func read(_ code: String, outerVariables: [String]) -> BlockSyntax {
    guard let tree = SwiftCodeShape.parse(code) else { return unparsed(code) }
    let converter = SourceLocationConverter(fileName: "", tree: tree)
    var block = BlockSyntax(
      code: code, insertions: [], sites: [], problem: nil,
      variables: MemoSites.variables(in: tree, before: Int.max),
      declarations: tree.statements.compactMap { item -> String? in
        guard case .decl(let declaration) = item.item, !declaration.is(VariableDeclSyntax.self) else { return nil }
        return declaration.trimmedDescription
      },
      declared: SwiftNames.declared(in: tree, converter: converter),
      uses: SwiftNames.used(in: tree, converter: converter), items: TopLevelItem.items(of: tree, converter: converter),
      onDemandImports: OnDemandImports.used(by: code, tree: tree))
    guard MemoSites.mayHaveMemo(code) else { return block }
    let rewrite = MemoSites.rewrite(code, tree: tree, converter: converter, outerVariables: outerVariables)
    block.code = rewrite.code
    block.sites = rewrite.sites
    block.problem = rewrite.problem
    block.insertions = rewrite.insertions.map { insertion in
      let location = converter.location(for: AbsolutePosition(utf8Offset: insertion.offset))
      return MemoSites.Insertion(line: location.line, column: location.column, length: insertion.text.utf8.count)
    }
    // Items keep their text: each moves by what was inserted before it (its column too, by
    // what was inserted before it on its line), and grows by what was inserted inside it.
    func inserted(before offset: Int, onLine line: Int? = nil) -> Int {
      zip(rewrite.insertions, block.insertions).filter { $0.0.offset < offset && (line == nil || $0.1.line == line) }
        .reduce(0) { $0 + $1.1.length }
    }
    block.items = block.items?.map { item in
      var item = item
      item.column += inserted(before: item.start, onLine: item.line)
      (item.start, item.end) = (item.start + inserted(before: item.start), item.end + inserted(before: item.end))
      return item
    }
    return block
  }

  private static func unparsed(_ code: String) -> BlockSyntax {
    BlockSyntax(
      code: code, insertions: [], sites: [], problem: nil, variables: [], declarations: [code], declared: [:], uses: [],
      items: nil, onDemandImports: OnDemandImports.used(by: code))
  }
}

/// Reads a formula's TeX and writes its MathML in one pass: each group, argument and
/// environment is a row of atoms, and each atom is MathML with a note on where its scripts go.
///
/// Nesting is bounded (`maximumDepth`), so no formula can exhaust the stack.
struct TeXParser {
  /// How deep groups, arguments and environments may nest.
  static let maximumDepth = 100

  private let scalars: [Unicode.Scalar]
  /// The UTF-8 offset of each scalar, and of the end.
  private let offsets: [Int]
  private var position = 0
  private var depth = 0
  /// The alphabet letters are written in (`\mathbb{…}`, `{\bf …}`), if any.
  private var font: MathAlphabet?

  init(_ tex: String) {
    scalars = Array(tex.unicodeScalars)
    var offsets: [Int] = []
    offsets.reserveCapacity(scalars.count + 1)
    var offset = 0
    for scalar in scalars {
      offsets.append(offset)
      offset += UTF8.width(scalar)
    }
    offsets.append(offset)
    self.offsets = offsets
  }

  /// An atom's MathML, and where scripts attached to it go.
  struct Atom {
    enum Placement {
      /// To the right, as sub- and superscripts.
      case scripts
      /// Under and over, always (`\underbrace`, `\overset`, `\sum\limits`).
      case limits
      /// Under and over in display style, to the right otherwise (`\sum`, `\lim`).
      case movable
    }

    var xml: String
    var placement = Placement.scripts
    /// A named function (`\sin`, `\lim`): a thin space follows unless a bracket does.
    var isFunction = false
    /// The text of a single `<mo>` token (`≤`, `(`), for `\not` and for unary signs.
    var operatorText: String?
    /// Whether that operator takes its spacing from MathML's operator dictionary (false for
    /// ones set flat, as `|` and `/`).
    var isSpaced = true
  }

  /// A single operator token: `<mo>` with `attributes` (each with a leading space).
  static func mo(_ text: String, _ attributes: String = "", spaced: Bool = true, placement: Atom.Placement = .scripts)
    -> Atom
  {
    Atom(
      xml: "<mo\(attributes)>\(MathMLText.escape(text))</mo>", placement: placement, operatorText: text,
      isSpaced: spaced)
  }

  /// What ended a row.
  enum Stop: Equatable {
    case end, closeBrace, closeBracket, ampersand, newline, right, middle, endEnvironment
  }

  // MARK: Formula

  /// The whole formula's MathML content (what goes inside `<math>`).
  mutating func parseFormula(display: Bool) throws(TeXError) -> String {
    var rows: [String] = []
    while true {
      let (atoms, stop) = try parseRow(until: display ? [.end, .newline] : [.end])
      rows.append(row(atoms))
      if stop == .end { break }
      skipOptionalSpacing()
    }
    if rows.count > 1, rows.last == "<mrow></mrow>" { rows.removeLast() }
    if rows.count == 1 { return rows[0] }
    return "<mtable class=\"tex-gathered\">"
      + rows.map { "<mtr><mtd>\($0)</mtd></mtr>" }.joined() + "</mtable>"
  }

  // MARK: Rows

  /// Atoms up to one of `stops` (consumed), with their scripts attached.
  private mutating func parseRow(until stops: Set<Stop>) throws(TeXError) -> (atoms: [Atom], stop: Stop) {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maximumDepth else {
      throw error(
        at: position, "the formula nests more than \(Self.maximumDepth) levels deep",
        hint: "split it into smaller formulas")
    }
    let savedFont = font
    defer { font = savedFont }
    var atoms: [Atom] = []
    while true {
      skipSpaces()
      let start = position
      guard let scalar = peek() else {
        if stops.contains(.end) { return (atoms, .end) }
        throw endOfInput(stops)
      }
      switch scalar {
      case "}":
        position += 1
        if stops.contains(.closeBrace) { return (atoms, .closeBrace) }
        throw error(
          at: start, "unbalanced brace: this `}` closes no `{`", hint: "remove it, or write `\\}` for a brace")
      case "]" where stops.contains(.closeBracket):
        position += 1
        return (atoms, .closeBracket)
      case "&":
        position += 1
        if stops.contains(.ampersand) { return (atoms, .ampersand) }
        throw error(
          at: start, "`&` outside an environment that aligns columns",
          hint: "use it inside `\\begin{aligned}`, `cases` or a matrix, or write `\\&` for an ampersand")
      case "^", "_", "'":
        atoms.append(try attachScripts(to: Atom(xml: "<mrow></mrow>")))
        continue
      case "\\":
        let name = peekCommand()
        switch name {
        case "\\":
          position += 2
          if stops.contains(.newline) { return (atoms, .newline) }
          throw error(
            at: start, "`\\\\` (a new line) outside display math or an environment",
            hint: "use `\\begin{aligned}` or `\\begin{gathered}` for several lines")
        case "right", "middle":
          if stops.contains(name == "right" ? .right : .middle) {
            position += 1 + name.unicodeScalars.count
            return (atoms, name == "right" ? .right : .middle)
          }
          throw error(
            at: start, "`\\\(name)` without `\\left`", hint: "put `\\left` before the opening delimiter")
        case "end":
          if stops.contains(.endEnvironment) {
            position += 4
            return (atoms, .endEnvironment)
          }
          throw error(at: start, "`\\end` without `\\begin`", hint: "remove it or add the matching `\\begin{…}`")
        case "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle":
          // A style switch applies to the rest of the row.
          position += 1 + name.unicodeScalars.count
          let (rest, stop) = try parseRow(until: stops)
          let attributes =
            switch name {
            case "displaystyle": "displaystyle=\"true\" scriptlevel=\"0\""
            case "textstyle": "displaystyle=\"false\" scriptlevel=\"0\""
            case "scriptstyle": "displaystyle=\"false\" scriptlevel=\"1\""
            default: "displaystyle=\"false\" scriptlevel=\"2\""
            }
          atoms.append(Atom(xml: "<mstyle \(attributes)>" + row(rest) + "</mstyle>"))
          return (atoms, stop)
        case "rm", "bf", "it", "cal", "sf", "tt":
          position += 1 + name.unicodeScalars.count
          font = ["rm": .roman, "bf": .bold, "it": .italic, "cal": .script, "sf": .sansSerif, "tt": .monospace][name]
          continue
        case "nonumber", "notag":
          position += 1 + name.unicodeScalars.count
          continue
        default: break
        }
      default: break
      }
      var atom = try parseAtom()
      atom = try attachScripts(to: atom)
      // A sign after an opening bracket, an operator or a comma is unary, as in TeX: `(-x)`.
      if let sign = atom.operatorText, Self.signs.contains(sign), atom.xml == "<mo>\(sign)</mo>",
        let previous = atoms.last, Self.isOpenerOrOperator(previous)
      {
        atom.xml = "<mo form=\"prefix\">\(sign)</mo>"
      }
      atoms.append(atom)
      if atom.isFunction && !nextIsBracket() {
        atoms.append(Atom(xml: "<mspace width=\"0.1667em\"></mspace>"))
      }
    }
  }

  /// Signs that TeX sets as unary where no operand stands before them.
  private static let signs: Set<String> = ["−", "+", "±", "∓"]

  /// Whether an atom is an opening bracket or an operator (after which a sign is unary).
  private static func isOpenerOrOperator(_ atom: Atom) -> Bool {
    guard let text = atom.operatorText, atom.isSpaced else { return false }
    return !")]}⟩⌋⌉|‖!′″".contains(text)
  }

  /// The error for a formula that ends while `stops` are awaited.
  private func endOfInput(_ stops: Set<Stop>) -> TeXError {
    if stops.contains(.closeBrace) {
      return error(at: position, "unbalanced brace: a `{` is not closed", hint: "add the missing `}`")
    }
    if stops.contains(.right) {
      return error(at: position, "`\\left` without `\\right`", hint: "close it with `\\right)` (or `\\right.`)")
    }
    if stops.contains(.endEnvironment) {
      return error(at: position, "an environment is not closed", hint: "add its `\\end{…}`")
    }
    if stops.contains(.closeBracket) {
      return error(at: position, "a `[` option is not closed", hint: "add the missing `]`")
    }
    return error(at: position, "the formula ends too early", hint: "complete it")
  }

  /// A row's atoms as one MathML element.
  private func row(_ atoms: [Atom]) -> String {
    atoms.count == 1 ? atoms[0].xml : "<mrow>" + atoms.map(\.xml).joined() + "</mrow>"
  }

  // MARK: Scripts

  /// The atom with the sub- and superscripts and primes that follow it.
  private mutating func attachScripts(to base: Atom) throws(TeXError) -> Atom {
    var above: String?
    var below: String?
    var primes = 0
    while true {
      skipSpaces()
      let start = position
      switch peek() {
      case "'":
        if above != nil { throw doubleScript(at: start, "superscript") }
        primes += 1
        position += 1
      case "^":
        if above != nil { throw doubleScript(at: start, "superscript") }
        position += 1
        above = try parseArgument(for: "^", at: start).xml
      case "_":
        if below != nil { throw doubleScript(at: start, "subscript") }
        position += 1
        below = try parseArgument(for: "_", at: start).xml
      default:
        // A prime is set at full size after its base (a math font's ′ is already raised);
        // scripts go on both.
        var base = base
        if primes > 0 {
          let prime = ["′", "″", "‴", "⁗"][min(primes, 4) - 1]
          base.xml = "<mrow>" + base.xml + "<mo lspace=\"0\" rspace=\"0\">\(prime)</mo></mrow>"
        }
        return Self.scripted(base, below: below, above: above)
      }
    }
  }

  private func doubleScript(at start: Int, _ kind: String) -> TeXError {
    error(at: start, "double \(kind)", hint: "group the scripts with braces, as in `x^{a^b}` or `{x^a}^b`")
  }

  /// `base` with its scripts, under and over or to the right as its placement says.
  private static func scripted(_ base: Atom, below: String?, above: String?) -> Atom {
    let sideways = base.placement == .scripts
    let xml: String
    switch (below, above) {
    case (nil, nil): return base
    case (let sub?, nil):
      xml = (sideways ? "<msub>" : "<munder>") + base.xml + sub + (sideways ? "</msub>" : "</munder>")
    case (nil, let sup?): xml = (sideways ? "<msup>" : "<mover>") + base.xml + sup + (sideways ? "</msup>" : "</mover>")
    case (let sub?, let sup?):
      xml =
        (sideways ? "<msubsup>" : "<munderover>") + base.xml + sub + sup
        + (sideways ? "</msubsup>" : "</munderover>")
    }
    return Atom(xml: xml, placement: .scripts, isFunction: base.isFunction)
  }

  // MARK: Arguments

  /// One argument: a `{…}` group, or a single character or command.
  private mutating func parseArgument(for command: String, at start: Int) throws(TeXError) -> Atom {
    skipSpaces()
    guard let scalar = peek() else {
      throw error(at: start, "`\(command)` needs an argument here", hint: "add it in braces, as in `\(command){x}`")
    }
    switch scalar {
    case "{":
      position += 1
      return Atom(xml: row(try parseRow(until: [.closeBrace]).atoms))
    case "}", "&", "^", "_":
      throw error(at: start, "`\(command)` needs an argument here", hint: "add it in braces, as in `\(command){x}`")
    default:
      if scalar == "\\", ["right", "middle", "end", "\\"].contains(peekCommand()) {
        throw error(at: start, "`\(command)` needs an argument here", hint: "add it in braces, as in `\(command){x}`")
      }
      return try parseAtom(singleDigit: true)
    }
  }

  /// The text of a `{…}` argument, as written (`\begin{name}`, `\text{…}`), with nested braces.
  private mutating func rawArgument(for command: String, at start: Int) throws(TeXError) -> String {
    skipSpaces()
    guard peek() == "{" else {
      if let scalar = peek(), scalar != "}" {
        position += 1
        return String(scalar)
      }
      throw error(at: start, "`\(command)` needs an argument here", hint: "add it in braces, as in `\(command){…}`")
    }
    let open = position
    position += 1
    var nesting = 0
    var text = String.UnicodeScalarView()
    while let scalar = peek() {
      position += 1
      if scalar == "\\", let next = peek() {
        text.append(scalar)
        text.append(next)
        position += 1
        continue
      }
      if scalar == "{" { nesting += 1 }
      if scalar == "}" {
        if nesting == 0 { return String(text) }
        nesting -= 1
      }
      text.append(scalar)
    }
    throw error(at: open, "unbalanced brace: a `{` is not closed", hint: "add the missing `}`")
  }

  // MARK: Atoms

  /// One atom: a letter, a number, a symbol, a group or a command with its arguments.
  private mutating func parseAtom(singleDigit: Bool = false) throws(TeXError) -> Atom {
    let start = position
    guard let scalar = peek() else { throw error(at: start, "the formula ends too early", hint: "complete it") }
    position += 1
    switch scalar {
    case "{":
      return Atom(xml: row(try parseRow(until: [.closeBrace]).atoms))
    case "\\":
      return try parseCommand(at: start)
    case "0"..."9", ".":
      if scalar == "." && !(peek().map { ("0"..."9").contains($0) } ?? false) {
        return Self.mo(".", " lspace=\"0\" rspace=\"0\"", spaced: false)
      }
      var number = String(scalar)
      if !singleDigit {
        while let next = peek(),
          ("0"..."9").contains(next)
            || (next == "." && position + 1 < scalars.count && ("0"..."9").contains(scalars[position + 1]))
        {
          number.unicodeScalars.append(next)
          position += 1
        }
      }
      if let font, font != .roman { number = String(number.map(font.map)) }
      return Atom(xml: "<mn>\(number)</mn>")
    case "a"..."z", "A"..."Z":
      return Atom(xml: letter(Character(scalar)))
    case "~":
      return Atom(xml: "<mspace width=\"0.3333em\"></mspace>")
    case "(", ")", "[", "]":
      return Self.mo(String(scalar), " stretchy=\"false\"")
    case "|", "/":
      return Self.mo(String(scalar), " stretchy=\"false\" lspace=\"0\" rspace=\"0\"", spaced: false)
    case "-": return Self.mo("−")
    case "*": return Self.mo("∗")
    case "<", ">", "+", "=", ",", ";", ":", "!", "?": return Self.mo(String(scalar))
    case "#":
      throw error(at: start, "`#` cannot stand in math", hint: "write `\\#` for a number sign")
    case "$":
      throw error(
        at: start, "a `$` inside math: the formula began at an earlier `$`",
        hint: "write a dollar sign that is not math as `\\$` (as in `\\$5`)")
    case "@", "\"", "`":
      return Self.mo(String(scalar), " lspace=\"0\" rspace=\"0\"", spaced: false)
    default:
      let text = String(scalar)
      if Self.operatorCharacters.contains(text) { return Self.mo(text) }
      return Atom(xml: letter(Character(scalar)))
    }
  }

  /// Every character the operator table writes as `<mo>`, so one typed directly is too.
  private static let operatorCharacters = Set(TeXSymbols.operators.values)

  /// A letter in the current alphabet.
  private func letter(_ character: Character) -> String {
    guard let font else { return "<mi>\(MathMLText.escape(String(character)))</mi>" }
    if font == .roman { return "<mi mathvariant=\"normal\">\(MathMLText.escape(String(character)))</mi>" }
    return "<mi>\(MathMLText.escape(String(font.map(character))))</mi>"
  }

  // MARK: Commands

  /// A command (the backslash at `start` is read) and its arguments.
  private mutating func parseCommand(at start: Int) throws(TeXError) -> Atom {
    guard let first = peek() else {
      throw error(at: start, "a lone `\\` ends the formula", hint: "remove it, or write `\\backslash`")
    }
    var name = String(first)
    position += 1
    if first.properties.isAlphabetic && first.isASCII {
      while let next = peek(), next.isASCII, next.properties.isAlphabetic {
        name.unicodeScalars.append(next)
        position += 1
      }
    }
    if name == "operatorname" || name == "mathop", peek() == "*" { position += 1 }
    if let atom = symbol(name) { return atom }
    if let atom = try structure(name, at: start) { return atom }
    throw error(
      at: start, "unknown TeX command `\\\(name)`",
      hint: "check its spelling; Lemma's math knows the commands listed in the README's Math section")
  }

  /// Commands that stand for one symbol; nil for the others.
  private mutating func symbol(_ name: String) -> Atom? {
    if let character = TeXSymbols.greek[name] {
      if let font, font != .roman { return Atom(xml: "<mi>\(font.map(Character(character)))</mi>") }
      let upright = name.first!.isUppercase && !name.hasPrefix("var") || font == .roman
      return Atom(xml: upright ? "<mi mathvariant=\"normal\">\(character)</mi>" : "<mi>\(character)</mi>")
    }
    if let character = TeXSymbols.ordinary[name] {
      let slanted = ["partial", "imath", "jmath"].contains(name)
      return Atom(xml: slanted ? "<mi>\(character)</mi>" : "<mi mathvariant=\"normal\">\(character)</mi>")
    }
    if let character = TeXSymbols.operators[name] { return Self.mo(character) }
    if let (character, limits) = TeXSymbols.largeOperators[name] {
      return limitsModifier(
        Self.mo(character, " movablelimits=\"\(limits)\"", placement: limits ? .movable : .scripts))
    }
    if let (text, limits) = TeXSymbols.functions[name] {
      return limitsModifier(function(text, limits: limits))
    }
    if let width = TeXSymbols.spaces[name] { return Atom(xml: "<mspace width=\"\(width)\"></mspace>") }
    if let character = TeXSymbols.escapedCharacters[name] {
      let fence = ["{", "}", "‖"].contains(character)
      return fence
        ? Self.mo(character, " stretchy=\"false\"")
        : Atom(xml: "<mi mathvariant=\"normal\">\(MathMLText.escape(character))</mi>")
    }
    if let character = TeXSymbols.delimiters["\\" + name] {
      let flat = ["|", "‖"].contains(character) ? " lspace=\"0\" rspace=\"0\"" : ""
      return Self.mo(character, " stretchy=\"false\"" + flat, spaced: flat.isEmpty)
    }
    return nil
  }

  /// A named function: upright, its scripts under it in display style when `limits`.
  private func function(_ text: String, limits: Bool) -> Atom {
    let escaped = MathMLText.escape(text).replacing(" ", with: "\u{2009}")
    if limits {
      return Atom(
        xml: "<mo movablelimits=\"true\" form=\"prefix\" lspace=\"0\" rspace=\"0\">\(escaped)</mo>",
        placement: .movable, isFunction: true)
    }
    return Atom(xml: "<mi>\(escaped)</mi>", isFunction: true)
  }

  /// `\limits` or `\nolimits` after an operator: its scripts always under and over, or never.
  private mutating func limitsModifier(_ atom: Atom) -> Atom {
    var atom = atom
    while true {
      skipSpaces()
      switch peekCommand() {
      case "limits":
        position += 7
        atom.placement = .limits
      case "nolimits":
        position += 9
        atom.placement = .scripts
      default: return atom
      }
    }
  }

  /// Commands with arguments or structure (fractions, roots, accents, fonts, text, fences,
  /// environments); nil for unknown ones.
  private mutating func structure(_ name: String, at start: Int) throws(TeXError) -> Atom? {
    switch name {
    case "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom":
      let numerator = try parseArgument(for: "\\" + name, at: start).xml
      let denominator = try parseArgument(for: "\\" + name, at: start).xml
      let isBinomial = name.hasSuffix("binom")
      var xml = "<mfrac\(isBinomial ? " linethickness=\"0\"" : "")>\(numerator)\(denominator)</mfrac>"
      if isBinomial { xml = "<mrow><mo>(</mo>\(xml)<mo>)</mo></mrow>" }
      if name.hasPrefix("d") || name == "cfrac" { xml = "<mstyle displaystyle=\"true\">\(xml)</mstyle>" }
      if name.hasPrefix("t") { xml = "<mstyle displaystyle=\"false\">\(xml)</mstyle>" }
      return Atom(xml: xml)
    case "sqrt":
      skipSpaces()
      if peek() == "[" {
        position += 1
        let index = row(try parseRow(until: [.closeBracket]).atoms)
        let radicand = try parseArgument(for: "\\sqrt", at: start).xml
        return Atom(xml: "<mroot>\(radicand)\(index)</mroot>")
      }
      return Atom(xml: "<msqrt>\(try parseArgument(for: "\\sqrt", at: start).xml)</msqrt>")
    case "operatorname", "mathop":
      let starred = scalars[position - 1] == "*"
      let text = try rawArgument(for: "\\" + name, at: start)
      let plain = text.replacing("\\,", with: " ").replacing("\\ ", with: " ").replacing("\\!", with: "")
      guard !plain.contains("\\") else {
        throw error(
          at: start, "`\\\(name)` takes plain text", hint: "write the operator's name, as in `\\\(name){rank}`")
      }
      return limitsModifier(function(plain, limits: starred || name == "mathop"))
    case "text", "textrm", "textup", "textnormal", "mbox", "hbox", "textit", "textbf", "textsf", "texttt", "emph",
      "textmd", "mathnormal":
      if name == "mathnormal" {
        let saved = font
        font = nil
        defer { font = saved }
        return try parseArgument(for: "\\mathnormal", at: start)
      }
      let text = try textArgument(for: name, at: start)
      let alphabet: MathAlphabet? =
        switch name {
        case "textit", "emph": .italic
        case "textbf": .bold
        case "textsf": .sansSerif
        case "texttt": .monospace
        default: nil
        }
      let styled = alphabet.map { alphabet in String(text.map(alphabet.map)) } ?? text
      return Atom(xml: "<mtext>\(MathMLText.escape(styled))</mtext>")
    case "left":
      return try parseFence(at: start)
    case "big", "Big", "bigg", "Bigg", "bigl", "Bigl", "biggl", "Biggl", "bigr", "Bigr", "biggr", "Biggr", "bigm",
      "Bigm", "biggm", "Biggm":
      let size = TeXSymbols.bigSizes[name]!
      let delimiter = try readDelimiter(after: name, at: start)
      guard !delimiter.isEmpty else { return Atom(xml: "<mrow></mrow>") }
      return Atom(
        xml:
          "<mo minsize=\"\(size)\" maxsize=\"\(size)\" stretchy=\"true\" symmetric=\"true\" lspace=\"0\" rspace=\"0\">"
          + MathMLText.escape(delimiter) + "</mo>")
    case "begin":
      return try parseEnvironment(at: start)
    case "not":
      skipSpaces()
      let negatedStart = position
      let next = try parseAtom()
      guard let text = next.operatorText else {
        throw error(
          at: negatedStart, "`\\not` needs a relation after it", hint: "write it as in `\\not\\in` or `\\not=`")
      }
      let negated = TeXSymbols.negated[text] ?? text + "\u{338}"
      return Self.mo(negated)
    case "overset", "stackrel", "underset":
      let mark = try parseArgument(for: "\\" + name, at: start).xml
      let base = try parseArgument(for: "\\" + name, at: start).xml
      let tag = name == "underset" ? "munder" : "mover"
      return Atom(xml: "<\(tag)>\(base)\(mark)</\(tag)>")
    case "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xleftrightarrow", "xmapsto":
      skipSpaces()
      var below: String?
      if peek() == "[" {
        position += 1
        below = row(try parseRow(until: [.closeBracket]).atoms)
      }
      let above = try parseArgument(for: "\\" + name, at: start).xml
      let arrow =
        [
          "xrightarrow": "→", "xleftarrow": "←", "xRightarrow": "⇒", "xLeftarrow": "⇐", "xleftrightarrow": "↔",
          "xmapsto": "↦",
        ][name]!
      let base = "<mo stretchy=\"true\" minsize=\"1.8em\">\(arrow)</mo>"
      let xml =
        below.map { "<munderover>\(base)\($0)\(above)</munderover>" } ?? "<mover>\(base)\(above)</mover>"
      return Atom(xml: xml)
    case "pmod", "mod":
      let argument = try parseArgument(for: "\\" + name, at: start).xml
      let mod = "<mi>mod</mi><mspace width=\"0.3333em\"></mspace>"
      return Atom(
        xml: name == "pmod"
          ? "<mrow><mspace width=\"1em\"></mspace><mo stretchy=\"false\">(</mo>\(mod)\(argument)<mo stretchy=\"false\">)</mo></mrow>"
          : "<mrow><mspace width=\"1em\"></mspace>\(mod)\(argument)</mrow>")
    case "bmod":
      return Self.mo("mod", " lspace=\"0.2222em\" rspace=\"0.2222em\"")
    case "phantom", "hphantom", "vphantom":
      return Atom(xml: "<mphantom>\(try parseArgument(for: "\\" + name, at: start).xml)</mphantom>")
    case "mathstrut", "strut":
      return Atom(xml: "<mphantom><mo stretchy=\"false\">(</mo></mphantom>")
    case "substack":
      skipSpaces()
      guard peek() == "{" else {
        throw error(at: start, "`\\substack` needs an argument here", hint: "write it as in `\\substack{i<n\\\\j<m}`")
      }
      position += 1
      var lines: [String] = []
      while true {
        let (atoms, stop) = try parseRow(until: [.closeBrace, .newline])
        lines.append(row(atoms))
        if stop == .closeBrace { break }
      }
      return Atom(
        xml: "<mtable class=\"tex-substack\">" + lines.map { "<mtr><mtd>\($0)</mtd></mtr>" }.joined() + "</mtable>")
    case "limits", "nolimits":
      throw error(
        at: start, "`\\\(name)` must follow an operator", hint: "write it right after one, as in `\\sum\\limits`")
    default:
      if let alphabet = MathAlphabet.commands[name] {
        let saved = font
        font = alphabet
        defer { font = saved }
        return try parseArgument(for: "\\" + name, at: start)
      }
      if let accent = TeXSymbols.accents[name] {
        let base = try parseArgument(for: "\\" + name, at: start).xml
        let mark = "<mo stretchy=\"\(accent.stretchy)\">\(MathMLText.escape(accent.mark))</mo>"
        let isBrace = name == "overbrace" || name == "underbrace"
        let xml =
          accent.under
          ? "<munder\(isBrace ? "" : " accentunder=\"true\"")>\(base)\(mark)</munder>"
          : "<mover\(isBrace ? "" : " accent=\"true\"")>\(base)\(mark)</mover>"
        return Atom(xml: xml, placement: isBrace ? .limits : .scripts)
      }
      return nil
    }
  }

  /// The text of a `\text{…}`-like argument: spaces kept (at its edges as no-break spaces,
  /// which MathML would otherwise drop), TeX's escapes and quotes as the characters they write.
  private mutating func textArgument(for name: String, at start: Int) throws(TeXError) -> String {
    let raw = try rawArgument(for: "\\" + name, at: start)
    var text = ""
    var scalars = raw.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      switch scalar {
      case "\\":
        guard let next = scalars.next() else { break }
        if let character = TeXSymbols.escapedCharacters[String(next)], next != "|" {
          text += character
        } else if next == " " || next == "," || next == ";" {
          text += " "
        } else if next == "\\" {
          text += " "
        } else {
          throw error(
            at: start, "`\\\(name){…}` holds a command, which text cannot have",
            hint: "put math between `$`s outside the text, or write the characters themselves")
        }
      case "~": text += "\u{A0}"
      case "{", "}": continue
      case "\n", "\t": text += " "
      default: text.unicodeScalars.append(scalar)
      }
    }
    if text.hasPrefix(" ") { text = "\u{A0}" + text.dropFirst() }
    if text.hasSuffix(" ") { text = text.dropLast() + "\u{A0}" }
    return text
  }

  // MARK: Fences

  /// `\left( … \middle| … \right)`: the delimiters stretch to what they enclose.
  private mutating func parseFence(at start: Int) throws(TeXError) -> Atom {
    let open = try readDelimiter(after: "left", at: start)
    var xml = "<mrow>" + Self.fence(open, form: "prefix")
    while true {
      let (atoms, stop) = try parseRow(until: [.right, .middle])
      xml += row(atoms)
      let delimiter = try readDelimiter(after: stop == .right ? "right" : "middle", at: position)
      if stop == .right { return Atom(xml: xml + Self.fence(delimiter, form: "postfix") + "</mrow>") }
      xml += Self.fence(delimiter, form: "infix")
    }
  }

  private static func fence(_ delimiter: String, form: String) -> String {
    guard !delimiter.isEmpty else { return "" }
    let spacing = form == "infix" ? " lspace=\"0.0556em\" rspace=\"0.0556em\"" : ""
    return "<mo fence=\"true\" form=\"\(form)\" stretchy=\"true\" symmetric=\"true\"\(spacing)>"
      + MathMLText.escape(delimiter) + "</mo>"
  }

  /// The delimiter after `\left`, `\right`, `\middle` or `\big`: its character, or "" for `.`.
  private mutating func readDelimiter(after command: String, at start: Int) throws(TeXError) -> String {
    skipSpaces()
    guard let scalar = peek() else {
      throw error(
        at: start, "`\\\(command)` needs a delimiter after it",
        hint: "add one, as in `\\\(command)(` or `\\\(command).`")
    }
    if scalar == "." {
      position += 1
      return ""
    }
    var written = String(scalar)
    if scalar == "\\" {
      let name = peekCommand()
      written = "\\" + name
      if let character = TeXSymbols.delimiters[written] {
        position += 1 + name.unicodeScalars.count
        return character
      }
    } else if let character = TeXSymbols.delimiters[written] {
      position += 1
      return character
    }
    throw error(
      at: position, "`\(written)` is not a delimiter `\\\(command)` can take",
      hint: "use one of ( ) [ ] \\{ \\} | \\| \\langle \\rangle \\lfloor \\rfloor \\lceil \\rceil, or `.` for none")
  }

  // MARK: Environments

  /// `\begin{name} … \end{name}`: matrices, cases and aligned equations as tables whose
  /// columns are aligned by the report's style sheet (MathML Core has no `columnalign`).
  private mutating func parseEnvironment(at start: Int) throws(TeXError) -> Atom {
    let name = try rawArgument(for: "\\begin", at: start)
    let fences: (open: String, close: String)
    switch name {
    case "pmatrix": fences = ("(", ")")
    case "bmatrix": fences = ("[", "]")
    case "Bmatrix": fences = ("{", "}")
    case "vmatrix": fences = ("|", "|")
    case "Vmatrix": fences = ("‖", "‖")
    case "cases", "dcases": fences = ("{", "")
    case "rcases": fences = ("", "}")
    case "matrix", "smallmatrix", "aligned", "align", "align*", "alignat", "alignat*", "alignedat", "split",
      "gathered", "gather", "gather*", "equation", "equation*", "array", "subarray", "multline", "multline*":
      fences = ("", "")
    default:
      throw error(
        at: start, "unknown environment `\(name)`",
        hint: "Lemma's math knows matrix, pmatrix, bmatrix, Bmatrix, vmatrix, Vmatrix, smallmatrix, cases, "
          + "aligned, gathered and array")
    }
    // Column alignment: `l`, `c` or `r` for each column, repeating the last.
    var columns: [Character] = []
    if name == "array" || name == "subarray" {
      columns = try rawArgument(for: "\\begin{\(name)}", at: start).filter { "lcr".contains($0) }
    } else if name.hasPrefix("alignat") || name == "alignedat" {
      _ = try rawArgument(for: "\\begin{\(name)}", at: start)
    }
    var rows: [[String]] = []
    var cells: [String] = []
    while true {
      skipSpaces()
      while ["hline", "hdashline"].contains(peekCommand()) {
        position += 1 + peekCommand().unicodeScalars.count
        skipSpaces()
      }
      let (atoms, stop) = try parseRow(until: [.ampersand, .newline, .endEnvironment])
      cells.append(row(atoms))
      switch stop {
      case .ampersand: continue
      case .newline:
        rows.append(cells)
        cells = []
        skipOptionalSpacing()
      default:
        let endName = try rawArgument(for: "\\end", at: position)
        guard endName == name else {
          throw error(
            at: start, "`\\begin{\(name)}` is ended by `\\end{\(endName)}`", hint: "end it with `\\end{\(name)}`")
        }
        if cells != ["<mrow></mrow>"] || rows.isEmpty { rows.append(cells) }
        return Atom(xml: Self.table(name, rows: rows, columns: columns, fences: fences))
      }
    }
  }

  private static func table(
    _ name: String, rows: [[String]], columns: [Character], fences: (open: String, close: String)
  )
    -> String
  {
    func alignment(_ column: Int) -> String? {
      switch name {
      case "cases", "dcases", "rcases": return "l"
      case "aligned", "align", "align*", "alignat", "alignat*", "alignedat", "split":
        return column % 2 == 0 ? "r" : "l"
      case "array", "subarray":
        guard let last = columns.last else { return nil }
        let character = column < columns.count ? columns[column] : last
        return character == "c" ? nil : String(character)
      default: return nil
      }
    }
    let style =
      name == "smallmatrix" || name == "subarray"
      ? " scriptlevel=\"1\""
      : name == "dcases" || name.hasPrefix("align") || name == "split" ? " displaystyle=\"true\"" : ""
    let kind =
      name.hasPrefix("align") || name == "split" ? "aligned" : name.hasSuffix("cases") ? "cases" : "matrix"
    var xml = "<mtable class=\"tex-\(kind)\"\(style)>"
    for cells in rows {
      xml += "<mtr>"
      for (column, cell) in cells.enumerated() {
        xml += alignment(column).map { "<mtd class=\"tex-\($0)\">" } ?? "<mtd>"
        xml += cell + "</mtd>"
      }
      xml += "</mtr>"
    }
    xml += "</mtable>"
    guard !fences.open.isEmpty || !fences.close.isEmpty else { return xml }
    return "<mrow>" + fence(fences.open, form: "prefix") + xml + fence(fences.close, form: "postfix") + "</mrow>"
  }

  // MARK: Reading

  private func peek() -> Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

  /// The name of the command at the position (letters, or one other character); "" if none.
  private func peekCommand() -> String {
    guard position < scalars.count, scalars[position] == "\\", position + 1 < scalars.count else { return "" }
    let first = scalars[position + 1]
    guard first.isASCII, first.properties.isAlphabetic else { return String(first) }
    var end = position + 1
    while end < scalars.count, scalars[end].isASCII, scalars[end].properties.isAlphabetic { end += 1 }
    return String(String.UnicodeScalarView(scalars[(position + 1)..<end]))
  }

  /// Whether a bracket comes next (after a function's name no thin space is wanted).
  private mutating func nextIsBracket() -> Bool {
    skipSpaces()
    guard let scalar = peek() else { return true }
    if "([{|}&".unicodeScalars.contains(scalar) { return true }
    return ["left", "right", "\\", "big", "Big", "bigl", "Bigl", "bigg", "Bigg", "{", "|", "lvert", "langle", "end"]
      .contains(peekCommand())
  }

  /// Skips spaces, line breaks and `%` comments (to the end of their line).
  private mutating func skipSpaces() {
    while let scalar = peek() {
      if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
        position += 1
      } else if scalar == "%" {
        while let next = peek(), next != "\n" { position += 1 }
      } else {
        return
      }
    }
  }

  /// Skips the `[2pt]` that may follow `\\`.
  private mutating func skipOptionalSpacing() {
    skipSpaces()
    guard peek() == "[" else { return }
    var end = position + 1
    while end < scalars.count, scalars[end] != "]", scalars[end] != "\n" { end += 1 }
    if end < scalars.count, scalars[end] == "]" { position = end + 1 }
  }

  private func error(at scalarIndex: Int, _ message: String, hint: String) -> TeXError {
    TeXError(offset: offsets[min(scalarIndex, offsets.count - 1)], message: message, hint: hint)
  }
}

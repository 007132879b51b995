/// The TeX commands Lemma's math knows, by what they become in MathML: letters and symbols
/// (`<mi>`), operators, relations, arrows and punctuation (`<mo>`), large operators, named
/// functions, accents and delimiters. Coverage follows what quantitative writing uses (KaTeX's
/// and Temml's function lists were the checklist); anything else is an "unknown command" error.
enum TeXSymbols {
  /// Greek letters: lower case slanted (MathML's automatic italic), upper case upright.
  static let greek: [String: String] = [
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "varkappa": "ϰ", "lambda": "λ",
    "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ",
    "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ",
    "psi": "ψ", "omega": "ω", "digamma": "ϝ",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "varGamma": "𝛤", "varDelta": "𝛥", "varTheta": "𝛩", "varLambda": "𝛬", "varXi": "𝛯", "varPi": "𝛱",
    "varSigma": "𝛴", "varUpsilon": "𝛶", "varPhi": "𝛷", "varPsi": "𝛹", "varOmega": "𝛺",
  ]

  /// Ordinary symbols, written as `<mi>` (a letter-like symbol) with upright style where TeX
  /// sets them upright.
  static let ordinary: [String: String] = [
    "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "hbar": "ℏ", "hslash": "ℏ", "imath": "ı",
    "jmath": "ȷ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "beth": "ℶ", "wp": "℘", "emptyset": "∅",
    "varnothing": "⌀", "forall": "∀", "exists": "∃", "nexists": "∄", "neg": "¬", "lnot": "¬", "top": "⊤",
    "bot": "⊥", "angle": "∠", "triangle": "△", "square": "□", "Box": "□", "blacksquare": "■", "diamond": "⋄",
    "Diamond": "◊", "clubsuit": "♣", "diamondsuit": "♢", "heartsuit": "♡", "spadesuit": "♠", "prime": "′",
    "backprime": "‵", "flat": "♭", "natural": "♮", "sharp": "♯", "checkmark": "✓", "dagger": "†",
    "ddagger": "‡", "S": "§", "P": "¶", "copyright": "©", "pounds": "£", "degree": "°", "complement": "∁",
    "mho": "℧", "eth": "ð", "Finv": "Ⅎ", "Game": "⅁", "surd": "√",
  ]

  /// Binary operators, relations, arrows and punctuation: `<mo>`, spaced by MathML's operator
  /// dictionary as TeX spaces them.
  static let operators: [String: String] = [
    // Binary operators.
    "pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "⋅", "ast": "∗", "star": "⋆", "circ": "∘",
    "bullet": "∙", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗", "oslash": "⊘", "odot": "⊙", "cap": "∩",
    "cup": "∪", "sqcap": "⊓", "sqcup": "⊔", "uplus": "⊎", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨",
    "setminus": "∖", "smallsetminus": "∖", "wr": "≀", "amalg": "⨿", "bigcirc": "◯", "bigtriangleup": "△",
    "bigtriangledown": "▽", "triangleleft": "◃", "triangleright": "▹", "lhd": "⊲", "rhd": "⊳", "unlhd": "⊴",
    "unrhd": "⊵", "dotplus": "∔", "ltimes": "⋉", "rtimes": "⋊", "boxplus": "⊞", "boxminus": "⊟",
    "boxtimes": "⊠", "boxdot": "⊡", "centerdot": "⋅", "divideontimes": "⋇", "intercal": "⊺",
    // Relations.
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "leqslant": "⩽", "geqslant": "⩾",
    "ll": "≪", "gg": "≫", "lll": "⋘", "ggg": "⋙", "approx": "≈", "approxeq": "≊", "sim": "∼", "simeq": "≃",
    "cong": "≅", "equiv": "≡", "propto": "∝", "doteq": "≐", "asymp": "≍", "prec": "≺", "succ": "≻",
    "preceq": "⪯", "succeq": "⪰", "in": "∈", "notin": "∉", "ni": "∋", "owns": "∋", "subset": "⊂",
    "supset": "⊃", "subseteq": "⊆", "supseteq": "⊇", "subsetneq": "⊊", "supsetneq": "⊋", "sqsubset": "⊏",
    "sqsupset": "⊐", "sqsubseteq": "⊑", "sqsupseteq": "⊒", "perp": "⊥", "parallel": "∥", "nparallel": "∦",
    "mid": "∣", "nmid": "∤", "models": "⊨", "vdash": "⊢", "dashv": "⊣", "vDash": "⊨", "Vdash": "⊩",
    "nleq": "≰", "ngeq": "≱", "nless": "≮", "ngtr": "≯", "nsim": "≁", "ncong": "≇", "lesssim": "≲",
    "gtrsim": "≳", "lessgtr": "≶", "gtrless": "≷", "triangleq": "≜", "coloneqq": "≔", "eqqcolon": "≕",
    "coloneq": "≔", "bowtie": "⋈", "smile": "⌣", "frown": "⌢", "risingdotseq": "≓",
    "fallingdotseq": "≒", "thicksim": "∼", "thickapprox": "≈", "lessdot": "⋖", "gtrdot": "⋗",
    "precsim": "≾", "succsim": "≿", "varpropto": "∝", "therefore": "∴", "because": "∵",
    // Arrows.
    "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒",
    "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹", "impliedby": "⟸", "iff": "⟺",
    "longrightarrow": "⟶", "longleftarrow": "⟵", "longleftrightarrow": "⟷", "Longrightarrow": "⟹",
    "Longleftarrow": "⟸", "Longleftrightarrow": "⟺", "mapsto": "↦", "longmapsto": "⟼", "uparrow": "↑",
    "downarrow": "↓", "updownarrow": "↕", "Uparrow": "⇑", "Downarrow": "⇓", "Updownarrow": "⇕",
    "nearrow": "↗", "searrow": "↘", "swarrow": "↙", "nwarrow": "↖", "hookrightarrow": "↪",
    "hookleftarrow": "↩", "rightharpoonup": "⇀", "rightharpoondown": "⇁", "leftharpoonup": "↼",
    "leftharpoondown": "↽", "rightleftharpoons": "⇌", "leftrightharpoons": "⇋", "leadsto": "⇝",
    "rightsquigarrow": "⇝", "twoheadrightarrow": "↠", "twoheadleftarrow": "↞", "rightrightarrows": "⇉",
    "leftleftarrows": "⇇", "circlearrowleft": "↺", "circlearrowright": "↻", "curvearrowleft": "↶",
    "curvearrowright": "↷", "nrightarrow": "↛", "nleftarrow": "↚", "nRightarrow": "⇏", "nLeftarrow": "⇍",
    "nleftrightarrow": "↮", "nLeftrightarrow": "⇎", "dashrightarrow": "⇢", "dashleftarrow": "⇠",
    "restriction": "↾", "upharpoonright": "↾",
    // Punctuation and dots.
    "colon": ":", "ldots": "…", "dots": "…", "dotsc": "…", "dotsb": "⋯", "dotsm": "⋯", "dotsi": "⋯",
    "dotso": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "iddots": "⋰", "ldotp": ".", "cdotp": "⋅",
  ]

  /// Large operators: their symbol and whether their scripts go under and over (in display).
  static let largeOperators: [String: (symbol: String, limits: Bool)] = [
    "sum": ("∑", true), "prod": ("∏", true), "coprod": ("∐", true), "bigcup": ("⋃", true),
    "bigcap": ("⋂", true), "bigvee": ("⋁", true), "bigwedge": ("⋀", true), "bigoplus": ("⨁", true),
    "bigotimes": ("⨂", true), "bigodot": ("⨀", true), "biguplus": ("⨄", true), "bigsqcup": ("⨆", true),
    "int": ("∫", false), "iint": ("∬", false), "iiint": ("∭", false), "iiiint": ("⨌", false),
    "oint": ("∮", false), "oiint": ("∯", false), "oiiint": ("∰", false), "smallint": ("∫", false),
  ]

  /// Named functions, set upright: their text and whether their scripts go under (in display).
  static let functions: [String: (name: String, limits: Bool)] = [
    "arcsin": ("arcsin", false), "arccos": ("arccos", false), "arctan": ("arctan", false),
    "arg": ("arg", false), "cos": ("cos", false), "cosh": ("cosh", false), "cot": ("cot", false),
    "coth": ("coth", false), "csc": ("csc", false), "deg": ("deg", false), "dim": ("dim", false),
    "exp": ("exp", false), "hom": ("hom", false), "ker": ("ker", false), "lg": ("lg", false),
    "ln": ("ln", false), "log": ("log", false), "sec": ("sec", false), "sin": ("sin", false),
    "sinh": ("sinh", false), "tan": ("tan", false), "tanh": ("tanh", false), "sgn": ("sgn", false),
    "tr": ("tr", false), "Tr": ("Tr", false), "rank": ("rank", false), "diag": ("diag", false),
    "Var": ("Var", false), "Cov": ("Cov", false), "erf": ("erf", false), "logit": ("logit", false),
    "det": ("det", true), "gcd": ("gcd", true), "inf": ("inf", true), "lim": ("lim", true),
    "liminf": ("lim inf", true), "limsup": ("lim sup", true), "max": ("max", true), "min": ("min", true),
    "Pr": ("Pr", true), "sup": ("sup", true), "argmax": ("arg max", true), "argmin": ("arg min", true),
    "injlim": ("inj lim", true), "projlim": ("proj lim", true),
  ]

  /// Accents over (or under) their argument: the mark, whether it stretches over the whole
  /// argument, and whether it goes under.
  static let accents: [String: (mark: String, stretchy: Bool, under: Bool)] = [
    "hat": ("^", false, false), "widehat": ("^", true, false), "check": ("ˇ", false, false),
    "widecheck": ("ˇ", true, false), "tilde": ("~", false, false), "widetilde": ("~", true, false),
    "bar": ("‾", false, false), "overline": ("‾", true, false), "underline": ("_", true, true),
    "vec": ("→", false, false), "overrightarrow": ("→", true, false), "overleftarrow": ("←", true, false),
    "overleftrightarrow": ("↔", true, false), "underrightarrow": ("→", true, true),
    "underleftarrow": ("←", true, true), "dot": ("˙", false, false), "ddot": ("¨", false, false),
    "dddot": ("⃛", false, false), "acute": ("´", false, false), "grave": ("`", false, false),
    "breve": ("˘", false, false), "mathring": ("˚", false, false),
    "overbrace": ("⏞", true, false), "underbrace": ("⏟", true, true),
  ]

  /// Delimiters that `\left`, `\right`, `\big` and friends take, by how they are written.
  static let delimiters: [String: String] = [
    "(": "(", ")": ")", "[": "[", "]": "]", "\\{": "{", "\\}": "}", "\\lbrace": "{", "\\rbrace": "}",
    "\\lbrack": "[", "\\rbrack": "]", "|": "|", "\\|": "‖", "\\vert": "|", "\\Vert": "‖", "\\lvert": "|",
    "\\rvert": "|", "\\lVert": "‖", "\\rVert": "‖", "\\mid": "∣", "\\langle": "⟨", "\\rangle": "⟩",
    "<": "⟨", ">": "⟩", "\\lfloor": "⌊", "\\rfloor": "⌋", "\\lceil": "⌈", "\\rceil": "⌉", "/": "/",
    "\\backslash": "∖", "\\uparrow": "↑", "\\downarrow": "↓", "\\updownarrow": "↕", "\\Uparrow": "⇑",
    "\\Downarrow": "⇓", "\\Updownarrow": "⇕", "\\lgroup": "⟮", "\\rgroup": "⟯", "\\lmoustache": "⎰",
    "\\rmoustache": "⎱", "\\ulcorner": "⌜", "\\urcorner": "⌝", "\\llcorner": "⌞", "\\lrcorner": "⌟",
    "\\llbracket": "⟦", "\\rrbracket": "⟧",
  ]

  /// Horizontal spaces by command, in em.
  static let spaces: [String: String] = [
    ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em", "medspace": "0.2222em",
    ";": "0.2778em", "thickspace": "0.2778em", "!": "-0.1667em", "negthinspace": "-0.1667em",
    "negmedspace": "-0.2222em", "negthickspace": "-0.2778em", "quad": "1em", "qquad": "2em",
    "enspace": "0.5em", " ": "0.3333em", "space": "0.3333em", "nobreakspace": "0.3333em",
  ]

  /// `\big` and friends: the height each asks for.
  static let bigSizes: [String: String] = [
    "big": "1.2em", "bigl": "1.2em", "bigr": "1.2em", "bigm": "1.2em", "Big": "1.623em", "Bigl": "1.623em",
    "Bigr": "1.623em", "Bigm": "1.623em", "bigg": "2.047em", "biggl": "2.047em", "biggr": "2.047em",
    "biggm": "2.047em", "Bigg": "2.470em", "Biggl": "2.470em", "Biggr": "2.470em", "Biggm": "2.470em",
  ]

  /// Characters escaped with a backslash that stand for themselves.
  static let escapedCharacters: [String: String] = [
    "{": "{", "}": "}", "$": "$", "%": "%", "&": "&", "#": "#", "_": "_", "|": "‖",
  ]

  /// What `\not` followed by a relation becomes, where Unicode has a negated character.
  static let negated: [String: String] = [
    "=": "≠", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∈": "∉", "∋": "∌", "⊂": "⊄", "⊃": "⊅", "⊆": "⊈",
    "⊇": "⊉", "∼": "≁", "≅": "≇", "≈": "≉", "≡": "≢", "∣": "∤", "∥": "∦", "≺": "⊀", "≻": "⊁", "→": "↛",
    "←": "↚", "↔": "↮", "⇒": "⇏", "⇐": "⇍", "⇔": "⇎", "≃": "≄", "⊨": "⊭", "⊢": "⊬",
  ]
}

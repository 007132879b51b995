/// The report page's stylesheet: system fonts, a readable measure, light and dark from the
/// reader's setting, and print rules. Inlined into every page.
enum PageStyle {
  static let css = """
    :root {
      --text: #1f2328; --muted: #59636e; --background: #ffffff; --surface: #f6f8fa; --border: #d1d9e0;
      --accent: #0b63c5; --error: #b42318; --error-surface: #fef3f2; --ok: #1a7f37;
      --hl-keyword: #a626a4; --hl-type: #0e7490; --hl-string: #b4420c; --hl-number: #1d4ed8; --hl-comment: #6a737d; --hl-attribute: #b45309;
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --text: #e6edf3; --muted: #9198a1; --background: #0d1117; --surface: #161b22; --border: #30363d;
        --accent: #4493f8; --error: #ff7b72; --error-surface: #2d1214; --ok: #3fb950;
        --hl-keyword: #d2a8ff; --hl-type: #7ee0d6; --hl-string: #ffa57d; --hl-number: #79c0ff; --hl-comment: #8b949e; --hl-attribute: #f2cc60;
      }
    }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body {
      margin: 0; background: var(--background); color: var(--text);
      font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
    }
    main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
    h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 0.75rem; }
    h1.title { font-size: 2.1rem; margin-top: 0; }
    .summary { font-size: 1.15rem; color: var(--muted); margin-top: -0.25rem; }
    a { color: var(--accent); }
    code, pre, samp { font-family: ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
    pre code, pre samp { font-size: inherit; }
    .hl-k { color: var(--hl-keyword); } .hl-t { color: var(--hl-type); } .hl-s { color: var(--hl-string); }
    .hl-n { color: var(--hl-number); } .hl-c { color: var(--hl-comment); font-style: italic; }
    .hl-a { color: var(--hl-attribute); } .hl-v { color: var(--hl-number); }
    :not(pre) > code { background: var(--surface); padding: 0.1em 0.35em; border-radius: 4px; }
    pre { background: var(--surface); border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem 1rem; overflow-x: auto; line-height: 1.45; }
    blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 4px solid var(--border); color: var(--muted); }
    img { max-width: 100%; }
    .cell { margin: 1.5rem 0; }
    .cell pre.code { border-left: 4px solid var(--accent); margin-top: 0.25rem; }
    details.code > summary, details.data > summary { cursor: pointer; color: var(--muted); font-size: 0.8rem; user-select: none; }
    details.code:not([open]) { margin-bottom: 0.5rem; }
    details.data { margin-top: 0.25rem; }
    details.data table { font-size: 0.85rem; }
    .figure svg { display: block; width: 100%; height: auto; }
    .table-wrap { overflow-x: auto; }
    .caption { color: var(--muted); font-size: 0.95rem; }
    .site-nav { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; margin: 0 0 1.5rem; padding: 0.5rem 0; border-bottom: 1px solid var(--border); font-size: 0.9rem; }
    .site-nav:last-child { margin: 2rem 0 0; border-bottom: 0; border-top: 1px solid var(--border); }
    .site-nav .site-index { font-weight: 600; margin-right: auto; }
    .report-list { list-style: none; padding: 0; margin: 1.5rem 0; }
    .report-card { display: flex; gap: 1.25rem; align-items: flex-start; padding: 1.25rem 0; border-top: 1px solid var(--border); }
    .report-card h2 { margin: 0 0 0.35rem; font-size: 1.2rem; }
    .report-card p { margin: 0.25rem 0; }
    .report-card .thumbnail { flex: none; }
    .report-card .thumbnail img { display: block; width: 192px; height: 120px; object-fit: contain; border: 1px solid var(--border); border-radius: 4px; background: var(--background); }
    @media (max-width: 560px) { .report-card { flex-direction: column; } }
    .toc { margin: 1rem 0 2rem; padding: 0.5rem 1rem; border-left: 3px solid var(--border); }
    .toc-title { margin: 0; font-weight: 600; color: var(--muted); font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; }
    .toc ul { list-style: none; margin: 0.25rem 0 0; padding: 0; }
    .toc li.toc-3 { padding-left: 1.25rem; font-size: 0.95em; }
    a.xref { text-decoration: none; border-bottom: 1px dotted var(--accent); }
    pre.stdout { background: transparent; border-style: dashed; }
    pre.stderr { border-color: var(--error); color: var(--error); }
    .figure { margin: 1rem 0; overflow-x: auto; }
    figcaption { color: var(--muted); font-size: 0.95rem; margin-top: 0.4rem; }
    table { border-collapse: collapse; margin: 0.5rem 0; font-variant-numeric: tabular-nums; }
    caption { caption-side: top; text-align: left; color: var(--muted); padding-bottom: 0.3rem; }
    th, td { border-bottom: 1px solid var(--border); padding: 0.3rem 0.8rem; text-align: left; }
    th { border-bottom-width: 2px; }
    td.num, th.num { text-align: right; }
    .failure { border: 1px solid var(--error); background: var(--error-surface); border-radius: 6px; padding: 0.25rem 1rem; margin: 0.75rem 0; }
    .failure strong { color: var(--error); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; font-weight: 600; }
    .failure pre { background: var(--background); }
    .failure-allowed { border-style: dashed; }
    .note { color: var(--muted); font-style: italic; }
    ul.claims { list-style: none; padding-left: 0; margin: 0.75rem 0; }
    li.claim { padding: 0.2rem 0.6rem; border-left: 3px solid var(--ok); margin: 0.2rem 0; }
    li.claim-fail { border-left-color: var(--error); background: var(--error-surface); }
    .claim-mark { font-weight: 700; color: var(--ok); }
    .claim-fail .claim-mark { color: var(--error); }
    .claim-line { color: var(--muted); font-size: 0.8em; margin-left: 0.4rem; }
    .status { border-radius: 6px; padding: 0.5rem 1rem; }
    .status-ok { color: var(--ok); padding: 0; }
    .status-failed { border: 1px solid var(--error); background: var(--error-surface); }
    .status-failed strong { color: var(--error); }
    .status-failed ul { margin: 0.25rem 0 0.5rem; padding-left: 1.25rem; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85em; }
    .inline-error { color: var(--error); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.88em; }
    .inline-missing { color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.88em; text-decoration: line-through; }
    .report-footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.85rem; }
    @media print {
      body { font-size: 11pt; background: #fff; color: #000; }
      main { max-width: none; padding: 0; }
      pre { white-space: pre-wrap; break-inside: avoid; }
      .figure, table, .failure { break-inside: avoid; }
      details.code > summary, details.data, .toc, .site-nav { display: none; }
      details.code:not([open]) { display: none; }
      a { color: inherit; }
    }

    """

  /// The style of GitHub-style alerts, added only to pages that have one (so pages without
  /// keep their bytes). Each kind has a colour in light and dark mode, and its title in text.
  static let alertCSS = """
    .alert { margin: 1rem 0; padding: 0.5rem 1rem; border-left: 4px solid var(--alert); background: var(--alert-surface); border-radius: 0 6px 6px 0; }
    .alert > :last-child { margin-bottom: 0.25rem; }
    .alert-title { margin: 0.25rem 0 0.25rem; font-weight: 600; color: var(--alert); }
    .alert-note { --alert: #0969da; --alert-surface: #ddf4ff80; }
    .alert-tip { --alert: #1a7f37; --alert-surface: #dafbe180; }
    .alert-important { --alert: #8250df; --alert-surface: #fbefff80; }
    .alert-warning { --alert: #9a6700; --alert-surface: #fff8c580; }
    .alert-caution { --alert: #cf222e; --alert-surface: #ffebe980; }
    @media (prefers-color-scheme: dark) {
      .alert-note { --alert: #4493f8; --alert-surface: #388bfd1a; }
      .alert-tip { --alert: #3fb950; --alert-surface: #2ea0431a; }
      .alert-important { --alert: #ab7df8; --alert-surface: #8957e51a; }
      .alert-warning { --alert: #d29922; --alert-surface: #bb80091a; }
      .alert-caution { --alert: #f85149; --alert-surface: #da36331a; }
    }
    @media print {
      .alert { background: none; border-left-width: 3pt; break-inside: avoid; }
      .alert-title { color: #000; }
    }

    """

  /// The alignment of prose tables' columns (GFM writes it as `align` attributes, which the
  /// page's `text-align: left` would override), added only to pages with a prose table.
  static let tableCSS = """
    th[align="right"], td[align="right"] { text-align: right; }
    th[align="center"], td[align="center"] { text-align: center; }

    """

  /// The style of the notes at the end of a report with footnotes, added only to such pages.
  static let footnoteCSS = """
    .footnotes { margin-top: 2.5rem; padding-top: 0.5rem; border-top: 1px solid var(--border); font-size: 0.9rem; }
    .footnote-ref a, .footnote-backref { text-decoration: none; }

    """
  /// The style of TeX math, added only to pages with math: a local math font stack (nothing
  /// is fetched), display math centred and scrolling when wide, and the column alignment of
  /// `aligned`, `cases` and `array` (MathML Core leaves it to CSS).
  static let mathCSS = """
    math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", "TeX Gyre Termes Math", "DejaVu Math TeX Gyre", "Noto Sans Math", math; font-size: 1.05em; }
    math.tex-display { margin: 1em 0; overflow-x: auto; overflow-y: hidden; padding: 0.1em 0; }
    mtd.tex-l { text-align: left; text-align: -webkit-left; } mtd.tex-r { text-align: right; text-align: -webkit-right; }
    mtable.tex-aligned > mtr > mtd.tex-r { padding-right: 0; } mtable.tex-aligned > mtr > mtd.tex-l { padding-left: 0; }
    mtable.tex-aligned > mtr > mtd, mtable.tex-gathered > mtr > mtd { padding-top: 0.25em; padding-bottom: 0.25em; }
    mtable.tex-cases > mtr > mtd { padding-left: 0.2em; padding-right: 1em; }
    mtable.tex-substack > mtr > mtd { padding: 0; }
    .math-error { color: var(--error); background: var(--error-surface); border-radius: 4px; padding: 0 0.3em; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.88em; }
    div.math-error { display: block; padding: 0.5em 0.75em; margin: 1em 0; white-space: pre-wrap; }

    """

  /// The style of the References list and citations, added only to pages that cite.
  static let referenceCSS = """
    .references { margin-top: 2.5rem; }
    .references ol { padding-left: 1.75rem; }
    .references li { margin: 0.35rem 0; overflow-wrap: anywhere; }
    .citation a { text-decoration: none; }

    """
}

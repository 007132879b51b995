# Writes a multi-megabyte prose notebook for benchmarks/prose.sh: the prose of the shipped
# notebooks with their math, footnotes and tables (their Swift blocks, inline expressions and
# cross-references taken out, so nothing runs), the CommonMark spec's examples and the GFM spec's table, strikethrough and autolink
# examples, repeated until the file reaches the size asked for.
import glob
import json
import os
import re
import sys

root = os.path.join(os.path.dirname(__file__), "..")
target, path = int(sys.argv[1]), sys.argv[2]
pieces = []
for notebook in sorted(glob.glob(os.path.join(root, "notebooks", "*.md"))):
    text = open(notebook, encoding="utf-8").read()
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    text = re.sub(r"```swift\n.*?\n```\n", "", text, flags=re.S)
    text = text.replace("`{swift} ", "`").replace("@fig-", "fig-").replace("@tbl-", "tbl-")
    text = re.sub(r"@([\w-]+\.md#)", r"\1", text)  # references into other notebooks
    pieces.append(text)
spec = json.load(open(os.path.join(root, "Tests/LemmaRenderingTests/Fixtures/commonmark-spec-0.30.json")))
for example in spec["examples"]:
    markdown = example["markdown"]
    # Keep examples that cannot swallow what follows them or open a front matter.
    if "```" in markdown or "~~~" in markdown or "<" in markdown or markdown.startswith("---"):
        continue
    if "{swift}" in markdown or "@" in markdown:
        continue
    pieces.append(markdown)
gfm = open(os.path.join(root, "Tests/LemmaRenderingTests/Fixtures/gfm-spec-0.29-gfm.txt"), encoding="utf-8").read()
fence = "`" * 32
for block in gfm.split(fence + " example ")[1:]:
    tag, rest = block.split("\n", 1)
    if tag.strip() not in ("table", "strikethrough", "autolink"):
        continue
    markdown = rest.split("\n.\n", 1)[0].replace("\u2192", "\t")
    if "<" not in markdown and "@" not in markdown:
        pieces.append(markdown + "\n")
# Images become links: the notebook's folder has none of the files they name (a missing image
# is an error, a missing linked file a warning).
chunk = ("\n\n".join(pieces) + "\n\n").replace("![", "[")
with open(path, "w", encoding="utf-8") as out:
    out.write("# Prose benchmark\n\n")
    size = 0
    while size < target:
        out.write(chunk)
        size += len(chunk.encode("utf-8"))

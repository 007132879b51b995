"""Loads a published Lemma site in headless Chromium and checks every page; then checks preview.

Usage: browser_test.py --site output --artifacts DIR --lemma .build/release/lemma
Exits 1 with a list of problems when a check fails.
"""
import argparse
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from urllib.parse import unquote, urlparse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

problems = []


def problem(page, text):
    problems.append(f"{page}: {text}")


def browser():
    options = Options()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,900"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))


def requests_of(driver):
    """URLs the page requested, and those that failed, from the performance log."""
    requested, failed = {}, []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            requested[params["requestId"]] = params["request"]["url"]
        elif message["method"] == "Network.loadingFailed" and not params.get("canceled"):
            failed.append(requested.get(params["requestId"], params["requestId"]) + " " + params.get("errorText", ""))
    return list(requested.values()), failed


def check_page(driver, site, page, artifacts):
    url = page.resolve().as_uri()
    driver.get(url)
    name = page.relative_to(site).as_posix()
    for entry in driver.get_log("browser"):
        if entry["level"] == "SEVERE":
            problem(name, "console error: " + entry["message"])
    requested, failed = requests_of(driver)
    for request in requested:
        scheme = urlparse(request).scheme
        if scheme not in ("file", "data", "about"):
            problem(name, "request to another host: " + request)
    for failure in failed:
        problem(name, "failed request: " + failure)
    # Internal links and anchors.
    for href in driver.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"):
        parsed = urlparse(href)
        if parsed.scheme or href.startswith("//"):
            continue
        target = page if not parsed.path else (page.parent / unquote(parsed.path))
        if not target.exists():
            problem(name, f"link to a missing file: {href}")
            continue
        if parsed.fragment and target.suffix == ".html":
            text = target.read_text(encoding="utf-8")
            if f'id="{parsed.fragment}"' not in text:
                problem(name, f"link to a missing anchor: {href}")
    # Text alternatives for charts and images.
    missing = driver.execute_script(
        """
        const bad = [];
        for (const svg of document.querySelectorAll('svg')) {
          if (svg.closest('svg') !== svg) continue;
          if (svg.getAttribute('aria-hidden') === 'true') continue;
          const titled = svg.querySelector(':scope > title') || svg.getAttribute('aria-label');
          if (svg.getAttribute('role') !== 'img' || !titled) bad.push('svg ' + (svg.id || '(no id)'));
        }
        for (const img of document.querySelectorAll('img')) {
          if (!img.getAttribute('alt')) bad.push('img ' + img.getAttribute('src'));
          if (!img.complete || img.naturalWidth === 0) bad.push('image did not load: ' + img.getAttribute('src'));
        }
        return bad;
        """
    )
    for item in missing:
        problem(name, "no text alternative or not loaded: " + item)
    # Math is laid out as math: fractions stack, limits sit under sums in display math, and
    # the columns of aligned equations line up on their relation.
    for item in driver.execute_script(
        """
        const bad = [];
        const box = e => e.getBoundingClientRect();
        for (const frac of document.querySelectorAll('mfrac')) {
          const [top, bottom] = frac.children;
          if (!(box(top).bottom <= box(bottom).top + 1)) bad.push('fraction not stacked: ' + frac.textContent);
        }
        for (const op of document.querySelectorAll('math[display=block] munderover')) {
          const [base, under] = op.children;
          if (!(box(under).top >= box(base).bottom - 2)) bad.push('limit not under its operator: ' + op.textContent);
        }
        for (const table of document.querySelectorAll('mtable.tex-aligned')) {
          const rights = [...table.querySelectorAll('mtd.tex-r')].map(td => Math.round(box(td.firstElementChild || td).right));
          if (new Set(rights).size > 1) bad.push('aligned columns do not line up: ' + rights);
        }
        if (document.querySelector('math') && document.querySelector('math').getBoundingClientRect().height === 0)
          bad.push('math has no height');
        return bad;
        """
    ):
        problem(name, item)
    for _ in range(2):  # the height can change once the window is resized
        height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 20000)")
        driver.set_window_size(1000, max(600, height))
    artifacts.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(artifacts / (name.replace("/", "_") + ".png")))
    driver.set_window_size(1000, 900)


def check_preview(driver, lemma, artifacts, timings=1):
    """Runs `lemma preview` on a one-notebook project, edits and breaks the notebook.

    Makes `timings` prose edits and returns how long each took to show in the open page."""
    project = pathlib.Path(tempfile.mkdtemp(prefix="lemma-preview-"))
    notebook = project / "notebooks" / "live.md"
    notebook.parent.mkdir()
    page_text = "---\ntitle: Live\n---\n\nThe {word} version.\n\n```swift\nprint(6 * 7)\n```\n"
    notebook.write_text(page_text.format(word="first"))
    process = subprocess.Popen(
        [str(pathlib.Path(lemma).resolve()), "preview", "--port", "0"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = None
        deadline = time.time() + 60
        while time.time() < deadline and url is None:
            line = process.stdout.readline()
            match = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
            if match:
                url = match.group(1)
        if url is None:
            problem("preview", "the server did not start")
            return
        driver.get(url + "live.html")

        def wait_for(text, seconds=10):
            start = time.time()
            while time.time() - start < seconds:
                try:
                    if text in driver.find_element("tag name", "body").text:
                        return time.time() - start
                except Exception:
                    pass
                time.sleep(0.02)
            return None

        if wait_for("The first version.") is None:
            problem("preview", "the page does not show the notebook")
            return
        latencies = []
        for edit in range(timings):
            time.sleep(0.3)
            word = f"second-{edit}"
            notebook.write_text(page_text.format(word=word))
            seconds = wait_for(f"The {word} version.")
            if seconds is None:
                problem("preview", "a saved prose edit did not show in the open page")
                return latencies
            latencies.append(seconds)
        seconds = sorted(latencies)[len(latencies) // 2]
        print(f"preview: a prose edit showed in the open page {seconds:.2f} s after saving (median of {timings})")
        if seconds > 1.0:
            problem("preview", f"a prose edit took {seconds:.2f} s to show (target: under 1 s)")
        notebook.write_text("---\ntitle: [unclosed\n---\n\nBroken.\n")
        if wait_for("could not be rendered") is None:
            problem("preview", "a broken notebook did not show its error page")
        notebook.write_text(page_text.format(word="third"))
        if wait_for("The third version.") is None:
            problem("preview", "the server did not recover after the notebook was fixed")
        driver.save_screenshot(str(artifacts / "preview.png"))
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=10)
            if code != 0:
                problem("preview", f"Ctrl-C ended the server with status {code}")
        except subprocess.TimeoutExpired:
            problem("preview", "Ctrl-C did not stop the server")
        return latencies
    finally:
        if process.poll() is None:
            process.kill()
        shutil.rmtree(project, ignore_errors=True)


def check_hostile_prose(driver, lemma, artifacts):
    """Publishes scripts/fixtures/hostile-prose.md with the default (filtered) raw HTML and checks
    that nothing in it runs script, embeds another page or keeps an event attribute, on top of
    check_page's checks (no console error, no request to another host)."""
    fixtures = pathlib.Path(__file__).resolve().parent / "fixtures"
    with tempfile.TemporaryDirectory() as work:
        folder = pathlib.Path(work) / "notebooks"
        (folder / "img").mkdir(parents=True)
        for name in ("hostile-prose.md", "hostile-data.csv", "img/pixel.svg"):
            shutil.copy(fixtures / name, folder / name)
        result = subprocess.run(
            [str(pathlib.Path(lemma).resolve()), "publish", "--site", "site"],
            cwd=work, capture_output=True, text=True)
        if result.returncode != 0:
            problem("hostile-prose.html", "render failed: " + result.stdout + result.stderr)
            return
        site = pathlib.Path(work) / "site"
        page = site / "hostile-prose.html"
        check_page(driver, site, page, artifacts)
        ran = driver.execute_script("return window.__lemmaScriptRan || null")
        if ran:
            problem("hostile-prose.html", "author script ran: " + str(ran))
        found = driver.execute_script(
            """
            const bad = [];
            for (const element of document.querySelectorAll('body script, body iframe, body object, body embed, body style'))
              bad.push('<' + element.tagName.toLowerCase() + '>');
            for (const element of document.querySelectorAll('body *'))
              for (const attribute of element.attributes)
                if (attribute.name.toLowerCase().startsWith('on')) bad.push(attribute.name + ' on <' + element.tagName.toLowerCase() + '>');
            for (const link of document.querySelectorAll('a[href]'))
              if (/^\\s*javascript:/i.test(link.href)) bad.push('javascript: link ' + link.getAttribute('href'));
            if (!document.querySelector('details')) bad.push('harmless <details> was removed');
            if (!document.body.innerText.includes('rows: 2')) bad.push('the block did not read its data file');
            const local = document.querySelector('img[src="img/pixel.svg"]');
            if (!local || local.naturalWidth === 0) bad.push('the local image was not copied beside the page');
            return bad;
            """
        )
        for item in found:
            problem("hostile-prose.html", item)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--lemma", required=True)
    parser.add_argument("--preview-timings", type=int, default=0,
                        help="only time this many preview edits (for benchmarks/site.sh)")
    args = parser.parse_args()
    if args.preview_timings:
        driver = browser()
        try:
            latencies = check_preview(driver, args.lemma, pathlib.Path(args.artifacts), args.preview_timings)
        finally:
            driver.quit()
        print("latencies", " ".join(f"{value:.3f}" for value in latencies))
        sys.exit(1 if problems else 0)
    site = pathlib.Path(args.site)
    artifacts = pathlib.Path(args.artifacts)
    pages = sorted(site.glob("*.html"))
    if not pages:
        print(f"no pages in {site}", file=sys.stderr)
        sys.exit(1)
    driver = browser()
    try:
        for page in pages:
            check_page(driver, site, page, artifacts)
        check_hostile_prose(driver, args.lemma, artifacts)
        check_preview(driver, args.lemma, artifacts)
    finally:
        driver.quit()
    if problems:
        print("browser checks failed:", file=sys.stderr)
        for item in problems:
            print("  " + item, file=sys.stderr)
        sys.exit(1)
    print(f"browser checks passed: {len(pages)} pages, screenshots in {artifacts}/")


if __name__ == "__main__":
    main()

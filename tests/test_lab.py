"""The notebooks as a reader of JupyterLab gets them, and the way there from the book.

* ``make lab``'s command line (``tools.lab``): root gets ``--allow-root``, others do not;
  it opens on the introduction.
* The built book: every chapter page links its own notebook, served from the book, and
  says in one line how to run it.
* JupyterLab in headless Chromium, on a temporary copy of ``book/`` and ``data/``: the
  MyST of the markdown cells is rendered (an admonition is a box, not colon-fence
  source), after Run All the prose shows the values of its ``{eval}`` roles, the Plotly
  figures draw, and the explorer's widgets redraw on a change of filter.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_browser import CHROMIUM, CHROMIUM_ARGS, _require_chromium
from tools import lab
from tools.buildtools import IGNORE, toc_pages
from usnk.paths import ROOT

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "lab" / "myst_eval.ipynb"
CHAPTER = "02_nuclear.ipynb"
EXPLORER = "07_explorer.ipynb"
EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")


# ------------------------------------------------------------------ make lab
@pytest.mark.parametrize("uid, allow_root", [(0, True), (1000, False)])
def test_lab_command_allows_root_only_for_root(monkeypatch, uid, allow_root):
    monkeypatch.setattr(os, "geteuid", lambda: uid)
    cmd = lab.lab_command()
    assert ("--allow-root" in cmd) is allow_root
    assert cmd[:3] == [sys.executable, "-m", "jupyterlab"]


def test_lab_opens_on_the_introduction():
    cmd = lab.lab_command(["--no-browser"])
    assert f"--ServerApp.root_dir={ROOT / 'book'}" in cmd
    assert "--LabApp.default_url=/lab/tree/intro.ipynb" in cmd
    assert cmd[-1] == "--no-browser"
    assert lab.first_page() == ROOT / "book" / "intro.ipynb"


def test_make_lab_runs_the_lab_module(repo_root):
    # not as a sub-make of `make test`, whose MAKEFLAGS and MAKELEVEL would be inherited
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    out = subprocess.run(["make", "-n", "--no-print-directory", "lab"], cwd=repo_root, env=env,
                         capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == ".venv/bin/python -m tools.lab"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # traitlets and jupyter_lsp, on import
def test_jupyterlab_myst_is_installed_and_enabled(capsys):
    """The MyST renderer's lab extension is installed from its wheel (served by the
    server itself, no CDN) and its server extension (the notary) is enabled.
    (What ``jupyter labextension list`` and ``jupyter server extension list`` print,
    produced in this process: two fewer interpreters importing JupyterLab.)"""
    pin = re.search(r"^jupyterlab-myst==(\S+)$", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M)
    assert pin, "jupyterlab-myst is not pinned in requirements.txt"
    listing = _labextension_list()
    # "OK", not "X": compatible with the pinned JupyterLab, so JupyterLab loads it
    assert re.search(rf"jupyterlab-myst v{re.escape(pin.group(1))} enabled OK", listing), listing
    assert re.search(r"jupyterlab_myst enabled", _server_extension_list(capsys))


def _plain(text: str) -> str:
    """``text`` with colour codes removed and spaces collapsed."""
    return " ".join(re.sub(r"\x1b\[[0-9;]*m", "", text).split())


def _labextension_list() -> str:
    """What ``jupyter labextension list`` prints (the function it calls, its log captured)."""
    import io
    import logging

    from jupyterlab.commands import AppOptions, list_extensions
    from jupyterlab.labextensions import ListLabExtensionsApp

    stream = io.StringIO()
    logger = logging.getLogger("usnk-tests.labextension-list")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    try:
        paths = ListLabExtensionsApp().labextensions_path  # the command's own default
        list_extensions(app_options=AppOptions(logger=logger, labextensions_path=paths))
    finally:
        logger.removeHandler(handler)
    return _plain(stream.getvalue())


def _server_extension_list(capsys) -> str:
    """What ``jupyter server extension list`` prints (its app, run in this process)."""
    from jupyter_server.extension.serverextension import ListServerExtensionsApp

    capsys.readouterr()
    ListServerExtensionsApp().list_server_extensions()
    out = capsys.readouterr()
    return _plain(out.out + out.err)


# ------------------------------------------------------------ the built book
class _Links(HTMLParser):
    """The note paragraph's text and the download links of a page."""

    def __init__(self):
        super().__init__()
        self.downloads: list[str] = []
        self.note = ""
        self._in_note = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "p" and "usnk-pagenote" in classes:
            self._in_note = 1
        elif self._in_note and tag == "p":
            self._in_note += 1
        if self._in_note and tag == "a" and "download" in classes:
            self.downloads.append(attrs["href"])

    def handle_endtag(self, tag):
        if self._in_note and tag == "p":
            self._in_note -= 1

    def handle_data(self, data):
        if self._in_note:
            self.note += data


def page_note(html: Path) -> _Links:
    parser = _Links()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser


def chapter_pages() -> list[str]:
    """Every notebook page of the table of contents but the landing page (text pages
    such as the glossary have no notebook to offer)."""
    return [p for p in toc_pages()[1:] if (ROOT / f"{p}.ipynb").exists()]


@pytest.mark.build
@pytest.mark.parametrize("doc", chapter_pages())
def test_chapter_page_offers_its_notebook(built_book, doc):
    built_book.require_success()
    note = page_note(built_book.html / f"{doc}.html")
    name = Path(doc).name + ".ipynb"
    assert len(note.downloads) == 1, note.downloads
    served = (built_book.html / Path(doc).parent / note.downloads[0]).resolve()
    assert served.is_relative_to(built_book.html.resolve())
    assert served.name == name
    # the very notebook of the chapter, as committed (no outputs)
    assert json.loads(served.read_text(encoding="utf-8")) == json.loads(
        (ROOT / f"{doc}.ipynb").read_text(encoding="utf-8"))
    text = " ".join(note.note.split())
    assert text == (f"This chapter is a notebook: download {name}, or run it live with make lab "
                    f"in the repository, then open {name} and run all cells.")


@pytest.mark.build
def test_landing_page_has_no_notebook_note(built_book):
    built_book.require_success()
    note = page_note(built_book.html / f"{toc_pages()[0]}.html")
    assert note.downloads == [] and note.note == ""


# ------------------------------------------------------- JupyterLab in Chromium
SERVER_START_TIMEOUT = 60  # seconds for JupyterLab to answer
RUN_ALL_TIMEOUT = 120_000  # milliseconds for a chapter's Run All


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """JupyterLab started by ``tools.lab`` on a temporary copy of the book and its data."""

    def __init__(self, work: Path):
        self.work = work
        self.port = _free_port()
        self.token = os.urandom(16).hex()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = work / "jupyterlab.log"
        # No "receive Jupyter news?" prompt over the notebook, and every cell in the DOM
        # (by default JupyterLab skips laying out the cells out of view).
        for plugin, values in (("apputils-extension/notification", {"fetchNews": "false"}),
                               ("notebook-extension/tracker", {"windowingMode": "none"})):
            path = work / "lab-settings" / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        # the kernels import this repository's usnk and read the copy of the data
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
                   USNK_DATA_DIR=str(work / "data"), PYDEVD_DISABLE_FILE_VALIDATION="1",
                   JUPYTER_CONFIG_DIR=str(work / "jupyter-config"), JUPYTER_DATA_DIR=str(work / "jupyter-data"),
                   JUPYTER_RUNTIME_DIR=str(work / "jupyter-runtime"), PYTHONNOUSERSITE="1")
        cmd = lab.lab_command([
            "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
            "--LabApp.expose_app_in_browser=True", f"--LabApp.user_settings_dir={work / 'lab-settings'}",
            f"--LabApp.workspaces_dir={work / 'lab-workspaces'}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ], root=work)
        with self.log.open("w") as fh:
            self.proc = subprocess.Popen(cmd, cwd=work, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self._wait_ready()

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(f"{self.base}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def _wait_ready(self):
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail("JupyterLab exited at start:\n" + self.log_tail())
            try:
                self.api("/api/status")
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n" + self.log_tail())

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def stop(self):
        """Shut the kernels and the server down; kill the whole process group if slow."""
        if self.proc.poll() is None:
            try:
                self.api("/api/shutdown", method="POST")
                self.proc.wait(timeout=15)
            except (OSError, subprocess.TimeoutExpired):
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    _require_chromium()
    work = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "book", work / "book", ignore=IGNORE)
    shutil.copytree(ROOT / "data", work / "data")
    shutil.copy(ROOT / "_toc.yml", work / "_toc.yml")
    shutil.copy(FIXTURE, work / "book" / FIXTURE.name)
    server = LabServer(work)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def lab_browser(lab_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class LabPage:
    """One notebook open in JupyterLab, with every outside request blocked and counted."""

    def __init__(self, browser, server: LabServer, notebook: str):
        self.server = server
        self.notebook = notebook
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.blocked: list[str] = []
        self.page.route("**/*", self._route)
        self.page.goto(f"{server.base}/lab/tree/{notebook}?token={server.token}&reset")
        self.page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            f" && window.jupyterapp.shell.currentWidget.context && window.jupyterapp.shell.currentWidget.context.path === {json.dumps(notebook)}"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
            timeout=60_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.server.base + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def start_run_all(self):
        """Start running every cell, markdown cells too: that is when jupyterlab-myst
        evaluates their {eval} roles. Does not wait, so notebooks can run side by side."""
        self.page.evaluate("""async () => {
            const panel = window.jupyterapp.shell.currentWidget;
            await panel.sessionContext.ready;
            window.jupyterapp.commands.execute('notebook:run-all-cells');
        }""")

    def wait_run_all(self):
        """Wait until every code cell has an execution count and the kernel is idle."""
        self.page.wait_for_function("""() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cells = panel.content.widgets.filter(c => c.model.type === 'code');
            return panel.sessionContext.session.kernel.status === 'idle'
                && cells.every(c => c.model.executionCount !== null);
        }""", timeout=RUN_ALL_TIMEOUT)

    def markdown_text(self) -> str:
        """The rendered text of every markdown cell, whitespace collapsed."""
        texts = self.page.locator(".jp-MarkdownCell .jp-RenderedMarkdown, .jp-MarkdownCell .myst").all_inner_texts()
        return " ".join(" ".join(texts).split())

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def lab_pages(lab_browser, lab_server):
    """The fixture notebook, the chapter and the explorer, each after Run All (run side by
    side, each in its own kernel)."""
    pages = {name: LabPage(lab_browser, lab_server, name) for name in (FIXTURE.name, CHAPTER, EXPLORER)}
    try:
        for page in pages.values():
            page.start_run_all()
        for page in pages.values():
            page.wait_run_all()
        yield pages
    finally:
        for page in pages.values():
            page.close()


@pytest.fixture(scope="module")
def fixture_page(lab_pages):
    return lab_pages[FIXTURE.name]


@pytest.fixture(scope="module")
def chapter_page(lab_pages):
    return lab_pages[CHAPTER]


def _admonition_titles(page: LabPage) -> list[str]:
    """Titles of the admonitions jupyterlab-myst drew as boxes in the markdown cells."""
    return page.page.locator(".jp-MarkdownCell aside.myst-admonition .myst-admonition-header-text").all_inner_texts()


def first_eval_role(notebook: Path) -> tuple[str, str] | None:
    """The first ``{eval}`` role of a notebook's markdown: (the expression, the text
    before it on its line), or None when the prose has none."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for line in "".join(cell["source"]).splitlines():
            match = EVAL_ROLE.search(line)
            if match:
                return match.group(1), line[:match.start()]
    return None


def expected_text(notebook: Path, expression: str) -> str:
    """What JupyterLab shows for ``expression`` (its text/plain, as the kernel formats it)
    after the notebook's first code cell has run, computed here in the test's own Python."""
    from IPython.core.formatters import PlainTextFormatter

    nb = json.loads(notebook.read_text(encoding="utf-8"))
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    namespace: dict = {"__name__": "__main__"}
    cwd = os.getcwd()
    os.chdir(notebook.parent)
    try:
        exec(compile("".join(first["source"]), str(notebook), "exec"), namespace)
        value = eval(expression, namespace)
    finally:
        os.chdir(cwd)
    return PlainTextFormatter()(value)


def assert_prose_shows_first_eval(page: LabPage, notebook: Path) -> str:
    """The rendered prose shows the value of the notebook's first {eval} role, computed
    here from the notebook's first code cell, after the words that lead to it."""
    expression, before = first_eval_role(notebook)
    shown = expected_text(notebook, expression)
    assert re.search(r"\d", shown), f"{expression} = {shown!r} holds no number"
    text = page.markdown_text()
    # up to three plain words just before the role in the source, then its value
    lead = re.search(r"(?:[A-Za-z]+ ){0,3}$", before).group(0)
    assert lead + shown in text, (expression, lead, shown, text[:3000])
    assert "{eval}" not in text
    return shown


@pytest.mark.browser
def test_fixture_expression_is_evaluated_in_the_prose(fixture_page):
    assert assert_prose_shows_first_eval(fixture_page, FIXTURE) == "100"
    text = fixture_page.markdown_text()
    assert "The first 100 whole numbers add up to 5,050." in text, text
    assert "facts." not in text


@pytest.mark.browser
def test_fixture_admonition_is_a_box(fixture_page):
    assert _admonition_titles(fixture_page) == ["A fixture box"]
    text = fixture_page.markdown_text()
    assert ":::" not in text and "{admonition}" not in text
    assert fixture_page.blocked == []


def test_expected_text_reads_the_notebook():
    assert first_eval_role(FIXTURE) == ("facts.count", "The first ")
    assert expected_text(FIXTURE, "facts.total") == "5,050"


@pytest.mark.browser
def test_chapter_renders_its_myst(chapter_page):
    assert "Claims commonly made" in _admonition_titles(chapter_page)
    text = chapter_page.markdown_text()
    assert ":::" not in text and "{admonition}" not in text and "{cite:p}" not in text
    assert chapter_page.blocked == [], chapter_page.blocked


@pytest.mark.browser
def test_chapter_figures_draw(chapter_page):
    source = json.loads((ROOT / "book" / CHAPTER).read_text(encoding="utf-8"))
    figure_cells = [c for c in source["cells"] if c["cell_type"] == "code"
                    and re.search(r"\w_figure\(", "".join(c["source"]))]  # calls of a chart function
    page = chapter_page.page
    page.wait_for_function(
        "n => { const p = [...document.querySelectorAll('.jp-OutputArea .js-plotly-plot')];"
        " return p.length >= n && p.every(d => d.querySelector('svg.main-svg')); }",
        arg=len(figure_cells), timeout=30_000)
    assert page.locator(".jp-OutputArea .js-plotly-plot").count() == len(figure_cells) > 0
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0


@pytest.mark.browser
def test_chapter_prose_shows_a_number_from_the_data(chapter_page):
    notebook = ROOT / "book" / CHAPTER
    if first_eval_role(notebook) is None:
        pytest.skip(f"{CHAPTER} has no {{eval}} role yet (its prose still uses {{glue:text}}, "
                    "which JupyterLab cannot evaluate)")
    assert_prose_shows_first_eval(chapter_page, notebook)


@pytest.mark.browser
def test_explorer_widgets_redraw_on_a_filter_change(lab_pages):
    page = lab_pages[EXPLORER]
    p = page.page
    facility = p.locator(".widget-dropdown select").first
    facility.wait_for(timeout=30_000)
    points = ("() => { const plots = [...document.querySelectorAll('.jp-OutputArea .widget-output .js-plotly-plot')];"
              " return plots.length ? plots[plots.length - 1].querySelectorAll('.scatterlayer .point').length : -1; }")
    p.wait_for_function(f"() => ({points})() > 0", timeout=30_000)
    before = p.evaluate(points)
    options = [" ".join(o.split()) for o in facility.locator("option").all_text_contents()]
    assert options[0] == "All facilities" and len(options) > 2
    facility.select_option(index=1)
    p.wait_for_function(f"n => {{ const now = ({points})(); return now >= 0 && now !== n; }}",
                        arg=before, timeout=30_000)
    after = p.evaluate(points)
    assert 0 <= after < before
    assert page.blocked == []


@pytest.mark.browser
def test_lab_opens_on_the_introduction_when_started(lab_server):
    """The address JupyterLab prints, and its bare root, both lead to the introduction."""
    log = lab_server.log.read_text(encoding="utf-8", errors="replace")
    assert f"{lab_server.base}/lab/tree/intro.ipynb?token=" in log, log[-3000:]
    with urllib.request.urlopen(f"{lab_server.base}/?token={lab_server.token}", timeout=10) as resp:
        assert resp.url.split("?")[0] == f"{lab_server.base}/lab/tree/intro.ipynb"
        assert resp.status == 200

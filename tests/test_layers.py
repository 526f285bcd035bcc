"""The package's layers: no import circle and no import upwards, counting every import.

Every module of ``usnk/`` is parsed with :mod:`ast` (nothing is imported), and every
``import``/``from ... import`` statement is an edge, wherever it stands: at module level,
inside a function, under ``if TYPE_CHECKING``. An import inside a function hides a
circle from the interpreter; it does not remove it, so it counts here.

The layer order, lowest first (the README's *Layers* section says the same). A module
may import modules of its own layer or of a layer below it, never one above:

1. base: errors, paths, kst (Korean time), vocabulary, style, labels
2. validation: ``usnk.validate`` (frames and a package in, problems out)
3. data folder: framecache, datafiles, datafolder, datadoc (the files read once, typed tables)
4. analysis: ``usnk.analysis`` (aggregations by concept)
5. findings: ``usnk.findings``, release (each chapter's facts, verdicts and frames)
6. charts: geo, render, ``usnk.charts``, widgets (draw what they are given)
7. importers: ``usnk.importers`` (read sources, reconcile, update ``data/``)
8. edge: load, cli, ``__main__``, sphinxext, plotlyjs, pagenote (where the data folder
   is resolved and everything is put together)

Besides the order, charts never import :mod:`usnk.analysis` (what a chart shows comes
from the findings), and only the edge resolves the data folder with
:func:`usnk.paths.data_dir`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "usnk"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("usnk", "usnk.errors", "usnk.paths", "usnk.kst", "usnk.vocabulary", "usnk.style",
              "usnk.labels")),
    ("validation", ("usnk.validate",)),
    ("data folder", ("usnk.framecache", "usnk.datafiles", "usnk.datafolder", "usnk.datadoc")),
    ("analysis", ("usnk.analysis",)),
    ("findings", ("usnk.findings", "usnk.release")),
    ("charts", ("usnk.geo", "usnk.render", "usnk.charts", "usnk.widgets")),
    ("importers", ("usnk.importers",)),
    ("edge", ("usnk.load", "usnk.cli", "usnk.__main__", "usnk.sphinxext", "usnk.plotlyjs", "usnk.pagenote")),
]
"""The layers, lowest first, each a tuple of modules or packages (a package covers its
submodules; ``usnk`` alone is the package's ``__init__``)."""

FORBIDDEN = [("usnk.charts", "usnk.analysis")]
"""Imports forbidden although the order allows them: (importer, imported) prefixes."""

DATA_DIR_ALLOWED = {"usnk.paths", "usnk.load", "usnk.cli", "usnk.sphinxext"}
"""The modules that may resolve the data folder (``paths.data_dir``): the edge."""


def module_name(path: Path, root: Path = PACKAGE) -> tuple[str, bool]:
    """The dotted name of a module file, and whether it is a package's ``__init__``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts), is_package


def modules(root: Path = PACKAGE) -> dict[str, tuple[Path, bool]]:
    """Every module of the package: name → (file, is a package)."""
    return {module_name(p, root)[0]: (p, module_name(p, root)[1]) for p in sorted(root.rglob("*.py"))}


def _absolute(module: str | None, level: int, importer: str, is_package: bool) -> str:
    if level == 0:
        return module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[:len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def imports(name: str, path: Path, is_package: bool, known: set[str]) -> list[tuple[str, int]]:
    """The ``usnk`` modules that module ``name`` imports, each with its line: every
    import statement anywhere in the file, and ``importlib.import_module`` of a literal."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(node.module, node.level, name, is_package)
            for alias in node.names:  # "from usnk import load" imports the module usnk.load
                sub = f"{target}.{alias.name}"
                found.append((sub if sub in known else target, node.lineno))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.args[0].value, node.lineno))
    return [(t, line) for t, line in found if (t == "usnk" or t.startswith("usnk.")) and t != name]


def import_graph(root: Path = PACKAGE) -> dict[str, list[tuple[str, int]]]:
    """Module → the ``usnk`` modules it imports (with the line of each import)."""
    mods = modules(root)
    known = set(mods)
    graph = {}
    for name, (path, is_package) in mods.items():
        edges = []
        for target, line in imports(name, path, is_package, known):
            while target not in known and "." in target:  # a name inside a module
                target = target.rsplit(".", 1)[0]
            edges.append((target, line))
        graph[name] = edges
    return graph


def cycles(graph: dict[str, list[tuple[str, int]]]) -> list[list[str]]:
    """The import circles: every strongly connected set of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w, _ in graph.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _covers(prefix: str, module: str) -> bool:
    return module == prefix or (prefix != "usnk" and module.startswith(prefix + "."))


def layer_of(module: str) -> int:
    """The index of the module's layer in :data:`LAYERS`; KeyError if it has none."""
    best = None
    for i, (_, members) in enumerate(LAYERS):
        for prefix in members:
            if _covers(prefix, module) and (best is None or len(prefix) > len(best[1])):
                best = (i, prefix)
    if best is None:
        raise KeyError(module)
    return best[0]


def upward_imports(graph) -> list[str]:
    """Every import of a module of a higher layer, as ``file:line importer -> imported``."""
    out = []
    for name, edges in sorted(graph.items()):
        for target, line in edges:
            if layer_of(target) > layer_of(name):
                out.append(f"{name}:{line} ({LAYERS[layer_of(name)][0]}) imports {target} "
                           f"({LAYERS[layer_of(target)][0]})")
    return out


def forbidden_imports(graph) -> set[tuple[str, str]]:
    return {(name, target) for name, edges in graph.items() for target, _ in edges
            for low, high in FORBIDDEN if _covers(low, name) and _covers(high, target)}


def data_dir_calls(root: Path = PACKAGE) -> list[str]:
    """Modules outside the edge that name ``data_dir`` from :mod:`usnk.paths`."""
    out = []
    for name, (path, _) in modules(root).items():
        if name in DATA_DIR_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            hit = ((isinstance(node, ast.Attribute) and node.attr == "data_dir"
                    and isinstance(node.value, ast.Name) and node.value.id == "paths")
                   or (isinstance(node, ast.ImportFrom) and node.module in ("usnk.paths", "paths")
                       and any(a.name == "data_dir" for a in node.names)))
            if hit:
                out.append(f"{name}:{node.lineno}")
    return out


CLOCK_FREE = ("usnk.labels", "usnk.style", "usnk.analysis", "usnk.findings", "usnk.geo", "usnk.render",
              "usnk.charts", "usnk.widgets")
"""Modules whose results depend only on what they are given: no call reads the clock (the
newest date of the data, or a date the edge passes, stands in for "today")."""

CLOCK_CALLS = {"today", "now", "utcnow", "time", "monotonic"}


def clock_calls(root: Path = PACKAGE, scope=CLOCK_FREE) -> list[str]:
    """Calls of ``X.today()``, ``X.now()``, ``X.utcnow()``, ``time.time()`` ... in the
    clock-free modules, as ``module:line``."""
    out = []
    for name, (path, _) in modules(root).items():
        if not any(_covers(prefix, name) for prefix in scope):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in CLOCK_CALLS):
                out.append(f"{name}:{node.lineno} calls .{node.func.attr}()")
    return out


# --------------------------------------------------------------------------- the package


@pytest.fixture(scope="module")
def graph():
    return import_graph()


def test_every_module_has_a_layer(graph):
    missing = []
    for name in graph:
        try:
            layer_of(name)
        except KeyError:
            missing.append(name)
    assert missing == [], "modules with no layer in LAYERS (add them): " + ", ".join(missing)


def test_no_import_circle(graph):
    assert cycles(graph) == []


def test_no_import_against_the_layer_order(graph):
    assert upward_imports(graph) == []


def test_charts_do_not_import_analysis(graph):
    assert forbidden_imports(graph) == set()


def test_only_the_edge_resolves_the_data_folder():
    assert data_dir_calls() == []


def test_findings_analysis_and_charts_never_read_the_clock():
    assert clock_calls() == []


def test_the_graph_sees_imports_inside_functions(graph):
    # usnk.cli imports the importers inside the function of its command only
    assert "usnk.importers.update" in {t for t, _ in graph["usnk.cli"]}


# --------------------------------------------------------------------------- the checker itself


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "usnk"
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return root


def test_a_circle_through_a_function_level_import_is_found(tmp_path):
    root = _package(tmp_path, {
        "validate/rules.py": "from usnk.importers import ledger\n",
        "importers/ledger.py": "def f():\n    from ..validate.rules import x\n",
    })
    assert cycles(import_graph(root)) == [["usnk.importers.ledger", "usnk.validate.rules"]]


def test_an_upward_import_inside_a_function_is_found(tmp_path):
    root = _package(tmp_path, {
        "findings/history.py": "def history(tables):\n    from usnk.load import package\n",
        "load.py": "",
    })
    assert upward_imports(import_graph(root)) == [
        "usnk.findings.history:2 (findings) imports usnk.load (edge)"]


def test_a_chart_importing_analysis_and_a_data_dir_outside_the_edge_are_found(tmp_path):
    root = _package(tmp_path, {
        "charts/timeline.py": "from ..analysis import launches_per_period\n",
        "analysis/launches.py": "def launches_per_period(): pass\n",
        "importers/common.py": "from usnk import paths\nFOLDER = paths.data_dir()\n",
        "paths.py": "def data_dir(): pass\n",
    })
    assert forbidden_imports(import_graph(root)) == {("usnk.charts.timeline", "usnk.analysis")}
    assert data_dir_calls(root) == ["usnk.importers.common:2"]


def test_a_clock_call_in_a_chart_is_found(tmp_path):
    root = _package(tmp_path, {"charts/axis.py": "import pandas as pd\n\ndef end():\n    return pd.Timestamp.today()\n",
                               "importers/log.py": "import datetime\nTODAY = datetime.date.today()\n"})
    assert clock_calls(root) == ["usnk.charts.axis:4 calls .today()"]  # importers are at the edge of time

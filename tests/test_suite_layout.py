"""The test suite is organised by what it tests: every ``tests/test_*.py`` is named after
the module it tests (``test_validate_rules.py``: ``usnk/validate/rules.py``; ``test_lab.py``:
``tools/lab.py``), after a package and modules of it (``test_charts_diplomacy_region.py``:
``usnk/charts/diplomacy.py`` and ``region.py``), or after one of the concepts listed
here; and no name tells how its tests came about (found by mutation testing, written for
default arguments, added later). A new test goes into the file of what it tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
SOURCES = ("usnk", "tools", "tests")   # folders whose modules a test file may be named after

#: Words that say when or why tests were written, not what they test.
HISTORY_WORDS = frozenset({"mutants", "mutant", "parts", "defaults", "extra", "more", "new", "fix", "fixes",
                           "misc", "old"})

#: Test files named after what they check across modules, each with what that is.
CONCEPTS = {
    "atomic_update": "an update that fails half-way leaves data/ exactly as it was",
    "book": "the built book: strict build, assets, what a data change re-executes",
    "browser": "the built book in a real browser",
    "chart_data": "every chart's data as a CSV, and its link on the page",
    "claims_catalogue": "one verdict per catalogued claim, each claim where the article has it",
    "claims_framework": "the verdict framework: the five verdicts, method fields, robustness",
    "cns_importer": "the CNS importer on the official file formats",
    "csis_importer": "the CSIS Beyond Parallel importer",
    "data_facts": "known facts in the committed tables of data/",
    "datapackage_standard": "data/ passes the standard Frictionless validator",
    "date_evidence": "the date rule from evidence and its use by the importers",
    "editorial": "editorial consistency across chapters",
    "findings_commitments": "the findings on the 2018 halt, Hanoi, the 2021 outreach and the commitments",
    "findings_contract": "every fact and frame a notebook asks of its findings exists",
    "findings_economy": "the economy, exercises and China-trade findings",
    "findings_tables": "each chapter's findings declare the tables they read",
    "fuzz_importers": "damaged and hostile source files through the importers' readers",
    "hostile_inputs": "the hostile inputs of issue 22, one by one",
    "hygiene": "what the repository holds: no outputs, no generated or copied files",
    "layers": "the package's layers: no import circle and no import upwards",
    "notebook_dependencies": "a change in usnk/ re-executes the notebooks",
    "notebooks": "every notebook as the build executed it",
    "suite_layout": "this file: the test files are named by what they test",
    "verdict_history": "the verdicts each release recorded, and those that moved",
}

#: Test files exempt from the naming rule while they are being folded into the test
#: files of their modules (none now): an entry must go once its file is gone.
PENDING: dict[str, str] = {}


def module_paths(root: Path = ROOT) -> set[tuple[str, ...]]:
    """Every module and package under ``SOURCES`` as its path of names:
    ``("usnk", "validate", "rules")``, ``("usnk", "validate")`` for its ``__init__.py``."""
    paths = set()
    for top in SOURCES:
        for file in (root / top).rglob("*.py"):
            parts = file.relative_to(root).with_suffix("").parts
            if "__pycache__" in parts or parts[-1].startswith("test_"):
                continue
            paths.add(parts[:-1] if parts[-1] == "__init__" else parts)
    return paths


def module_names(paths: set[tuple[str, ...]]) -> set[str]:
    """The names a test file may take after a module: the module's path without any of
    its leading packages (``validate_rules``, ``rules``, ``importers_update``, ``update``),
    or a package followed by two or more of its modules (``charts_diplomacy_region``)."""
    names = {"_".join(p[i:]) for p in paths for i in range(len(p))}
    children: dict[tuple[str, ...], list[str]] = {}
    for p in paths:
        children.setdefault(p[:-1], []).append(p[-1])
    for package, kids in children.items():
        if len(package) < 2:        # only a package inside a source folder: usnk.charts, not usnk
            continue
        for i in range(1, len(package)):
            prefix = "_".join(package[i:])
            names |= {f"{prefix}_{a}_{b}" for a in kids for b in kids if a != b}
    return {n for n in names if n}


def layout_problems(files, names: set[str], concepts=CONCEPTS, pending=PENDING) -> list[str]:
    """What is wrong with the names of the test ``files`` (file names ``test_*.py``):
    one named after neither a module (``names``) nor a concept, one with a history
    word; exempt are the ``pending`` files."""
    problems = []
    for file in sorted(files):
        if file in pending:
            continue
        stem = file.removeprefix("test_").removesuffix(".py")
        history = sorted(HISTORY_WORDS & set(stem.split("_")))
        if history:
            problems.append(f"{file}: {', '.join(history)} tells how the tests came about, not what they test; "
                            "put them in the file of the module they test")
        elif stem not in names and stem not in concepts:
            problems.append(f"{file}: expected the name of a module under {', '.join(SOURCES)} "
                            "(e.g. test_validate_rules.py) or a concept listed in tests/test_suite_layout.py")
    return problems


def test_every_test_file_is_named_after_a_module_or_a_listed_concept():
    files = [p.name for p in TESTS.glob("test_*.py")]
    assert layout_problems(files, module_names(module_paths())) == []


def test_every_listed_concept_and_pending_file_is_there():
    files = {p.name for p in TESTS.glob("test_*.py")}
    names = module_names(module_paths())
    assert [c for c in CONCEPTS if f"test_{c}.py" not in files] == []
    assert [c for c in CONCEPTS if c in names] == [], "a concept that names a module needs no entry"
    assert [f for f in PENDING if f not in files] == [], "a pending file is gone: remove its entry from PENDING"


def test_the_module_names_follow_the_source_tree():
    names = module_names(module_paths())
    assert {"validate", "validate_rules", "rules", "analysis_tempo", "importers_update", "update", "datafolder",
            "kst", "labels", "lab", "tools", "sharedref", "charts_diplomacy_region", "findings_intro_data"} <= names
    assert not {"validate_tempo", "analysis_rules", "charts_diplomacy_tempo", "test_book", "book"} & names


def test_a_history_word_or_an_unknown_name_is_refused():
    names = module_names(module_paths())
    files = ["test_validate_rules.py", "test_analysis_mutants.py", "test_update_parts.py", "test_load_new.py",
             "test_defaults.py", "test_odds_and_ends.py", "test_charts_history_nuclear.py", "test_book.py"]
    problems = layout_problems(files, names, pending={"test_update_parts.py": "pending"})
    assert [p.split(":")[0] for p in problems] == [
        "test_analysis_mutants.py", "test_defaults.py", "test_load_new.py", "test_odds_and_ends.py"]
    assert "mutants tells how the tests came about" in problems[0]
    assert "expected the name of a module" in problems[3]

"""The package's modules and longest functions at two commits, side by side (not a test).

``python -m tools.modules OLD NEW [--top N]`` reads ``usnk/`` at the git revisions
``OLD`` and ``NEW`` (``.`` for the working tree) and prints, as Markdown, every module
with its lines at each (blank when absent), then the ``N`` longest functions of each
(lines from ``def`` to the function's last line, decorators aside). For a refactor's
closing note: which modules appeared, which went, what grew and what shrank.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sources(rev: str) -> dict[str, str]:
    """``usnk/**.py`` at ``rev`` (``.``: the working tree): path → text."""
    if rev == ".":
        return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "usnk").rglob("*.py"))}
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", rev, "usnk"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    return {n: subprocess.run(["git", "show", f"{rev}:{n}"], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout for n in names if n.endswith(".py")}


def functions(path: str, text: str) -> list[tuple[int, str]]:
    """(lines, qualified name) of every function and method in one module."""
    found = []

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                found.append((child.end_lineno - child.lineno + 1, f"{path}:{name}"))
                visit(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")

    visit(ast.parse(text, path), "")
    return found


def lines(text: str) -> int:
    return len(text.splitlines())


def report(old: str, new: str, top: int = 10) -> str:
    before, after = sources(old), sources(new)
    out = [f"| module | lines at {old} | lines at {new} |", "|---|---:|---:|"]
    for path in sorted(set(before) | set(after)):
        a = str(lines(before[path])) if path in before else ""
        b = str(lines(after[path])) if path in after else ""
        out.append(f"| `{path}` | {a} | {b} |")
    total_a, total_b = sum(map(lines, before.values())), sum(map(lines, after.values()))
    out.append(f"| **{len(before)} → {len(after)} modules** | **{total_a}** | **{total_b}** |")
    for rev, src in ((old, before), (new, after)):
        longest = sorted((f for p, t in src.items() for f in functions(p, t)), reverse=True)[:top]
        out += ["", f"Longest functions at {rev}:", ""]
        out += [f"- `{name}`: {n} lines" for n, name in longest]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    top = 10
    if "--top" in argv:
        i = argv.index("--top")
        top = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    sys.stdout.write(report(argv[0], argv[1], top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

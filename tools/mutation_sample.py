"""A reproducible stratified sample of mutmut's mutants: in each module, a fixed
fraction (at least ``--minimum``) drawn with a fixed seed.

    .venv/bin/python -m tools.mutation_sample 'usnk.findings.*' 'usnk.analysis.*' \\
        --fraction 0.1 --minimum 8 --seed 13 [--run]

reads the mutant names mutmut generated (``mutants/**/*.py.meta``; run ``mutmut run``
once first), prints the sample one name a line, or with ``--run`` passes it to
``mutmut run --max-children 1``. Each module draws from its own random stream
(seeded by the seed and the module's name), so its sample does not depend on which
other modules are sampled.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import math
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path


def module_of(mutant: str) -> str:
    """The module a mutant name belongs to: ``usnk.analysis.tempo`` for
    ``usnk.analysis.tempo.x_pause_after__mutmut_3`` (function and method names hold
    no dots)."""
    return mutant.rsplit(".", 1)[0]


def mutant_names(mutants_dir: Path) -> list[str]:
    """Every mutant mutmut generated under ``mutants_dir``, sorted."""
    names = []
    for meta in sorted(mutants_dir.rglob("*.py.meta")):
        names += json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return sorted(names)


def stratified_sample(names, patterns, fraction: float, minimum: int, seed: int) -> list[str]:
    """Of the ``names`` whose module matches one of ``patterns`` (fnmatch), per module
    ``max(minimum, ceil(fraction * n))`` of its ``n`` mutants (all of them when it has
    no more), drawn with ``seed``; sorted."""
    by_module = defaultdict(list)
    for name in names:
        module = module_of(name)
        if any(fnmatch.fnmatchcase(module, p) for p in patterns):
            by_module[module].append(name)
    sample = []
    for module, members in by_module.items():
        k = min(len(members), max(minimum, math.ceil(fraction * len(members))))
        sample += random.Random(f"{seed}:{module}").sample(sorted(members), k)
    return sorted(sample)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("patterns", nargs="+", help="module globs, e.g. 'usnk.findings.*'")
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--minimum", type=int, default=8, help="mutants per module at least")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--mutants", type=Path, default=Path("mutants"), help="mutmut's folder")
    parser.add_argument("--run", action="store_true", help="run the sample with mutmut (one worker)")
    args = parser.parse_args(argv)
    sample = stratified_sample(mutant_names(args.mutants), args.patterns, args.fraction, args.minimum, args.seed)
    if not sample:
        print(f"no mutant of a module matching {' '.join(args.patterns)} in {args.mutants}/", file=sys.stderr)
        return 1
    if args.run:
        mutmut = Path(sys.executable).with_name("mutmut")
        return subprocess.run([str(mutmut), "run", "--max-children", "1", *sample]).returncode
    print("\n".join(sample))
    return 0


if __name__ == "__main__":
    sys.exit(main())

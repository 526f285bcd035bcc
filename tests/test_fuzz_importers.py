"""Damaged and hostile source files through the importers' readers (Hypothesis).

Every damaged file (see ``damage.py``) must give a located refusal that names the
input file, or an import whose every row is plausible: never an internal error.
The fast part runs a few examples per kind in ``make test`` (derandomised, so the
same every run); ``make fuzz`` runs ``$USNK_FUZZ_EXAMPLES`` per test from a given
``--hypothesis-seed`` and prints the counts, the seed and the wall time.

Memory is bounded by the readers' limits (tested in ``test_hostile_inputs.py`` in a
subprocess under a memory limit); time is bounded per damaged file by an alarm that
fails a case which hangs (a hang guard, not a speed measurement).
"""

from __future__ import annotations

import collections
import os
import random
import resource
import signal
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import damage
from sharedref import CNS_COPY, CSIS_TABLE, OFFICIAL_CNS, need

EXAMPLES = int(os.environ.get("USNK_FUZZ_EXAMPLES") or 0)
"""Examples per test in a fuzz run; 0 for the fast part of ``make test``."""

HANG_GUARD_SECONDS = 120
"""A single damaged file that takes longer than this is taken to hang."""

FAST = settings(max_examples=8, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FUZZ = settings(max_examples=EXAMPLES or 1, derandomize=False, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SETTINGS = FUZZ if EXAMPLES else FAST

COUNTS: collections.Counter = collections.Counter()
FAILURES: list[str] = []
STARTED = time.monotonic()


@pytest.fixture(scope="module", autouse=True)
def report(request):
    """After the module: the counts per kind and result, the seed and the wall time."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or not COUNTS:
        return
    seed = request.config.getoption("hypothesis_seed", None)
    total = sum(COUNTS.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        reporter.write_line(f"damaged inputs: {total} files, seed {seed if seed is not None else 'derandomized'}, "
                            f"wall {time.monotonic() - STARTED:.0f} s, peak RSS {peak} MB")
        for (kind, result), n in sorted(COUNTS.items()):
            reporter.write_line(f"  {kind:10} {result:9} {n}")


def _alarm(signum, frame):
    raise TimeoutError(f"a damaged file took more than {HANG_GUARD_SECONDS} s")


def check(base: damage.Base, name: str, rnd: random.Random) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = damage.write(base, Path(folder), name, rnd)
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(HANG_GUARD_SECONDS)
        try:
            result = damage.outcome(base.kind, path)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
    COUNTS[(base.kind, result.result)] += 1
    assert result.result in ("refused", "imported"), f"{base.kind} {base.name} damaged by {name}: {result.detail}"


def bases_of(kind: str, reference: bool) -> list[damage.Base]:
    if reference:
        found = damage.reference_bases(need(OFFICIAL_CNS), need(CNS_COPY), need(CSIS_TABLE))
    else:
        found = damage.fixture_bases()
    return [b for b in found if b.kind == kind]


@pytest.mark.parametrize("kind", damage.KINDS)
@pytest.mark.parametrize("reference", [False, True], ids=["fixture", "reference"])
def test_a_damaged_file_is_refused_with_its_location_or_imported_plausibly(kind, reference):
    bases = bases_of(kind, reference)

    @SETTINGS
    @given(data=st.data())
    def run(data):
        base = data.draw(st.sampled_from(bases), label="base")
        name = data.draw(st.sampled_from(sorted(damage.DAMAGES)), label="damage")
        rnd = data.draw(st.randoms(use_true_random=False), label="random")
        check(base, name, rnd)

    run()


@pytest.mark.parametrize("name", sorted(damage.DAMAGES))
def test_every_damage_on_every_fixture_kind(name):
    """Each damage once on each fixture (seeded): the fast corpus part."""
    for i, base in enumerate(damage.fixture_bases()):
        check(base, name, random.Random(f"{name}-{i}"))


def test_the_judge_tells_failures_from_refusals(tmp_path):
    """The outcome judge itself: a refusal naming another file and an implausible row
    are failures, a located refusal is a refusal, a good file an import."""
    good = tmp_path / "good.csv"
    good.write_bytes((damage.FIXTURES / "csis" / "update_sample.csv").read_bytes())
    assert damage.outcome("csis-csv", good).result == "imported"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    refused = damage.outcome("csis-csv", empty)
    assert refused.result == "refused" and refused.problems[0].file == str(empty)
    frame = __import__("pandas").DataFrame([{"date": "1000-01-01", "apogee_km": "inf", "distance_km": "",
                                             "latitude": "", "longitude": "-200"}])
    assert damage.launch_problems(frame) == ["launch date 1000-01-01", "apogee inf", "coordinates , -200"]

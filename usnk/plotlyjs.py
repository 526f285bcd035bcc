"""Which plotly.js the built book serves, and how it is installed.

The plotly Python package ships the full plotly.js (about 4.7 MB minified, every trace
type). The book draws only a few trace types, so it serves two of plotly.js's official
partial bundles of the same version: *basic* (bar, pie, scatter: 1.2 MB) and
*cartesian* (those and heatmaps, box plots, histograms...: 1.5 MB). Each page with
charts loads the first bundle that draws every trace type its charts use
(:func:`choose`): a browser evaluates the basic bundle in about a third of the time
the cartesian one takes, which is most of the time to a page's first chart. ``make``
installs both once, from the npm registry, into the virtualenv (``python -m
usnk.plotlyjs fetch``): each download is checked against the registry's published
sha512 before anything is written. A bundle that is not installed is skipped, and
the full plotly.js from the plotly package serves what no installed bundle can draw,
so a build never fails for want of a bundle.

The pinned version must match the plotly.js that plotly.py targets (a test checks).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

import plotly

VERSION = "4.1.1"
#: The partial bundles, smallest first; ``traces``: the trace types each registers
#: (read from the bundle's code).
BUNDLES = (
    {
        "name": "basic",
        "package": "plotly.js-basic-dist-min",
        "member": "package/plotly-basic.min.js",
        "integrity": "sha512-1oNF8PeQx2hv/y7tqEVWKD3JGwn/MGEMQ8mL9HUwsaqG9FGy/OU5FHUHvzqbqxN4mnwZGI9abTiE775C4kkjMQ==",
        "traces": ("bar", "pie", "scatter"),
    },
    {
        "name": "cartesian",
        "package": "plotly.js-cartesian-dist-min",
        "member": "package/plotly-cartesian.min.js",
        "integrity": "sha512-o8GrFeusncwBIxbBynRJpY4pkgVB6caM+JLpwrLYbbsO7dZ8FJ+SVN2Fr+L7kiG/Z6w4P5O0Jus/Qr5EefHVeg==",
        "traces": ("bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image",
                   "pie", "scatter", "scatterternary", "violin"),
    },
)
REGISTRY = "https://registry.npmjs.org"
FULL_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def tarball_url(bundle: dict) -> str:
    name = bundle["package"]
    return f"{REGISTRY}/{name}/-/{name}-{VERSION}.tgz"


def installed_path(bundle: dict) -> Path:
    """Where ``fetch`` puts ``bundle``: inside the running Python environment."""
    return Path(sys.prefix) / "share" / "usnk" / f"plotly-{bundle['name']}-{VERSION}.min.js"


def full_version() -> str:
    """The plotly.js version of the plotly package's full bundle (from its banner)."""
    with FULL_PLOTLY_JS.open(encoding="utf-8") as fh:
        head = fh.read(200)
    return head.split("plotly.js v", 1)[1].split()[0]


def served() -> list[tuple[Path, str, tuple[str, ...] | None]]:
    """What the book can serve, in order of preference: each installed bundle (its file,
    its name in ``_static`` and the trace types it draws), then the full plotly.js
    (trace types ``None``: all of them)."""
    out = [(installed_path(b), installed_path(b).name, b["traces"]) for b in BUNDLES if installed_path(b).exists()]
    return out + [(FULL_PLOTLY_JS, f"plotly-{full_version()}.min.js", None)]


def choose(trace_types, options=None) -> tuple[Path, str]:
    """The file and ``_static`` name of the first of ``options`` (default:
    :func:`served`) that draws every one of ``trace_types``."""
    wanted = set(trace_types)
    for path, name, traces in options if options is not None else served():
        if traces is None or wanted <= set(traces):
            return path, name
    raise ValueError(f"no plotly.js can draw {sorted(wanted)}")


def _check(data: bytes, bundle: dict) -> None:
    algo, expected = bundle["integrity"].split("-", 1)
    digest = base64.b64encode(hashlib.new(algo, data).digest()).decode()
    if digest != expected:
        raise ValueError(f"{tarball_url(bundle)}: {algo} checksum mismatch (got {digest}, expected {expected})")


def fetch(*, timeout: float = 60) -> list[Path]:
    """Download, verify and install every bundle (each a no-op when already there)."""
    return [_fetch(bundle, timeout) for bundle in BUNDLES]


def _fetch(bundle: dict, timeout: float) -> Path:
    target = installed_path(bundle)
    if target.exists():
        return target
    with urllib.request.urlopen(tarball_url(bundle), timeout=timeout) as resp:  # noqa: S310 (fixed https URL)
        data = resp.read(20 * 1024 * 1024)
    _check(data, bundle)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        script = tar.extractfile(bundle["member"]).read()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(script)
    os.replace(tmp, target)
    return target


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args != ["fetch"]:
        print("usage: python -m usnk.plotlyjs fetch", file=sys.stderr)
        return 2
    try:
        paths = fetch()
    except (OSError, ValueError) as exc:
        print(f"could not install the plotly.js partial bundles: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"plotly.js bundle: {path} ({path.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

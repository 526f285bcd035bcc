"""Which plotly.js the built book serves, and how it is installed.

The plotly Python package ships the full plotly.js (about 4.7 MB minified, every trace
type). The book draws only cartesian traces (bar, scatter, heatmap), so it serves
plotly.js's official *cartesian* partial bundle of the same version (1.5 MB), which a
browser parses in a fraction of the time. ``make`` installs it once, from the npm
registry, into the virtualenv (``python -m usnk.plotlyjs fetch``): the download is
checked against the registry's published sha512 before anything is written. When the
bundle is not installed, the book falls back to the full plotly.js from the plotly
package, so a build never fails for want of it.

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

BUNDLE = {
    "package": "plotly.js-cartesian-dist-min",
    "version": "4.1.1",
    "member": "package/plotly-cartesian.min.js",
    "integrity": "sha512-o8GrFeusncwBIxbBynRJpY4pkgVB6caM+JLpwrLYbbsO7dZ8FJ+SVN2Fr+L7kiG/Z6w4P5O0Jus/Qr5EefHVeg==",
    # trace types the cartesian bundle registers (from its source)
    "traces": ("bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image",
               "pie", "scatter", "scatterternary", "violin"),
}
REGISTRY = "https://registry.npmjs.org"
FULL_PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def tarball_url() -> str:
    name, version = BUNDLE["package"], BUNDLE["version"]
    return f"{REGISTRY}/{name}/-/{name}-{version}.tgz"


def installed_path() -> Path:
    """Where ``fetch`` puts the bundle: inside the running Python environment."""
    return Path(sys.prefix) / "share" / "usnk" / f"plotly-cartesian-{BUNDLE['version']}.min.js"


def full_version() -> str:
    """The plotly.js version of the plotly package's full bundle (from its banner)."""
    with FULL_PLOTLY_JS.open(encoding="utf-8") as fh:
        head = fh.read(200)
    return head.split("plotly.js v", 1)[1].split()[0]


def served() -> tuple[Path, str, tuple[str, ...] | None]:
    """The file the book serves, its name in ``_static``, and the trace types it can
    draw (``None``: all of them)."""
    bundle = installed_path()
    if bundle.exists():
        return bundle, bundle.name, BUNDLE["traces"]
    return FULL_PLOTLY_JS, f"plotly-{full_version()}.min.js", None


def _check(data: bytes) -> None:
    algo, expected = BUNDLE["integrity"].split("-", 1)
    digest = base64.b64encode(hashlib.new(algo, data).digest()).decode()
    if digest != expected:
        raise ValueError(f"{tarball_url()}: {algo} checksum mismatch (got {digest}, expected {expected})")


def fetch(*, timeout: float = 60) -> Path:
    """Download, verify and install the bundle (a no-op when it is already there)."""
    target = installed_path()
    if target.exists():
        return target
    with urllib.request.urlopen(tarball_url(), timeout=timeout) as resp:  # noqa: S310 (fixed https URL)
        data = resp.read(20 * 1024 * 1024)
    _check(data)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        script = tar.extractfile(BUNDLE["member"]).read()
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
        path = fetch()
    except (OSError, ValueError) as exc:
        print(f"could not install the plotly.js cartesian bundle: {exc}", file=sys.stderr)
        return 1
    print(f"plotly.js bundle: {path} ({path.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

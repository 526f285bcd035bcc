"""The plotly.js bundle the book serves."""

from __future__ import annotations

import pytest

from usnk import plotlyjs


def test_pinned_bundle_matches_the_plotly_js_that_plotly_py_targets():
    assert plotlyjs.BUNDLE["version"] == plotlyjs.full_version()


def test_checksum_mismatch_is_refused():
    with pytest.raises(ValueError, match="checksum mismatch"):
        plotlyjs._check(b"not the tarball")


def test_served_prefers_the_installed_bundle(tmp_path, monkeypatch):
    fake = tmp_path / "plotly-cartesian-x.min.js"
    monkeypatch.setattr(plotlyjs, "installed_path", lambda: fake)
    path, name, traces = plotlyjs.served()
    assert path == plotlyjs.FULL_PLOTLY_JS and traces is None and name.startswith("plotly-")
    fake.write_text("/* bundle */")
    path, name, traces = plotlyjs.served()
    assert path == fake and name == fake.name and "bar" in traces and "scatter" in traces


def test_the_setup_installed_the_compact_bundle():
    """`make` fetches the bundle into the virtualenv; without it pages would carry
    the full 4.7 MB plotly.js."""
    path = plotlyjs.installed_path()
    assert path.exists(), f"run: python -m usnk.plotlyjs fetch (missing {path})"
    head = path.read_text(encoding="utf-8")[:200]
    assert f"plotly.js (cartesian - minified) v{plotlyjs.BUNDLE['version']}" in head

"""The plotly.js bundles the book serves, and which page gets which."""

from __future__ import annotations

import pytest

from usnk import plotlyjs, sphinxext


def test_pinned_bundles_match_the_plotly_js_that_plotly_py_targets():
    assert plotlyjs.VERSION == plotlyjs.full_version()


@pytest.mark.parametrize("bundle", plotlyjs.BUNDLES, ids=lambda b: b["name"])
def test_checksum_mismatch_is_refused(bundle):
    with pytest.raises(ValueError, match=f"{bundle['package']}.*checksum mismatch"):
        plotlyjs._check(b"not the tarball", bundle)


def test_served_lists_installed_bundles_smallest_first_then_the_full_plotly(tmp_path, monkeypatch):
    paths = {b["name"]: tmp_path / f"plotly-{b['name']}.min.js" for b in plotlyjs.BUNDLES}
    monkeypatch.setattr(plotlyjs, "installed_path", lambda b: paths[b["name"]])
    options = plotlyjs.served()
    assert [o[0] for o in options] == [plotlyjs.FULL_PLOTLY_JS] and options[0][2] is None
    paths["cartesian"].write_text("/* bundle */")
    assert [o[0] for o in plotlyjs.served()] == [paths["cartesian"], plotlyjs.FULL_PLOTLY_JS]
    paths["basic"].write_text("/* bundle */")
    options = plotlyjs.served()
    assert [o[0] for o in options] == [paths["basic"], paths["cartesian"], plotlyjs.FULL_PLOTLY_JS]
    assert options[0][1] == "plotly-basic.min.js" and set(options[0][2]) == {"bar", "pie", "scatter"}


def test_each_page_gets_the_first_bundle_that_draws_all_its_traces(tmp_path):
    options = [(tmp_path / "b.js", "b.js", ("bar", "scatter")), (tmp_path / "c.js", "c.js", ("bar", "heatmap",
                                                                                               "scatter")),
               (tmp_path / "full.js", "full.js", None)]
    assert plotlyjs.choose({"bar"}, options)[1] == "b.js"
    assert plotlyjs.choose({"bar", "scatter"}, options)[1] == "b.js"
    assert plotlyjs.choose({"scatter", "heatmap"}, options)[1] == "c.js"
    assert plotlyjs.choose({"scattergeo"}, options)[1] == "full.js"
    with pytest.raises(ValueError, match="scattergeo"):
        plotlyjs.choose({"scattergeo"}, options[:2])


def test_a_pages_trace_types_are_read_from_its_figures():
    import plotly.graph_objects as go

    from usnk.render import figure_html

    page = (figure_html(go.Figure(go.Bar(x=[1], y=[2]))) + "<p>text</p>"
            + figure_html(go.Figure([go.Scatter(x=[1], y=[1]), go.Heatmap(z=[[1]])])))
    assert sphinxext.trace_types(page) == {"bar", "scatter", "heatmap"}
    assert sphinxext.trace_types("<p>no chart</p>") == set()


@pytest.mark.parametrize("bundle", plotlyjs.BUNDLES, ids=lambda b: b["name"])
def test_the_setup_installed_the_partial_bundles(bundle):
    """`make` fetches the bundles into the virtualenv; without them pages would carry
    the full 4.7 MB plotly.js."""
    path = plotlyjs.installed_path(bundle)
    assert path.exists(), f"run: python -m usnk.plotlyjs fetch (missing {path})"
    head = path.read_text(encoding="utf-8")[:200]
    assert f"plotly.js ({bundle['name']} - minified) v{plotlyjs.VERSION}" in head
    # the bundle registers the trace types the book expects of it
    text = path.read_text(encoding="utf-8")
    for trace in bundle["traces"]:
        assert f'moduleType:"trace",name:"{trace}"' in text, trace

"""Every chart's data as a CSV: the frame a figure plots, the link under it, the file the
book serves, and (on the built book) that each chart's link opens that CSV."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
import pytest
import plotly.graph_objects as go

from usnk import render
from usnk.sphinxext import serve_chart_data


def _figure():
    fig = go.Figure()
    fig.add_bar(x=[2015, 2016], y=[5430.0, 2634.0], name="Trade &amp; aid")
    fig.add_scatter(x=["a"], y=[1], mode="lines", hoverinfo="skip", showlegend=False)  # decoration
    fig.add_scatter(x=[2015, 2016, 2017], y=[1.0, 3.9], name="growth")
    return fig


def test_figure_frame_has_a_row_per_point_of_every_data_trace():
    frame = render.figure_frame(_figure())
    assert frame.columns.tolist() == ["series", "x", "y"]
    assert frame.values.tolist()[:4] == [["Trade & aid", 2015, 5430.0], ["Trade & aid", 2016, 2634.0],
                                         ["growth", 2015, 1.0], ["growth", 2016, 3.9]]
    assert frame.loc[4, "x"] == 2017 and pd.isna(frame.loc[4, "y"])


def test_figure_frame_writes_dates_as_the_page_shows_them():
    fig = go.Figure(go.Scatter(x=pd.DatetimeIndex(["2006-07-05 00:00", "2017-09-03 12:30"]), y=[1, 2], name="d"))
    assert render.figure_frame(fig)["x"].tolist() == ["2006-07-05", "2017-09-03T12:30:00"]
    as_text = {"data": [{"type": "scatter", "x": ["2006-07-05T00:00:00.000000000", "2017-09-03 12:30:00"], "y": [1, 2]}]}
    assert render.figure_frame(as_text)["x"].tolist() == ["2006-07-05", "2017-09-03 12:30:00"]


def test_figure_frame_reads_plotly_typed_arrays_and_map_coordinates():
    data = {"data": [{"type": "scattergeo", "name": "sites", "lat": [39.0], "lon": [125.7]},
                     {"type": "bar", "x": {"dtype": "i2", "bdata": base64.b64encode(bytes([1, 0, 2, 0])).decode()},
                      "y": [3, 4]}]}
    frame = render.figure_frame(data)
    assert frame.loc[0, ["series", "lat", "lon"]].tolist() == ["sites", 39.0, 125.7]
    assert frame.loc[1:, ["series", "x", "y"]].values.tolist() == [["bar 2", 1, 3], ["bar 2", 2, 4]]


def test_figure_html_carries_a_csv_link_the_extension_turns_into_a_file(tmp_path):
    html = render.figure_html(_figure())
    link = re.search(r'href="data:text/csv;base64,([^"]+)" download="([a-z0-9-]+)\.csv"', html)
    assert link and base64.b64decode(link.group(1)).decode() == render.figure_csv(_figure())
    served = serve_chart_data(html + html, tmp_path, "../", "02_nuclear")
    name = "02_nuclear-" + link.group(2)
    assert f'href="../_static/chart-data/{name}.csv" download="{name}.csv"' in served
    # a name the page uses twice is kept apart
    assert f'href="../_static/chart-data/{name}-2.csv" download="{name}-2.csv"' in served
    assert "data:text/csv" not in served
    written = pd.read_csv(tmp_path / "chart-data" / f"{name}.csv")
    assert written["y"].tolist()[:4] == [5430.0, 2634.0, 1.0, 3.9] and written["series"].iloc[0] == "Trade & aid"


@pytest.mark.build
def test_every_chart_of_the_built_book_links_to_the_csv_of_what_it_plots(built_book):
    """... in a file named by the data release (usnk.release)."""
    from usnk.release import current

    version = re.escape(current(built_book.root / "data").version)
    pages = sorted((built_book.html / "book").glob("*.html"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in pages}
    assert len(re.findall(r'<figure class="usnk-figure"', texts["02_nuclear.html"])) >= 10
    names = []
    for page, text in texts.items():
        charts = re.findall(r'<figure class="usnk-figure".*?</figure>', text, flags=re.S)
        links = re.findall(r'href="\.\./_static/chart-data/([a-z0-9_-]+-' + version + r')\.csv"', text)
        assert all(name.startswith(page.removesuffix(".html") + "-") for name in links), page
        names += links
        assert len(links) == len(charts) and "data:text/csv" not in text, page
        _assert_served(built_book, charts, links)
    assert len(set(names)) == len(names), "two charts share a download name"


def _assert_served(built_book, charts, links):
    for chart, name in zip(charts, links):
        (fig,) = render.figures_in(chart)
        served = (built_book.html / "_static" / "chart-data" / f"{name}.csv").read_text(encoding="utf-8")
        assert pd.read_csv(io.StringIO(served)).equals(pd.read_csv(io.StringIO(render.figure_csv(fig))))

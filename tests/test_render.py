"""How figures are displayed: Plotly's MIME type for JupyterLab/VS Code, plain HTML
(no inlined plotly.js, no CDN) for the book, with escaped caption and alt text."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import plotly.io as pio
import pytest

import usnk.charts  # noqa: F401  (installs the renderer)
from usnk import render
from usnk.charts.base import finish


def _fig(caption="Launches per year", alt="Bar chart of launches", text="Hwasong-15"):
    fig = go.Figure(go.Bar(x=[2016, 2017], y=[24, 21], text=[text, text], name="ICBM"))
    return finish(fig, caption=caption, alt=alt)


def test_importing_charts_makes_the_book_renderer_the_default():
    assert pio.renderers.default == render.RENDERER_NAME


def test_bundle_has_plotly_mime_for_jupyterlab_and_html_for_the_book():
    bundle = pio.renderers[render.RENDERER_NAME].to_mimebundle(_fig().to_dict())
    assert set(bundle) == {render.PLOTLY_MIME, "text/html"}
    assert bundle[render.PLOTLY_MIME]["data"][0]["type"] == "bar"
    assert bundle[render.PLOTLY_MIME]["config"]["displaylogo"] is False


def test_html_uses_page_plotly_without_inlining_or_cdn():
    html = render.figure_html(_fig())
    assert 'class="usnk-figure-data"' in html
    assert len(html) < 20_000  # plotly.js itself is ~4.8 MB
    assert not re.search(r"<script[^>]+src=", html)
    assert "cdn" not in html.lower()
    (data,) = render.figures_in(html)
    assert data["data"][0]["name"] == "ICBM"


def test_html_is_deterministic_and_ids_differ_between_figures():
    a1, a2 = render.figure_html(_fig()), render.figure_html(_fig())
    b = render.figure_html(_fig(caption="Other"))
    assert a1 == a2
    ids = lambda h: re.search(r'id="(usnk-[0-9a-f]+)"', h).group(1)  # noqa: E731
    assert ids(a1) != ids(b)


def test_caption_alt_and_data_text_cannot_inject_markup():
    evil = "<script>alert(1)</script>"
    html = render.figure_html(_fig(caption=evil, alt=evil, text="</script><script>alert(2)</script>"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # data inside the inline script cannot close the script element
    assert "</script><script>alert(2)" not in html
    assert html.count("<script") == 1 and html.count("</script>") == 1


def test_every_chart_needs_caption_and_alt():
    with pytest.raises(ValueError):
        finish(go.Figure(), caption="", alt="x")


def test_charts_import_leaves_nbformat_unloaded_until_first_use():
    """Importing the charts does not pay for nbformat (and jsonschema's format
    checkers) in every kernel; nbformat and ``fig.show()`` still work afterwards."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import usnk.charts\n"
        "print(sorted(m for m in ('jsonschema', 'rfc3987_syntax', 'nbformat.v4') if m in sys.modules))\n"
        "import nbformat\n"
        "print(nbformat.v4.new_notebook().nbformat, 'jsonschema' in sys.modules)\n"
        "import plotly.graph_objects as go, plotly.io as pio\n"
        "pio.renderers.default = 'json'\n"
        "go.Figure(go.Bar(x=[1], y=[2])).show()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert lines[0] == "[]"
    assert lines[1] == "4 True"
    assert "'type': 'bar'" in lines[2]


def test_displaying_a_chart_in_ipython_leaves_nbformat_unloaded():
    """Plotly's display path reads ``nbformat.__version__`` before it shows a figure;
    the deferred module answers that from the distribution's metadata, so a kernel's
    first chart does not load nbformat and jsonschema (seconds per notebook)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "InteractiveShell.instance()\n"
        "import usnk.charts\n"
        "import plotly.graph_objects as go\n"
        "from IPython.display import display\n"
        "display(go.Figure(go.Bar(x=[1], y=[2])))\n"
        "print(sorted(m for m in ('jsonschema', 'rfc3987_syntax', 'nbformat.v4') if m in sys.modules))\n"
        "import importlib.metadata, nbformat\n"
        "print(nbformat.__version__ == importlib.metadata.version('nbformat'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-2:] == ["[]", "True"]


def test_toolbar_keeps_what_a_reader_uses_and_nothing_that_leaves_the_book():
    removed = set(render.PLOT_CONFIG["modeBarButtonsToRemove"])
    # plotly.js 4 names its cloud button sendChartToCloud, older versions sendDataToCloud
    assert {"sendChartToCloud", "sendDataToCloud", "editInChartStudio"} <= removed
    assert render.PLOT_CONFIG["showSendToCloud"] is False and render.PLOT_CONFIG["showLink"] is False
    assert not removed & set(render.MODEBAR_KEPT)
    (fig,) = render.figures_in(render.figure_html(_fig()))
    assert "config" not in fig  # the page's one copy serves every chart
    config = re.fullmatch(r'<script type="application/json" id="usnk-plot-config">(.*)</script>',
                          render.page_config_html()).group(1)
    assert json.loads(config) == render.PLOT_CONFIG


def test_figure_json_escapes_only_what_could_end_or_confuse_its_script_element():
    text = "<b>A</b> & <br>B<!-- x --> <script>y</script> <Script> é"
    html = render.figure_html(_fig(text=text))
    payload = re.search(r'class="usnk-figure-data">(.*?)</script>', html, re.S).group(1)
    assert "</" not in payload and "<!" not in payload and "<s" not in payload and "<S" not in payload
    assert "<b>A" in payload and "<br>B" in payload and " & " in payload and " é" in payload
    (fig,) = render.figures_in(html)
    assert text in json.dumps(fig, ensure_ascii=False)


def test_figure_is_one_focusable_element_named_by_its_caption_and_described():
    html = render.figure_html(_fig(caption="Launches per year", alt="Bars: 3 ICBMs in 2017"))
    div_id = re.search(r'<div id="(usnk-[0-9a-f]{12})"', html).group(1)
    assert f'<figure class="usnk-figure" id="{div_id}-figure" tabindex="0" aria-labelledby="{div_id}-caption" ' \
           f'aria-describedby="{div_id}-description">' in html
    assert f'<figcaption id="{div_id}-caption" class="usnk-caption">Launches per year</figcaption>' in html
    assert f'<p id="{div_id}-description" class="usnk-description">Bars: 3 ICBMs in 2017</p>' in html
    assert 'role="img"' not in html and html.count('tabindex="0"') == 1


def test_chart_download_is_named_after_the_chart():
    fig = _fig(caption="Missiles launched per year by class, 1984–2026 (492 in all). Source: CNS.")
    assert render.chart_title(fig) == "Missiles launched per year by class, 1984–2026"
    assert render.file_stem(render.chart_title(fig)) == "missiles-launched-per-year-by-class-1984-2026"
    link = render.download_link(fig)
    assert 'download="missiles-launched-per-year-by-class-1984-2026.csv"' in link
    assert "Download the data of “Missiles launched per year by class, 1984–2026” (CSV)" in link
    fig.update_layout(title="Nuclear tests &amp; <b>yields</b>")
    assert render.chart_title(fig) == "Nuclear tests & yields"
    assert render.chart_title(_fig(caption="x" * 200)).endswith("…")

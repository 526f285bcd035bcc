"""One function per chart, each returning a :class:`plotly.graph_objects.Figure`.

Importing this package makes :mod:`usnk.render`'s renderer Plotly's default, so a
figure left as a cell's last expression shows in the book and in JupyterLab alike.
"""

from .. import render as _render

_render.install()

"""The launch explorer for analysts running the notebooks in JupyterLab.

:class:`LaunchExplorer` keeps its filter state (classes, years, outcomes, facility,
view) as plain Python and rebuilds its figure with :mod:`usnk.charts.explorer` from the
frames :func:`usnk.findings.explorer.selection` gives the filtered launches (the
per-facility counts and the description come from there, not from the chart), so its
callbacks can be tested without a browser or a kernel. ``widget()`` builds the
ipywidgets controls around it; they need a running kernel (``make lab``).
"""

from __future__ import annotations

import pandas as pd

from . import vocabulary
from .charts import explorer as charts
from .findings.explorer import selection

ALL = "All facilities"


def in_live_kernel() -> bool:
    """True inside a running IPython kernel (JupyterLab, the book build), else False."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the book
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class LaunchExplorer:
    """Filter the launch table and show it as a timeline, a map or a table."""

    def __init__(self, launches: pd.DataFrame):
        self.launches = launches.sort_values(["date", "id"], kind="stable").reset_index(drop=True)
        years = self.launches["date"].dt.year
        self.year_bounds = (int(years.min()), int(years.max()))
        self.class_options = [c for c in vocabulary.MISSILE_CLASSES if (self.launches["missile_class"] == c).any()]
        self.outcome_options = sorted(self.launches["outcome"].dropna().unique().tolist())
        self.facility_options = [ALL] + sorted(self.launches["facility"].dropna().unique().tolist())
        self.classes = list(self.class_options)
        self.years = self.year_bounds
        self.outcomes = list(self.outcome_options)
        self.facility = ALL
        self.view = "timeline"
        self._output = None
        self._controls = None

    # ------------------------------------------------------------------ state
    def filtered(self) -> pd.DataFrame:
        """The launches that match the current filters."""
        df = self.launches
        years = df["date"].dt.year
        mask = (df["missile_class"].isin(self.classes) & years.between(*self.years)
                & df["outcome"].isin(self.outcomes))
        if self.facility != ALL:
            mask &= df["facility"] == self.facility
        return df[mask]

    def figure(self):
        """The current view of the filtered launches."""
        chosen = selection(self.filtered())
        return {"timeline": charts.timeline_view, "map": charts.map_view, "table": charts.table_view}[self.view](chosen)

    def update(self, **changes) -> None:
        """Change filters (``classes``, ``years``, ``outcomes``, ``facility``, ``view``)
        and redraw if the widgets are shown. Unknown names or values raise ValueError."""
        for key, value in changes.items():
            if key == "classes":
                bad = set(value) - set(self.class_options)
                if bad:
                    raise ValueError(f"unknown missile classes: {sorted(bad)}")
                self.classes = list(value)
            elif key == "years":
                lo, hi = (int(v) for v in value)
                if lo > hi:
                    raise ValueError("the first year is after the last")
                self.years = (lo, hi)
            elif key == "outcomes":
                bad = set(value) - set(self.outcome_options)
                if bad:
                    raise ValueError(f"unknown outcomes: {sorted(bad)}")
                self.outcomes = list(value)
            elif key == "facility":
                if value not in self.facility_options:
                    raise ValueError(f"unknown facility: {value!r}")
                self.facility = value
            elif key == "view":
                if value not in charts.VIEWS:
                    raise ValueError(f"view must be one of {charts.VIEWS}")
                self.view = value
            else:
                raise ValueError(f"unknown filter: {key!r}")
        self.redraw()

    # ------------------------------------------------------------- callbacks
    def on_change(self, name: str):
        """A callback for an ipywidgets ``observe(..., names="value")`` on filter ``name``."""
        def callback(change):
            value = change["new"] if isinstance(change, dict) else change.new
            if name in ("classes", "outcomes"):
                value = list(value)
            self.update(**{name: value})
        return callback

    def redraw(self) -> None:
        if self._output is None:
            return
        from IPython.display import display
        self._output.clear_output(wait=True)
        with self._output:
            display(self.figure())

    # --------------------------------------------------------------- widgets
    def widget(self):
        """The controls and the output area as one ipywidgets box."""
        import ipywidgets as w

        classes = w.SelectMultiple(options=self.class_options, value=tuple(self.classes), rows=6,
                                   description="Classes")
        years = w.IntRangeSlider(value=self.years, min=self.year_bounds[0], max=self.year_bounds[1],
                                 description="Years", continuous_update=False)
        outcomes = w.SelectMultiple(options=self.outcome_options, value=tuple(self.outcomes), rows=3,
                                    description="Outcome")
        facility = w.Dropdown(options=self.facility_options, value=self.facility, description="Facility")
        view = w.ToggleButtons(options=list(charts.VIEWS), value=self.view, description="View")
        for name, control in (("classes", classes), ("years", years), ("outcomes", outcomes),
                              ("facility", facility), ("view", view)):
            control.observe(self.on_change(name), names="value")
        self._output = w.Output()
        self._controls = {"classes": classes, "years": years, "outcomes": outcomes, "facility": facility,
                          "view": view}
        box = w.VBox([w.HBox([classes, outcomes]), years, facility, view, self._output])
        self.redraw()
        return box

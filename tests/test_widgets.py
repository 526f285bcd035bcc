"""The ipywidgets launch explorer: state and callbacks, no browser or kernel needed."""

from __future__ import annotations

import pytest

from framefixture import located_launches as launches_frame
from usnk.widgets import ALL, LaunchExplorer, in_live_kernel


@pytest.fixture
def explorer():
    return LaunchExplorer(launches_frame([
        ("2016-03-01", "SRBM", "KN-02", "Site A", 39.0, 125.0, None, "success"),
        ("2017-07-04", "ICBM", "Hwasong-14", "Site B", 40.0, 126.0, None, "success"),
        ("2017-11-29", "ICBM", "Hwasong-15", "Site A", 39.0, 125.0, None, "failure"),
        ("2022-03-16", "ICBM", "Hwasong-17", "Site C", 39.2, 125.6, None, "failure"),
    ]))


def test_defaults_show_everything(explorer):
    assert len(explorer.filtered()) == 4
    assert explorer.year_bounds == (2016, 2022)
    assert explorer.facility_options[0] == ALL


def test_filters_combine(explorer):
    explorer.update(classes=["ICBM"])
    assert len(explorer.filtered()) == 3
    explorer.update(years=(2017, 2017))
    assert list(explorer.filtered()["missile_name"]) == ["Hwasong-14", "Hwasong-15"]
    explorer.update(outcomes=["failure"])
    assert list(explorer.filtered()["missile_name"]) == ["Hwasong-15"]
    explorer.update(facility="Site B")
    assert explorer.filtered().empty


def test_callbacks_change_the_figure(explorer):
    fig = explorer.figure()
    assert sum(len(t.x) for t in fig.data) == 4
    explorer.on_change("classes")({"new": ("SRBM",)})
    fig = explorer.figure()
    assert sum(len(t.x) for t in fig.data) == 1 and fig.data[0].name.startswith("Short-range")
    explorer.on_change("view")({"new": "table"})
    tab = explorer.figure()
    assert tab.data[0].type == "table" and list(tab.data[0].cells.values[1]) == ["KN-02"]
    explorer.on_change("view")({"new": "map"})
    m = explorer.figure()
    sites = [t for t in m.data if t.name == "Facilities"][0]
    assert list(sites.marker.size) == [1]


def test_bad_values_are_rejected(explorer):
    with pytest.raises(ValueError):
        explorer.update(classes=["XYZ"])
    with pytest.raises(ValueError):
        explorer.update(view="globe")
    with pytest.raises(ValueError):
        explorer.update(years=(2020, 2010))
    with pytest.raises(ValueError):
        explorer.update(colour="red")


def test_widget_controls_drive_the_state(explorer):
    box = explorer.widget()
    controls = explorer._controls
    controls["classes"].value = ("ICBM",)
    controls["years"].value = (2022, 2022)
    assert list(explorer.filtered()["missile_name"]) == ["Hwasong-17"]
    controls["view"].value = "map"
    assert explorer.view == "map"
    assert box.children[-1] is explorer._output
    assert in_live_kernel() is False


def test_timeline_view_labels_rows_instead_of_a_legend():
    import pandas as pd

    from usnk.charts import explorer as charts

    from usnk.findings.explorer import selection

    df = pd.DataFrame({"id": ["a", "b"], "date": pd.to_datetime(["2017-07-04", "2019-05-04"]),
                       "missile_class": ["ICBM", "SRBM"], "missile_name": ["Hwasong-14", "KN-23"],
                       "facility": ["Panghyon", "Hodo"], "latitude": [39.1, 39.4], "longitude": [125.5, 127.5],
                       "outcome": ["success", "success"]})
    fig = charts.timeline_view(selection(df))
    assert fig.layout.showlegend is False
    assert {t.y[0] for t in fig.data} == {"Intercontinental ballistic (ICBM)", "Short-range ballistic (SRBM)"}

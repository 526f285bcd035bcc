"""One canonical name per missile system (``data/missile_names.csv``): the rule of
``usnk.validate.names`` both ways on small frames, the renaming the importer applies,
and the real tables, where every system is counted once."""

from __future__ import annotations

import pandas as pd

from usnk.validate import names

ALIASES = pd.DataFrame({"alias": ["KN-23", "Hwasong-11D"], "name": ["Hwasong-11A (KN-23)", "Hwasong-11D (KN-35)"],
                        "reason": ["r", "r"], "source_url": ["https://example.org/a", "https://example.org/b"]})


def launches(*missiles):
    return pd.DataFrame({"missile_name": list(missiles)})


def test_canonical_renames_aliases_and_keeps_the_rest():
    got = names.canonical(pd.Series(["KN-23", "Hwasong-11A (KN-23)", "Rail-mobile KN-23", "Hwasong-11D", "Unknown"]),
                          ALIASES)
    assert got.tolist() == ["Hwasong-11A (KN-23)", "Hwasong-11A (KN-23)", "Rail-mobile KN-23",
                            "Hwasong-11D (KN-35)", "Unknown"]
    assert names.canonical(pd.Series(["KN-23"]), None).tolist() == ["KN-23"]  # no table, no renaming


def test_canonical_names_pass():
    frames = {"missile_names": ALIASES, "missile_launches": launches("Hwasong-11A (KN-23)", "Hwasong-11D (KN-35)"),
              "japan_impacts": launches("Hwasong-11A (KN-23)")}
    assert names.check(frames) == []


def test_an_alias_in_a_named_table_is_reported_at_its_line():
    frames = {"missile_names": ALIASES, "missile_launches": launches("Hwasong-11A (KN-23)", "Hwasong-11D (KN-35)",
                                                                     "KN-23"),
              "japan_impacts": launches("Hwasong-11D")}
    got = [(p.file, p.row, p.column, p.value) for p in names.check(frames)]
    assert got == [("missile_launches.csv", 4, "missile_name", "KN-23"),
                   ("japan_impacts.csv", 2, "missile_name", "Hwasong-11D")]


def test_a_chain_or_a_canonical_name_without_a_system_is_reported():
    chained = pd.concat([ALIASES, pd.DataFrame({"alias": ["Hwasong-11A (KN-23)"], "name": ["Hwasong-11A"],
                                                "reason": ["r"], "source_url": ["https://example.org/c"]})],
                        ignore_index=True)
    frames = {"missile_names": chained, "missile_launches": launches("Hwasong-11A (KN-23)", "Hwasong-11D (KN-35)")}
    got = [(p.file, p.row, p.column) for p in names.check(frames)]
    # an alias that is a canonical name; a name no launch has; the launch now named by an alias
    assert got == [("missile_names.csv", 4, "alias"), ("missile_names.csv", 4, "name"),
                   ("missile_launches.csv", 2, "missile_name")]


def test_the_real_tables_count_each_system_once():
    from usnk import paths
    from usnk.analysis.launches import first_flights, success_rates
    from usnk.load import load_all
    from usnk.datafolder import validate_dir

    assert not [p for p in validate_dir(paths.data_dir()) if p.file in ("missile_names.csv",) or p.column == "missile_name"]
    data = load_all()
    table = data["missile_launches"] if isinstance(data, dict) else data.missile_launches
    aliases = set(names.aliases(pd.read_csv(paths.data_dir() / "missile_names.csv", dtype=str)))
    assert aliases and not aliases & set(table["missile_name"])
    rates = success_rates(table).set_index("missile_name")
    assert rates.loc["Hwasong-11D (KN-35)", "flights"] == 13  # 8 named 'Hwasong-11D' by the official export
    assert rates.loc["Hwasong-11A (KN-23)", "flights"] == 20  # with the one it names 'KN-23'
    systems = first_flights(table)["missile_name"].tolist()
    assert len(systems) == len(set(systems)) == 36 and "Hwasong-11D" not in systems and "KN-23" not in systems


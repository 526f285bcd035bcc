"""Rules for the claims that public, datable records answer: the nuclear laws, the
facilities of the 1980s, the freedom indices, the stated positions of governments
(Hanoi, Russia and China, the Biden offers), the Six-Party record, the tempo of testing
and the Security Council's tools.

Each rule takes the tables it needs and returns a :class:`~usnk.analysis.claims.Verdict`
with its method and robustness; a rule whose table is empty gives *not testable* and
names what is missing (:func:`~usnk.analysis.claims.untestable`). The chapters place
the verdicts in their sections (``restate``).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .claims import CONTRADICTED, SUPPORTED, Verdict, robust_verdict, untestable
from ..labels import date_label
from .launches import launch_events

#: The decade the article dates the programme's start to.
PROGRAM_DECADE = (1980, 1989)
#: A country is "at or near the bottom" of an index when at most this many are rated worse;
#: the robustness check also tries the stricter and the looser neighbour.
BOTTOM_WORSE = 5
BOTTOM_VARIANTS = (3, 5, 10)
#: "Often aligns": the share of one power's moves on the DPRK the other joined.
OFTEN_SHARES = (0.5, 0.75)
#: Periods over which the tempo of testing is compared.
TEMPO_DECADES = ((1984, 1989), (1990, 1999), (2000, 2009), (2010, 2019), (2020, None))
TEMPO_FIVE_YEARS = 5


def _actors(cell: str) -> set[str]:
    return {a.strip() for a in str(cell).split(";") if a.strip()}


def _stances(positions: pd.DataFrame, stance: str, actor: str | None = None) -> pd.DataFrame:
    rows = positions[positions["stance"] == stance]
    if actor is not None:
        rows = rows[rows["actor"].map(lambda cell: actor in _actors(cell)).astype(bool)]
    return rows.sort_values("date")


def position_date(row) -> str:
    """A position's date as prose: the day, or only the month when that is all the
    source fixes (``date_precision`` month)."""
    if row.get("date_precision") == "month":
        return row["date"].strftime("%B %Y")
    return date_label(row["date"])


def _term(leaders: pd.DataFrame, name: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    term = leaders[(leaders["country"] == "US") & (leaders["name"] == name)].iloc[0]
    end = term["end_date"] if pd.notna(term["end_date"]) else pd.Timestamp.max
    return term["start_date"], end


def _in(frame: pd.DataFrame, start, end, column: str = "date") -> pd.DataFrame:
    return frame[(frame[column] >= start) & (frame[column] <= end)]


# -- the programme's start and its purpose ------------------------------------------------

def program_start(facilities: pd.DataFrame, launches: pd.DataFrame, claim_id: str = "program_1980s",
                  claim: str = "The nuclear weapons programme began in earnest in the 1980s.") -> Verdict:
    """"Began in earnest in the 1980s": the first capabilities a weapons programme needs
    came into being in that decade. Variants (which milestone counts as the start in
    earnest): the plutonium-production reactor's completion, its first shutdown long
    enough to unload fuel, the first ballistic missile launch in the launch table.
    Supported when every milestone falls in 1980-1989, contradicted when none does."""
    method = ("The start in earnest is dated by the first capabilities a weapons programme needs; the claim "
              "holds when they fall in 1980-1989.")
    reactor = facilities[facilities["facility"].str.contains("5 MWe", regex=False)]
    return untestable(claim_id, claim, "", method=method, needs={
        "dated milestones of the Yongbyon 5 MWe reactor": reactor,
        "dated missile launches": launches},
        rule=lambda: _program_rule(reactor, launches, claim_id, claim, method))


def _program_rule(reactor, launches, claim_id, claim, method) -> Verdict:
    year = reactor.set_index("milestone")["year"]
    lo, hi = PROGRAM_DECADE
    milestones = {}
    if "completed" in year:
        milestones["reactor completed"] = int(year["completed"])
    if "first_long_shutdown" in year:
        milestones["first shutdown long enough to unload fuel"] = int(year["first_long_shutdown"])
    first_launch = int(launches["date"].min().year)
    milestones["first missile launch in the tables"] = first_launch
    r = robust_verdict({f"{label} ({y})": lo <= y <= hi for label, y in milestones.items()})
    begun = f"; construction had begun in {int(year['construction_start'])}" if "construction_start" in year else ""
    evidence = ("The Yongbyon 5 MWe reactor was completed in "
                f"{milestones.get('reactor completed', 'an unrecorded year')}{begun}; the first missile launch "
                f"in the tables is of {first_launch}.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


def weapons_for_survival(positions: pd.DataFrame, claim_id: str = "regime_survival",
                         claim: str = "For Pyongyang the weapons are an existential guarantee of regime "
                                      "survival.") -> Verdict:
    """"An existential guarantee": tested in its stated form, whether the DPRK's own laws
    on the weapons declare them the defence of the state. Variants: the first law, the
    newest law, every law. Supported when each says so; what the leaders privately think
    is beyond any table."""
    method = ("A motive tested in its stated form: the DPRK's own laws on its nuclear weapons must declare them "
              "the defence of the state and its system.")
    laws = positions[(positions["kind"] == "law") & (positions["actor"] == "DPRK")].sort_values("date")
    return untestable(claim_id, claim, "", method=method, needs={"DPRK laws on the nuclear weapons": laws},
                      rule=lambda: _survival_rule(laws, claim_id, claim, method))


def _survival_rule(laws, claim_id, claim, method) -> Verdict:
    says = laws["stance"] == "weapons_defend_state"
    first, last = laws.iloc[0], laws.iloc[-1]
    r = robust_verdict({f"first law ({first['date'].year})": bool(says.iloc[0]),
                        f"newest law ({last['date'].year})": bool(says.iloc[-1]),
                        f"every law ({len(laws)})": bool(says.all())})
    evidence = (f"{int(says.sum())} of {len(laws)} DPRK laws on the weapons declare them the defence of the state "
                f"(laws of {date_label(first['date'])} and {date_label(last['date'])}); a stated purpose, "
                "not proof of a private motive.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


# -- repression ----------------------------------------------------------------------------

def worse_than(freedom: pd.DataFrame) -> pd.DataFrame:
    """Each edition of each index with ``worse``: the countries rated below the DPRK
    (``n_worse``, or ``n_assessed - rank`` where only the rank is given)."""
    out = freedom.copy()
    from_rank = out["n_assessed"] - out["rank"]
    out["worse"] = out["n_worse"].where(out["n_worse"].notna(), from_rank)
    return out.dropna(subset=["worse"]).sort_values(["index", "edition"]).reset_index(drop=True)


INDEX_NAMES = {"freedom_house": "Freedom House", "rsf": "RSF"}


def repression(freedom: pd.DataFrame, claim_id: str = "repression",
               claim: str = "North Korea's people live under one of the most repressive regimes in the world, "
                            "with political prison camps and forced labour.") -> Verdict:
    """"One of the most repressive regimes": in every edition of every index at most
    :data:`BOTTOM_WORSE` countries are rated worse. Variants: the threshold (3, 5, 10
    countries) and the newest edition of each index alone. Supported when every variant
    holds, contradicted when none does. Camps and forced labour are not indexed."""
    method = (f"At or near the bottom: in every sourced edition of each index at most {BOTTOM_WORSE} countries "
              "or territories are rated below the DPRK.")
    ranked = worse_than(freedom)
    return untestable(claim_id, claim, "", method=method, needs={"freedom index editions": ranked},
                      rule=lambda: _repression_rule(ranked, claim_id, claim, method))


def _repression_rule(ranked, claim_id, claim, method) -> Verdict:
    newest = ranked.sort_values("edition").groupby("index").tail(1)
    outcomes = {f"at most {k} rated worse, every edition": bool((ranked["worse"] <= k).all())
                for k in BOTTOM_VARIANTS}
    outcomes[f"at most {BOTTOM_WORSE} rated worse, newest edition only"] = bool((newest["worse"] <= BOTTOM_WORSE).all())
    r = robust_verdict(outcomes)
    parts = []
    for index, rows in ranked.groupby("index", sort=False):
        editions = ", ".join(str(int(e)) for e in rows["edition"])
        lo, hi = int(rows["worse"].min()), int(rows["worse"].max())
        spread = f"{lo}" if lo == hi else f"{lo}–{hi}"
        parts.append(f"{INDEX_NAMES.get(index, index)} ({editions}): {spread} countries rated worse")
    evidence = ("; ".join(parts) + ". The indices rate freedoms; prison camps and forced labour are documented "
                "by the UN Commission of Inquiry, not counted here.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


# -- Hanoi -----------------------------------------------------------------------------------

ACCOUNTS = {"US": "the US account", "DPRK": "the DPRK account"}


def hanoi_sequencing(positions: pd.DataFrame, claim_id: str = "hanoi_sequencing",
                     claim: str = "The sticking point was sequencing: North Korea sought sanctions relief first, "
                                  "the US verifiable denuclearization first.") -> Verdict:
    """"The sticking point was sequencing": each side's public account of Hanoi has the
    DPRK asking sanctions relief for dismantling Yongbyon and the US wanting more than
    Yongbyon. Variants: the US account, the DPRK account. Supported when both accounts
    say both, contradicted when neither does."""
    method = ("Both sides' public accounts of Hanoi must have the DPRK asking sanctions relief for dismantling "
              "Yongbyon and the US asking for more than Yongbyon.")
    relief, more = (_stances(positions, s) for s in ("dprk_asks_relief_for_yongbyon", "us_asks_more_than_yongbyon"))
    accounts = pd.concat([relief, more])
    return untestable(claim_id, claim, "", method=method, needs={"public accounts of the Hanoi talks": accounts},
                      rule=lambda: _hanoi_rule(relief, more, claim_id, claim, method))


def _hanoi_rule(relief, more, claim_id, claim, method) -> Verdict:
    outcomes = {label: bool((relief["actor"] == actor).any() and (more["actor"] == actor).any())
                for actor, label in ACCOUNTS.items()}
    r = robust_verdict(outcomes)
    n_both = sum(outcomes.values())
    evidence = (f"{n_both} of 2 public accounts (Trump's news conference and Ri Yong Ho's) have the North asking "
                "sanctions relief for dismantling Yongbyon and the US wanting more; they differ on how much "
                "relief: all of it (US account) or five of eleven resolutions (DPRK account).")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


# -- Russia beside China ---------------------------------------------------------------------

def russia_with_china(positions: pd.DataFrame, resolutions: pd.DataFrame, claim_id: str = "russia_aligns_with_china",
                      claim: str = "Russia often aligns with China, advocating dialogue and sanctions "
                                   "relief.") -> Verdict:
    """"Russia often aligns with China": of the two powers' moves on the DPRK at the
    Security Council and in joint statements (vetoes, proposals for a freeze or for
    relief), the share the other joined is at least one half. Variants: China's moves
    Russia joined, Russia's moves China joined, each at one half and three quarters.
    Supported when every variant holds, contradicted when none does."""
    method = ("Of each power's moves on the DPRK (vetoes, proposals of a freeze or of sanctions relief), the "
              "other must have joined at least half.")
    joint = positions[positions["stance"].isin(["freeze_for_freeze", "ease_sanctions"])]
    vetoed = resolutions[resolutions["status"] == "vetoed"]
    moves = _moves(joint, vetoed)
    return untestable(claim_id, claim, "", method=method, needs={"vetoes or proposals by China or Russia": moves},
                      rule=lambda: _alignment_rule(moves, joint, vetoed, claim_id, claim, method))


def _moves(joint: pd.DataFrame, vetoed: pd.DataFrame) -> pd.DataFrame:
    rows = [dict(move=r["id"], actors=_actors(r["actor"])) for _, r in joint.iterrows()]
    rows += [dict(move=r["resolution"], actors=_actors(r["vetoed_by"])) for _, r in vetoed.iterrows()]
    rows = [r for r in rows if r["actors"] & {"China", "Russia"}]
    return pd.DataFrame(rows, columns=["move", "actors"])


def _alignment_rule(moves, joint, vetoed, claim_id, claim, method) -> Verdict:
    def joined(by: str, other: str) -> tuple[int, int]:
        own = moves[moves["actors"].map(lambda a: by in a).astype(bool)]
        return int(own["actors"].map(lambda a: other in a).sum()), len(own)

    cn, ru = joined("China", "Russia"), joined("Russia", "China")
    outcomes = {}
    for share in OFTEN_SHARES:
        for (k, n), label in ((cn, "China's moves Russia joined"), (ru, "Russia's moves China joined")):
            outcomes[f"{label}, at least {share:.0%}"] = n > 0 and k / n >= share
    r = robust_verdict(outcomes)
    n_joint = int(joint["actor"].map(lambda a: {"China", "Russia"} <= _actors(a)).sum())
    evidence = (f"Russia joined {cn[0]} of China's {cn[1]} moves and China {ru[0]} of Russia's {ru[1]} (vetoes and "
                f"proposals); {n_joint} joint proposals, the 2017 call for a freeze of tests against a freeze of "
                "exercises and the 2019 draft to ease sanctions.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


# -- the Six-Party Talks ---------------------------------------------------------------------

def _six_party(summits: pd.DataFrame, kind: str) -> pd.DataFrame:
    return summits[(summits["track"] == "six_party") & (summits["kind"] == kind)].sort_values("date")


def six_party_verification(summits: pd.DataFrame, claim_id: str = "six_party_verification",
                           claim: str = "The Six-Party Talks floundered over verification.") -> Verdict:
    """"Floundered over verification": the sessions after the last agreement record
    verification as what they failed on. Variants: the last session alone, every session
    after the last agreement. Supported when verification is the recorded failure in
    both, contradicted in neither."""
    method = ("The sessions after the talks' last agreement must record verification as the point they failed on.")
    talks, agreements = _six_party(summits, "talks"), _six_party(summits, "agreement")
    return untestable(claim_id, claim, "", method=method, needs={"six-party sessions": talks,
                                                                 "six-party agreements": agreements},
                      rule=lambda: _verification_rule(talks, agreements, claim_id, claim, method))


def _names_verification(outcome) -> bool:
    return "verification" in str(outcome).lower()


def _verification_rule(talks, agreements, claim_id, claim, method) -> Verdict:
    last_agreement = agreements["date"].max()
    after = talks[talks["date"] > last_agreement]
    last = talks.iloc[-1]
    r = robust_verdict({"the last session": _names_verification(last["outcome"]),
                        f"every session after the last agreement ({len(after)})":
                            len(after) > 0 and bool(after["outcome"].map(_names_verification).all())})
    evidence = (f"The last of {len(talks)} sessions ({date_label(last['date'])}–{date_label(last['end_date'])}) "
                f"ended with {last['outcome'].split(';')[0]}; sessions after the last agreement, of "
                f"{date_label(last_agreement)}: {len(after)}.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


def six_party_bargain(summits: pd.DataFrame, claim_id: str = "six_party_aims",
                      claim: str = "The Six-Party Talks offered the North aid and security assurances for giving up "
                                   "its nuclear programme.") -> Verdict:
    """"Aid and assurances for giving up the programme": the talks' agreements record a
    DPRK commitment to abandon or shut down its nuclear programme and aid or assurances
    in return. Variants: the first agreement with such a commitment alone, all the
    agreements together. Supported when both hold."""
    method = ("The talks' agreements must record a DPRK commitment to abandon or shut down its nuclear programme "
              "and aid or assurances for it.")
    agreements = _six_party(summits, "agreement")
    return untestable(claim_id, claim, "", method=method, needs={"six-party agreements": agreements},
                      rule=lambda: _bargain_rule(agreements, claim_id, claim, method))


def _gives_up(outcome) -> bool:
    text = str(outcome).lower()
    return any(word in text for word in ("abandon", "shutdown", "disablement"))


def _in_return(outcome) -> bool:
    text = str(outcome).lower()
    return any(word in text for word in ("aid", "assurance", "action for action"))


def _bargain_rule(agreements, claim_id, claim, method) -> Verdict:
    gives = agreements[agreements["outcome"].map(_gives_up).astype(bool)]
    first_ok = len(gives) > 0 and _in_return(gives.iloc[0]["outcome"])
    both = gives["outcome"].map(_in_return)
    r = robust_verdict({"the first agreement to commit the DPRK": first_ok,
                        f"all {len(agreements)} agreements together": bool(len(gives) > 0 and both.any())})
    evidence = (f"{len(gives)} of {len(agreements)} six-party agreements commit the DPRK to abandon, shut down or "
                f"disable its nuclear facilities; {int(both.sum())} of them record aid or a matching action "
                "in return.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


def six_party_progress(summits: pd.DataFrame, claim_id: str = "six_party_progress",
                       claim: str = "The Six-Party Talks had periods of apparent progress.") -> Verdict:
    """"Periods of apparent progress": sessions produced signed agreements. Variants: at
    least one agreement; agreements in at least two different years. Supported when
    both hold, contradicted when the talks produced none."""
    method = "Apparent progress is a signed agreement of the talks; the claim needs at least one."
    agreements = _six_party(summits, "agreement")
    talks = _six_party(summits, "talks")
    return untestable(claim_id, claim, "", method=method, needs={"six-party sessions": talks},
                      rule=lambda: _progress_rule(agreements, talks, claim_id, claim, method))


def _progress_rule(agreements, talks, claim_id, claim, method) -> Verdict:
    years = sorted({d.year for d in agreements["date"]})
    r = robust_verdict({"at least one agreement": len(agreements) > 0,
                        "agreements in at least two years": len(years) >= 2})
    listed = ", ".join(date_label(d) for d in agreements["date"]) or "none"
    evidence = f"{len(agreements)} agreements from {len(talks)} sessions: {listed}."
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


# -- the tempo of testing ----------------------------------------------------------------------

def tempo_by_period(launches: pd.DataFrame, periods) -> pd.DataFrame:
    """Launch events a year in each ``(first_year, last_year)`` period (``None``: to the
    newest launch), with the years the period covers."""
    events = launch_events(launches)
    newest_date = events["date"].max()
    newest = int(newest_date.year)
    rows = []
    for lo, hi in periods:
        hi = newest if hi is None else min(hi, newest)
        # a period that runs past the newest launch counts only the time the table covers
        end = min(pd.Timestamp(year=hi + 1, month=1, day=1), newest_date + pd.Timedelta(days=1))
        years = (end - pd.Timestamp(year=lo, month=1, day=1)).days / 365.25
        n = int(events["date"].dt.year.between(lo, hi).sum())
        rows.append(dict(period=f"{lo}–{hi}", first=lo, last=hi, events=n, years=years, per_year=n / years))
    return pd.DataFrame(rows)


def five_year_periods(launches: pd.DataFrame) -> list[tuple[int, int | None]]:
    first = int(launches["date"].min().year)
    starts = range(first, int(launches["date"].max().year) + 1, TEMPO_FIVE_YEARS)
    return [(s, s + TEMPO_FIVE_YEARS - 1) for s in starts]


def testing_intensified(launches: pd.DataFrame, claim_id: str = "testing_intensified",
                        claim: str = "The testing has intensified over the years.") -> Verdict:
    """"Intensified over the years": the newest period has more launch events a year
    than any earlier one. Variants: decades, five-year periods, and the newest period set
    against the first (a weaker form). Supported when every variant holds."""
    method = "The newest period must have more launch events a year than every earlier period."
    return untestable(claim_id, claim, "", method=method, needs={"dated missile launches": launches},
                      rule=lambda: _tempo_rule(launches, claim_id, claim, method))


def _newest_highest(tempo: pd.DataFrame) -> bool:
    return len(tempo) > 1 and bool((tempo["per_year"].iloc[-1] > tempo["per_year"].iloc[:-1]).all())


def _tempo_rule(launches, claim_id, claim, method) -> Verdict:
    decades = tempo_by_period(launches, TEMPO_DECADES)
    fives = tempo_by_period(launches, five_year_periods(launches))
    r = robust_verdict({"by decade": _newest_highest(decades),
                        f"by {TEMPO_FIVE_YEARS}-year period": _newest_highest(fives),
                        "newest decade against the first": bool(decades["per_year"].iloc[-1]
                                                                > decades["per_year"].iloc[0])})
    def rates(tempo):
        return "; ".join(f"{p}: {v:.1f}" for p, v in zip(tempo["period"], tempo["per_year"]))
    evidence = (f"Launch events a year by decade: {rates(decades)}. By five years: {rates(fives.tail(3))} "
                f"(the last period to {date_label(launches['date'].max())}).")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


# -- the Biden years ----------------------------------------------------------------------------

BIDEN = "Joe Biden"


def no_summits(summits: pd.DataFrame, leaders: pd.DataFrame, president: str = BIDEN,
               claim_id: str = "biden_no_summits",
               claim: str = "The Biden administration held no summits with the North.") -> Verdict:
    """"Instead of grand summits": no US–DPRK summit in the term. Variants: summits only;
    summits and officials' talks. Supported when there were none, contradicted when a
    summit was held."""
    method = "The claim holds when the tables record no US–DPRK summit in the term."
    start, end = _term(leaders, president)
    us_dprk = _in(summits[summits["track"] == "us_dprk"], start, end)
    n_summits = int((us_dprk["kind"] == "summit").sum())
    r = robust_verdict({"summits": n_summits == 0,
                        "summits and officials' talks": len(us_dprk) == 0 or n_summits == 0})
    evidence = (f"{n_summits} US–DPRK summits and {len(us_dprk)} US–DPRK meetings of any kind between "
                f"{date_label(start)} and {date_label(end)}.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


def offer_without_preconditions(positions: pd.DataFrame, leaders: pd.DataFrame, president: str = BIDEN,
                                claim_id: str = "biden_no_preconditions",
                                claim: str = "The Biden team offered dialogue without preconditions.") -> Verdict:
    """"Openness to dialogue without preconditions": a US statement in the term offers
    talks without preconditions. Variants: any such statement; one in the term's first
    half. Supported when both hold, mixed when only a late one exists, contradicted when
    none."""
    method = "A US statement made in the term must offer talks without preconditions."
    start, end = _term(leaders, president)
    offers = _in(_stances(positions, "talks_without_preconditions", "US"), start, end)
    # an open term is halved up to the newest position the table records, not to the clock
    last = end if end < pd.Timestamp.max else positions["date"].max()
    midpoint = start + (last - start) / 2
    r = robust_verdict({"any statement in the term": len(offers) > 0,
                        "a statement in the term's first half": bool((offers["date"] <= midpoint).any())})
    first = position_date(offers.iloc[0]) if len(offers) else "none"
    n = len(offers)
    evidence = (f"The positions table holds {n} US offer{'' if n == 1 else 's'} of talks without preconditions in "
                f"the term" + (f", the first on {first}." if n else "."))
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


def sanctions_kept(positions: pd.DataFrame, resolutions: pd.DataFrame, leaders: pd.DataFrame,
                   president: str = BIDEN, claim_id: str = "biden_keeps_sanctions",
                   claim: str = "The Biden team kept the sanctions in place.") -> Verdict:
    """"Maintaining sanctions": in the term the US stated it would keep enforcing them or
    added designations, and no Security Council act eased them. Variants: US statements
    and designations; the Council's record (no resolution adopted that could ease them;
    the US backed new sanctions). Supported when every variant holds."""
    method = ("In the term the US must have said it keeps the sanctions or added designations, and no Security "
              "Council resolution may have eased them.")
    start, end = _term(leaders, president)
    kept = _in(_stances(positions, "keep_sanctions", "US"), start, end)
    council = _in(resolutions, start, end)
    adopted = council[council["status"] == "adopted"]
    changed = adopted[adopted["kind"] != "panel_renewal"]
    tightening = council[(council["kind"] == "sanctions")]
    r = robust_verdict({"US statements and designations": len(kept) > 0,
                        "no Council resolution but renewals of the sanctions panel": len(changed) == 0,
                        "the US put new sanctions to a vote": len(tightening) > 0})
    evidence = (f"{len(kept)} US statements or designations keeping the sanctions "
                f"({', '.join(position_date(row) for _, row in kept.iterrows()) or 'none'}); the Council adopted "
                f"{len(adopted) - len(changed)} renewals of the sanctions panel and {len(changed)} other resolutions "
                f"in the term; new sanctions put to a vote: {', '.join(tightening['resolution']) or 'none'}.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


# -- the Security Council's tools ---------------------------------------------------------------

def sanctions_after(launches: pd.DataFrame, resolutions: pd.DataFrame, since: pd.Timestamp,
                    claim_id: str = "cycle_continues",
                    claim: str = "Provocations are still followed by international condemnation and "
                                 "sanctions.") -> Verdict:
    """"Still followed by sanctions": long-range launches since ``since`` were followed
    by adopted sanctions resolutions. Variants: from ``since``, from two years later, and
    counting every launch event rather than long-range ones. Contradicted when no
    sanctions resolution was adopted in any variant although launches went on;
    condemnation is not in the tables."""
    method = ("Since the last sanctions resolution's year, launches must have been followed by at least one "
              "adopted sanctions resolution.")
    events = launch_events(launches)
    return untestable(claim_id, claim, "", method=method, needs={"launch events": events,
                                                                 "Security Council resolutions": resolutions},
                      rule=lambda: _after_rule(events, resolutions, since, claim_id, claim, method))


LONG_RANGE = ("ICBM", "IRBM", "SLV")


def _after_rule(events, resolutions, since, claim_id, claim, method) -> Verdict:
    adopted = resolutions[(resolutions["status"] == "adopted") & (resolutions["kind"] == "sanctions")]
    outcomes = {}
    for label, start, which in ((f"long-range launches from {since.year}", since, LONG_RANGE),
                                (f"long-range launches from {since.year + 2}", since + pd.DateOffset(years=2),
                                 LONG_RANGE),
                                (f"every launch event from {since.year}", since, None)):
        shown = events[events["date"] >= start]
        if which is not None:
            shown = shown[shown["missile_class"].isin(which)]
        if shown.empty:
            continue
        outcomes[label] = bool((adopted["date"] > shown["date"].min()).any())
    r = robust_verdict(outcomes)
    later = events[events["date"] >= since]
    n_long = int(later["missile_class"].isin(LONG_RANGE).sum())
    evidence = (f"{len(later)} launch events since {date_label(since)}, {n_long} of them long-range; "
                f"{int((adopted['date'] >= since).sum())} sanctions resolutions adopted since then (the last "
                f"{date_label(adopted['date'].max())}). Condemnations are not in the tables.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


REGIME_KINDS = ("sanctions", "panel_renewal")
"""Resolutions of the sanctions regime: those that impose or tighten sanctions and those
that renew the panel of experts that monitors them."""


def sanctions_share(resolutions: pd.DataFrame, claim_id: str = "sanctions_primary_tool",
                    claim: str = "Sanctions have been the primary tool of the Security Council.") -> Verdict:
    """"A primary tool": resolutions of the sanctions regime (imposing, tightening or
    monitoring sanctions) are at least half of the Council's resolutions on the DPRK.
    Variants: adopted resolutions; adopted and vetoed drafts; adopted since the first
    sanctions resolution. Supported when every variant holds, contradicted when none."""
    method = ("Resolutions that impose, tighten or monitor sanctions must be at least half of the Security "
              "Council's resolutions on the DPRK.")
    return untestable(claim_id, claim, "", method=method, needs={"Security Council resolutions": resolutions},
                      rule=lambda: _share_rule(resolutions, claim_id, claim, method))


def _share(frame: pd.DataFrame) -> float:
    return float(frame["kind"].isin(REGIME_KINDS).mean()) if len(frame) else 0.0


def _share_rule(resolutions, claim_id, claim, method) -> Verdict:
    adopted = resolutions[resolutions["status"] == "adopted"]
    sanctions = adopted[adopted["kind"] == "sanctions"]
    renewals = adopted[adopted["kind"] == "panel_renewal"]
    since = adopted[adopted["date"] >= sanctions["date"].min()] if len(sanctions) else adopted.iloc[0:0]
    shares = {"adopted resolutions": _share(adopted), "adopted and vetoed drafts": _share(resolutions),
              "adopted since the first sanctions resolution": _share(since)}
    r = robust_verdict({f"{label} ({v:.0%})": v >= 0.5 for label, v in shares.items()})
    evidence = (f"Of {len(adopted)} adopted resolutions on the DPRK, {len(sanctions)} impose or tighten sanctions and "
                f"{len(renewals)} renew the panel that monitors them; {len(adopted) - len(sanctions) - len(renewals)} "
                "make other demands.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


def early_dialogue(summits: pd.DataFrame, before: int = 2000, claim_id: str = "early_dialogue_collapsed",
                   claim: str = "Early attempts at dialogue between Washington and Pyongyang were rare and often "
                                "collapsed.") -> Verdict:
    """"Often collapsed": of the US–DPRK agreements signed before ``before``, at least
    half later broke down. Variants: agreements before ``before``; agreements to the end
    of that year (the 2000 communiqué included). Supported when both hold, contradicted
    when neither."""
    method = f"At least half of the US–DPRK agreements signed before {before} must have broken down."
    deals = summits[(summits["track"] == "us_dprk") & (summits["kind"] == "agreement")]
    early = deals[deals["date"].dt.year < before]
    return untestable(claim_id, claim, "", method=method, needs={f"US–DPRK agreements before {before}": early},
                      rule=lambda: _early_rule(deals, early, before, claim_id, claim, method))


def _early_rule(deals, early, before, claim_id, claim, method) -> Verdict:
    to_end = deals[deals["date"].dt.year <= before]

    def broke(frame):
        return int(frame["breakdown_date"].notna().sum())

    r = robust_verdict({f"agreements before {before}": 2 * broke(early) >= len(early),
                        f"agreements to the end of {before}": 2 * broke(to_end) >= len(to_end)})
    held = (early["breakdown_date"] - early["date"]).dt.days / 365.25
    years = ", ".join(f"{y:.1f}" for y in held.dropna())
    evidence = (f"{broke(early)} of {len(early)} US–DPRK agreements signed before {before} broke down, after "
                f"{years} years; {broke(to_end)} of {len(to_end)} to the end of {before}.")
    return Verdict(claim_id, claim, r.verdict, evidence, "", method=method, robustness=r.text)


def no_record(claim_id: str, claim: str, *, needs: dict, context: str, method: str) -> Verdict:
    """A claim whose data no table holds yet: *not testable*, computed from ``needs``
    (each value ``None`` or a table), naming what is missing. When a table supplies
    them, the claim needs a rule: a verdict the data do not decide is never guessed."""
    def undecided() -> Verdict:
        raise LookupError(f"{claim_id}: the data it needs are present but it has no rule yet")
    return untestable(claim_id, claim, "", needs=needs, rule=undecided, context=context, method=method)


def verdict_facts(verdicts) -> dict:
    """The prose's view of verdicts: ``verdict_<claim_id>`` and ``evidence_<claim_id>``
    for each, so a chapter's text quotes the register's own words."""
    out = {}
    for v in verdicts:
        out[f"verdict_{v.claim_id}"] = v.verdict
        out[f"evidence_{v.claim_id}"] = v.evidence
    return out


def place(verdicts, recorded, *, merged=(), book=()) -> tuple:
    """A chapter's verdicts with the record-based ones in place: a recorded verdict
    replaces the chapter's verdict of the same claim where it stands, the others follow
    at the end; the ``merged`` claim ids (a claim counted twice, merged into another of
    the catalogue) are left out, and the ``book`` ids are marked as the book's own
    questions."""
    by_id = {v.claim_id: v for v in recorded}
    out, placed = [], set()
    for v in verdicts:
        if v.claim_id in merged:
            continue
        if v.claim_id in by_id:
            v = by_id[v.claim_id]
            placed.add(v.claim_id)
        out.append(v)
    out += [v for v in recorded if v.claim_id not in placed and v.claim_id not in merged]
    return tuple(replace(v, origin="book") if v.claim_id in book else v for v in out)

"""The claims catalogue (``data/claims.csv``) against the claims register: every
catalogued claim has exactly one verdict, every verdict is a catalogued claim, and the
two agree on where the book tests it and whose question it is."""

from __future__ import annotations

import pandas as pd


def catalogue_problems(catalogue: pd.DataFrame, register: pd.DataFrame) -> list[str]:
    """What keeps the catalogue and the register from matching one to one, as sentences
    (empty when they match): claims without a verdict or with several, verdicts of no
    catalogued claim, a merged id still in the register, and claims whose book section
    or origin differ between the two."""
    problems = []
    counts = register["claim_id"].value_counts()
    ids = list(catalogue["claim_id"])
    for claim_id in ids:
        n = int(counts.get(claim_id, 0))
        if n != 1:
            problems.append(f"{claim_id}: {n} verdicts in the register, expected exactly one")
    merged = {m.strip() for cell in catalogue.get("merges", pd.Series(dtype=str)).dropna()
              for m in str(cell).split(";") if m.strip()}
    for claim_id in counts.index:
        if claim_id in merged:
            problems.append(f"{claim_id}: merged into another claim of the catalogue, but still in the register")
        elif claim_id not in ids:
            problems.append(f"{claim_id}: in the register but not in the catalogue")
    both = catalogue.merge(register.drop_duplicates("claim_id"), on="claim_id", suffixes=("", "_register"))
    for _, row in both.iterrows():
        if row["book_section"] != row["section"]:
            problems.append(f"{row['claim_id']}: catalogued in {row['book_section']}, tested in {row['section']}")
        if "origin_register" in row and row["origin"] != row["origin_register"]:
            problems.append(f"{row['claim_id']}: origin {row['origin']} in the catalogue, "
                            f"{row['origin_register']} in the register")
    return problems

"""The scope of fixtures that compute a whole chapter's findings from the real data.

Once per module normally. While mutmut records which tests reach which function (its
"stats" pass, ``MUTANT_UNDER_TEST=stats``), once per test instead: a module-scoped
value is computed inside the first test that asks for it, so mutmut would link the
chapter's code to that test alone and never run the others against a mutant.
"""

from __future__ import annotations

import os


def per_module(fixture_name, config) -> str:
    return "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else "module"

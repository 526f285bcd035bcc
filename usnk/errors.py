"""Located data problems and the exception that carries them.

A :class:`Problem` names where something is wrong in the data — the file, the
1-based line number in that file (the header is line 1, so the first data row is
line 2), the column — what was expected, and the offending value. Validation
returns a list of problems and never raises for bad data; code that must not go on
with broken data (loading, importing) raises :class:`DataError` carrying them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One located problem in the data.

    ``row`` is the 1-based line number in ``file`` (header = 1), or ``None`` for a
    problem with the whole file; ``column`` is ``None`` when no single column is at
    fault; ``value`` is the offending value, if there is one.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    value: object = None

    def __str__(self) -> str:
        where = str(self.file)
        if self.row is not None:
            where += f":{self.row}"
        text = where + ":"
        if self.column is not None:
            text += f" {self.column}:"
        text += f" {self.message}"
        if self.value is not None:
            text += f" ({self.value})"
        return text


class DataError(Exception):
    """Raised when data has problems; ``.problems`` lists every one of them."""

    def __init__(self, problems: Iterable[Problem], message: str | None = None):
        self.problems: list[Problem] = list(problems)
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        head = self.message or f"{n} data problem{'s' if n != 1 else ''}"
        if not self.problems:
            return head
        return head + ":\n" + "\n".join(str(p) for p in self.problems)

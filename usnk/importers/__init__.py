"""Importers for the official source files behind ``data/``.

- :mod:`usnk.importers.cns` reads the CNS North Korea Missile Test Database as NTI
  distributes it (xlsx, or a CSV export of it).
- :mod:`usnk.importers.csis` reads the CSIS Beyond Parallel provocations table.
- :mod:`usnk.importers.common` holds what they share: the launch table's column
  order and the deterministic event and row identifiers.
- :mod:`usnk.importers.update` merges, validates and writes (``python -m usnk update``).

Importers return tables in the CSV's own text form (every column a string, an
empty string for a missing value) so that they can be validated and written
without a round trip through typed columns.
"""

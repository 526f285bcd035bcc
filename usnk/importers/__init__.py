"""Importers for the official source files behind ``data/``.

- :mod:`usnk.importers.cns` reads the CNS North Korea Missile Test Database as NTI
  distributes it (xlsx, or a CSV export of it), and its public JSON copy.
- :mod:`usnk.importers.csis` reads the CSIS Beyond Parallel provocations table.
- :mod:`usnk.importers.common` holds what they share: the launch table's column
  order and the deterministic event and row identifiers.
- :mod:`usnk.importers.reconcile` gives each CNS missile its Korean date by matching
  it to the CSIS event of the same launch, and keeps the launches CNS lacks.
- :mod:`usnk.importers.ledger` takes the corrections ledger off and puts it back on
  around an import (its validation rule is :mod:`usnk.validate.ledger`).
- :mod:`usnk.importers.sources` lists the sources an update can import, one
  :class:`~usnk.importers.sources.Source` entry each (option, file kinds, reader, how
  it enters the update, release-log kinds): a third source is one more entry.
- :mod:`usnk.importers.update` merges, validates, lists every change, logs the
  release and writes (``python -m usnk update``).

Importers return tables in the CSV's own text form (every column a string, an
empty string for a missing value) so that they can be validated and written
without a round trip through typed columns.
"""

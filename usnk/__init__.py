"""usnk: data, analysis and charts for the US–North Korea relations book.

The notebooks in ``book/`` stay thin and call into this package: loading and
validating the tables in ``data/`` (:mod:`usnk.load`, :mod:`usnk.validate`),
aggregations (:mod:`usnk.analysis`), one function per chart (:mod:`usnk.charts`),
importers for new source files (:mod:`usnk.importers`) and the command line
(``python -m usnk``).
"""

__version__ = "1.0.0"

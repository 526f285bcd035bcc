"""usnk: data, analysis and charts for the US–North Korea relations book.

The notebooks in ``book/`` only load, call and draw: loading and validating the
tables in ``data/`` (:mod:`usnk.load`, :mod:`usnk.validate`), each chapter's facts,
verdicts and chart frames (:mod:`usnk.findings`), aggregations by concept
(:mod:`usnk.analysis`), the domain vocabulary (:mod:`usnk.vocabulary`) and colours
(:mod:`usnk.style`), one function per chart that only draws (:mod:`usnk.charts`),
importers for new source files (:mod:`usnk.importers`) and the command line
(``python -m usnk``).
"""

__version__ = "1.0.0"

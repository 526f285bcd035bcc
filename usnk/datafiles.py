"""Reading the data folder's files: ``datapackage.json`` and each resource's CSV, as
raw strings with located problems.

This is the one place that opens the files of a data folder for reading;
:class:`usnk.datafolder.DataFolder` reads through it (once per file), and validation
(:mod:`usnk.validate`) is handed what was read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from usnk.errors import DataError, Problem
from usnk.validate.csvfile import read_csv_text, text_line_of_offset
from usnk.validate.package import PACKAGE_FILE, resource_file


def package_path(data_dir: str | os.PathLike) -> Path:
    """Where ``datapackage.json`` lives in the data folder ``data_dir``."""
    return Path(data_dir) / PACKAGE_FILE


def load_package(data_dir: str | os.PathLike) -> dict:
    """Read ``datapackage.json`` from the data folder.

    Raises :class:`DataError` (with a located problem) if it is missing, not
    UTF-8, not valid JSON or not a JSON object.
    """
    path = package_path(data_dir)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(PACKAGE_FILE, None, None, f"file not found in {path.parent}")])
    except OSError as exc:
        raise DataError([Problem(PACKAGE_FILE, None, None, f"cannot be read: {exc.strerror or exc}")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = text_line_of_offset(data, exc.start)
        raise DataError([Problem(PACKAGE_FILE, line, None, "expected UTF-8 text")])
    try:
        package = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(PACKAGE_FILE, exc.lineno, None, f"expected valid JSON: {exc.msg}")])
    if not isinstance(package, dict):
        raise DataError([Problem(PACKAGE_FILE, None, None, "expected a JSON object at the top level")])
    return package


def read_resource(data_dir: str | os.PathLike, name: str, res: Mapping
                  ) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One resource's CSV as a frame of raw strings (``None`` if unreadable) and its
    problems; ``frame.attrs["lines"]`` holds each row's file line."""
    file = resource_file(res)
    path = Path(data_dir) / file
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(file, None, None,
                              f"file not found; resource {name!r} in {PACKAGE_FILE} expects it")]
    except OSError as exc:
        return None, [Problem(file, None, None, f"cannot be read: {exc.strerror or exc}")]
    return read_csv_text(data, file)

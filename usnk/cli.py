"""The command line: ``python -m usnk validate | update | datadoc``.

Exit codes: 0 success; 1 a user or data error (a located message on stderr, no
traceback); 2 an unexpected failure (a short message; ``--debug`` shows the
traceback). argparse usage errors also exit 2.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from usnk import paths
from usnk.errors import DataError
from usnk.importers import sources


class UserError(Exception):
    """An error whose message is all the user needs (exit 1, no traceback)."""


def _print_problems(problems, where, err) -> None:
    for p in problems:
        print(str(p), file=err)
    n = len(problems)
    print(f"{n} problem{'s' if n != 1 else ''} found in {where}", file=err)


def cmd_validate(args, out, err) -> int:
    from usnk.datafolder import DataFolder
    from usnk.validate import newest_row_date

    folder = DataFolder(args.data_dir)  # resolved once, in main()
    problems = folder.validate()
    if problems:
        _print_problems(problems, folder.path, err)
        return 1
    frames, _ = folder.raw_frames()
    rows = sum(len(f) for f in frames.values())
    newest = [d for name, f in frames.items() if (d := newest_row_date(name, f)) is not None]
    last = max(newest).isoformat() if newest else "none"
    print(f"OK: {len(frames)} tables, {rows} rows, last event {last}", file=out)
    return 0


def cmd_update(args, out, err) -> int:
    from usnk.importers import update  # lazy: only this command needs the importers

    given = {s.option: getattr(args, s.option) for s in sources.SOURCES}
    if not any(given.values()):
        raise UserError("nothing to import: give " + " and/or ".join(f"{s.flag} {s.metavar}" for s in sources.SOURCES))
    return int(update.run(data_dir=args.data_dir, dry_run=args.dry_run, out=out, **given) or 0)


def cmd_datadoc(args, out, err) -> int:
    from usnk import datadoc
    from usnk.load import load_all, package

    ddir = args.data_dir
    readme = Path(args.readme) if args.readme else paths.ROOT / "README.md"
    section = datadoc.readme_markdown(package(ddir), load_all(ddir))
    up_to_date = datadoc.update_readme(readme, section, check=args.check)
    if up_to_date:
        print(f"{readme}: data section is up to date", file=out)
        return 0
    if args.check:
        print(f"{readme}: data section is out of date; run `python -m usnk datadoc`", file=err)
        return 1
    print(f"{readme}: data section updated", file=out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m usnk",
                                     description="Data tools for the US–North Korea relations book.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name, help_text):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--debug", action="store_true", dest="debug_sub", help=argparse.SUPPRESS)
        return p

    p = add("validate", "Check every table in the data folder against datapackage.json and the rules.")
    p.add_argument("--data-dir", metavar="DIR", help="data folder (default: $USNK_DATA_DIR or data/)")
    p.set_defaults(func=cmd_validate)

    p = add("update", "Import a newer CNS spreadsheet and/or CSIS table, validate, and write the data.")
    for source in sources.SOURCES:  # one option per source an update can import
        p.add_argument(source.flag, metavar=source.metavar, help=source.help,
                       action="append" if source.repeatable else "store")
    p.add_argument("--data-dir", metavar="DIR", help="data folder (default: $USNK_DATA_DIR or data/)")
    p.add_argument("--dry-run", action="store_true", help="show what would change without writing")
    p.set_defaults(func=cmd_update)

    p = add("datadoc", "Regenerate the data section of README.md from datapackage.json and the tables.")
    p.add_argument("--check", action="store_true", help="exit 1 if the README's data section is out of date")
    p.add_argument("--data-dir", metavar="DIR", help="data folder (default: $USNK_DATA_DIR or data/)")
    p.add_argument("--readme", metavar="FILE", help="README to update (default: README.md at the top level)")
    p.set_defaults(func=cmd_datadoc)
    return parser


def main(argv: list[str] | None = None, *, out=None, err=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = build_parser().parse_args(argv)
    debug = args.debug or getattr(args, "debug_sub", False)
    if hasattr(args, "data_dir"):  # the one place the data folder is resolved for a command
        args.data_dir = paths.data_dir(args.data_dir)
    try:
        return args.func(args, out, err)
    except DataError as exc:
        if exc.problems:
            _print_problems(exc.problems, "the data", err)
        else:
            print(f"error: {exc}", file=err)
        return 1
    except UserError as exc:
        print(f"error: {exc}", file=err)
        return 1
    except (OSError, ValueError) as exc:
        if debug:
            traceback.print_exc(file=err)
        print(f"error: {_describe(exc)}", file=err)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=err)
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: short message, no traceback
        if debug:
            traceback.print_exc(file=err)
        print(f"unexpected error: {type(exc).__name__}: {exc}", file=err)
        if not debug:
            print("(run with --debug to see the traceback)", file=err)
        return 2


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    return str(exc) or type(exc).__name__

"""``python -m usnk``: see :mod:`usnk.cli`."""

import sys

from usnk.cli import main

if __name__ == "__main__":
    sys.exit(main())

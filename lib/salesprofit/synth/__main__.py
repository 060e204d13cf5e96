"""Command line: ``python -m salesprofit.synth --out DIR [--seed N]``."""

import sys

from .writer import main

if __name__ == "__main__":
    sys.exit(main())

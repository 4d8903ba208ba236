"""The bundle's entry point: the `traininglog` command, frozen.

`traininglog/__main__.py` uses a relative import, which a frozen top-level script cannot.
"""

import multiprocessing
import sys

from traininglog.cli import main

if __name__ == "__main__":
    # A rebuild parses on every core in worker processes started by spawn: in the bundle,
    # each worker is this executable again, which must run the worker, not the app.
    multiprocessing.freeze_support()
    sys.exit(main())

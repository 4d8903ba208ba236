"""The bundle's entry point: the `traininglog` command, frozen.

`traininglog/__main__.py` uses a relative import, which a frozen top-level script cannot.
"""

import sys

from traininglog.cli import main

if __name__ == "__main__":
    sys.exit(main())

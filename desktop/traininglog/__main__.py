"""`python -m traininglog` is the `traininglog` command."""

import sys

from .cli import main

sys.exit(main())

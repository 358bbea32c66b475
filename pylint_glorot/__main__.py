"""`python -m pylint_glorot fix ...`: the same as the `pylint-glorot` console script."""

import sys

from pylint_glorot.cli import main

sys.exit(main())

"""`python -m claimgraph.cli`: the same as the `claimgraph` command."""

import sys

from . import main

sys.exit(main())

"""``python -m procedures …``: the ``procedures`` command (the build runs its worker this way)."""

import sys

from .registry import main

sys.exit(main())

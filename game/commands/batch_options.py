"""Checks shared by the commands that play batches of campaigns (simulate, search)."""

from __future__ import annotations

import sys
from argparse import Namespace


def batch_options_refused(args: Namespace) -> bool:
    """Say what is wrong with --seed or --jobs on stderr; True when something is."""
    if args.seed < 0:
        print("error: --seed must not be negative", file=sys.stderr)
        return True
    if args.jobs is not None and args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return True
    return False

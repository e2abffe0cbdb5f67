"""Print the share of mutants of game/core that the fast core tests kill.

Run after `mutmut run` (see README.md, "Mutation testing"):

    .venv/bin/python -m tests.mutation.score

Mutants listed in tests/mutation/equivalent.txt (one name a line, `#` and the reason after
it) change no behaviour a test could see; they are left out of the figure and counted
apart. Mutant names follow the code, so the list is checked again after each change of
game/core: a name no longer produced is reported as stale.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

EQUIVALENT = Path(__file__).with_name("equivalent.txt")
KILLED = {"killed", "timeout", "caught by type check"}


def statuses(mutmut: str) -> dict[str, str]:
    out = subprocess.run(
        [mutmut, "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    found = {}
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name.startswith("game."):
            found[name] = status
    return found


def equivalent_names() -> set[str]:
    names = set()
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.add(name)
    return names


def main() -> int:
    mutmut = str(Path(sys.executable).with_name("mutmut"))
    found = statuses(mutmut)
    if not found:
        print("no mutation results: run `mutmut run` first")
        return 1
    equivalent = equivalent_names()
    counted = {name: status for name, status in found.items() if name not in equivalent}
    tally = Counter("killed" if s in KILLED else s for s in counted.values())
    killed = tally["killed"]
    print(f"mutants of game/core: {len(found)}, of which equivalent: {len(found) - len(counted)}")
    for status, count in sorted(tally.items()):
        print(f"  {status}: {count}")
    print(
        f"killed: {killed}/{len(counted)} = {killed / len(counted):.1%} of non-equivalent mutants"
    )
    # A run stopped before its end leaves mutants unchecked: the share among those it did
    # check is printed apart, never in place of the figure above.
    unchecked = tally["not checked"]
    if unchecked:
        run = len(counted) - unchecked
        print(
            f"of the {run} checked (the run stopped before {unchecked} others): "
            f"{killed}/{run} = {killed / max(run, 1):.1%}"
        )
    stale = sorted(equivalent - found.keys())
    if stale:
        print(f"stale names in {EQUIVALENT.name} (no longer produced): {', '.join(stale)}")
    for name, status in sorted(counted.items()):
        if status not in KILLED and status != "not checked":
            print(f"  {status}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

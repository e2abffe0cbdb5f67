"""The code stays ruff clean: the same check a reviewer runs."""

import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_ruff_finds_nothing():
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is installed with the test extra")
    command = [sys.executable, "-m", "ruff", "check", "game", "tests"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout

"""The balance report (`simulate --report`): what it says matches the campaigns it ran,
the campaigns it lists replay on their own, chunking never changes a figure, progress
shows on stderr, and a real browser draws and prints the page."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys

import numpy as np
import pytest

from game.cli import main
from game.content.loader import load_scenario
from game.saves import load_save
from game.sim.balance import BalanceTally
from game.sim.batch import run_batch
from game.sim.policies import HeuristicPolicy, RandomPolicy
from tests.conftest import ROOT, write_scenario

RUNS = 200


def simulate(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["simulate", *args])
    return status, out.getvalue(), err.getvalue()


def percent(share: float) -> str:
    """A share as the report writes it."""
    if share == 0:
        return "0%"
    if share < 0.001:
        return "&lt;0.1%"
    return f"{100 * share:.1f}%" if share < 0.1 else f"{100 * share:.0f}%"


@pytest.fixture(scope="module")
def campaign_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    out = folder / "balance.html"
    status, stdout, stderr = simulate("ussr1928", "--runs", str(RUNS), "--report", str(out))
    assert status == 0, stderr
    return out, stdout, stderr


@pytest.fixture(scope="module")
def campaign_batch(campaign_scenario):
    """The same 200 campaigns as the report's, run as one batch outside the command."""
    return run_batch(campaign_scenario, list(range(1, RUNS + 1)), HeuristicPolicy())


def test_the_report_says_what_the_campaigns_did(campaign_report, campaign_batch, campaign_scenario):
    out, stdout, _ = campaign_report
    html = out.read_text(encoding="utf-8")
    assert f"Wrote the balance report to {out}" in stdout
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert f"{RUNS} campaigns, seeds 1 to {RUNS}" in html and "<b>heuristic</b> policy" in html
    assert "campaign dates 1928-Q4 to 1941-Q2" in html

    counts = np.bincount(campaign_batch.endings, minlength=len(campaign_scenario.endings))
    listed = {
        ending: int(count)
        for ending, count in re.findall(
            r'class="id">(\w+)</span> · <b>[^<]+</b> \(([\d,]+) campaigns?', html
        )
    }
    never = re.search(r"<h3>Never reached \((\d+) of (\d+)\)</h3>(.*?)</div>", html, re.S)
    unreached = re.findall(r'class="id">(\w+)</span>', never.group(3)) if never else []
    for ending in campaign_scenario.endings:
        if counts[ending.index]:
            assert listed[ending.id] == counts[ending.index]
        else:
            assert ending.id in unreached
    assert sum(listed.values()) == RUNS  # the shares of the endings add up to 100%

    fired = campaign_batch.fire_counts() > 0
    for event in campaign_scenario.events:
        row = re.search(
            rf'class="id">{event.id} · \w*</span></td><td class="num">([^<]+)</td>', html
        )
        assert row and row.group(1) == percent(fired[:, event.index].mean()), event.id
        if not fired[:, event.index].any():
            assert re.search(rf"<li><b>[^<]+</b> <span class=\"id\">{event.id}</span>:", html)

    assert "5. Key variables year by year" in html
    for name in campaign_scenario.key_indicators:
        assert f'class="id">{name}</span></figcaption><svg' in html


def test_a_listed_campaign_replays_to_the_listed_ending(campaign_report, tmp_path):
    out, _, _ = campaign_report
    html = out.read_text(encoding="utf-8")
    blocks = re.findall(
        r'<div class="ending-block"><h3>([^<]+)</h3>.*?<pre class="cmd">(.*?)</pre>', html, re.S
    )
    assert blocks
    # The rarest ending the run reached: its campaigns are the least like the others.
    title, commands = blocks[-1]
    lines = commands.splitlines()
    seed, date = re.match(r"# seed (\d+), ended (\S+)", lines[0]).groups()
    for line in lines[1:3]:
        args = shlex.split(line.replace("&quot;", '"'))
        assert args[:3] == ["python", "-m", "game"]
        result = subprocess.run(
            [sys.executable, *args[1:]], capture_output=True, text=True, cwd=tmp_path, timeout=300
        )
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    campaign = load_save(tmp_path / f"campaign-{seed}.json", load_scenario("ussr1928"))
    assert campaign.is_over and campaign.ending.title == title.replace("&#x27;", "'")
    assert campaign.date == date
    debrief = (tmp_path / f"campaign-{seed}.html").read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in debrief


def test_chunks_of_any_size_give_the_same_campaigns_and_figures(campaign_scenario):
    seeds = list(range(7, 7 + 120))
    policy = RandomPolicy()
    whole, chunked = BalanceTally(campaign_scenario), BalanceTally(campaign_scenario)
    one = whole.play_chunk(seeds, policy)
    parts = [chunked.play_chunk(seeds[a:b], policy) for a, b in ((0, 1), (1, 50), (50, 120))]
    assert np.array_equal(one.state.values, np.concatenate([p.state.values for p in parts]))
    assert whole.report("random").to_dict() == chunked.report("random").to_dict()


SMALL_EVENTS = """
events:
  - id: strikes
    title: Strikes in the mills
    text: The weavers stop work.
    mtth: 2
    once: false
    cooldown: 2
    options:
      - {id: crack_down, text: Send the police., effects: [{add: {var: society.unrest, value: 3}}]}
      - {id: concede, text: Raise the wages., effects: [{add: {var: economy.valuta, value: -1}}]}
  - id: distant_war
    title: A war too far
    text: It comes after the scenario has ended.
    date: 1935-Q1
"""

SMALL_DECISIONS = """
decisions:
  - id: buy_machines
    title: Buy machines
    text: Spend valuta on foreign machines.
    costs: {economy.valuta: 5}
    effects: [{add: {var: economy.output, value: 10}}]
  - id: impossible_reform
    title: An impossible reform
    text: Needs more output than there can ever be.
    when: {at_least: {var: economy.output, value: 500}}
    effects: [{add: {var: party.control, value: 1}}]
"""


def test_a_small_scenario_shows_what_never_happens(tmp_path):
    folder = write_scenario(
        tmp_path / "small",
        {"events/events.yaml": SMALL_EVENTS, "decisions/decisions.yaml": SMALL_DECISIONS},
    )
    out = tmp_path / "small.html"
    status, _, stderr = simulate(
        str(folder), "--runs", "150", "--seed", "3", "--policy", "random", "--report", str(out)
    )
    assert status == 0, stderr
    html = out.read_text(encoding="utf-8")
    never_fired = html.split('id="never-fired"')[1].split("</div>")[0]
    assert "Never fired (1 of 2)" in never_fired and "distant_war" in never_fired
    assert "lies outside the campaign (1930-Q1 to 1932-Q4)" in never_fired
    assert "strikes" not in never_fired
    never_taken = html.split('id="never-taken"')[1].split("</div>")[0]
    assert "impossible_reform" in never_taken and "never open to take" in never_taken
    assert "buy_machines" not in never_taken
    assert "crack_down" in html and "concede" in html  # the choices at the strikes
    assert "150 campaigns, seeds 3 to 152" in html
    assert f"simulate {folder} --runs 1 --seed 3 --policy random --save campaign-3.json" in html


def test_one_option_never_chosen_is_counted_in_the_singular(tmp_path):
    events = SMALL_EVENTS.replace(
        "      - {id: concede,",
        "      - {id: call_the_army, text: Call the army., when: {at_least: "
        "{var: economy.output, value: 500}}, effects: [{add: {var: society.unrest, value: 9}}]}\n"
        "      - {id: concede,",
    )
    folder = write_scenario(tmp_path / "small", {"events/events.yaml": events})
    out = tmp_path / "small.html"
    status, _, stderr = simulate(
        str(folder), "--runs", "100", "--seed", "3", "--policy", "random", "--report", str(out)
    )
    assert status == 0, stderr
    html = out.read_text(encoding="utf-8")
    assert ">1 option never chosen<" in html and "call_the_army" in html


def test_progress_lines_on_stderr_and_a_clean_stdout(campaign_report):
    _, stdout, stderr = campaign_report
    assert f"simulating: {RUNS} of {RUNS} campaigns (100%)" in stderr
    assert "simulating" not in stdout


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_redraws_in_place_on_a_terminal(tmp_path):
    leader, follower = os.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "game", "simulate", "ussr1928", "--runs", "300"],
            stdout=subprocess.PIPE,
            stderr=follower,
            cwd=ROOT,
            timeout=300,
        )
        os.close(follower)
        shown = b""
        with contextlib.suppress(OSError):
            while chunk := os.read(leader, 65536):
                shown += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0
    text = shown.decode()
    assert "\r[" in text and "300/300 campaigns (100%" in text
    assert text.endswith("\r\x1b[K")  # the bar is wiped before the summary
    assert "simulating:" not in text


def test_a_report_that_cannot_be_written_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    status, _, stderr = simulate(
        "ussr1928", "--runs", "1", "--report", str(blocker / "report.html")
    )
    assert status == 1 and "cannot write the report" in stderr


CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_the_report_renders_and_prints_in_a_real_browser(campaign_report, tmp_path):
    out, _, _ = campaign_report
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    shot, pdf = tmp_path / "balance.png", tmp_path / "balance.pdf"
    for extra in (
        ["--window-size=1200,2400", f"--screenshot={shot}"],
        ["--no-pdf-header-footer", f"--print-to-pdf={pdf}"],
    ):
        subprocess.run([CHROMIUM, *flags, *extra, out.as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 50_000
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.read_bytes().count(b"/Type /Page") >= 5

"""The debrief from real simulated campaigns: its content, the class report, what if, and
the page as a browser shows and prints it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args):
    result = subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    for i, policy in enumerate(["historical", "heuristic", "random", "heuristic", "random"]):
        assert (
            run(
                "simulate",
                "ussr1928",
                "--runs",
                "1",
                "--seed",
                str(100 + i),
                "--policy",
                policy,
                "--save",
                str(folder / f"student{i}.json"),
            ).returncode
            == 0
        )
    (folder / "damaged.json").write_text('{"format": "great-turn-save", "vers', encoding="utf-8")
    (folder / "essay.txt").write_text("not a save", encoding="utf-8")
    return folder


def test_the_debrief_of_a_campaign(class_folder, tmp_path):
    out, summary = tmp_path / "debrief.html", tmp_path / "summary.json"
    result = run(
        "debrief", str(class_folder / "student0.json"), "--html", str(out), "--json", str(summary)
    )
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    for heading in (
        "1. What happened",
        "2. Why it happened",
        "3. You and history",
        "4. Questions for discussion",
    ):
        assert heading in html
    assert (
        "<svg" in html
        and "<script" not in html
        and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    )
    assert "The Shakhty verdicts" in html and "as in history" in html
    assert "Historians disagree" in html and "000_428424cff37849ad.txt" in html
    assert html.count('class="theme"') >= 3
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["format"] == "great-turn-summary" and data["seed"] == 100 and data["ending"]["id"]


def test_the_class_report_skips_what_it_cannot_read(class_folder, tmp_path):
    out = tmp_path / "class.html"
    result = run("debrief", "--class", str(class_folder), "--html", str(out))
    assert result.returncode == 0, result.stderr
    assert (
        "for 5 campaigns" in result.stdout
        and "skipped damaged.json" in result.stdout
        and "skipped essay.txt" in result.stdout
    )
    html = out.read_text(encoding="utf-8")
    assert "How the class's campaigns ended" in html and "Turning choices" in html
    assert "Questions for this class" in html and "<svg" in html  # the purge/readiness scatter


def test_what_if_compares_two_outcomes_from_the_same_world(class_folder):
    listing = run("whatif", str(class_folder / "student1.json"))
    # The first choice of the campaign that had another option open.
    line = next(text for text in listing.stdout.splitlines() if "--choose " in text)
    turn = line.split("--turn ")[1].split()[0]
    event = line.split("--choose ")[1].split("=")[0]
    other = line.split("others: ")[1].split(" = ")[0]
    result = run(
        "whatif",
        str(class_folder / "student1.json"),
        "--turn",
        turn,
        "--choose",
        f"{event}={other}",
    )
    assert result.returncode == 0, result.stderr
    assert (
        "What if:" in result.stdout
        and "as played" in result.stdout
        and "The campaigns part in" in result.stdout
    )


CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (.ci/run installs it)"
)
def test_the_report_renders_and_prints_in_a_real_browser(class_folder, tmp_path):
    out = tmp_path / "debrief.html"
    run("debrief", str(class_folder / "student2.json"), "--html", str(out))
    profile = tmp_path / "profile"
    shot, pdf = tmp_path / "debrief.png", tmp_path / "debrief.pdf"
    subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={profile}",
            "--window-size=1100,1600",
            f"--screenshot={shot}",
            out.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            out.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 20_000
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.read_bytes().count(b"/Type /Page") >= 3


def test_the_questions_never_contradict_the_ending():
    """A campaign that ends 'survival at a terrible price' (troops caught unready) is
    never asked why its Union was ready in June 1941."""
    from game.content.loader import load_scenario
    from game.debrief.analysis import build_debrief
    from game.sim.batch import run_batch
    from game.sim.policies import HeuristicPolicy

    scenario = load_scenario("ussr1928")
    batch = run_batch(scenario, list(range(1, 41)), HeuristicPolicy(), record=True)
    endings = set()
    for i in range(40):
        debrief = build_debrief(batch.campaign(i))
        asked = " ".join(q.text for q in debrief.questions)
        endings.add(debrief.ending_title)
        if "terrible price" in debrief.ending_title:
            assert "was ready in June 1941" not in asked
    assert any("terrible price" in title for title in endings)


def test_an_order_that_was_not_carried_out_is_in_the_timeline_not_among_the_choices(
    tmp_path,
):
    """The debrief says which orders were refused and why, and What-if offers to take
    back only what was really done."""
    from game.debrief.analysis import build_debrief
    from game.debrief.html import render_html
    from game.debrief.whatif import branch_points
    from tests.rules.test_refusal_reasons import PURCHASES
    from tests.rules.world import play, world

    campaign = play(world(tmp_path, PURCHASES, valuta=20), ("turbines", "tractors"))
    debrief = build_debrief(campaign)
    [quarter] = debrief.timeline
    refused = [item.text for item in quarter.items if item.kind == "refused"]
    assert refused == [
        "Not sent: Buy tractors \u2014 needs 15 points of valuta; 5 left after your other orders."
    ]
    assert "Not sent: Buy tractors" in render_html(debrief, ("1930-Q1", "1932-Q4"))
    offered = [p.subject for p in branch_points(campaign) if p.kind == "decision"]
    assert offered == ["turbines"]

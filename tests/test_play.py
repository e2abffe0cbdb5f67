"""The terminal game, played through its real prompts from start to ending."""

from game.commands.play import TerminalGame
from game.content.loader import load_scenario
from game.core.campaign import Campaign
from game.saves import load_save
from tests.conftest import FIXTURES


def scripted(answers):
    queue = list(answers)

    def ask(prompt):
        if not queue:
            raise EOFError
        return queue.pop(0)

    return ask


def test_a_whole_campaign_in_the_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr("game.commands.play.saves_dir", lambda: tmp_path)
    monkeypatch.setattr("game.saves.saves_dir", lambda: tmp_path)
    scenario = load_scenario(FIXTURES / "golden")
    campaign = Campaign(scenario, 3)
    shown: list[str] = []
    answers = ["help", "p 1 1", "d 1", "why output", "save first", "", "why unrest"]
    answers += ["", "1"] * 40
    game = TerminalGame(campaign, ask=scripted(answers), say=shown.append)
    assert game.run() == 0
    text = "\n".join(shown)
    assert "Pace: Slow" in text and "Ordered: Pact" in text
    # Indicators, costs, causes and decisions in words, as the window shows them, not ids;
    # this content declares no units, so its numbers read as index points.
    assert "  Output " in text and "(costs 5 points of valuta)" in text
    assert "from Growth" in text and "from rule:" not in text
    assert "Pact (succeeded)" in text or "Pact (failed)" in text
    assert "Saved to" in text and (tmp_path / "first.json").exists()
    assert campaign.is_over and campaign.ending.title.upper() in text
    assert campaign.records[0].orders.policies == {"pace": 0.0}
    # The finished campaign is what the autosave holds, ending and all, for the debrief.
    finished = load_save(tmp_path / "autosave-1.json", scenario)
    assert finished.is_over and finished.ending.id == campaign.ending.id
    assert f"saved in {tmp_path / 'autosave-1.json'} for the debrief" in text


def test_quitting_autosaves_and_the_save_continues(tmp_path, monkeypatch):
    monkeypatch.setattr("game.saves.saves_dir", lambda: tmp_path)
    scenario = load_scenario(FIXTURES / "golden")
    campaign = Campaign(scenario, 4)
    game = TerminalGame(campaign, ask=scripted(["", "1", "", "1", "quit"]), say=lambda s: None)
    shown: list[str] = []
    game.say = shown.append
    assert game.run() == 0
    loaded = load_save(tmp_path / "autosave-1.json", scenario)
    assert loaded.turn == campaign.turn == 2
    # The way back names the folder the save is really in (a class drive, say).
    assert any(f"--load {tmp_path / 'autosave-1.json'}" in line for line in shown)


def test_each_option_shows_what_it_would_change(tmp_path, monkeypatch):
    monkeypatch.setattr("game.saves.saves_dir", lambda: tmp_path)
    scenario = load_scenario("collective_security")
    shown: list[str] = []
    game = TerminalGame(Campaign(scenario, 3), ask=scripted(["", "1"]), say=shown.append)
    game.run()
    text = "\n".join(shown)
    assert "1. Say that the Union has no orientation but the Union" in text
    assert "     Channel to Berlin +5 points, Germany +3 points" in text
    assert "Source: Richard Overy, Essay: was Stalin's foreign policy" in text

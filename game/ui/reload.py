"""Developer mode's F5: read the scenario's files again and carry on with them.

The new content is checked first; with errors the game keeps the content it has and
lists every problem. Otherwise the campaign's recorded quarters are played again on the
new content with the same seed (see game.core.reload), so a modder sees an edit's
effect on the campaign in front of them without starting over.
"""

from __future__ import annotations

from game.content.diagnostics import ContentError
from game.content.files import resolve_scenario
from game.content.loader import check_scenario
from game.core.reload import replay_on
from game.ui.session import Session

MAX_LISTED = 40


def reload_content(session: Session) -> tuple[Session | None, str, str]:
    """(the new session or None when the content stays, a one-line notice, details)."""
    campaign = session.campaign
    if campaign.pending is not None:
        return None, "Answer this quarter's events before reloading.", ""
    try:
        folder = resolve_scenario(campaign.scenario.id)
    except ContentError as error:
        return None, "Reload failed: the scenario's folder is gone.", str(error)
    scenario, diagnostics = check_scenario(folder)
    listed = "\n".join(str(d) for d in diagnostics[:MAX_LISTED])
    if len(diagnostics) > MAX_LISTED:
        listed += f"\n... and {len(diagnostics) - MAX_LISTED} more"
    if scenario is None:
        errors = sum(d.severity == "error" for d in diagnostics)
        return (
            None,
            f"Reload failed: {errors} error{'s' if errors != 1 else ''}; playing on with the last good content.",
            listed,
        )
    replayed, notes = replay_on(scenario, campaign.seed, campaign.records)
    new = Session(
        replayed,
        session.saves,
        classroom=session.classroom,
        deadline=session.deadline,
        guide=session.guide,
    )
    warnings = len(diagnostics)
    notice = (
        f"Reloaded {scenario.id}: {len(replayed.records)} quarters replayed, "
        f"{len(notes)} adjusted, {warnings} warning{'s' if warnings != 1 else ''}."
    )
    details = "\n".join(notes[:MAX_LISTED])
    if listed:
        details += ("\n\n" if details else "") + "# Checker warnings\n" + listed
    return new, notice, details

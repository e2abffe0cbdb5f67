"""What the texts of the shipped scenarios claim about the campaign they are read in.

A claim is a pattern in player-facing text and what must hold in the world whenever a
text containing it is shown: "Yezhov's Order" needs the NKVD to be Yezhov's, "after the
famine" needs a famine. Each claim names the scenarios it speaks for; a text that
matches is checked in the very state it was read in (see tests/shown_texts.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tests.shown_texts import World

# Thresholds in the units the scenarios count people in (thousands).
A_FAMINE = 500  # half a million dead of hunger: a famine, not a bad harvest
A_TERROR = 200  # two hundred thousand shot: a terror that empties commissariats
AN_ARMY_PURGE = 5  # five thousand officers discharged

YAGODA, YEZHOV, BERIA = "Yagoda", "Yezhov", "Beria"

# The 1928 campaign and the scenario that extends it (with its own retold events).
CAMPAIGN = ("ussr1928", "trotsky1927")
ALL = ("ussr1928", "collective_security", "trotsky1927")


@dataclass(frozen=True)
class Claim:
    pattern: str
    holds: Callable[[World], bool]
    needs: str  # what must be true, in words, for the failure message
    scenarios: tuple[str, ...] = CAMPAIGN

    def matches(self, words: str) -> bool:
        return re.search(self.pattern, words) is not None


def _quarter(world: World) -> tuple[int, int]:
    year, quarter = world.date.split("-Q")
    return int(year), int(quarter)


def _from(date: str) -> Callable[[World], bool]:
    year, quarter = date.split("-Q")
    return lambda w: _quarter(w) >= (int(year), int(quarter))


def _in(date: str) -> Callable[[World], bool]:
    return lambda w: w.date == date


def _chief(w: World) -> str:
    """Who runs the NKVD, from the answers that changed its chief."""
    if w.chose("yezhov_falls", "end_mass_operations"):
        return BERIA
    if w.chose("yezhov_replaces_yagoda", "appoint_yezhov"):
        return YEZHOV
    return YAGODA


def _commissar(w: World) -> str:
    return w.label("nkid.commissar")


CLAIMS: tuple[Claim, ...] = (
    # Persons in office.
    Claim(
        r"Kirov, Leningrad party chief",
        lambda w: not w.chose("congress_of_victors", "collective_leadership"),
        "Kirov still in Leningrad (not brought to Moscow after the Congress of Victors)",
    ),
    Claim(
        r"Yezhov's Order|Yezhov is exhausted|blame Yezhov",
        lambda w: _chief(w) == YEZHOV,
        "Yezhov at the head of the NKVD",
    ),
    Claim(
        r"Beria's men|Beria writes|Beria's proposal",
        lambda w: _chief(w) == BERIA,
        "Beria at the head of the NKVD",
    ),
    Claim(
        r"Yagoda's NKVD|Yagoda, kept at the NKVD|blame Yagoda",
        lambda w: _chief(w) == YAGODA,
        "Yagoda at the head of the NKVD",
    ),
    Claim(
        r"Bukharin, Zinoviev, Kamenev and Rykov mount the rostrum",
        lambda w: not w.chose("bukharin_recants", "expel_from_party"),
        "Bukharin and Rykov still in the party",
    ),
    Claim(
        r"Coyoac[aá]n|Mexico City",
        lambda w: w.chose("trotsky_expelled", "deport"),
        "Trotsky deported abroad",
    ),
    Claim(
        r"Rykov, Yagoda and",
        lambda w: _chief(w) != YAGODA,
        "Yagoda removed from the NKVD (he cannot be in the dock while he runs it)",
    ),
    Claim(
        r"Litvinov has the floor|Litvinov\s+asks leave|Let Litvinov speak|Litvinov, the face of"
        r" collective security, (thinks|is an obstacle)",
        lambda w: _commissar(w) == "Litvinov",
        "Litvinov at the head of the NKID",
        ALL,
    ),
    Claim(
        r"Litvinov takes the League's rostrum",
        lambda w: _commissar(w) == "Litvinov",
        "Litvinov at the head of the NKID",
        ALL,
    ),
    Claim(
        r"has the floor",
        lambda w: w.flag("treaty.league"),
        "the Union a member of the League",
    ),
    Claim(
        r"Matsuoka",
        _from("1940-Q3"),
        "Matsuoka foreign minister of Japan (from July 1940)",
    ),
    # Things done or suffered.
    Claim(
        r"lost their chiefs to the NKVD",
        lambda w: w.value("security.terror_deaths") >= A_TERROR,
        f"a terror that shot at least {A_TERROR} thousand",
    ),
    Claim(
        r"[Aa]fter (a|the) famine",
        lambda w: w.value("society.famine_deaths") >= A_FAMINE,
        f"a famine of at least {A_FAMINE} thousand dead",
    ),
    Claim(
        r"officers new to their commands|replaced them are\s+new to their commands",
        lambda w: w.value("army.officers_discharged") >= AN_ARMY_PURGE,
        "an army purge",
    ),
    Claim(
        r"credits of 1931 fall due|roll the credits over|Pay every mark",
        lambda w: (
            w.chose("pyatakov_credits", "sign") or w.chose("pyatakov_credits", "spread_orders")
        ),
        "the German credits of 1931 taken",
    ),
    Claim(
        r"Bloc\s+of Rights and Trotskyites",
        lambda w: not w.chose("great_terror", "contain"),
        "the trials not closed after the first of them",
    ),
    Claim(
        r"Hitler says the\s+Franco-Soviet treaty",
        lambda w: w.flag("treaty.franco_soviet"),
        "the Franco-Soviet treaty signed",
    ),
    Claim(
        r"None of this breaks a treaty with Moscow",
        lambda w: w.flag("treaty.nonaggression_germany"),
        "a treaty signed with Germany",
    ),
    Claim(
        r"long denounced by Moscow as \"social\s+fascists|the very \"social fascists\" of yesterday",
        lambda w: w.chose("may_day_berlin", "social_fascism"),
        'Moscow having proclaimed "social fascism"',
    ),
    Claim(
        r"stop calling the Social Democrats \"social fascists\"",
        lambda w: (
            w.chose("may_day_berlin", "social_fascism")
            or w.label("comintern.line") == "Class against class"
        ),
        'a KPD that calls the Social Democrats "social fascists"',
    ),
    Claim(
        r"has proclaimed a Chinese\s+Soviet Republic",
        _from("1931-Q4"),
        "November 1931 or later, when the Chinese Soviet Republic was proclaimed",
    ),
    Claim(
        r"more volunteers\s+for the International Brigades",
        lambda w: w.chose("international_brigades", "raise_brigades"),
        "the International Brigades raised",
    ),
    Claim(
        r"On the new frontier",
        lambda w: w.value("diplomacy.buffer") >= 1,
        "a frontier moved west",
    ),
    Claim(
        r"the old line half disarmed",
        lambda w: w.chose("molotov_line", "strip_old_line"),
        "the old line's guns moved west",
    ),
    Claim(
        r"ran the collectivisation and the famine",
        lambda w: w.value("society.famine_deaths") >= A_FAMINE,
        f"a famine of at least {A_FAMINE} thousand dead",
    ),
    Claim(
        r"France has fallen",
        lambda w: w.fired("fall_of_france"),
        "France fallen",
    ),
    Claim(
        r"International\s+Brigades went home|the Brigades and a Republic|sending the International\s+Brigades"
        r" home|What is left of the International\s+Brigades",
        lambda w: w.chose("international_brigades", "raise_brigades"),
        "the International Brigades raised",
    ),
    Claim(
        r"International\s+Brigades went home",
        lambda w: w.chose("brigades_withdrawn", "withdraw"),
        "the International Brigades withdrawn",
    ),
    Claim(
        r"missing millions are the famine",
        lambda w: w.value("society.famine_deaths") >= A_FAMINE,
        f"a famine of at least {A_FAMINE} thousand dead",
    ),
    Claim(
        r"The famine is blamed",
        lambda w: w.value("society.famine_deaths") >= A_FAMINE,
        f"a famine of at least {A_FAMINE} thousand dead",
    ),
    Claim(
        r"The famine and the\s+arrests are blamed",
        lambda w: (
            w.value("society.famine_deaths") >= A_FAMINE
            and w.value("security.terror_deaths") >= A_TERROR
        ),
        "both a famine and a terror",
    ),
    # Dated turning points told with their dates.
    Claim(
        r"Zinoviev, Kamenev and fourteen others confess",
        _in("1936-Q3"),
        "August 1936, when the first Moscow trial was held",
        ALL,
    ),
    Claim(
        r"soon to head the NKVD|will soon run the NKVD",
        lambda w: False,
        "nothing: a text cannot know who will run the NKVD",
        ALL,
    ),
    Claim(
        r"the commissariat its\s+ambassadors",
        lambda w: w.chose("diplomats_purged", "sign_the_lists"),
        "the purge lists of the foreign commissariat signed",
        ("collective_security",),
    ),
)

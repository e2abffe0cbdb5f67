"""Numbers as a player reads them: a variable's unit and scale turn a stored value or a
change into words ("2,000 people shot", "300 million gold roubles", "23%").

A variable stores a convenient number (famine deaths in thousands, valuta in tens of
millions); its `scale` turns that into the real quantity and its `unit`, from the small
vocabulary below, says how to write it. Pure python, so the core, the debrief, the
terminal and the window all write a number the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.layout import Variable

INDEX = "index points"
PER_CENT = "per cent"
PEOPLE = "people"
TONNES = "tonnes"
GOLD_ROUBLES = "gold roubles"
COUNT = "count"
LEVEL = "level"
FLAG = "flag"

# The closed vocabulary a scenario may declare, with what each means (the reference
# and the checker's "did you mean" read it from here).
UNITS: dict[str, str] = {
    INDEX: "points on an index or a 0-100 scale (the default for numbers)",
    PER_CENT: "a share in per cent: 23 reads '23%', a change 'percentage points'",
    PEOPLE: "a number of people, written in full: 2,000 or 2.4 million",
    TONNES: "a weight in tonnes: '4.3 million tonnes'",
    GOLD_ROUBLES: "money in gold roubles: '300 million gold roubles'",
    COUNT: "a number of things that `phrase:` names, e.g. 'tanks'",
    LEVEL: "a level named by `labels:` (the default for kind: level)",
    FLAG: "yes or no (the default for kind: flag)",
}

# Units that count real things, written in full with million and billion words.
_COUNTED = {PEOPLE, TONNES, GOLD_ROUBLES, COUNT}
# People and things come whole: no one reads "0.4 people shot".
_WHOLE = {PEOPLE, COUNT}
_MINUS = "\u2212"


def unit_of(variable: Variable) -> str:
    """The variable's unit from the vocabulary; content without one reads as index points
    (flags and levels as what their kind says)."""
    if variable.unit in UNITS:
        return variable.unit
    if variable.kind in (FLAG, LEVEL):
        return variable.kind
    return INDEX


def title(variable: Variable) -> str:
    """A variable's short human name: its label, else the opening words of its
    description, else its name ('army.officer_quality' -> 'Officer quality')."""
    if variable.label:
        return variable.label
    text = (
        variable.description.split(";")[0]
        .split(" (")[0]
        .split(". ")[0]
        .split(", ")[0]
        .strip()
        .rstrip(".")
    )
    if text and len(text) <= 40:
        return text[:1].upper() + text[1:]
    return variable.name.split(".")[-1].replace("_", " ").capitalize()


def _lower(text: str) -> str:
    """A title inside a sentence: 'Party control' -> 'party control', but 'NKVD' stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _trim(text: str) -> str:
    """'2.0' -> '2': a trailing zero adds nothing a reader needs."""
    return text[:-2] if text.endswith(".0") else text


def _count(quantity: float, whole: bool = False) -> str:
    """A real quantity in full: '640', '2,000', '15,700', '2.4 million', '1.2 billion'.
    Three significant figures from ten thousand up: the simulation is not that exact."""
    size = abs(quantity)
    for limit, word in ((1e9, "billion"), (1e6, "million")):
        if size >= limit * 0.9995:
            scaled = quantity / limit
            digits = ".0f" if abs(scaled) >= 100 else ".1f"
            return f"{_trim(format(scaled, digits))} {word}"
    if size >= 10_000:
        magnitude = len(str(int(size))) - 3
        return f"{round(quantity, -magnitude):,.0f}"
    if size >= 10 or whole or float(quantity).is_integer():
        return f"{quantity:,.0f}"
    return _trim(f"{quantity:.1f}")


def _plain(quantity: float) -> str:
    """An index or a share: whole from 10 up, one decimal below."""
    if abs(quantity) >= 10 or float(quantity).is_integer():
        text = f"{quantity:.0f}"
    else:
        text = f"{quantity:.1f}"
    return text.replace("-", _MINUS)


def _level_label(variable: Variable, value: float) -> str | None:
    index = int(round(value - variable.minimum))
    if 0 <= index < len(variable.labels):
        return variable.labels[index]
    return None


def format_quantity(unit: str, quantity: float) -> str:
    """A real quantity (already scaled) in a unit of the vocabulary: '9.6 million', '23%',
    '245'; for reports that keep numbers apart from their variables."""
    if unit == PER_CENT:
        return f"{_plain(quantity)}%"
    if unit in _COUNTED:
        return _count(quantity, whole=unit in _WHOLE).replace("-", _MINUS)
    return _plain(quantity)


def format_number(variable: Variable, value: float) -> str:
    """A stored value in its real size, without the unit's words: '2.4 million', '23%',
    'Popular front', 'yes'. For tight places where the label beside it says what it is."""
    unit = unit_of(variable)
    if unit == FLAG:
        return "yes" if value >= 0.5 else "no"
    label = _level_label(variable, value) if variable.labels else None
    if label is not None:
        return label
    return format_quantity(unit, value * variable.scale)


def _noun(variable: Variable, unit: str) -> str:
    if variable.phrase:
        return variable.phrase
    return "" if unit == COUNT else unit


def format_value(variable: Variable, value: float, phrase: bool = True) -> str:
    """A stored value as a player reads it: '2.4 million deaths from famine',
    '300 million gold roubles', '23%', '45', 'Popular front', 'yes'. Beside the
    variable's own name, `phrase=False` keeps only the unit: '2.4 million people'."""
    unit = unit_of(variable)
    number = format_number(variable, value)
    if unit not in _COUNTED or number in variable.labels:
        return number
    noun = _noun(variable, unit) if phrase else ("" if unit == COUNT else unit)
    return f"{number} {noun}" if noun else number


def format_amount(variable: Variable, amount: float) -> str:
    """An amount of a variable, such as a cost: '120 million gold roubles',
    '5 points of party control', '2,000 people'."""
    unit = unit_of(variable)
    if unit in _COUNTED:
        return format_value(variable, amount)
    if unit == PER_CENT:
        return f"{_plain(amount * variable.scale)} percentage points of {_lower(title(variable))}"
    if unit == INDEX:
        quantity = amount * variable.scale
        points = "point" if quantity == 1 else "points"
        return f"{_plain(quantity)} {points} of {_lower(title(variable))}"
    return format_number(variable, amount)


def _signed(text: str, delta: float) -> str:
    return f"+{text}" if delta > 0 else f"{_MINUS}{text}"


def is_negligible(variable: Variable, delta: float) -> bool:
    """Too small to show: it would round to nothing in the variable's own unit."""
    unit = unit_of(variable)
    if unit in (FLAG, LEVEL):
        return abs(delta) < 0.5
    # `<=` at the half for whole things: numbers are written rounded half to even, so
    # exactly half a person would read "+0 people".
    quantity = abs(delta * variable.scale)
    return quantity <= 0.5 if unit in _WHOLE else quantity < 0.05


def format_delta(variable: Variable, delta: float) -> str:
    """A change's signed size without the unit's words, for tight places: '+2,000',
    '\u22120.4 million', '+3.5', 'yes'; '\u00b10' for nothing worth showing."""
    unit = unit_of(variable)
    if is_negligible(variable, delta):
        return "\u00b10"
    if unit == FLAG:
        return "yes" if delta > 0 else "no"
    if unit == LEVEL:
        return _signed(f"{abs(delta):.0f}", delta)
    quantity = abs(delta * variable.scale)
    text = _count(quantity, whole=unit in _WHOLE) if unit in _COUNTED else _plain(quantity)
    return _signed(text, delta)


def format_change(variable: Variable, delta: float) -> str:
    """A change with its unit: '+2,000 people shot', '\u221212 million gold roubles',
    '+3.5 points', '+5 percentage points', '+1 level', 'yes'."""
    unit = unit_of(variable)
    number = format_delta(variable, delta)
    if number in ("\u00b10", "yes", "no"):
        return number
    if unit == LEVEL:
        return f"{number} level" if abs(round(delta)) == 1 else f"{number} levels"
    if unit == PER_CENT:
        return f"{number} percentage points"
    if unit == INDEX:
        return f"{number} point" if abs(delta * variable.scale) == 1 else f"{number} points"
    noun = _noun(variable, unit)
    return f"{number} {noun}" if noun else number


def describe_change(variable: Variable, delta: float, before: float | None = None) -> str:
    """A change in a sentence of its own: '+2,000 people shot' (the phrase says what
    moved), 'Heavy industry +3.5 points', 'Franco-Soviet pact: yes'; a level moved from a
    known value reads by its new label: 'Purges: Mass operations'."""
    change = format_change(variable, delta)
    if unit_of(variable) == FLAG:
        return f"{title(variable)}: {change}"
    if unit_of(variable) == LEVEL and before is not None and variable.labels:
        return f"{title(variable)}: {format_number(variable, before + delta)}"
    if variable.phrase and change != "\u00b10":
        return change
    return f"{title(variable)} {change}"

"""The classroom debrief: what happened, why, how it compares with history, and what
to discuss. Built from turn records; no pygame here."""

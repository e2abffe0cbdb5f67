"""Sound: music and effects synthesised by the project (see pieces.py), and the mixer."""

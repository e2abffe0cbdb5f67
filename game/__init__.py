"""Great Turn: a turn-based strategy and diplomacy game about the USSR, 1928-1941."""

__version__ = "0.1.0"

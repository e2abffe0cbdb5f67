"""The pure simulation: numpy and the standard library only, never pygame or yaml."""

"""The pygame-ce front end: scenes that read the campaign and produce orders."""

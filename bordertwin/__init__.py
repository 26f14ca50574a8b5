"""BorderTwin: the record of Vietnam–Laos border twinning partnerships."""

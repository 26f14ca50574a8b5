"""The border fixtures (a segment of Hương Khê–Nakai with three markers, a joint patrol, officers of both sides)."""

from bordertwin.border.tests.conftest import _english, border, vn_incident  # noqa: F401  (fixtures)

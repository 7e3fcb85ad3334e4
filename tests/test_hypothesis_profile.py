"""Hypothesis runs with the project's fixed profile (tests/conftest.py) whatever the
machine: the same examples on every run."""

from hypothesis import given, settings
from hypothesis import strategies as st


def test_the_fixed_profile_is_in_force():
    assert settings.default.derandomize is True
    assert settings.default.max_examples == 50
    assert settings.default.database is None


def _draw_examples():
    drawn = []

    @given(st.text(max_size=8))
    @settings(max_examples=10)
    def collect(text):
        drawn.append(text)

    collect()
    return drawn


def test_two_runs_of_a_property_draw_the_same_examples():
    assert _draw_examples() == _draw_examples()

"""The architecture search's geometry (planner.diagrams.layered): the crossing test the row
search counts with agrees with the textbook definition."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from planner.diagrams.layered import _cross

CELL = st.tuples(st.integers(0, 5), st.integers(0, 5))


def _crossing(p, q, r, s) -> bool:
    """Two segments cross when they meet at one point inside both (not at an end, not along
    a common line)."""
    def cross(a, b):
        return a[0] * b[1] - a[1] * b[0]
    pq, rs, pr = (q[0] - p[0], q[1] - p[1]), (s[0] - r[0], s[1] - r[1]), (r[0] - p[0], r[1] - p[1])
    denominator = cross(pq, rs)
    if denominator == 0:
        return False
    t, u = Fraction(cross(pr, rs), denominator), Fraction(cross(pr, pq), denominator)
    return 0 < t < 1 and 0 < u < 1


@given(CELL, CELL, CELL, CELL)
def test_two_flows_cross_when_they_meet_inside_both(p, q, r, s):
    assert _cross(p, q, r, s) == _crossing(p, q, r, s)


def test_crossings_on_the_grid():
    assert _cross((0, 0), (2, 2), (0, 2), (2, 0))      # an X
    assert not _cross((0, 0), (2, 2), (0, 0), (2, 0))  # a shared end
    assert not _cross((0, 0), (2, 0), (1, 0), (1, 3))  # one ends on the other
    assert not _cross((0, 0), (3, 0), (1, 0), (2, 0))  # along the same line
    assert not _cross((0, 0), (2, 0), (0, 1), (2, 1))  # side by side

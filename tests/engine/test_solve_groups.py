"""The interleaved Hines solve (codegen ``tree_groups`` / ``solve_vg``).

Unbranched runs of nodes of the same length (the sections of a branched tree, the cells
of a network) are swept LANES at a time in lockstep; every element must get exactly the
operations of the textbook elimination (engine/reference.py ``hines_solve_loop``) in
their order -- a branch point its children's updates in decreasing node order -- so the
solution, the eliminated diagonal and v are bit-identical to ``solve_v``'s.
"""
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pytest

from ranvier.engine import codegen
from ranvier.engine.records import RUN_NONFINITE, RUN_OK
from ranvier.engine.reference import hines_solve_loop, hines_solve_naive


@pytest.fixture(scope="module")
def st_mod():
    return codegen.stepper([], events_on=False, large=True)


def _forest(shapes, seed):
    """Roots first, then each tree's nodes contiguously; shapes[r][j] is node j's parent
    within tree r (-1: the root r)."""
    rng = np.random.default_rng(seed)
    ncell = len(shapes)
    parent = [-1] * ncell
    for r, pat in enumerate(shapes):
        base = len(parent)
        parent.extend(r if q < 0 else base + q for q in pat)
    n = len(parent)
    a = -rng.uniform(0.01, 100.0, n)
    b = -rng.uniform(0.01, 100.0, n)
    d = rng.uniform(1e-3, 1e3, n) - b
    for i in range(ncell, n):
        d[parent[i]] -= a[i]
    rhs = rng.uniform(-1e3, 1e3, n)
    v = rng.uniform(-80.0, 40.0, n)
    return ncell, n, rhs, d, a, b, np.array(parent, dtype=np.int64), v


@st.composite
def tree_shape(draw, length):
    pat = [-1]
    for j in range(1, length):
        pat.append(draw(st.one_of(st.just(j - 1), st.just(-1), st.integers(0, j - 1))))
    return pat


@st.composite
def forests(draw):
    """1-13 trees, most of one length (so that groups of LANES form), some of others."""
    base = draw(st.integers(1, 25))
    lengths = draw(st.lists(st.one_of(st.just(base), st.just(base), st.integers(1, 25)),
                            min_size=1, max_size=13))
    shapes = [draw(tree_shape(ln)) for ln in lengths]
    return _forest(shapes, draw(st.integers(0, 2 ** 31)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forests())
def test_grouped_solve_is_bit_identical(st_mod, forest):
    ncell, n, rhs, d, a, b, parent, v = forest
    g = st_mod.tree_groups(ncell, n, parent)
    if g.shape[0] == 0:
        return          # no LANES consecutive cells of equal size: the run keeps solve_v
    # every non-root node is in exactly one lane of one row
    covered = sorted(int(row[2 + c]) + j for row in g for c in range(int(row[0]))
                     for j in range(int(row[1])))
    assert covered == list(range(ncell, n))
    assert any(row[0] == codegen.LANES for row in g)

    r1, d1, v1 = rhs.copy(), d.copy(), v.copy()
    assert st_mod.solve_v(ncell, n, r1, d1, a, b, parent, v1) == RUN_OK
    r2, d2, v2 = rhs.copy(), d.copy(), v.copy()
    assert st_mod.solve_vg(ncell, n, r2, d2, a, b, parent, v2, g) == RUN_OK
    assert np.array_equal(r1, r2) and np.array_equal(d1, d2) and np.array_equal(v1, v2)

    # and the textbook order, operation for operation
    r3, d3 = rhs.copy(), d.copy()
    hines_solve_loop(ncell, n, r3, d3, a, b, parent)
    assert np.array_equal(r2, r3) and np.array_equal(d2, d3)
    assert np.array_equal(v2, v + r3)


def _section_tree(ncell, depth, seclen, seed):
    """Trees of sections in breadth-first order (build.py's): each section a run of
    seclen nodes (sometimes another length), attached to the end or the middle of its
    parent section, 0-3 children each."""
    rng = np.random.default_rng(seed)
    parent = [-1] * ncell
    for r in range(ncell):
        queue = [(None, 0)]
        while queue:
            ps, dep = queue.pop(0)
            ln = seclen if rng.random() < 0.8 else int(rng.integers(1, 6))
            s = len(parent)
            if ps is None:
                parent.append(r)
            elif rng.random() < 0.7:
                parent.append(ps[0] + ps[1] - 1)
            else:
                parent.append(ps[0] + int(rng.integers(0, ps[1])))
            parent.extend(s + j - 1 for j in range(1, ln))
            if dep < depth:
                queue.extend([((s, ln), dep + 1)] * int(rng.integers(0, 4)))
    return parent


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 4), st.integers(0, 4), st.integers(1, 5), st.integers(0, 2 ** 31))
def test_grouped_solve_branched_trees(st_mod, ncell, depth, seclen, seed):
    """Sibling sections hanging from one node in the same row: bit-identical only if the
    elimination takes the lanes from the last (the children's updates in decreasing order)."""
    parent = _section_tree(ncell, depth, seclen, seed)
    rng = np.random.default_rng(seed + 1)
    n = len(parent)
    a = -rng.uniform(0.01, 100.0, n)
    b = -rng.uniform(0.01, 100.0, n)
    d = rng.uniform(1e-3, 1e3, n) - b
    for i in range(ncell, n):
        d[parent[i]] -= a[i]
    rhs = rng.uniform(-1e3, 1e3, n)
    v = rng.uniform(-80.0, 40.0, n)
    parent = np.array(parent, dtype=np.int64)
    g = st_mod.tree_groups(ncell, n, parent)
    if g.shape[0] == 0:
        return
    r1, d1, v1 = rhs.copy(), d.copy(), v.copy()
    st_mod.solve_v(ncell, n, r1, d1, a, b, parent, v1)
    r2, d2, v2 = rhs.copy(), d.copy(), v.copy()
    st_mod.solve_vg(ncell, n, r2, d2, a, b, parent, v2, g)
    assert np.array_equal(r1, r2) and np.array_equal(d1, d2) and np.array_equal(v1, v2)


def test_sibling_sections_share_a_row(st_mod):
    """A root section of 3 nodes with four children of 5 nodes at its middle node: the
    root section alone, the four children in one row."""
    parent = [-1] + [0, 1, 2] + sum(([2] + [4 + 5 * c + j for j in range(4)] for c in range(4)), [])
    parent = np.array(parent, dtype=np.int64)
    g = st_mod.tree_groups(1, len(parent), parent)
    assert [(int(r[0]), int(r[1])) for r in g] == [(1, 3), (codegen.LANES, 5)]


def test_a_run_below_another_is_not_in_its_row(st_mod):
    """Four chained sections of equal length (each below the one before): no row of four."""
    parent = np.array([-1] + [0] + list(range(1, 12)), dtype=np.int64)    # one run only
    assert st_mod.tree_groups(1, 13, parent).shape[0] == 0
    # runs of 3 where each starts at the middle of the one before: not independent
    par = [-1]
    for k in range(4):
        s = len(par)
        par.append(0 if k == 0 else s - 2)
        par.extend([s, s + 1])
    assert st_mod.tree_groups(1, len(par), np.array(par, dtype=np.int64)).shape[0] == 0


def test_grouped_solve_many_cables_against_dense(st_mod):
    """Nine 30-node cables (two groups of four and one alone), worked against a dense
    numpy solve of the same matrix."""
    shapes = [[-1] + list(range(29))] * 9
    ncell, n, rhs, d, a, b, parent, v = _forest(shapes, 7)
    g = st_mod.tree_groups(ncell, n, parent)
    assert [int(r[0]) for r in g] == [codegen.LANES, codegen.LANES, 1]
    dense = rhs.copy()
    hines_solve_naive(ncell, n, dense, d.copy(), a, b, parent)
    r, dd, vv = rhs.copy(), d.copy(), v.copy()
    st_mod.solve_vg(ncell, n, r, dd, a, b, parent, vv, g)
    np.testing.assert_allclose(r, dense, rtol=1e-10, atol=1e-12 * np.max(np.abs(dense)))


def test_grouped_solve_flags_nonfinite(st_mod):
    shapes = [[-1, 0, 1]] * 4
    ncell, n, rhs, d, a, b, parent, v = _forest(shapes, 3)
    g = st_mod.tree_groups(ncell, n, parent)
    v[n - 1] = np.inf
    assert st_mod.solve_vg(ncell, n, rhs, d, a, b, parent, v, g) == RUN_NONFINITE


def test_no_groups_when_each_node_hangs_below_an_earlier_one_of_its_row(st_mod):
    """Two cells whose nodes alternate: four runs of one node, two of them below the
    other two: no row of four."""
    parent = np.array([-1, -1, 0, 1, 2, 3], dtype=np.int64)
    assert st_mod.tree_groups(2, 6, parent).shape[0] == 0

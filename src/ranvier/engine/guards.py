"""NaN and infinity guards: what finitialize refuses to start from, and the report of a
run that went numerically wrong.

- ``check_inputs`` (finitialize, before the INITIAL blocks): every node value the
  simulation starts from (v, cm, area, the ions' e, concentrations), every
  PARAMETER of every mechanism instance, every public GLOBAL, celsius and every
  3-D point must be finite; otherwise ModelError (a ValueError) naming the
  section, the segment x, the mechanism and the variable.  The check is one
  compiled pass over the nodes and one per mechanism (the stepper's
  nodes_finite and rows_finite); only when they find something does
  ``_find_bad_input`` look for what and where.
- ``raise_nonfinite`` (after a compiled run returned RUN_NONFINITE: some v became
  NaN or infinite in its last step): SimulationError (an ArithmeticError) naming
  the time, the section, the segment x and the variable, and the mechanism
  variables that are not finite there.

"""
import math

import numpy as np

from ..core.errors import ModelError, SimulationError
from ..model import store
from ..model.store import ION_CI, ION_CO, ION_E, ION_NAMES, NODES

# the ion fields a run starts from (i and dI/dv are computed by every step)
_ION_INPUTS = ((ION_E, "e%s"), (ION_CI, "%si"), (ION_CO, "%so"))


def node_location(lay, node):
    """(section, x) of node ``node`` of layout ``lay`` (x: the segment centre, or 0 / 1
    for the ends), or (None, None) if no section has it."""
    node = int(node)
    for s in lay.sections:
        nodes = s._nodes
        nseg = s._nseg
        rev = getattr(s, "_orient", 0.0) == 1.0
        hit = np.nonzero(nodes[: nseg + 1] == node)[0]
        if hit.size:
            j = int(hit[0])
            xe = 1.0 if j == nseg else (j + 0.5) / nseg
            return s, (1.0 - xe if rev else xe)
        if s._parent is None and getattr(s, "_root_node", -1) == node:
            return s, (1.0 if rev else 0.0)
    return None, None


def where(lay, node):
    """'soma(0.5)' for node ``node`` (as str(seg) prints it), or 'node <i>'."""
    sec, x = node_location(lay, node)
    if sec is None:
        return "node %d" % int(node)
    return "%s(%g)" % (sec.name(), x)


def _first_bad(a):
    """Index (flat) of the first element of a that is NaN or infinite, or None."""
    if np.isfinite(a).all():
        return None
    return int(np.flatnonzero(~np.isfinite(a))[0])


_PARAMS = {}


def _param_rows(mech):
    """(rows, names): the rows of mech's data that hold its range PARAMETERs (a slice when
    they are consecutive, as the compiler lays them out: no copy to check them)."""
    rows = _PARAMS.get(mech)
    if rows is None:
        names = [p for p, meta in mech.params.items()
                 if meta.get("range", True) and p in mech.range_names]
        idx = [mech.range_names.index(p) for p in names]
        if not idx:
            sel = slice(0, 0)
        elif idx == list(range(idx[0], idx[0] + len(idx))):
            sel = slice(idx[0], idx[0] + len(idx))
        else:
            sel = np.array(idx, dtype=np.int64)
        rows = _PARAMS[mech] = (sel, names)
    return rows


_GLOBALS = {}


def _public_globals(mech):
    g = _GLOBALS.get(mech)
    if g is None:
        names = [n for n in mech.public_globals if n in mech.global_names]
        g = _GLOBALS[mech] = (np.array([mech.global_names.index(n) for n in names],
                                       dtype=np.int64), names)
    return g


def _instance(lay, mech, ms, nloc, i):
    """Where instance i of mech is: 'soma(0.5)', or the point process's name and place."""
    place = where(lay, ms.nodeidx[i]) if i < nloc else None
    if mech.is_point:
        for pp in store.live_point_processes():
            if pp._mech is mech and pp._slot == i:
                name = pp.hname() if hasattr(pp, "hname") else "%s[?]" % mech.name
                return "%s at %s" % (name, place) if place else name
    return place if place else "instance %d" % i


def _fail(what, value, at):
    raise ModelError("finitialize: %s is %s at %s: every value a simulation starts from must be "
                     "finite" % (what, _fmt(value), at))


def _fmt(x):
    return "nan" if x != x else ("inf" if x > 0 else "-inf")


def check_inputs(state, lay, mechs, st):
    """Raise ModelError if a value the run starts from is NaN or infinite (module docstring).
    ``mechs``: the MechArgs of lay.mechs, in the same order; ``st`` the stepper, whose
    compiled nodes_finite and rows_finite say whether there is anything to look for."""
    if not math.isfinite(state.celsius):
        raise ModelError("finitialize: celsius is %s: it must be finite" % _fmt(state.celsius))
    _check_points(state, lay)
    n = lay.nnode
    ok = st.nodes_finite(n, NODES.v, NODES.cm, lay.area, NODES.ions)
    if ok:
        for (mech, ms, nloc), ma in zip(lay.mechs, mechs):
            rows, names = _param_rows(mech)
            gidx, gnames = _public_globals(mech)
            if not (names and ms.n) and not gnames:
                continue
            if isinstance(rows, slice):
                ok = st.rows_finite(ma.data, rows.start, rows.stop, ms.n, ma.gv, gidx)
            else:
                ok = (np.isfinite(ma.data[rows, : ms.n]).all()
                      and np.isfinite(ma.gv[gidx]).all())
            if not ok:
                break
    if not ok:
        _find_bad_input(lay, mechs)


def _find_bad_input(lay, mechs):
    """The check's slow part: find what is not finite and say where."""
    n = lay.nnode
    for name, arr in (("v", NODES.v[:n]), ("cm", NODES.cm[:n])):
        j = _first_bad(arr)
        if j is not None:
            _fail(name, arr[j], where(lay, j))
    j = _first_bad(lay.area[:n])
    if j is not None:
        sec, x = node_location(lay, j)
        detail = ""
        if sec is not None:
            try:
                detail = " (L = %g, diam = %g)" % (sec.L, sec(x).diam)
            except Exception:      # a geometry that cannot even be read: the area says it
                detail = ""
        _fail("the area" + detail, lay.area[j], where(lay, j))
    ions = NODES.ions
    for fld, fmt in _ION_INPUTS:
        arr = ions[:, fld, :n]
        j = _first_bad(arr)
        if j is not None:
            k, node = divmod(j, n)
            _fail(fmt % ION_NAMES[k], arr[k, node], where(lay, node))
    for (mech, ms, nloc), ma in zip(lay.mechs, mechs):
        rows, names = _param_rows(mech)
        if names and ms.n:
            arr = ma.data[rows, : ms.n]
            j = _first_bad(arr)
            if j is not None:
                r, i = divmod(j, ms.n)
                _fail("%s.%s" % (mech.name, names[r]), arr[r, i], _instance(lay, mech, ms, nloc, i))
        gidx, gnames = _public_globals(mech)
        if gnames:
            j = _first_bad(ma.gv[gidx])
            if j is not None:
                raise ModelError("finitialize: GLOBAL %s of mechanism %s is %s: it must be finite"
                                 % (gnames[j], mech.name, _fmt(ma.gv[gidx[j]])))


def _check_points(state, lay):
    """3-D points: checked once per geometry change (they change nothing else)."""
    version = store.STRUCTURE.geometry
    if getattr(state, "points_checked", None) == version:
        return
    for s in lay.sections:
        p = getattr(s, "_pt3d", None)
        if p is None or np.isfinite(p).all():
            continue
        i = int(np.flatnonzero(~np.isfinite(p).all(axis=1))[0])
        x, y, z, d = (float(c) for c in p[i])
        raise ModelError("finitialize: 3-D point %d of %s is (%g, %g, %g; diam %g): every value a "
                         "simulation starts from must be finite" % (i, s.name(), x, y, z, d))
    state.points_checked = version


def _bad_mechanism_nodes(lay):
    """The nodes of mechanism instances with a NaN or infinite value (public rows)."""
    out = []
    for mech, ms, nloc in lay.mechs:
        if nloc:
            public = [r for r, name in enumerate(mech.range_names) if not name.startswith("_")]
            cols = np.flatnonzero(~np.isfinite(ms.data[public, :nloc]).all(axis=0))
            out.append(ms.nodeidx[cols])
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def nonfinite_report(state, lay):
    """(message, section name, x, variable) for a run whose last step made some v NaN or
    infinite (or, all finite, so large that their sum overflowed)."""
    n = lay.nnode
    v = NODES.v[:n]
    bad = np.flatnonzero(~np.isfinite(v))
    if bad.size:
        # the solve spreads a NaN over the whole cell in one step: name a node where some
        # mechanism variable went bad too (the likely origin), else a segment centre
        origin = _bad_mechanism_nodes(lay)
        hit = bad[np.isin(bad, origin)] if origin.size else bad[:0]
        membrane = bad[NODES.cm[bad] > 0.0]
        node = int(hit[0]) if hit.size else int(membrane[0]) if membrane.size else int(bad[0])
        what = "v is %s" % _fmt(v[node])
        more = " (and at %d more nodes)" % (bad.size - 1) if bad.size > 1 else ""
    else:
        node = int(np.argmax(np.abs(v)))
        what = "v is %g" % v[node]
        more = " (the sum of all v overflowed)"
    sec, x = node_location(lay, node)
    at = where(lay, node)
    mech_notes = []
    for mech, ms, nloc in lay.mechs:
        if not nloc:
            continue
        data = ms.data[:, :nloc]
        cols = np.flatnonzero(~np.isfinite(data).all(axis=0))
        if not cols.size:
            continue
        here = [i for i in cols if ms.nodeidx[i] == node]
        i = int(here[0]) if here else int(cols[0])
        rows = [r for r in np.flatnonzero(~np.isfinite(data[:, i]))
                if not mech.range_names[r].startswith("_")]
        if rows:
            mech_notes.append("%s is %s at %s" % (
                ", ".join("%s.%s" % (mech.name, mech.range_names[r]) for r in rows[:4]),
                _fmt(data[rows[0], i]), _instance(lay, mech, ms, nloc, i)))
    msg = "t = %g ms: %s at %s%s" % (state.t, what, at, more)
    if mech_notes:
        msg += "; " + "; ".join(mech_notes[:3])
    msg += ". The run stopped at the end of this step (t and the recordings are those at its end)."
    return msg, (sec.name() if sec is not None else None), x, "v"


def raise_nonfinite(state, lay):
    msg, sec, x, var = nonfinite_report(state, lay)
    err = SimulationError(msg)
    err.t = float(state.t)
    err.section = sec
    err.x = x
    err.variable = var
    raise err

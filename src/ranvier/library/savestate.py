"""NEURON's SaveState class: keep the simulation's state and go back to it.

``ss.save()`` takes a snapshot of what the next steps depend on; ``ss.restore()``
puts it back, so that running on from there repeats the continuation exactly
(bit for bit).  The snapshot holds, as NEURON's does:

* t, every node's v and the ion concentrations (inside and outside);
* of a density mechanism (and of a point process without NET_RECEIVE) only its
  STATE variables (parameters such as gnabar are not put back);
* of a mechanism with a NET_RECEIVE block (ExpSyn, NetStim, IntFire...) every
  value (ExpSyn.tau, NetStim.interval are put back);
* every NetCon's weights and every spike detector's above-threshold flag;
* the event queue: NetCon deliveries in flight and self-events (net_send);
* each ``Vector.play``'s position and the value it last gave its target.

``Vector.record`` vectors are left alone (they keep growing).  ``fwrite(File)``
writes the snapshot to the File's path in a binary format of ranvier's own
(numpy's .npz), ``fread(File)`` reads it back into a SaveState of the same
model (same sections, mechanisms, NetCons and plays; otherwise it raises).
"""
import io
import weakref

import numpy as np

from ..core.errors import ModelError
from ..core.hocobject import HocObject
from ..model.clock import CLOCK
from ..model.store import ION_CI, ION_CO, NODES
from .. import engine

_FORMAT = "ranvier-savestate-1"


class SaveStateError(ModelError):
    """A SaveState that cannot be restored (nothing saved, or another model)."""


def _netcon_registry():
    from ..model.netcon import REG
    return REG


def _events():
    from ..engine import events       # imports numba: only when there is a model to save
    lay = engine._ensure()
    return events.STATE.ensure(lay, engine._source_of), lay


def _mech_rows(mech, ms):
    """The data rows a snapshot keeps of mechanism mech: all with a NET_RECEIVE block,
    else the STATE variables."""
    if mech.net_receive is not None or mech.is_artificial:
        return list(range(ms.nrows))
    return [ms.row[s] for s in mech.states if s in ms.row]


def _structure():
    """What must match between the model saved and the model restored."""
    lay = engine.state.layout
    return {"nnode": lay.nnode,
            "mechs": [(m.name, int(ms.n)) for m, ms, _ in lay.mechs]}


class SaveState(HocObject):
    """h.SaveState(): save(), restore(), fwrite(File), fread(File)."""

    _hoc_name = "SaveState"

    def __init__(self):
        self._hoc_register()
        self._snap = None

    # -- taking and putting back ----------------------------------------------
    def save(self):
        """Take a snapshot of the present state."""
        ev, lay = _events()
        n = lay.nnode
        reg = _netcon_registry()
        snap = {
            "t": float(CLOCK.t),
            "v": NODES.v[:n].copy(),
            "conc": NODES.ions[:, [ION_CI, ION_CO], :n].copy(),
            "mechs": {},
            "ncw": reg.ncw[: reg.nc_n].copy(),
            "ps_flag": reg.ps_flag[: reg.ps_n].copy(),
            "queue": ev.q[: int(ev.qn[0])].copy(),
            "qn": ev.qn.copy(),
            "structure": _structure(),
        }
        for mech, ms, _ in lay.mechs:
            rows = _mech_rows(mech, ms)
            snap["mechs"][mech.name] = (np.array(rows, dtype=np.int64),
                                        ms.data[rows, : ms.n].copy())
        # plays: position and the value each gave its target
        from ..engine import play
        table = play.TABLE.current(engine._source_of)
        vecs = list(play.TABLE.vectors)
        values = np.array([_target_value(v) for v in vecs], dtype=float)
        snap["play_pk"] = np.array(table.pk[: len(vecs)], dtype=np.int64)
        snap["play_values"] = values
        self._play_vecs = [weakref.ref(v) for v in vecs]
        self._snap = snap
        return 0.0

    def restore(self, *args):
        """Put the snapshot back: t, v, states, the event queue, weights, plays."""
        snap = self._snap
        if snap is None:
            raise SaveStateError("SaveState.restore: nothing saved (call save or fread first)")
        ev, lay = _events()
        if _structure() != snap["structure"]:
            raise SaveStateError("SaveState.restore: the model's structure (sections, "
                                 "mechanism instances) differs from the one saved")
        n = lay.nnode
        reg = _netcon_registry()
        if snap["ncw"].shape[0] != reg.nc_n or snap["ps_flag"].shape[0] != reg.ps_n:
            raise SaveStateError("SaveState.restore: the NetCons differ from the ones saved")
        CLOCK.t = snap["t"]
        NODES.v[:n] = snap["v"]
        NODES.ions[:, ION_CI, :n] = snap["conc"][:, 0, :]
        NODES.ions[:, ION_CO, :n] = snap["conc"][:, 1, :]
        for mech, ms, _ in lay.mechs:
            rows, data = snap["mechs"][mech.name]
            ms.data[rows, : ms.n] = data
        w = snap["ncw"]
        reg.ncw[: w.shape[0], : w.shape[1]] = w
        reg.ps_flag[: reg.ps_n] = snap["ps_flag"]
        q = snap["queue"]
        if ev.q.shape[0] < q.shape[0]:
            ev.q = np.zeros((q.shape[0] + 64, ev.q.shape[1]))
        ev.q[: q.shape[0]] = q
        ev.qn[:] = snap["qn"]
        self._restore_plays(snap)
        import sys
        cv = sys.modules.get("ranvier.engine.cvode")
        params = getattr(cv, "PARAMS", None)
        if params is not None and hasattr(params, "session"):
            params.session = None       # variable step: start afresh from the restored state
        return 0.0

    def _restore_plays(self, snap):
        from ..engine import play
        table = play.TABLE.current(engine._source_of)
        vecs = list(play.TABLE.vectors)
        saved = getattr(self, "_play_vecs", None)
        if saved is not None:
            saved = [r() for r in saved]
            if len(saved) != len(vecs) or any(a is not b for a, b in zip(saved, vecs)):
                raise SaveStateError("SaveState.restore: the playing Vectors differ from the "
                                     "ones saved")
        elif len(vecs) != len(snap["play_pk"]):
            raise SaveStateError("SaveState.restore: %d Vectors play now, %d when saved"
                                 % (len(vecs), len(snap["play_pk"])))
        table.pk[: len(vecs)] = snap["play_pk"]
        for vec, value in zip(vecs, snap["play_values"]):
            ref = vec._play[0]
            if value == value:          # not NaN: the target could be read when saved
                try:
                    ref[0] = float(value)
                except (ModelError, KeyError, TypeError):
                    pass                # the target is gone: nothing to put back

    # -- files ------------------------------------------------------------------
    def fwrite(self, f, close=1):
        """Write the snapshot to File f (its path; the file is written whole)."""
        snap = self._snap
        if snap is None:
            raise SaveStateError("SaveState.fwrite: nothing saved (call save first)")
        arrays = {"format": np.array(_FORMAT), "t": np.array(snap["t"]), "v": snap["v"],
                  "conc": snap["conc"], "ncw": snap["ncw"], "ps_flag": snap["ps_flag"],
                  "queue": snap["queue"], "qn": snap["qn"], "play_pk": snap["play_pk"],
                  "play_values": snap["play_values"],
                  "nnode": np.array(snap["structure"]["nnode"]),
                  "mech_names": np.array([m for m, _ in snap["structure"]["mechs"]] or [""]),
                  "mech_counts": np.array([c for _, c in snap["structure"]["mechs"]] or [0])}
        for k, (name, _) in enumerate(snap["structure"]["mechs"]):
            rows, data = snap["mechs"][name]
            arrays["rows_%d" % k] = rows
            arrays["data_%d" % k] = data
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        path = _file_path(f, "fwrite")
        if getattr(f, "_f", None) is not None:
            f.close()
        try:
            with open(path, "wb") as out:
                out.write(buf.getvalue())
        except OSError as err:
            raise SaveStateError("SaveState.fwrite: cannot write %r (%s)" % (path, err)) from None
        return 0.0

    def fread(self, f, close=1):
        """Read a snapshot written by fwrite from File f."""
        path = _file_path(f, "fread")
        if getattr(f, "_f", None) is not None:
            f.close()
        try:
            with open(path, "rb") as inp:
                raw = inp.read()
            z = np.load(io.BytesIO(raw), allow_pickle=False)
            if str(z["format"]) != _FORMAT:
                raise ValueError("not a ranvier SaveState file")
            names = [str(x) for x in z["mech_names"]]
            counts = [int(x) for x in z["mech_counts"]]
            if names == [""]:
                names, counts = [], []
            snap = {"t": float(z["t"]), "v": z["v"], "conc": z["conc"], "ncw": z["ncw"],
                    "ps_flag": z["ps_flag"], "queue": z["queue"], "qn": z["qn"],
                    "play_pk": z["play_pk"], "play_values": z["play_values"],
                    "structure": {"nnode": int(z["nnode"]),
                                  "mechs": list(zip(names, counts))},
                    "mechs": {name: (z["rows_%d" % k], z["data_%d" % k])
                              for k, name in enumerate(names)}}
        except (OSError, ValueError, KeyError) as err:
            raise SaveStateError("SaveState.fread: cannot read %r (%s)" % (path, err)) from None
        self._snap = snap
        self._play_vecs = None
        return 0.0


def _file_path(f, ctx):
    name = getattr(f, "_name", None)
    if not isinstance(name, str) or not name:
        raise TypeError("SaveState.%s: expected a File object with a name, got %r" % (ctx, f))
    return name


def _target_value(vec):
    try:
        return float(vec._play[0][0])
    except (ModelError, KeyError, TypeError, IndexError):
        return float("nan")

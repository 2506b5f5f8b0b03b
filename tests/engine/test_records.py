"""The named records: one table per layout, and generated code that uses the names.

- every layout constant is generated from its field list (position = index in the table);
- the stepper's and the kernels' generated source address ions, the event tuple, the
  queue and the outbox by those names (defined at their top from the tables), never by
  bare numbers, and their parameter lists are the records' (Signature) lists;
- a change of a table changes the generated text and with it the cache key;
- Signature.args flattens records in their fields' order and refuses a wrong record.
"""
import re

import numpy as np
import pytest

from ranvier.engine import codegen, events, records
from ranvier.engine.records import (RUN, SETUP, Clock, MechArgs, NodeArrays, PerMech, RunControl,
                                    Signature)
from ranvier.model import store
from ranvier.nmodl import builtin_mechanism
from ranvier.nmodl import records as nrec


@pytest.mark.parametrize("prefix, fields, module", [
    ("ION_", nrec.ION_FIELDS, nrec), ("OB_", nrec.OUTBOX_FIELDS, nrec),
    ("OB_", nrec.OUTBOX_KINDS, nrec), ("EVN_", nrec.EVN_FIELDS, nrec),
    ("EV_", events.EV_FIELDS, events), ("Q_", events.Q_FIELDS, events),
    ("QN_", events.QN_FIELDS, events), ("SB_", events.SB_FIELDS, events),
    ("SRC_", records.SOURCE_KINDS, records), ("RUN_", records.RUN_STATUS, records)])
def test_constants_are_the_positions_in_their_table(prefix, fields, module):
    for i, f in enumerate(fields):
        assert getattr(module, prefix + f.upper()) == i
    assert len(set(fields)) == len(fields)


def test_one_ion_table_for_model_compiler_and_engine():
    from ranvier.nmodl import analysis
    assert store.ION_FIELDS is nrec.ION_FIELDS and store.NFIELDS == len(nrec.ION_FIELDS)
    assert store.NODES.ions.shape[1] == len(nrec.ION_FIELDS)
    assert [analysis.ion_field("ca", v) for v in ("eca", "ica", "cai", "cao", "x")] == [
        nrec.ION_E, nrec.ION_I, nrec.ION_CI, nrec.ION_CO, None]


def test_the_event_tuple_is_built_by_name():
    st = events.EventState()
    from ranvier.engine import build
    st.ensure(build.Layout(), lambda ptr: (records.SRC_NONE, 0))
    ev = st.ev()
    assert len(ev) == len(events.EV_FIELDS)
    assert ev[events.EV_QN] is st.qn and ev[events.EV_EVB] is st.evb and ev[events.EV_EVN] is st.evn
    assert ev[events.EV_PS_SRC] is st.tables.ps_src and ev[events.EV_INST_EID] is st.tables.inst_eid
    assert st.ev() is ev                       # the same arrays: the same tuple


def _stepper_text(names, events_on=True, **kw):
    import importlib
    evinfo = [codegen._evinfo(importlib.import_module(n)) for n in names]
    return codegen.stepper_source(names, evinfo=evinfo, events_on=events_on, **kw)


@pytest.fixture(scope="module")
def mech_modules():
    return [builtin_mechanism(n) for n in ("pas", "IClamp", "ExpSyn", "NetStim", "hh")]


_BARE = [re.compile(r"\bions\[(?:[^\[\]]|\[[^\]]*\])*?,\s*\d+\s*,"),   # ions[k, 3, i]
         re.compile(r"\bev\[\d"),                                        # ev[13]
         re.compile(r"\b_?(evb|evn|q|qn|rec|sb|sbn)\[(?:[^\[\]]*,\s*)?\d+\]")]  # q[n, 0], evn[1]


def _no_bare_indices(text):
    """Lines that index the ions array, the event tuple, the queue or the outbox by a number."""
    return [ln for ln in text.splitlines() if any(p.search(ln.split("#")[0]) for p in _BARE)]


def test_the_checker_finds_the_old_spellings():
    for old in ("ions[ionidx[0], 3, _nd] = x", "ions[k, 1, :nnode] = 0.0", "nc_eid = ev[13]",
                "q[n, 0] = t", "_evb[k, 0] = 0.0", "_evn[1] = 2", "if ev[3][0] > 0:", "qn[0] = n"):
        assert _no_bare_indices(old) == [old], old
    assert _no_bare_indices("q[0, Q_TIME] <= tm and ions[ionidx[2], ION_CI, _nd]") == []


def test_generated_stepper_uses_the_names(mech_modules):
    names = [m.module_name for m in mech_modules]
    for m in mech_modules:
        m.module()                            # the kernel modules exist (and are importable)
    text = _stepper_text(names)
    assert _no_bare_indices(text) == []
    for prefix, fields in (("ION_", nrec.ION_FIELDS), ("EV_", events.EV_FIELDS),
                           ("Q_", events.Q_FIELDS), ("OB_", nrec.OUTBOX_FIELDS)):
        for i, f in enumerate(fields):
            assert re.search(r"(?m)^%s%s = %d  # ranvier\." % (prefix, f.upper(), i), text)
    m = len(names)
    assert "def run(%s):" % RUN.params(m) in text
    assert "def setup(%s):" % SETUP.params(m) in text
    # the parameter list is the records' fields, in their order
    assert RUN.param_list(m)[:len(RunControl._fields)] == list(RunControl._fields)
    assert "n4, data4, nodeidx4, ionidx4, gv4, tbl4" in RUN.params(m)


def test_generated_kernels_use_the_ion_names(tmp_path):
    from ranvier.nmodl import load_mechanism
    from pathlib import Path
    cad = load_mechanism(str(Path(__file__).parent / "mods" / "cad.mod"))
    for mech in (builtin_mechanism("hh"), cad, builtin_mechanism("ExpSyn")):
        text = Path(mech.source_path).read_text()
        assert _no_bare_indices(text) == [], mech.name
        for i, f in enumerate(nrec.ION_FIELDS):
            assert "ION_%s = %d  # ranvier.nmodl.records.ION_FIELDS" % (f.upper(), i) in text
    text = Path(cad.source_path).read_text()
    assert "ions[ionidx[0], ION_CI, _nd] = data[R_cai, _i]" in text      # cad writes cai
    syn = Path(builtin_mechanism("NetStim").source_path).read_text()
    assert "_evb[k, OB_KIND] = float(OB_SEND)" in syn and "_evn[EVN_ERROR] = OBERR_FULL" in syn


def test_a_changed_table_changes_the_stepper_text(mech_modules, monkeypatch):
    names = [m.module_name for m in mech_modules]
    before = _stepper_text(names)
    swapped = list(events.EV_FIELDS)
    swapped[4], swapped[5] = swapped[5], swapped[4]
    monkeypatch.setattr(events, "EV_FIELDS", tuple(swapped))
    after = _stepper_text(names)
    assert after != before and "EV_PS_IDX = 4" in after


def test_signature_flattens_records_in_field_order():
    a = [np.zeros(1) for _ in range(12)]
    nodes = NodeArrays(*[np.int64(1), np.int64(2)] + a[:10])
    clock = Clock(t=0.5, dt=0.025, cj=40.0, celsius=6.3)
    mechs = [MechArgs(n=np.int64(k), data=a[0], nodeidx=a[1], ionidx=a[2], gv=a[3], tbl=a[4])
             for k in range(2)]
    flat = SETUP.args(nodes, clock, mechs)
    names = SETUP.param_list(2)
    assert len(flat) == len(names)
    got = dict(zip(names, flat))
    assert got["nnode"] == 2 and got["t"] == 0.5 and got["cj"] == 40.0 and got["n1"] == 1
    assert got["data1"] is a[0] and got["estyle"] is a[9]
    with pytest.raises(TypeError, match="expected a Clock"):
        SETUP.args(nodes, tuple(clock), mechs)
    with pytest.raises(TypeError, match="takes 3 parts"):
        SETUP.args(nodes, clock)
    with pytest.raises(ValueError, match="twice"):
        Signature("bad", "t", Clock).param_list(0)
    assert Signature("s", "x", PerMech("mf")).call(2, x="y + 1") == "y + 1, mf0, mf1"

"""NEURON's KSChan: channel types defined at run time (ChannelBuilder), with the helper
classes KSState, KSGate and KSTrans.

A KSChan is a density (or point) channel type whose gating is a product of gates:
HH-style gates (one state, ``add_hhstate``) and kinetic-scheme gates (several states
joined by transitions, ``add_ksstate`` / ``add_transition``).  ranvier writes the
channel as NMODL text and compiles it with its own NMODL compiler; the text is written
again (and recompiled, cached by content) when the definition changed, at the next
``insert``, range-variable access or ``finitialize``.

The numerics are NEURON 9.0.2's KSChan (checked against it, tests/library/test_kschan.py):

- rate functions of ``KSTrans.set_f(direction, type, parms)``: 1 constant ``c0``;
  2 exponential ``c0*exp(c1*(v-c2))``; 3 linoid ``c0*x/(1-exp(-x))``, ``x = c1*(v-c2)``
  (``c0*(1+x/2)`` for ``|x| <= 1e-6``); 4 sigmoid ``c0/(1+exp(c1*(v-c2)))``; every exp
  argument clipped to [-700, 700].  A transition of type 0 gives (alpha, beta), of
  type 1 (inf, tau).
- an HH state advances as ``s += (inf - s)*(1 - exp(-dt/tau))`` with inf = a/(a+b)
  computed as ``a*(1/(a+b))`` and tau = ``1/(a+b)``; at finitialize ``s = a/(a+b)``.
- a kinetic-scheme gate advances by backward Euler: ``(M - I/dt) y_new = -y/dt``
  solved by LU factorisation (pivot reciprocal, scaled upper factor, as NEURON's
  sparse solver); finitialize starts from the gate's first state and takes one such
  step with dt = 1e9 ms.
- a gate's conductance is ``(sum of state*frac)**power`` (powers 2, 3, 4 by repeated
  products), the channel's ``g = gmax*gate0*gate1*...`` and ``i = g*(v - e)``.

Not available (clear errors): ligand transitions (``KSTrans.type(2|3)``), the
Borg-Graham and table rate functions (types 5, 6, 7), the GHK and Nernst current
relations (``iv_type(1|2)``), single-channel mode, ``setstructure``.  Structural changes
(names or number of states, the ion) are refused while instances exist, as in NEURON.
"""
import math

import numpy as np

from ..core.errors import HocError, ModelError
from ..core.hocobject import HocObject
from ..model import mechanisms as mechreg
from ..model import store
from ..nmodl import load_mechanism


class KSChanError(ModelError):
    """A KSChan definition that cannot be used (or a feature ranvier lacks)."""


class KSChanNotImplemented(KSChanError, NotImplementedError):
    """A KSChan feature of NEURON that ranvier does not implement yet."""


_CHANNELS = []          # every KSChan, in creation order


def _num(x):
    """A float literal NMODL reads back to the same double."""
    x = float(x)
    if not math.isfinite(x):
        raise KSChanError("KSChan: a rate parameter is not finite (%r)" % x)
    r = repr(x)
    return "(%s)" % r if x < 0 else r


class KSState(HocObject):
    """A state of a KSChan (created only by KSChan.add_hhstate / add_ksstate)."""
    _hoc_name = "KSState"

    def __init__(self, *args, _chan=None, _name="", _frac=0.0):
        if _chan is None:
            raise HocError("Cannot create a KSState except through KSChan")
        self._chan = _chan
        self._name = _name
        self._frac = float(_frac)
        self._hoc_register()

    def _check(self):
        if self not in self._chan._states:
            raise KSChanError("%s was deleted by KSChan" % self.hname())

    def frac(self, *val):
        """The state's fractional conductance (a number >= 0); sets it with an argument."""
        self._check()
        if val:
            f = float(val[0])
            if not 0.0 <= f <= 1e9:
                raise ValueError("KSState.frac: %g is outside [0, 1e9]" % f)
            self._frac = f
            self._chan._changed()
        return self._frac

    def index(self):
        self._check()
        return float(self._chan._states.index(self))

    def gate(self):
        self._check()
        return self._chan._gate_of(self._chan._states.index(self))

    def name(self, *val):
        self._check()
        if val:
            self._chan._structure_change("name")
            self._name = str(val[0])
            self._chan._rename_unique(self)
            self._chan._changed()
        return self._name


class KSGate(HocObject):
    """A gating complex of a KSChan: consecutive states, a power (KSChan.gate)."""
    _hoc_name = "KSGate"

    def __init__(self, *args, _chan=None, _power=1):
        if _chan is None:
            raise HocError("Cannot create a KSGate except through KSChan")
        self._chan = _chan
        self._power = int(_power)
        self._hoc_register()

    def _check(self):
        if self not in self._chan._gates:
            raise KSChanError("%s was deleted by KSChan" % self.hname())

    def _states(self):
        return [s for s in self._chan._states if self._chan._state_gate[s] is self]

    def nstate(self):
        self._check()
        return float(len(self._states()))

    def power(self, *val):
        self._check()
        if val:
            p = int(float(val[0]))
            if not 0 <= p <= 1e6:
                raise ValueError("KSGate.power: %d is outside [0, 1e6]" % p)
            self._power = p
            self._chan._changed()
        return float(self._power)

    def sindex(self):
        self._check()
        return float(self._chan._states.index(self._states()[0]))

    def index(self):
        self._check()
        return float(self._chan._gates.index(self))


_FTYPES = {1: "constant", 2: "exp", 3: "linoid", 4: "sigmoid"}
_NPARM = {1: 1, 2: 3, 3: 3, 4: 3}


def _rate(ftype, c, v):
    """A rate function's value at v (float arithmetic as NEURON's)."""
    def Exp(x):
        return math.exp(700.0) if x > 700.0 else math.exp(-700.0) if x < -700.0 else math.exp(x)
    if ftype == 1:
        return c[0]
    if ftype == 2:
        return c[0] * Exp(c[1] * (v - c[2]))
    if ftype == 3:
        x = c[1] * (v - c[2])
        if abs(x) > 1e-6:
            return c[0] * x / (1 - Exp(-x))
        return c[0] * (1 + x / 2.0)
    if ftype == 4:
        return c[0] / (1.0 + Exp(c[1] * (v - c[2])))
    return 1.0


class KSTrans(HocObject):
    """A transition of a KSChan (KSChan.add_transition, KSChan.trans)."""
    _hoc_name = "KSTrans"

    def __init__(self, *args, _chan=None, _src=None, _target=None):
        if _chan is None:
            raise HocError("Cannot create a KSTransition except through KSChan")
        self._chan = _chan
        self._src = _src
        self._target = _target
        self._type = 0
        self._f = [None, None]          # (ftype, Vector) per direction
        self._hoc_register()

    def _check(self):
        if self not in self._chan._trans:
            raise KSChanError("%s was deleted by KSChan" % self.hname())

    def set_f(self, direction, ftype, parms, vmin=-100.0, vmax=50.0):
        """Rate function of direction 0 (alpha or inf) or 1 (beta or tau)."""
        self._check()
        d, ft = int(direction), int(ftype)
        if d not in (0, 1):
            raise ValueError("KSTrans.set_f: direction must be 0 or 1, got %d" % d)
        if not 0 <= ft <= 7:
            raise ValueError("KSTrans.set_f: function type must be 0..7, got %d" % ft)
        if ft not in _FTYPES:
            raise KSChanNotImplemented(
                "KSTrans.set_f: rate function type %d (%s) is not implemented by ranvier "
                "(types 1 constant, 2 exp, 3 linoid, 4 sigmoid are)"
                % (ft, {0: "unit", 5: "Borg-Graham inf", 6: "Borg-Graham tau", 7: "table"}[ft]))
        if len(parms) < _NPARM[ft]:
            raise ValueError("KSTrans.set_f: type %d needs %d parameters, the Vector has %d"
                             % (ft, _NPARM[ft], len(parms)))
        self._f[d] = (ft, parms)
        self._chan._changed()
        return 0.0

    def _parms(self, d):
        ft, vec = self._f[d]
        return ft, [float(vec[i]) for i in range(_NPARM[ft])]

    def index(self):
        self._check()
        return float(self._chan._trans.index(self))

    def type(self, *val):
        self._check()
        if val:
            t = int(float(val[0]))
            if not 0 <= t <= 3:
                raise ValueError("KSTrans.type: %d is outside [0, 3]" % t)
            if t >= 2:
                raise KSChanNotImplemented("KSTrans.type(%d): ligand-gated transitions are not "
                                           "implemented by ranvier" % t)
            self._type = t
            self._chan._changed()
        return float(self._type)

    def ftype(self, direction):
        self._check()
        f = self._f[int(direction)]
        return float(f[0]) if f is not None else -1.0

    def f(self, direction, v):
        self._check()
        d = int(direction)
        if self._f[d] is None:
            return 0.0
        ft, c = self._parms(d)
        return _rate(ft, c, float(v))

    def _ab_one(self, v):
        ft0, c0 = self._parms(0)
        ft1, c1 = self._parms(1)
        return _rate(ft0, c0, v), _rate(ft1, c1, v)

    def _need_f(self, where):
        if self._f[0] is None or self._f[1] is None:
            raise KSChanError("%s.%s: both rate functions must be set first (set_f)"
                              % (self.hname(), where))

    def ab(self, vvec, avec, bvec):
        """alpha and beta at each voltage of vvec into avec, bvec."""
        self._check()
        self._need_f("ab")
        a, b = [], []
        for v in vvec:
            x, y = self._ab_one(float(v))
            if self._type == 1:
                x, y = x / y, (1.0 - x) / y
            a.append(x)
            b.append(y)
        avec.resize(len(a)); bvec.resize(len(b))
        for i in range(len(a)):
            avec[i] = a[i]
            bvec[i] = b[i]
        return 0.0

    def inftau(self, vvec, infvec, tauvec):
        """inf and tau at each voltage of vvec into infvec, tauvec."""
        self._check()
        self._need_f("inftau")
        a, b = [], []
        for v in vvec:
            x, y = self._ab_one(float(v))
            if self._type != 1:
                t = 1.0 / (x + y)
                x, y = x * t, t
            a.append(x)
            b.append(y)
        infvec.resize(len(a)); tauvec.resize(len(b))
        for i in range(len(a)):
            infvec[i] = a[i]
            tauvec[i] = b[i]
        return 0.0

    def src(self):
        self._check()
        return self._src

    def target(self):
        self._check()
        return self._target

    def parm(self, direction):
        self._check()
        f = self._f[int(direction)]
        return f[1] if f is not None else None

    def ligand(self, *val):
        self._check()
        if val:
            raise KSChanNotImplemented("KSTrans.ligand: ligand-gated transitions are not "
                                       "implemented by ranvier")
        return ""

    def stoichiometry(self, *val):
        self._check()
        if val:
            raise KSChanNotImplemented("KSTrans.stoichiometry: ligand-gated transitions are not "
                                       "implemented by ranvier")
        return 1.0


class KSChan(HocObject):
    """``h.KSChan([is_point])``: a channel type defined at run time."""
    _hoc_name = "KSChan"

    def __init__(self, is_point=0):
        self._hoc_register()
        self._point = bool(int(float(is_point)))
        if self._point:
            raise KSChanNotImplemented("KSChan(1): point-process KSChan types are not "
                                       "implemented by ranvier (density channels are)")
        self._name = "Chan%d" % self._hoc_index
        self._ion = "NonSpecific"
        self._cond = 0
        self._gmax = 0.0
        self._erev = 0.0
        self._states = []        # KSState: the nhh HH states first, then the KS states
        self._nhh = 0
        self._gates = []         # KSGate: one per HH state first, then the KS gates
        self._state_gate = {}    # KSState -> KSGate
        self._trans = []         # KSTrans: the HH transitions first (same order as states)
        self._mech = None        # the compiled mechanism and its text
        self._text = None
        self._version = 0        # bumped by every change of the definition
        self._sigsav = None
        while self._name in mechreg.builtin_names() or self._name in mechreg._dynamic:
            self._name += "_"
        mechreg.set_dynamic(self._name, self._provider)
        _CHANNELS.append(self)
        _attach_finitialize_hook()

    # -- definition management ---------------------------------------------------------
    def _instances(self):
        ms = store.mech_stores().get(self._name)
        if ms is None:
            return 0
        return int(ms.alive[: ms.n].sum())

    def _structure_change(self, where):
        n = self._instances()
        if n:
            raise KSChanError("%s::%s: KSChan:: Cannot change the names or number of mechanism "
                              "variables while %d instances are active"
                              % (self.hname(), where, n))

    def _changed(self):
        self._version += 1       # the text is written again at the next use

    def _sig(self):
        """What the NMODL text depends on: the definition's version and the rate
        parameters (their Vectors may have been changed in place)."""
        parms = []
        for tr in self._trans:
            for f in tr._f:
                if f is not None:
                    vec = f[1]
                    parms.append(tuple(float(vec[i]) for i in range(min(len(vec), 3))))
        return (self._version, tuple(parms))

    def _gate_of(self, istate):
        return self._state_gate[self._states[istate]]

    def _provider(self):
        sig = self._sig()
        if sig == self._sigsav and self._mech is not None:
            return self._mech
        text = self._nmodl()
        self._sigsav = sig
        if text != self._text:
            mech = load_mechanism(text=text, filename="<KSChan %s>" % self._name)
            old = self._mech
            self._mech, self._text = mech, text
            mechreg.register(mech)
            ms = store.mech_stores().get(self._name)
            if ms is not None:
                if list(ms.mech.range_names) == list(mech.range_names):
                    ms.mech = mech        # new instances take the new defaults (gmax, erev)
                    ms.defaults = np.array(mech.range_defaults, dtype=float).reshape(-1, 1)
                else:
                    store._MECH_STORES[self._name] = store.MechStore(mech)
            if old is not None:
                store.topology_changed()      # the engine takes the new kernels
        return self._mech

    _RESERVED = ("gmax", "e", "g", "i")

    def _rename_unique(self, st):
        """NEURON's rule: a state whose range name would clash with another variable of
        the channel (gmax, e, g, i, an earlier state) gets the first free name+digit."""
        taken = set(self._RESERVED) | {s._name for s in self._states if s is not st}
        if st._name in taken:
            j = 0
            while "%s%d" % (st._name, j) in taken:
                j += 1
            st._name = "%s%d" % (st._name, j)

    # -- NEURON's methods ------------------------------------------------------------------
    def name(self, *val):
        if val:
            new = str(val[0])
            if new != self._name:
                self._structure_change("name")
                base, j = new, 0
                while new in mechreg.builtin_names() or new in mechreg._dynamic \
                        or new in mechreg.loaded():
                    print("KSChan::setname %s already in use" % new)
                    new = "%s%d" % (base, j)          # NEURON's rule: the first free name+digit
                    j += 1
                old = self._name
                self._name = new
                self._text = None
                self._changed()
                mechreg.set_dynamic(new, self._provider, old=old)
        return self._name

    def ion(self, *val):
        if val:
            s = str(val[0]) or "NonSpecific"
            if s != self._ion:
                self._structure_change("ion")
                self._ion = s
                self._changed()
        return self._ion

    def iv_type(self, *val):
        if val:
            t = int(float(val[0]))
            if not 0 <= t <= 2:
                raise ValueError("KSChan.iv_type: %d is outside [0, 2]" % t)
            if t != 0:
                raise KSChanNotImplemented(
                    "KSChan.iv_type(%d): the %s current relation is not implemented by ranvier "
                    "(iv_type 0, ohmic, is)" % (t, "Nernst" if t == 1 else "GHK"))
            self._cond = t
        return float(self._cond) if self._ion != "NonSpecific" else 0.0

    def gmax(self, *val):
        if val:
            g = float(val[0])
            if not 0.0 <= g <= 1e9:
                raise ValueError("KSChan.gmax: %g is outside [0, 1e9]" % g)
            self._gmax = g
            self._changed()
        return self._gmax

    def erev(self, *val):
        if val:
            e = float(val[0])
            if not -1e9 <= e <= 1e9:
                raise ValueError("KSChan.erev: %g is outside [-1e9, 1e9]" % e)
            self._erev = e
            self._changed()
        return self._erev

    def is_point(self):
        return 1.0 if self._point else 0.0

    def single(self, *val):
        if val and int(float(val[0])):
            raise KSChanNotImplemented("KSChan.single(1): single-channel mode is not implemented "
                                       "by ranvier")
        return 0.0

    set_single = single

    def ngate(self):
        return float(len(self._gates))

    def nstate(self):
        return float(len(self._states))

    def ntrans(self):
        return float(len(self._trans))

    def nligand(self):
        return 0.0

    def add_hhstate(self, name):
        self._structure_change("add_hhstate")
        st = KSState(_chan=self, _name=str(name), _frac=1.0)
        g = KSGate(_chan=self, _power=1)
        tr = KSTrans(_chan=self, _src=st, _target=st)
        i = self._nhh
        self._states.insert(i, st)
        self._gates.insert(i, g)
        self._trans.insert(i, tr)
        self._state_gate[st] = g
        self._nhh += 1
        self._rename_unique(st)
        self._changed()
        return st

    def add_ksstate(self, gate, name):
        self._structure_change("add_ksstate")
        st = KSState(_chan=self, _name=str(name), _frac=0.0)
        if gate is None:
            g = KSGate(_chan=self, _power=1)
            self._gates.append(g)
            self._states.append(st)
        else:
            if not isinstance(gate, KSGate) or gate._chan is not self:
                raise TypeError("KSChan.add_ksstate: the first argument must be None or a "
                                "KSGate of this KSChan")
            gate._check()
            if self._gates.index(gate) < self._nhh:
                raise KSChanError("KSChan.add_ksstate: %s is an HH gate" % gate.hname())
            last = gate._states()[-1]
            self._states.insert(self._states.index(last) + 1, st)
            g = gate
        self._state_gate[st] = g
        self._rename_unique(st)
        self._changed()
        return st

    def _state_arg(self, x, where, ks_only=False):
        if isinstance(x, KSState):
            if x._chan is not self:
                raise KSChanError("KSChan.%s: %s belongs to another KSChan" % (where, x.hname()))
            x._check()
            return x
        i = int(float(x))
        lo = self._nhh if ks_only else 0
        if not lo <= i < len(self._states):
            raise IndexError("KSChan.%s: state index %d is outside [%d, %d]"
                             % (where, i, lo, len(self._states) - 1))
        return self._states[i]

    def add_transition(self, src, target, ligand=None):
        if ligand is not None:
            raise KSChanNotImplemented("KSChan.add_transition: ligand-gated transitions are not "
                                       "implemented by ranvier")
        s = self._state_arg(src, "add_transition", True)
        t = self._state_arg(target, "add_transition", True)
        if self._states.index(s) < self._nhh or self._states.index(t) < self._nhh:
            raise KSChanError("KSChan.add_transition: an HH state has exactly one transition "
                              "(use KSChan.trans)")
        tr = KSTrans(_chan=self, _src=s, _target=t)
        self._trans.append(tr)
        self._changed()
        return tr

    def remove_state(self, x):
        self._structure_change("remove_state")
        st = self._state_arg(x, "remove_state")
        i = self._states.index(st)
        g = self._state_gate.pop(st)
        self._states.remove(st)
        if i < self._nhh:
            self._nhh -= 1
            self._trans.pop(i)
            self._gates.remove(g)
        else:
            self._trans = [tr for tr in self._trans if tr._src is not st and tr._target is not st]
            if not any(v is g for v in self._state_gate.values()):
                self._gates.remove(g)
        self._changed()
        return 0.0

    def remove_transition(self, x):
        if isinstance(x, KSTrans):
            x._check()
            tr = x
        else:
            i = int(float(x))
            if not self._nhh <= i < len(self._trans):
                raise IndexError("KSChan.remove_transition: index %d is outside [%d, %d]"
                                 % (i, self._nhh, len(self._trans) - 1))
            tr = self._trans[i]
        if self._trans.index(tr) < self._nhh:
            raise KSChanError("KSChan.remove_transition: an HH transition cannot be removed")
        self._trans.remove(tr)
        self._changed()
        return 0.0

    def trans(self, a, b=None):
        if b is None:
            i = int(float(a))
            if not 0 <= i < len(self._trans):
                raise IndexError("KSChan.trans: index %d is outside [0, %d]"
                                 % (i, len(self._trans) - 1))
            return self._trans[i]
        s = self._state_arg(a, "trans")
        t = self._state_arg(b, "trans")
        for tr in self._trans:
            if tr._src is s and tr._target is t:
                return tr
        raise KSChanError("KSChan.trans: no transition from %s to %s" % (s.name(), t.name()))

    def state(self, i):
        i = int(float(i))
        if not 0 <= i < len(self._states):
            raise IndexError("KSChan.state: index %d is outside [0, %d]" % (i, len(self._states) - 1))
        return self._states[i]

    def gate(self, i):
        i = int(float(i))
        if not 0 <= i < len(self._gates):
            raise IndexError("KSChan.gate: index %d is outside [0, %d]" % (i, len(self._gates) - 1))
        return self._gates[i]

    def ligand(self, i):
        raise IndexError("KSChan.ligand: this KSChan has no ligand")

    def setstructure(self, vec):
        raise KSChanNotImplemented("KSChan.setstructure is not implemented by ranvier "
                                   "(build the channel with add_hhstate/add_ksstate/add_transition)")

    def usetable(self, *args):
        if args and not (len(args) == 1 and not int(float(args[0]))):
            raise KSChanNotImplemented("KSChan.usetable: rate tables are not implemented by "
                                       "ranvier (the rates are computed exactly)")
        return 0.0

    def pr(self):
        print("%s type properties" % self.hname())
        print("name=%s is_point_=%s ion_=%s cond_model_=%d"
              % (self._name, "true" if self._point else "false", self._ion, self._cond))
        print("  ngate=%d nstate=%d nhhstate=%d nligand=0 ntrans=%d ivkstrans=%d iligtrans=%d"
              % (len(self._gates), len(self._states), self._nhh, len(self._trans), self._nhh,
                 len(self._trans)))
        print("  default gmax=%g erev=%g" % (self._gmax, self._erev))
        for i, g in enumerate(self._gates):
            print("    gate %d index=%d nstate=%d power=%d"
                  % (i, int(g.sindex()), len(g._states()), g._power))
        for i, tr in enumerate(self._trans):
            print("    trans %d src=%d target=%d type=%d"
                  % (i, self._states.index(tr._src), self._states.index(tr._target), tr._type))
            print("        f0 type=%d   f1 type=%d" % (tr.ftype(0), tr.ftype(1)))
        print("    state names and fractional conductance")
        for i, s in enumerate(self._states):
            print("    %d %s %g" % (i, s._name, s._frac))
        return 1.0

    # -- NMODL text ---------------------------------------------------------------------------
    def _rate_expr(self, tr, d):
        if tr._f[d] is None:
            raise KSChanError("%s: transition %s -> %s has no rate function for direction %d "
                              "(KSTrans.set_f)" % (self._name, tr._src._name, tr._target._name, d))
        ft, c = tr._parms(d)
        if ft == 1:
            return _num(c[0])
        return "ks_%s(v, %s, %s, %s)" % (_FTYPES[ft], _num(c[0]), _num(c[1]), _num(c[2]))

    def _ks_order(self):
        """The elimination order of the kinetic-scheme states (local indices): the order
        NEURON's sparse solver (Sparse 1.3, diagonal pivoting, conventional Markowitz)
        chooses at its first factorisation.  For these matrices (M - I/dt, columns
        diagonally dominant) no pivot fails the threshold test, so the choice depends on
        the structure only: at each step the remaining diagonal with the smallest
        Markowitz product, searched in the order Step, Size, Size-1, ..., Step+1
        (the first found wins a tie); the chosen one is swapped into position Step."""
        nhh = self._nhh
        ks = self._states[nhh:]
        n = len(ks)
        pos = {s: i for i, s in enumerate(ks)}
        nz = {(i, i) for i in range(n)}
        for tr in self._trans[nhh:]:
            s, t = pos[tr._src], pos[tr._target]
            nz |= {(s, t), (t, s)}
        perm = list(range(n))             # internal position -> state
        for step in range(n):
            rest = perm[step:]
            rs = set(rest)

            def product(p):
                r = sum(1 for c in rs if (p, c) in nz) - 1
                c = sum(1 for r_ in rs if (r_, p) in nz) - 1
                return r * c
            scan = [step] + list(range(n - 1, step, -1))
            best, bestp = None, None
            for k in scan:
                pr = product(perm[k])
                if bestp is None or pr < bestp:
                    best, bestp = k, pr
            perm[step], perm[best] = perm[best], perm[step]
            piv = perm[step]
            rows = [r for r in perm[step + 1:] if (r, piv) in nz]
            cols = [c for c in perm[step + 1:] if (piv, c) in nz]
            for r in rows:                 # fill-ins of this elimination step
                for c in cols:
                    nz.add((r, c))
        return perm

    def _ks_solve(self, lines, ind, dtexpr):
        """Straight-line backward Euler of the KS states over dtexpr (NEURON's sparse LU)."""
        nhh = self._nhh
        ks = self._states[nhh:]
        n = len(ks)
        pos = {s: i for i, s in enumerate(ks)}
        A = {}
        order = []                 # element accumulation: per transition, NEURON's order
        for k, tr in enumerate(self._trans[nhh:]):
            a0 = self._rate_expr(tr, 0)
            a1 = self._rate_expr(tr, 1)
            lines.append(ind + "ks_a = %s" % a0)
            lines.append(ind + "ks_b = %s" % a1)
            if tr._type == 1:
                lines.append(ind + "ks_t = ks_a")
                lines.append(ind + "ks_a = ks_t/ks_b")
                lines.append(ind + "ks_b = (1 - ks_t)/ks_b")
            s, t = pos[tr._src], pos[tr._target]
            for (r, c), op, var in (((s, s), "-", "ks_a"), ((s, t), "+", "ks_b"),
                                    ((t, t), "-", "ks_b"), ((t, s), "+", "ks_a")):
                name = "ks_m%d_%d" % (r, c)
                if (r, c) in A:
                    lines.append(ind + "%s = %s %s %s" % (name, name, op, var))
                else:
                    A[(r, c)] = name
                    lines.append(ind + "%s = %s%s" % (name, "-" if op == "-" else "", var))
            order.append(k)
        lines.append(ind + "ks_d = -1/(%s)" % dtexpr)
        for i in range(n):
            name = "ks_m%d_%d" % (i, i)
            if (i, i) in A:
                lines.append(ind + "%s = %s + ks_d" % (name, name))
            else:
                A[(i, i)] = name
                lines.append(ind + "%s = ks_d" % name)
            lines.append(ind + "ks_r%d = %s*ks_d" % (i, ks[i]._name))
        P = self._ks_order()
        inv = {p: k for k, p in enumerate(P)}
        # internal indices: element (k, j) of the permuted matrix is A[P[k], P[j]]
        nz = {(inv[r], inv[c]) for (r, c) in A}
        el = {(inv[r], inv[c]): nm for (r, c), nm in A.items()}
        for k in range(n):
            pk = el[(k, k)]
            lines.append(ind + "%s = 1/%s" % (pk, pk))
            ups = sorted(j for (r, j) in nz if r == k and j > k)
            los = sorted(i for (i, c) in nz if c == k and i > k)
            for j in ups:
                u = el[(k, j)]
                lines.append(ind + "%s = %s*%s" % (u, u, pk))
                for i in los:
                    if (i, j) not in nz:
                        nz.add((i, j))
                        el[(i, j)] = "ks_f%d_%d" % (i, j)
                        lines.append(ind + "%s = 0" % el[(i, j)])
                    lines.append(ind + "%s = %s - %s*%s" % (el[(i, j)], el[(i, j)], u, el[(i, k)]))
        # forward and back substitution on the permuted right-hand side
        for k in range(n):
            lines.append(ind + "ks_c%d = ks_r%d" % (k, P[k]))
        for k in range(n):
            lines.append(ind + "ks_c%d = ks_c%d*%s" % (k, k, el[(k, k)]))
            for i in sorted(i for (i, c) in nz if c == k and i > k):
                lines.append(ind + "ks_c%d = ks_c%d - ks_c%d*%s" % (i, i, k, el[(i, k)]))
        for k in range(n - 1, -1, -1):
            for j in sorted(j for (r, j) in nz if r == k and j > k):
                lines.append(ind + "ks_c%d = ks_c%d - %s*ks_c%d" % (k, k, el[(k, j)], j))
        for k in range(n):
            lines.append(ind + "%s = ks_c%d" % (ks[P[k]]._name, k))
        locs = set(A.values()) | set(el.values()) | {"ks_r%d" % i for i in range(n)} \
            | {"ks_c%d" % i for i in range(n)} | {"ks_a", "ks_b", "ks_t", "ks_d"}
        return locs

    def _nmodl(self):
        nm = self._name
        for tr in self._trans:
            for d in (0, 1):
                if tr._f[d] is None:
                    raise KSChanError("KSChan %s: transition %s -> %s has no rate function for "
                                      "direction %d (KSTrans.set_f)"
                                      % (nm, tr._src._name, tr._target._name, d))
        ion = self._ion if self._ion != "NonSpecific" else None
        names = [s._name for s in self._states]
        if len(set(names)) != len(names):
            raise KSChanError("KSChan %s: two states have the same name" % nm)
        for s in names:
            if s.startswith("ks_") or s in ("v", "g", "i", "gmax", "e", "dt", "t", "celsius") \
                    or (ion and s in ("e" + ion, "i" + ion)) or not s.isidentifier():
                raise KSChanError("KSChan %s: %r cannot be a state name in ranvier (it names "
                                  "another variable of the channel)" % (nm, s))
        L = ["COMMENT", "KSChan %s written by ranvier (library/kschan.py)" % nm, "ENDCOMMENT",
             "NEURON {", "  SUFFIX %s" % nm]
        if ion:
            L.append("  USEION %s READ e%s WRITE i%s" % (ion, ion, ion))
            L.append("  RANGE gmax, g, i")
        else:
            L.append("  NONSPECIFIC_CURRENT i")
            L.append("  RANGE gmax, e, g")
        L += ["}", "UNITS {", "  (mA) = (milliamp)", "  (mV) = (millivolt)", "  (S) = (siemens)",
              "}", "PARAMETER {", "  gmax = %r (S/cm2)" % self._gmax]
        if not ion:
            L.append("  e = %r (mV)" % self._erev)
        L += ["}", "ASSIGNED {", "  v (mV)", "  g (S/cm2)", "  i (mA/cm2)"]
        if ion:
            L += ["  e%s (mV)" % ion, "  i%s (mA/cm2)" % ion]
        L.append("}")
        if names:
            L += ["STATE {"] + ["  %s" % s for s in names] + ["}"]
        # INITIAL
        L.append("INITIAL {")
        body = []
        locs = set()
        for j in range(self._nhh):
            tr = self._trans[j]
            a0, a1 = self._rate_expr(tr, 0), self._rate_expr(tr, 1)
            if tr._type == 1:
                body.append("  %s = %s" % (names[j], a0))
            else:
                body.append("  %s = %s/(%s + %s)" % (names[j], a0, a0, a1))
        if len(names) > self._nhh:
            first = {g._states()[0] for g in self._gates[self._nhh:]}
            for s in self._states[self._nhh:]:
                body.append("  %s = %d" % (s._name, 1 if s in first else 0))
            locs |= self._ks_solve(body, "  ", "1e9")
        if locs:
            L.append("  LOCAL %s" % ", ".join(sorted(locs)))
        L += body + ["}"]
        # BREAKPOINT
        L.append("BREAKPOINT {")
        if names:
            L.append("  SOLVE ks_states")
        L.append("  LOCAL ks_gg, ks_gc")
        L.append("  ks_gg = 1")
        for g in self._gates:
            sts = g._states()
            L.append("  ks_gc = 0")
            for s in sts:
                L.append("  ks_gc = ks_gc + %s*%s" % (s._name, _num(s._frac)))
            p = g._power
            if p == 1:
                L.append("  ks_gg = ks_gg*ks_gc")
            elif p == 2:
                L.append("  ks_gg = ks_gg*(ks_gc*ks_gc)")
            elif p == 3:
                L.append("  ks_gg = ks_gg*(ks_gc*ks_gc*ks_gc)")
            elif p == 4:
                L.append("  ks_gc = ks_gc*ks_gc")
                L.append("  ks_gg = ks_gg*(ks_gc*ks_gc)")
            else:
                L.append("  ks_gg = ks_gg*pow(ks_gc, %d)" % p)
        L.append("  g = gmax*ks_gg")
        if ion:
            L.append("  i = g*(v - e%s)" % ion)
            L.append("  i%s = i" % ion)
        else:
            L.append("  i = g*(v - e)")
        L.append("}")
        if names:
            L.append("PROCEDURE ks_states() {")
            body = []
            locs = set()
            for j in range(self._nhh):
                tr = self._trans[j]
                body.append("  ks_a = %s" % self._rate_expr(tr, 0))
                body.append("  ks_b = %s" % self._rate_expr(tr, 1))
                if tr._type != 1:
                    body.append("  ks_t = 1/(ks_a + ks_b)")
                    body.append("  ks_a = ks_a*ks_t")
                    body.append("  ks_b = ks_t")
                body.append("  ks_b = 1 - ks_exp(-dt/ks_b)")
                body.append("  %s = %s + (ks_a - %s)*ks_b" % (names[j], names[j], names[j]))
                locs |= {"ks_a", "ks_b", "ks_t"}
            if len(names) > self._nhh:
                locs |= self._ks_solve(body, "  ", "dt")
            L.append("  LOCAL %s" % ", ".join(sorted(locs)))
            L += body + ["}"]
        L += _FUNCTIONS
        return "\n".join(L) + "\n"


_FUNCTIONS = """
FUNCTION ks_exp(x) {
  if (x > 700) {
    ks_exp = exp(700)
  } else if (x < -700) {
    ks_exp = exp(-700)
  } else {
    ks_exp = exp(x)
  }
}
FUNCTION ks_exp3(v, c0, c1, c2) {
  ks_exp3 = c0*ks_exp(c1*(v - c2))
}
FUNCTION ks_linoid(v, c0, c1, c2) {
  LOCAL x
  x = c1*(v - c2)
  if (fabs(x) > 1e-6) {
    ks_linoid = c0*x/(1 - ks_exp(-x))
  } else {
    ks_linoid = c0*(1 + x/2)
  }
}
FUNCTION ks_sigmoid(v, c0, c1, c2) {
  ks_sigmoid = c0/(1 + ks_exp(c1*(v - c2)))
}
""".split("\n")
_FTYPES[2] = "exp3"


def refresh():
    """Bring every KSChan's compiled mechanism up to date with its definition (at
    finitialize: rate parameters may have changed in place)."""
    for ks in _CHANNELS:
        if ks._mech is not None or ks._instances():
            ks._provider()


_HOOKED = []


def _attach_finitialize_hook():
    """Chain refresh() before the FInitializeHandlers' type-3 point of finitialize."""
    if _HOOKED:
        return
    from . import finithandler        # noqa: F401  (its hook is installed first)
    from .. import engine
    prev = engine.HOOKS["finitialize"]

    def hook(kind):
        if kind == 3:
            refresh()
        if prev is not None:
            prev(kind)
    engine.set_hook("finitialize", hook)
    _HOOKED.append(hook)

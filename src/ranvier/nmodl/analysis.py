"""AST -> mechanism description (names, rows, globals, ions, currents).

In: an ``ast.Module``. Out: an ``Info`` holding the symbol table the code
generator needs and ``Info.describe()``, the JSON-able description the engine
sees (``Mechanism``). It checks the file's semantics (undeclared names,
duplicate declarations, unsupported constructs) and raises ``NmodlError``
with file:line for every user mistake.

Variable classes follow nocmodl (NMODL.md section 1):

- PARAMETER listed in RANGE            -> per-instance row, public
- PARAMETER not RANGE                  -> GLOBAL (slot of ``gv``)
- ASSIGNED listed in RANGE, or a NONSPECIFIC/ELECTRODE current -> row, public
- ASSIGNED listed in GLOBAL            -> slot of ``gv``
- other ASSIGNED                       -> hidden row (invisible to users)
- STATE                                -> row, public
- CONSTANT, DEFINE, UNITS factors      -> inlined numbers
- v t dt celsius area                  -> supplied by the engine
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from ranvier.core.errors import NmodlError

from . import ast, kinetic, nonlinear, verbatim
from . import random as _random

SPECIAL = ("v", "t", "dt", "celsius", "area", "diam")
NOT_ASSIGNABLE = ("t", "dt", "celsius", "area", "diam")

# Built-in functions: name -> (arity or None for any, python template)
BUILTINS = {
    "exp": 1, "log": 1, "log10": 1, "sqrt": 1, "fabs": 1, "pow": 2,
    "sin": 1, "cos": 1, "tan": 1, "asin": 1, "acos": 1, "atan": 1, "atan2": 2,
    "sinh": 1, "cosh": 1, "tanh": 1, "floor": 1, "ceil": 1, "fmod": 2,
    "fmin": 2, "fmax": 2, "erf": 1, "erfc": 1, "expm1": 1, "log1p": 1,
}
# accepted and ignored in fixed-step simulation (statement position only)
IGNORED_CALLS = {"at_time": 1, "printf": None}
UNSUPPORTED_CALLS = ("state_discontinuity", "nrn_random_pick",
                     "random_uniform", "random_normal",
                     "random_negexp", "random_setseq", "random_setids", "nernst", "ghk")
# BEFORE/AFTER blocks ranvier runs (folded into the kernels: codegen.py)
BA_KINDS = ("BEFORE INITIAL", "AFTER INITIAL", "BEFORE BREAKPOINT", "AFTER SOLVE", "BEFORE STEP")
# network events (netreceive.py): name -> (arity, blocks where the call is allowed)
EVENT_CALLS = {"net_send": (2, ("NET_RECEIVE", "INITIAL")), "net_event": (1, ("NET_RECEIVE",)),
               "net_move": (1, ("NET_RECEIVE",))}
# METHODs a SOLVE of a PROCEDURE may name (the PROCEDURE then runs in the state phase)
SOLVE_PROCEDURE_METHODS = ("after_cvode",)
# random numbers (netreceive.py; numba's np.random, not NEURON's streams): name -> arity
RANDOM_CALLS = {"scop_random": 0, "unirand": 0, "exprand": 1, "normrand": 2, "set_seed": 1}

# Named unit factors (NMODL.md section 2): |u1|/|u2| with 2019-SI values.
_UNIT_FACTORS = {
    ("faraday", "coulomb"): 96485.33212331001,
    ("faraday", "coulombs"): 96485.33212331001,
    ("faraday", "coul"): 96485.33212331001,
    ("faraday", "kilocoulombs"): 96.48533212331002,
    ("faraday", "kilocoulomb"): 96.48533212331002,
    ("k-mole", "joule/degc"): 8.31446261815324,
    ("k-mole", "joule/degk"): 8.31446261815324,
    ("k-mole", "millijoule/degc"): 8314.462618153239,
    ("k-mole", "millijoule/degk"): 8314.462618153239,
    ("e", "coulomb"): 1.602176634e-19,
    ("k", "joule/degc"): 1.380649e-23,
    ("k", "joule/degk"): 1.380649e-23,
    ("pi", "1"): 3.141592653589793,
    ("mole", "1"): 6.02214076e+23,
    ("mA/cm2", "amp/m2"): 10.0,
    ("mv", "volt"): 0.001,
    ("uS/um2", "siemens/cm2"): 100.0,
    ("na", "ma"): 1e-06,
    ("mA/cm2", "nA/um2"): 0.009999999999999998,
}
_UNIT_FACTORS = {(a.lower(), b.lower()): v for (a, b), v in _UNIT_FACTORS.items()}
# "(10000 coulomb)": an optional number before the unit name
_UNIT_SCALE = re.compile(r"^([0-9]+\.?[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)?\s*(.*)$")

# which field of ions[k, field, node] an ion variable lives in (records.ION_FIELDS)
from .records import ION_CI, ION_CO, ION_E, ION_I  # noqa: E402


def ion_field(ion, var):
    """Field index of ion variable ``var`` of ion ``ion`` (ena -> 0, ina -> 1,
    nai -> 3, nao -> 4) or None if ``var`` is not one of them."""
    return {"e" + ion: ION_E, "i" + ion: ION_I, ion + "i": ION_CI, ion + "o": ION_CO}.get(var)


@dataclass
class Sym:
    kind: str          # 'row', 'global' (also top-level LOCAL), 'const', 'special', 'func', 'proc'
    line: int = 0
    index: int = -1    # row or gv slot
    value: float = 0.0  # constants
    decl: str = ""     # PARAMETER, ASSIGNED, STATE, ...
    node: object = None


@dataclass
class TableInfo:
    func: str
    names: List[str]      # tabulated variables (PROCEDURE) or [] (FUNCTION)
    depend: List[str]
    lo: object
    hi: object
    n: int
    col: int              # first column in tbl
    ncols: int
    g_built: int = -1
    g_tmin: int = -1
    g_mfac: int = -1
    g_deps: List[int] = field(default_factory=list)
    line: int = 0


@dataclass
class Func:
    kind: str             # PROCEDURE or FUNCTION
    name: str
    args: List[str]
    body: list
    line: int
    table: Optional[TableInfo] = None
    locals: List[str] = field(default_factory=list)


class Info:
    """Everything known about one mechanism after semantic analysis."""

    def __init__(self, module: ast.Module, text: str):
        self.module = module
        self.filename = module.filename
        self.text_lines = text.splitlines()
        self.name = None
        self.kind = None           # 'density', 'point', 'artificial'
        self.threadsafe = False
        self.ions = []             # [name, read, write, valence]
        self.currents = []         # names in NEURON-block order
        self.electrode = False
        self.range_decl = []       # names listed in RANGE
        self.global_decl = []      # names listed in GLOBAL
        self.syms: Dict[str, Sym] = {}
        self.range_names: List[str] = []
        self.range_defaults: List[float] = []
        self.public_range: List[str] = []
        self.states: List[str] = []
        self.global_names: List[str] = []
        self.global_defaults: List[float] = []
        self.public_globals: List[str] = []
        self.params = {}           # name -> dict(unit, limits, default, range)
        self.units = {}            # declared name -> unit string ('S/cm2'; '' if none)
        self.funcs: Dict[str, Func] = {}
        self.tables: List[TableInfo] = []
        self.initial = None
        self.breakpoint = None
        self.derivs: Dict[str, ast.Block] = {}
        self.solves = []           # (Solve, target kind) in BREAKPOINT
        self.ion_vars = {}         # var name -> (ion index, field, read?, write?)
        self.s0 = {}               # state -> name of its s0 variable
        self.top_locals = []
        self.conductance_hints = []
        self.net_receive = None    # the NET_RECEIVE ast.Block (netreceive.py)
        self.net_receive_initial = None   # its INITIAL block, if any
        self.event_calls = set()   # net_send/net_event/net_move/random calls used
        self.watches = []          # WATCH items [(ast.Compare, flag, line)], numbered (netreceive.py)
        self.lags = []             # LAG statements [(ast.Lag, hidden row prefix)] (netreceive.py)
        self.kinetics: Dict[str, ast.Block] = {}   # KINETIC blocks by name (kinetic.py)
        self.schemes = {}          # KINETIC name -> kinetic.Scheme (its lowered form)
        self.arrays: Dict[str, int] = {}   # array variable -> size (rows or gv slots follow its first)
        self.local_arrays: Dict[str, tuple] = {}   # LOCAL array -> (hidden row name, size)
        self.randoms = []          # RANDOM variables [(name, line)] (random.py)
        self.pointers = []         # POINTER variables (rows; the engine copies the target in)
        self.linears: Dict[str, ast.Block] = {}   # LINEAR / NONLINEAR blocks by name (nonlinear.py)
        self.linear_unknowns: Dict[str, list] = {}   # their unknowns, in row order
        self.ba_blocks: Dict[str, ast.Block] = {}    # 'BEFORE BREAKPOINT', 'AFTER SOLVE', ... -> block
        self.ss_derivs = set()     # DERIVATIVE blocks solved by STEADYSTATE derivimplicit in INITIAL

    # ------------------------------------------------------------ errors
    def error(self, msg, line):
        src = self.text_lines[line - 1] if line and 0 < line <= len(self.text_lines) else None
        return NmodlError(msg, self.filename, line, None, src)

    # ------------------------------------------------------------ tables
    def add_row(self, name, default, public, line, decl):
        if name in self.syms:
            raise self.error("Multiple declaration of %s" % name, line)
        self.syms[name] = Sym("row", line, len(self.range_names), decl=decl)
        self.range_names.append(name)
        self.range_defaults.append(float(default))
        if public:
            self.public_range.append(name)
        for k in range(1, self.arrays.get(name, 1)):   # the other elements of an array
            self.range_names.append("%s[%d]" % (name, k))
            self.range_defaults.append(float(default))

    def add_global(self, name, default, public, line, decl="GLOBAL"):
        if name in self.syms:
            raise self.error("Multiple declaration of %s" % name, line)
        self.syms[name] = Sym("global", line, len(self.global_names), decl=decl)
        self.global_names.append(name)
        self.global_defaults.append(float(default))
        if public:
            self.public_globals.append(name)
        first = len(self.global_names) - 1
        for k in range(1, self.arrays.get(name, 1)):   # the other elements of an array
            self.global_names.append("_%s_%d" % (name, k))
            self.global_defaults.append(float(default))
        return first

    def add_const(self, name, value, line, decl):
        if name in self.syms:
            raise self.error("Multiple declaration of %s" % name, line)
        self.syms[name] = Sym("const", line, value=float(value), decl=decl)

    def describe(self):
        """The JSON-able description handed to ``Mechanism``."""
        rows = max([t.n + 1 for t in self.tables], default=0)
        cols = sum(t.ncols for t in self.tables)
        return {
            "name": self.name,
            "kind": self.kind,
            "is_point": self.kind in ("point", "artificial"),
            "is_artificial": self.kind == "artificial",
            "is_electrode": self.electrode,
            "range_names": list(self.range_names),
            "range_defaults": list(self.range_defaults),
            "public_range": list(self.public_range),
            "states": list(self.states),
            "global_names": list(self.global_names),
            "global_defaults": list(self.global_defaults),
            "public_globals": list(self.public_globals),
            "ions": [[i[0], list(i[1]), list(i[2]), i[3]] for i in self.ions],
            "currents": list(self.currents),
            "table_shape": [rows, cols],
            "functions": {f.name: dict({"kind": f.kind, "args": list(f.args), "table": f.table is not None,
                                        "needs_instance": _needs_instance(self, f.name)},
                                       **({"function_table": {"slot": f.ft_slot, "cap": FUNCTION_TABLE_CAP}}
                                          if getattr(f, "function_table", False) else {}))
                          for f in self.funcs.values()},
            "params": self.params,
            "units": dict(self.units),
            "threadsafe": self.threadsafe,
            "net_receive": None if self.net_receive is None else {
                "args": [a.name for a in self.net_receive.args],
                "initial": self.net_receive_initial is not None},
            "net_event": "net_event" in self.event_calls,
            "pointers": _pointer_check(self),
            "arrays": {n: k for n, k in self.arrays.items() if not n.startswith("_local_array_")},
        }


def _pointer_check(info):
    """The POINTER names; assigning one (writing through it) is refused."""
    for b in (list(info.funcs.values()) + [info.initial, info.breakpoint] + list(info.derivs.values())
              + list(info.linears.values()) + list(info.ba_blocks.values())):
        body = getattr(b, "body", None) or []
        for st in ast.walk_statements(body):
            tgt = getattr(st, "target", None) if isinstance(st, ast.Assign) else None
            name = getattr(tgt, "name", None)
            if name in info.pointers:
                raise info.error("assigning to POINTER %s (writing through it) is not supported by "
                                 "ranvier" % name, st.line)
    return list(info.pointers)


def _names_used(node, out):
    """Every variable and function name mentioned under `node` (AST nodes and lists)."""
    if isinstance(node, list):
        for x in node:
            _names_used(x, out)
        return
    if isinstance(node, (ast.Name, ast.Index, ast.Call, ast.Prime)):
        out.add(node.name)
    if isinstance(node, ast.Node):
        for k, v in vars(node).items():
            if k != "line" and isinstance(v, (ast.Node, list)):
                _names_used(v, out)


def _needs_instance(info, fname, seen=None):
    """Whether FUNCTION/PROCEDURE `fname` (or one it calls) touches a per-instance
    variable (RANGE, STATE, ion copy, hidden ASSIGNED): called from HOC/Python as
    `h.f_sfx()` it then needs `setdata_sfx` (NMODL.md section 1)."""
    seen = set() if seen is None else seen
    if fname in seen or fname not in info.funcs:
        return False
    seen.add(fname)
    f = info.funcs[fname]
    names = set()
    _names_used(f.body, names)
    if f.table is not None:
        names |= set(f.table.depend or [])
    own = set(f.args) | set(f.locals)
    for n in names - own:
        sym = info.syms.get(n)
        if sym is not None and sym.kind == "row":
            return True
        if n in info.funcs and _needs_instance(info, n, seen):
            return True
    return False


def analyze(module: ast.Module, text: str) -> Info:
    """Check ``module`` and build its ``Info``; raises ``NmodlError``."""
    if verbatim.has_verbatim(module):
        verbatim.lower(module, text)     # the C idioms with a plain meaning, or NmodlError
    _lower_state_discontinuity(module)
    info = Info(module, text)
    _collect(info)
    _check_code(info)
    return info


def _lower_state_discontinuity(node):
    """``state_discontinuity(s, e)`` as a statement is ``s = e``: what nocmodl's C does on
    fixed step (nrn_netrec_state_adjust is 0 by default, NMODL.md section 12; ModelDB
    114355's scexp2syn.mod uses it in NET_RECEIVE).  Other arities stay calls (and are
    refused by the checks)."""
    import dataclasses
    if isinstance(node, list):
        for k, st in enumerate(node):
            if (isinstance(st, ast.CallStmt) and st.call.name == "state_discontinuity"
                    and len(st.call.args) == 2 and isinstance(st.call.args[0], (ast.Name, ast.Index))):
                node[k] = ast.Assign(st.call.args[0], st.call.args[1], line=st.line)
            else:
                _lower_state_discontinuity(st)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            v = getattr(node, f.name)
            if isinstance(v, list) or (dataclasses.is_dataclass(v) and not isinstance(v, type)):
                _lower_state_discontinuity(v)


# ----------------------------------------------------------------------------
# declarations


def _collect(info: Info):
    decls = {"PARAMETER": [], "ASSIGNED": [], "STATE": [], "CONSTANT": []}
    units = []
    neuron = None
    for item in info.module.items:
        if isinstance(item, ast.Decls):
            if item.kind == "NEURON":
                if neuron is not None:      # nocmodl merges NEURON blocks (ModelDB 26997)
                    item = ast.Decls("NEURON", list(neuron.items) + list(item.items),
                                     line=neuron.line)
                neuron = item
            elif item.kind == "UNITS":
                units.extend(item.items)
            elif item.kind in decls:
                decls[item.kind].extend(item.items)
        elif isinstance(item, ast.Define):
            info.add_const(item.name, item.value, item.line, "DEFINE")
        elif isinstance(item, ast.Include):    # include.expand replaces these before analysis
            raise info.error('INCLUDE "%s" was not expanded (use ranvier.nmodl.load_mechanism)'
                             % item.path, item.line)
        elif isinstance(item, ast.Verbatim):
            raise info.error("VERBATIM (raw C code) is not supported by ranvier", item.line)
        elif isinstance(item, ast.Local):
            info.top_locals.extend(item.names)
        elif isinstance(item, ast.Block):
            _collect_block(info, item)

    if neuron is None:
        # nocmodl: a file without a NEURON block is a density mechanism named after
        # the file (its PARAMETERs GLOBAL, ASSIGNED hidden, STATEs range)
        base = re.sub(r"\.mod$", "", (info.filename or "").replace("\\", "/").rsplit("/", 1)[-1])
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", base):
            raise info.error("no NEURON block, and the file name %r cannot name the mechanism "
                             "(give it a SUFFIX)" % (info.filename,), 1)
        neuron = ast.Decls("NEURON", [ast.NeuronStmt("SUFFIX", [base], line=1)], line=1)
    _neuron_block(info, neuron)

    for u in units:
        if u.name is None:
            continue
        if u.value is not None:
            info.add_const(u.name, u.value, u.line, "UNITS")
            continue
        # a leading number scales a unit, as in (faraday) (10000 coulomb): NEURON 9.0.2
        # gives |n1 u1|/|n2 u2| = n1*(|u1|/|u2|)/n2 (9.648533212331001 for that one)
        scales, key = [], []
        for x in u.units:
            text = x.strip()[1:-1].strip()
            m = _UNIT_SCALE.match(text)
            if m.group(1) and m.group(2).strip() and m.group(2).strip()[0] not in "/*":
                scales.append(float(m.group(1)))
                key.append(m.group(2).strip().lower())
            else:                       # (1), (/ms), (1/ms): no scale
                scales.append(None)
                key.append(text.lower())
        if len(key) == 1:
            key.append("1")
            scales.append(None)
        key = tuple(key)
        if key not in _UNIT_FACTORS or 0.0 in scales:
            raise info.error("cannot evaluate the unit factor %s = %s; ranvier knows only the "
                             "factors of NMODL.md section 2 (write the number instead)"
                             % (u.name, " ".join(u.units)), u.line)
        value = _UNIT_FACTORS[key]
        if scales[0] is not None:
            value = scales[0]*value
        if scales[1] is not None:
            value = value/scales[1]
        info.add_const(u.name, value, u.line, "UNITS")

    for d in decls["CONSTANT"]:
        info.add_const(d.name, d.value, d.line, "CONSTANT")

    _declare_vars(info, decls)


def _collect_block(info, b: ast.Block):
    unsupported = {
        "DISCRETE": "DISCRETE blocks are not supported by ranvier",
        "PARTIAL": "PARTIAL blocks are not supported by ranvier",
        "CONSTRUCTOR": "CONSTRUCTOR blocks (C code) are not supported by ranvier",
        "DESTRUCTOR": "DESTRUCTOR blocks (C code) are not supported by ranvier",
    }
    if b.kind in unsupported:
        raise info.error(unsupported[b.kind], b.line)
    if b.kind.startswith("BEFORE") or b.kind.startswith("AFTER"):
        if b.kind not in BA_KINDS:
            raise info.error("%s blocks are not supported by ranvier (NEURON runs only BEFORE/AFTER "
                             "BREAKPOINT, SOLVE, INITIAL and STEP)" % b.kind, b.line)
        if b.kind in info.ba_blocks:
            raise info.error("more than one %s block (ranvier supports one of each kind)" % b.kind,
                             b.line)
        info.ba_blocks[b.kind] = b
        return
    if b.kind == "FUNCTION_TABLE":
        if b.name in info.funcs or b.name in info.derivs or b.name in info.kinetics:
            raise info.error("Multiple declaration of %s" % b.name, b.line)
        if len(b.args) != 1:
            raise info.error("FUNCTION_TABLE %s has %d arguments: ranvier supports 1-D function "
                             "tables only" % (b.name, len(b.args)), b.line)
        f = Func("FUNCTION", b.name, [a.name for a in b.args], [], b.line)
        f.function_table = True
        info.funcs[b.name] = f
        return
    if b.kind in ("LINEAR", "NONLINEAR"):
        if b.name in info.derivs or b.name in info.funcs or b.name in info.kinetics \
                or b.name in info.linears:
            raise info.error("Multiple declaration of %s" % b.name, b.line)
        info.linears[b.name] = b
        return
    if b.kind == "NET_RECEIVE":
        if info.net_receive is not None:
            raise info.error("more than one NET_RECEIVE block", b.line)
        info.net_receive = b
    elif b.kind == "INITIAL":
        if info.initial is not None:
            raise info.error("more than one INITIAL block", b.line)
        info.initial = b
    elif b.kind == "BREAKPOINT":
        if info.breakpoint is not None:
            raise info.error("more than one BREAKPOINT block", b.line)
        info.breakpoint = b
    elif b.kind == "DERIVATIVE":
        if b.name in info.derivs or b.name in info.funcs or b.name in info.kinetics:
            raise info.error("Multiple declaration of %s" % b.name, b.line)
        info.derivs[b.name] = b
    elif b.kind == "KINETIC":
        if b.name in info.derivs or b.name in info.funcs or b.name in info.kinetics:
            raise info.error("Multiple declaration of %s" % b.name, b.line)
        info.kinetics[b.name] = b
    elif b.kind in ("PROCEDURE", "FUNCTION"):
        if b.name in info.funcs or b.name in info.derivs:
            raise info.error("Multiple declaration of %s %s" % (b.kind, b.name), b.line)
        if b.name in BUILTINS:
            raise info.error("%s %s clashes with the built-in function of that name" % (b.kind, b.name),
                             b.line)
        info.funcs[b.name] = Func(b.kind, b.name, [a.name for a in b.args], b.body, b.line)


def _neuron_block(info: Info, nb: ast.Decls):
    for s in nb.items:
        k = s.kind
        if k in ("SUFFIX", "POINT_PROCESS", "ARTIFICIAL_CELL"):
            if info.name is not None:
                raise info.error("a mechanism has only one SUFFIX / POINT_PROCESS name", s.line)
            info.name = s.names[0]
            info.kind = {"SUFFIX": "density", "POINT_PROCESS": "point",
                         "ARTIFICIAL_CELL": "artificial"}[k]
        elif k == "USEION":
            ion = s.names[0]
            for v in s.read + s.write:
                if ion_field(ion, v) is None:
                    raise info.error("%s is not a variable of ion %s (expected e%s, i%s, %si or %so)"
                                     % (v, ion, ion, ion, ion, ion), s.line)
            idx = len(info.ions)
            if any(i[0] == ion for i in info.ions):
                raise info.error("ion %s is used twice in USEION" % ion, s.line)
            info.ions.append([ion, list(s.read), list(s.write), s.valence])
            for v in s.read:
                info.ion_vars[v] = [idx, ion_field(ion, v), True, False]
            for v in s.write:
                if v in info.ion_vars:
                    info.ion_vars[v][3] = True
                else:
                    info.ion_vars[v] = [idx, ion_field(ion, v), False, True]
                if ion_field(ion, v) == ION_I:
                    info.currents.append(v)
        elif k in ("NONSPECIFIC_CURRENT", "ELECTRODE_CURRENT"):
            if k == "ELECTRODE_CURRENT":
                info.electrode = True
            for v in s.names:
                info.currents.append(v)
        elif k == "RANGE":
            info.range_decl.extend(s.names)
        elif k == "GLOBAL":
            info.global_decl.extend(s.names)
        elif k == "THREADSAFE":
            info.threadsafe = True
        elif k == "RANDOM":
            info.randoms.extend((n, s.line) for n in s.names)
        elif k == "POINTER":
            info.pointers.extend(s.names)
        elif k in ("BBCOREPOINTER", "EXTERNAL"):
            raise info.error("%s is not supported by ranvier's NMODL compiler yet" % k, s.line)
    if info.name is None:
        raise info.error("the NEURON block needs SUFFIX or POINT_PROCESS", nb.line)


def _declare_vars(info: Info, decls):
    # nocmodl writes a PARAMETER's default into the C code with printf's %g: 6 significant
    # digits (gbar = 6.59090909e-5 is 6.59091e-05 in NEURON); CONSTANTs and literals keep theirs
    for d in decls["PARAMETER"]:
        if d.value is not None:
            d.value = float("%g" % d.value)
    states = [d for d in decls["STATE"]]
    params = [d for d in decls["PARAMETER"] if d.name not in SPECIAL]
    assigned = [d for d in decls["ASSIGNED"] if d.name not in SPECIAL]
    for d in decls["STATE"]:
        if d.name in SPECIAL:
            raise info.error("%s is a special NEURON variable and cannot be a STATE" % d.name, d.line)
    for d in states + params + assigned:
        if d.size is not None:
            info.arrays[d.name] = array_size(info, d.size, d.line)
    seen = {n for n, sym in info.syms.items()}  # constants, UNITS factors, DEFINEs
    for d in params + states + assigned:
        if d.name in seen:
            raise info.error("Multiple declaration of %s" % d.name, d.line)
        seen.add(d.name)
    state_names = {d.name for d in states}
    for g in info.global_decl:
        if g in state_names:
            line = next(d.line for d in states if d.name == g)
            raise info.error("%s is a STATE variable and hence cannot be declared as GLOBAL" % g, line)

    declared = {d.name for d in states + params + assigned}
    for n in info.range_decl + info.global_decl:
        if n not in declared and n not in info.currents and n not in info.ion_vars:
            if n in info.global_decl and n.endswith("0") and n[:-1] in state_names:
                # GLOBAL s0 of a STATE s: NEURON's implicit initial value becomes public
                # (ModelDB 105385's ca_gp.mod: GLOBAL Buffer0), default 0
                params.append(ast.VarDecl(n, line=_find_line(info, n)))
                declared.add(n)
            elif n in info.global_decl or n in info.range_decl:
                # nocmodl ignores a RANGE/GLOBAL name that no block declares (ModelDB
                # 105385's kleak_gp.mod: RANGE e): no variable, no attribute; a use in
                # code is still an undefined variable
                continue
    info.range_decl = [n for n in info.range_decl if n in declared or n in info.currents
                       or n in info.ion_vars]
    info.global_decl = [n for n in info.global_decl if n in declared or n in info.currents
                        or n in info.ion_vars]
    # ion variables, currents and POINTERs that were not declared become hidden ASSIGNED
    for n in list(info.ion_vars) + info.currents + info.pointers:
        if n not in declared:
            assigned.append(ast.VarDecl(n, line=_find_line(info, n)))
            declared.add(n)

    # nonspecific and electrode currents are always RANGE; a written ion
    # current only when listed in RANGE (NMODL.md section 1)
    nonspecific = [c for c in info.currents if c not in info.ion_vars]
    range_set = set(info.range_decl) | set(nonspecific) | set(info.pointers)
    global_set = set(info.global_decl)

    # rows: range PARAMETERs, range ASSIGNED, STATEs (all public), then hidden
    for d in params:
        if d.name in global_set:
            continue
        if d.name in range_set:
            info.add_row(d.name, d.value or 0.0, True, d.line, "PARAMETER")
    for d in assigned:
        if d.name in range_set and d.name not in global_set:
            info.add_row(d.name, 0.0, True, d.line, "ASSIGNED")
    for d in states:
        # a STATE that is an ion variable (cai of a Ca pool) is the ion's, not the
        # mechanism's: hidden unless listed in RANGE (NEURON: hasattr(seg.cadp, 'cai') False)
        public = d.name not in info.ion_vars or d.name in range_set
        info.add_row(d.name, 0.0, public, d.line, "STATE")
        info.states.append(d.name)
    # hidden rows: ion variables declared in PARAMETER, other ASSIGNED
    for d in params:
        if d.name in info.ion_vars and d.name not in info.syms:
            info.add_row(d.name, d.value or 0.0, False, d.line, "PARAMETER")
    for d in assigned:
        if d.name not in info.syms and d.name not in global_set:
            info.add_row(d.name, 0.0, False, d.line, "ASSIGNED")
    _random.declare(info)      # RANDOM variables: hidden rows
    # a POINTER p: its row holds the target's value, copied in before each use by the
    # kernels from the target (_pk_p: 0 unset, 1 a node's v, 2 an ion variable; _pi_p:
    # its flat index), which model/pointer.py resolves at finitialize
    # diam: a hidden row that model/pointer.py fills with the segment's diameter at finitialize
    if any(re.search(r"\bdiam\b", ln) for ln in info.text_lines):
        info.add_row("diam", 0.0, False, 0, "HIDDEN")
    for p in info.pointers:
        if p in global_set:
            raise info.error("POINTER %s cannot be GLOBAL" % p, _find_line(info, p))
        info.add_row("_pk_" + p, 0.0, False, 0, "HIDDEN")
        info.add_row("_pi_" + p, 0.0, False, 0, "HIDDEN")
    # the conductance g = dI/dv of the last current evaluation (engine may read it)
    if info.currents:
        info.add_row("_g", 0.0, False, 0, "HIDDEN")

    # globals: non-RANGE PARAMETERs, then GLOBAL ASSIGNED
    for d in params:
        if d.name not in info.syms:
            if d.name in info.ion_vars:
                continue
            info.add_global(d.name, d.value or 0.0, True, d.line, "PARAMETER")
    for d in assigned:
        if d.name not in info.syms:
            info.add_global(d.name, 0.0, True, d.line, "ASSIGNED")

    # the unit each PARAMETER / ASSIGNED / STATE was declared with, as h.units() shows it
    for kind in ("PARAMETER", "ASSIGNED", "STATE"):
        for d in decls[kind]:
            info.units.setdefault(d.name, unit_text(d.unit, first_word=kind == "PARAMETER"))

    for d in params:
        if d.name in info.ion_vars:     # cai in PARAMETER: still the ion's, not the mechanism's
            continue
        info.params[d.name] = {"unit": d.unit, "limits": list(d.limits) if d.limits else None,
                               "default": float(d.value or 0.0),
                               "range": info.syms[d.name].kind == "row"}

    for s in info.states:
        if s + "0" in info.syms and info.syms[s + "0"].decl == "PARAMETER":
            info.s0[s] = s + "0"

    for name in SPECIAL:
        info.syms.setdefault(name, Sym("special"))

    # functions
    for f in info.funcs.values():
        if f.name in info.syms:
            raise info.error("Multiple declaration of %s" % f.name, f.line)
        info.syms[f.name] = Sym("func" if f.kind == "FUNCTION" else "proc", f.line, node=f)


def array_size(info, size, line):
    """The size of an array declaration: a number or a DEFINE name."""
    if isinstance(size, str):
        s = info.syms.get(size)
        if s is None or s.kind != "const":
            raise info.error("array size %s is not a number or a DEFINE" % size, line)
        size = s.value
    if not math.isfinite(size) or size != int(size) or size < 1:
        raise info.error("array size must be a positive integer (got %r)" % size, line)
    return int(size)


def unit_text(unit, first_word=False):
    """The unit of a declaration as NEURON's h.units() shows it: '(S/cm2)' -> 'S/cm2'.

    NEURON keeps the text between the parentheses as written for ASSIGNED and STATE
    ('( ohm cm )' -> ' ohm cm '), but only its first word for a PARAMETER
    (`first_word`: '( mA / cm2 )' -> 'mA'); no unit gives ''."""
    if not unit:
        return ""
    inner = unit.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    if first_word:
        words = inner.split()
        return words[0] if words else ""
    return inner


def _find_line(info, name):
    pat = re.compile(r"\b%s\b" % re.escape(name))
    for i, ln in enumerate(info.text_lines, 1):
        if pat.search(ln):
            return i
    return 1


# ----------------------------------------------------------------------------
# code checks: names, calls, SOLVE, TABLE


# FUNCTION_TABLE values live in hidden GLOBAL slots: [count, x[CAP], y[CAP]] (codegen.py);
# count 0: not given yet, -1: a constant (in x[0])
FUNCTION_TABLE_CAP = 1000


def _check_code(info: Info):
    for f in list(info.funcs.values()):
        if getattr(f, "function_table", False):
            info.arrays["_ft_" + f.name] = 1 + 2 * FUNCTION_TABLE_CAP
            f.ft_slot = info.add_global("_ft_" + f.name, 0.0, False, f.line, "HIDDEN")
    # file-level LOCALs are (hidden) globals; a TABLE may tabulate one (nocmodl allows it)
    # A file-level LOCAL array (ModelDB 120798's syn_g.mod: LOCAL a[2]) is a hidden GLOBAL
    # array, shared by all instances as nocmodl's static C array is.
    info.file_local_arrays = set()
    for name, size in info.top_locals:
        hidden = "_local_" + name
        if size is not None:
            hidden = "_local_array_" + name
            info.arrays[hidden] = array_size(info, size, 1)
            info.file_local_arrays.add(name)
        info.add_global(hidden, 0.0, False, 1, "LOCAL")
        info.syms[name] = info.syms.pop(hidden)

    # TABLE statements first: they add hidden globals and usetable_<name>
    for f in info.funcs.values():
        _find_table(info, f)
    if info.tables:
        info.add_global("usetable_" + info.name, 1.0, True, info.tables[0].line, "GLOBAL")
        col = 0
        for t in info.tables:
            t.col = col
            col += t.ncols
            t.g_built = info.add_global("_tbl_built_" + t.func, 0.0, False, t.line, "HIDDEN")
            t.g_tmin = info.add_global("_tbl_tmin_" + t.func, 0.0, False, t.line, "HIDDEN")
            t.g_mfac = info.add_global("_tbl_mfac_" + t.func, 0.0, False, t.line, "HIDDEN")
            for d in t.depend:
                t.g_deps.append(info.add_global("_tbl_dep_%s_%s" % (t.func, d), 0.0, False, t.line,
                                                "HIDDEN"))
    for f in info.funcs.values():
        scope = set(f.args)
        if f.kind == "FUNCTION":
            scope.add(f.name)
        f.locals = _check_body(info, f.body, scope, f.name, in_func=f)
    if info.initial is not None:
        _check_body(info, info.initial.body, set(), "INITIAL")
    for d in info.derivs.values():
        _check_body(info, d.body, set(), d.name, deriv=d)
        seen = set()
        for st in _walk(d.body):
            if isinstance(st, ast.Prime):
                if st.name in seen:
                    raise info.error("state %s has two equations in DERIVATIVE %s" % (st.name, d.name),
                                     st.line)
                seen.add(st.name)
    for k in info.kinetics.values():
        _check_body(info, k.body, {"f_flux", "b_flux"}, k.name, kinetic=k)
        info.schemes[k.name] = kinetic.lower(info, k)
    for b in info.linears.values():
        _check_body(info, b.body, set(), b.name, linear=b)
        info.linear_unknowns[b.name] = nonlinear.check(info, b)
    for kind, b in info.ba_blocks.items():
        _check_body(info, b.body, set(), kind)
    if "BEFORE STEP" in info.ba_blocks:
        # set by INITIAL, cleared by the current phase of finitialize, which then runs
        # BEFORE STEP (NEURON runs it at the end of finitialize)
        info.add_row("_ba_pending", 0.0, False, info.ba_blocks["BEFORE STEP"].line, "HIDDEN")
    if info.net_receive is not None:
        check_net_receive(info, _check_body)
    if info.breakpoint is not None:
        _check_body(info, info.breakpoint.body, set(), "BREAKPOINT", breakpoint=True)
        for st in _walk(info.breakpoint.body):
            if isinstance(st, ast.Solve):
                _check_solve(info, st)
            elif isinstance(st, ast.Conductance):
                info.conductance_hints.append(st)
    if info.conductance_hints:
        raise info.error("CONDUCTANCE hints are not supported by ranvier yet (remove them: the "
                         "numerical derivative gives the same conductance up to round-off)",
                         info.conductance_hints[0].line)


_walk = ast.walk_statements


def _find_table(info, f: Func):
    tables = [st for st in _walk(f.body) if isinstance(st, ast.Table)]
    if not tables:
        return
    if len(tables) > 1:
        raise info.error("only one TABLE statement per %s" % f.kind, tables[1].line)
    t = tables[0]
    if len(f.args) != 1:
        raise info.error("a TABLE needs a %s with exactly one argument (%s has %d)"
                         % (f.kind, f.name, len(f.args)), t.line)
    if f.kind == "FUNCTION" and t.names:
        raise info.error("a FUNCTION TABLE tabulates the function value: list no variables", t.line)
    if f.kind == "PROCEDURE" and not t.names:
        raise info.error("a PROCEDURE TABLE must list the variables it tabulates", t.line)
    for n in t.names:
        s = info.syms.get(n)
        if s is None or s.kind not in ("row", "global"):
            raise info.error("TABLE variable %s must be a declared ASSIGNED or GLOBAL variable" % n, t.line)
    for n in t.depend:
        s = info.syms.get(n)
        if s is None:
            raise info.error("undefined DEPEND variable %s" % n, t.line)
        if s.kind == "row":
            # NEURON compares the instance's value at each call and rebuilds the one table
            # of the type from that instance when it differs (codegen.py _rebuild_table_)
            if s.decl not in ("PARAMETER", "ASSIGNED", "STATE") or n in info.arrays:
                raise info.error("DEPEND variable %s must be a scalar PARAMETER, ASSIGNED, GLOBAL "
                                 "or celsius" % n, t.line)
            continue
        if s.kind not in ("global", "special", "const"):
            raise info.error("DEPEND variable %s must be a GLOBAL or celsius" % n, t.line)
        if s.kind == "special" and n not in ("celsius", "dt", "t"):
            raise info.error("DEPEND on %s is not supported" % n, t.line)
    if t.n <= 0:
        raise info.error("TABLE ... WITH n needs n > 0", t.line)
    ti = TableInfo(f.name, list(t.names), list(t.depend), t.lo, t.hi, t.n, 0,
                   max(1, len(t.names)), line=t.line)
    f.table = ti
    info.tables.append(ti)


def _check_solve(info, st: ast.Solve):
    if st.steadystate is not None:
        raise info.error("SOLVE ... STEADYSTATE belongs in INITIAL", st.line)
    if st.name in info.kinetics:
        if st.method != "sparse":
            # nocmodl's wording: cnexp falls back to derivimplicit, which a KINETIC block refuses
            m = "derivimplicit" if st.method in (None, "cnexp") else st.method
            raise info.error("Method %s can't be used with Block %s (a KINETIC block needs "
                             "METHOD sparse)" % (m, st.name), st.line)
        info.solves.append(st)
        return
    if st.name in info.linears:
        if st.method is not None:
            raise info.error("SOLVE %s: a %s block takes no METHOD" % (st.name, info.linears[st.name].kind),
                             st.line)
        info.solves.append(st)
        return
    if st.name in info.derivs:
        m = st.method
        if m is None:
            # nocmodl accepts a DERIVATIVE block without METHOD, but its C then only
            # evaluates the block each step (derivimplicit_thread without the Newton
            # residual): assignments happen, the states never move (codegen.py)
            info.solves.append(st)
            return
        if m not in ("cnexp", "euler", "derivimplicit", "runge"):
            if m in ("sparse", "adeuler", "adrunge", "heun", "clsoda", "simeq", "newton",
                     "after_cvode", "cvode_t", "cvode_t_v"):
                raise info.error("METHOD %s is not supported by ranvier (use cnexp, derivimplicit, "
                                 "euler or runge)" % m, st.line)
            raise info.error("Illegal SOLVE statement: unknown METHOD %s" % m, st.line)
        info.solves.append(st)
    elif st.name in info.funcs and info.funcs[st.name].kind == "PROCEDURE":
        # METHOD after_cvode (SEClamp, APCount): on fixed step the PROCEDURE runs once per
        # step in the state phase, after v is updated, exactly as without a METHOD
        if st.method is not None and st.method not in SOLVE_PROCEDURE_METHODS:
            raise info.error("SOLVE of PROCEDURE %s takes no METHOD (or METHOD after_cvode)"
                             % st.name, st.line)
        if info.funcs[st.name].args:
            raise info.error("SOLVE'd PROCEDURE %s must take no arguments" % st.name, st.line)
        info.solves.append(st)
    else:
        raise info.error("SOLVE %s: no DERIVATIVE block or PROCEDURE of that name" % st.name, st.line)


def _check_body(info, body, scope, where, in_func=None, deriv=None, breakpoint=False, kinetic=None,
                linear=None):
    """Check names and calls in ``body``; returns the LOCAL names declared."""
    scope = set(scope)
    locals_ = []

    def array_use(name, index, line):
        if name in info.local_arrays and name in scope:
            pass
        elif name in getattr(info, "file_local_arrays", ()) and name not in scope:
            pass
        elif name not in info.arrays:
            if name not in scope and name not in info.syms:
                raise info.error("undefined variable %s" % name, line)
            raise info.error("%s is not an array (%s[...])" % (name, name), line)
        expr(index)

    def state_ref(ref, line):
        """A reactant of a KINETIC statement: a STATE or an element of a STATE array."""
        base = state_name(ref)
        if base not in info.states:
            # nocmodl accepts any variable as a reactant: it multiplies the flux as a
            # constant (a PARAMETER cao in ~ pumpca <-> pump + cao)
            if base in info.syms and not isinstance(ref, ast.Index):
                name_use(base, line)
                return
            raise info.error("%s in a reaction is not a STATE variable" % base, line)
        if isinstance(ref, ast.Index):
            if base not in info.arrays:
                raise info.error("%s is not an array" % base, line)
            expr(ref.index)
        elif base in info.arrays:
            raise info.error("the STATE array %s needs an index here" % base, line)

    def expr(e):
        if isinstance(e, ast.Num) or isinstance(e, ast.Str):
            return
        if isinstance(e, ast.Name):
            name_use(e.name, e.line)
        elif isinstance(e, ast.Index):
            array_use(e.name, e.index, e.line)
        elif isinstance(e, ast.Call):
            call(e)
        elif isinstance(e, (ast.Paren, ast.Neg, ast.Not)):
            expr(e.expr)
        elif isinstance(e, (ast.BinOp, ast.Compare, ast.Logic)):
            expr(e.left)
            expr(e.right)
        else:  # pragma: no cover
            raise info.error("internal error: unknown expression %r" % (e,), getattr(e, "line", 0))

    def name_use(name, line):
        if name in scope:
            return
        s = info.syms.get(name)
        if s is None:
            raise info.error("undefined variable %s (declare it in PARAMETER, ASSIGNED, STATE, "
                             "CONSTANT or LOCAL)" % name, line)
        if s.kind in ("func", "proc"):
            raise info.error("%s %s used as a variable" % (s.kind == "func" and "FUNCTION" or "PROCEDURE",
                                                          name), line)
        if name == "diam" and s.kind != "row":
            raise info.error("diam is not available to mechanisms in ranvier yet", line)

    def call(c):
        n = c.name
        if n in BUILTINS:
            if len(c.args) != BUILTINS[n]:
                raise info.error("%s takes %d argument(s), got %d" % (n, BUILTINS[n], len(c.args)), c.line)
        elif n in info.funcs:
            f = info.funcs[n]
            if len(c.args) != len(f.args):
                raise info.error("%s %s takes %d argument(s), got %d"
                                 % (f.kind, n, len(f.args), len(c.args)), c.line)
        elif n in IGNORED_CALLS:
            pass
        elif n in info.derivs:
            raise info.error("DERIVATIVE block %s cannot be called; use SOLVE %s METHOD cnexp" % (n, n),
                             c.line)
        elif n in EVENT_CALLS:
            arity, allowed = EVENT_CALLS[n]
            if where not in allowed:
                raise info.error("%s() is only allowed in %s" % (n, " or ".join(allowed)), c.line)
            if len(c.args) != arity:
                raise info.error("%s takes %d argument(s), got %d" % (n, arity, len(c.args)), c.line)
            info.event_calls.add(n)
        elif n in _random.RANDOM_FUNCS:
            _random.check_call(info, c, expr)
            return
        elif n in RANDOM_CALLS:
            if len(c.args) != RANDOM_CALLS[n]:
                raise info.error("%s takes %d argument(s), got %d" % (n, RANDOM_CALLS[n], len(c.args)),
                                 c.line)
            info.event_calls.add(n)
        elif n in UNSUPPORTED_CALLS:
            raise info.error("%s() is not supported by ranvier's NMODL compiler yet" % n, c.line)
        else:
            raise info.error("undefined function %s()" % n, c.line)
        for a in c.args:
            if not isinstance(a, ast.Str):
                expr(a)
            elif n != "printf":
                raise info.error("string argument to %s()" % n, c.line)

    def assign_target(name, line):
        if name in scope:
            return
        s = info.syms.get(name)
        if s is None:
            raise info.error("undefined variable %s (declare it in PARAMETER, ASSIGNED, STATE, "
                             "CONSTANT or LOCAL)" % name, line)
        if name in NOT_ASSIGNABLE:
            raise info.error("%s is a special NEURON variable that should not be assigned" % name, line)
        if s.kind == "const":
            raise info.error("%s is a constant and cannot be assigned" % name, line)
        if s.kind in ("func", "proc"):
            raise info.error("cannot assign to %s %s outside its body" % (s.kind, name), line)

    def stmts(body):
        for st in body:
            if isinstance(st, ast.Assign):
                expr(st.expr)
                if isinstance(st.target, ast.Index):
                    array_use(st.target.name, st.target.index, st.line)
                assign_target(st.target.name, st.line)
            elif isinstance(st, ast.Prime):
                if deriv is None:
                    raise info.error("%s' = ... is only allowed in a DERIVATIVE block" % st.name, st.line)
                if st.name not in info.states:
                    raise info.error("%s' = ...: %s is not a STATE variable" % (st.name, st.name), st.line)
                if st.order != 1:
                    raise info.error("higher-order derivatives (%s%s) are not supported by ranvier"
                                     % (st.name, "'" * st.order), st.line)
                expr(st.expr)
            elif isinstance(st, ast.CallStmt):
                call(st.call)
            elif isinstance(st, ast.If):
                expr(st.cond)
                stmts(st.body)
                stmts(st.orelse)
            elif isinstance(st, ast.While):
                expr(st.cond)
                stmts(st.body)
            elif isinstance(st, ast.FromLoop):
                expr(st.start)
                expr(st.stop)
                if st.step is not None:
                    expr(st.step)
                # nocmodl makes the loop variable a new local int inside the loop, even
                # where a variable of that name is declared (which the loop leaves alone)
                added = st.var not in scope
                scope.add(st.var)
                stmts(st.body)
                if added:
                    scope.discard(st.var)
            elif isinstance(st, ast.Local):
                for n, size in st.names:
                    if size is not None:
                        # a LOCAL array lives in hidden per-instance rows (no allocation)
                        size = array_size(info, size, st.line)
                        row, old = info.local_arrays.get(n, ("_local_array_" + n, 0))
                        if size > old:
                            if old:
                                raise info.error("LOCAL array %s is declared with two sizes" % n,
                                                 st.line)
                            info.arrays[row] = size
                            info.add_row(row, 0.0, False, st.line, "LOCAL")
                            info.local_arrays[n] = (row, size)
                    scope.add(n)
                    locals_.append(n)
            elif isinstance(st, ast.Table):
                if in_func is None:
                    raise info.error("TABLE is only allowed in a PROCEDURE or FUNCTION", st.line)
            elif isinstance(st, ast.Lag):
                check_lag(info, st, where, scope)
            elif isinstance(st, ast.Watch):
                check_watch(info, st, where, scope, expr)
            elif isinstance(st, ast.LinEq):
                if linear is None:
                    raise info.error("~ lhs = rhs equations are only allowed in LINEAR and NONLINEAR "
                                     "blocks", st.line)
                expr(st.lhs)
                expr(st.rhs)
            elif isinstance(st, ast.Solve) and st.name in info.linears and not breakpoint:
                if where != "INITIAL" or st.method is not None or st.steadystate is not None:
                    raise info.error("SOLVE %s: a %s block is solved in BREAKPOINT or INITIAL, "
                                     "without METHOD" % (st.name, info.linears[st.name].kind), st.line)
            elif isinstance(st, ast.Solve):
                if where == "INITIAL" and st.steadystate is not None:
                    if st.name in info.derivs and st.steadystate == "derivimplicit":
                        # NEURON: derivimplicit with dt = 1e-9 (ssimplic_thread)
                        info.ss_derivs.add(st.name)
                        continue
                    if st.name not in info.kinetics:
                        raise info.error("SOLVE %s STEADYSTATE: ranvier supports STEADYSTATE sparse "
                                         "of a KINETIC block and STEADYSTATE derivimplicit of a "
                                         "DERIVATIVE block" % st.name, st.line)
                    if st.steadystate != "sparse":
                        raise info.error("Method %s can't be used with Block %s (a KINETIC block "
                                         "needs STEADYSTATE sparse)" % (st.steadystate, st.name),
                                         st.line)
                elif not breakpoint:
                    raise info.error("SOLVE is only allowed in BREAKPOINT (and SOLVE ... STEADYSTATE "
                                     "in INITIAL)", st.line)
            elif isinstance(st, ast.Verbatim):
                if st.text.strip().replace(" ", "") in ("return0;", ""):
                    continue  # the classic closing of a SOLVE'd PROCEDURE: no effect
                raise info.error("VERBATIM (raw C code) is not supported by ranvier", st.line)
            elif isinstance(st, ast.Conductance):
                if not breakpoint:
                    raise info.error("CONDUCTANCE is only allowed in BREAKPOINT", st.line)
            elif isinstance(st, ast.BlockStmt):
                stmts(st.body)
            elif isinstance(st, ast.Block) and st.kind == "NET_RECEIVE_INITIAL":
                raise info.error("an INITIAL block inside a block is only allowed at the top of "
                                 "NET_RECEIVE", st.line)
            elif isinstance(st, (ast.Reaction, ast.Conserve, ast.Compartment)):
                if kinetic is None:
                    raise info.error("reactions, CONSERVE and COMPARTMENT are only allowed in a "
                                     "KINETIC block", st.line)
                if isinstance(st, ast.Reaction):
                    for _, ref in st.lhs + st.rhs:
                        state_ref(ref, st.line)
                    expr(st.kf)
                    if st.kb is not None:
                        expr(st.kb)
                elif isinstance(st, ast.Conserve):
                    for _, ref in st.terms:
                        state_ref(ref, st.line)
                    expr(st.total)
                else:
                    added = st.index is not None and st.index not in scope
                    if added:
                        scope.add(st.index)
                    expr(st.volume)
                    if added:
                        scope.discard(st.index)
                    for n in st.names:     # a non-STATE name: no effect, as in nocmodl
                        if n not in info.states and n not in info.syms:
                            raise info.error("COMPARTMENT: %s is not a STATE variable" % n, st.line)
            elif isinstance(st, ast.Unsupported):
                raise info.error("%s is not supported by ranvier yet (in %s)" % (st.what, where), st.line)
            elif isinstance(st, list):
                stmts(st)
            else:  # pragma: no cover
                raise info.error("internal error: unknown statement %r" % (st,), getattr(st, "line", 0))

    stmts(body)
    return locals_


def state_name(ref):
    """The variable a Name or Index refers to."""
    return ref.name


def fmt_float(x):
    """A Python literal for the double ``x`` (exact round trip)."""
    x = float(x)
    if math.isnan(x):
        return "math.nan"
    if math.isinf(x):
        return "math.inf" if x > 0 else "(-math.inf)"
    return repr(x)


def _expr_names(e):
    """The variable names an expression reads (Name and Index nodes, at any depth)."""
    if isinstance(e, (ast.Name, ast.Index)):
        yield e.name
    if isinstance(e, ast.Node):
        for f in e.__dataclass_fields__:
            x = getattr(e, f)
            for y in (x if isinstance(x, list) else [x]):
                if isinstance(y, ast.Node):
                    yield from _expr_names(y)


def check_watch(info, st, where, scope, expr):
    """``WATCH (a > b) flag, ...``: only in NET_RECEIVE, each condition a > b or a < b
    of the mechanism's variables, each with its flag (nocmodl's rules).  Numbers the
    items of the file and gives each two hidden rows: armed, and the condition's state."""
    if where != "NET_RECEIVE":
        raise info.error('"WATCH" statement only allowed in NET_RECEIVE block (here: %s)' % where,
                         st.line)
    if st.index is not None:
        return
    index = []
    for cond, flag in st.items:
        if not (isinstance(cond, ast.Compare) and cond.op in (">", "<")):
            raise info.error("WATCH (expr > expr) flag: the condition must compare two "
                             "expressions with > or <", st.line)
        if flag is None:
            raise info.error("WATCH (expr > expr) flag: the flag (a number) is missing", st.line)
        for name in _expr_names(cond):
            if name in scope:
                raise info.error("WATCH condition uses %s, a LOCAL or NET_RECEIVE argument (a "
                                 "condition may use only the mechanism's variables)" % name, st.line)
        expr(cond.left)
        expr(cond.right)
        j = len(info.watches)
        info.watches.append((cond, float(flag), st.line))
        info.add_row("_watch_on_%d" % j, 0.0, False, st.line, "HIDDEN")
        info.add_row("_watch_fl_%d" % j, 0.0, False, st.line, "HIDDEN")
        index.append(j)
    st.index = index


# LAG x BY tau: the history of x kept per instance (netreceive.LAG_HELPER), at most this many
# time points (older ones are dropped once no lag can reach them; beyond it, the oldest)
LAG_CAP = 2048


def check_lag(info, st, where, scope):
    """``LAG x BY tau``: x a per-instance variable of the mechanism (NEURON keeps a history
    per address: v and GLOBALs would share one among instances, refused here), tau any
    variable; defines ``lag_x_tau`` (a hidden per-instance row) and the history's rows."""
    s = info.syms.get(st.name)
    if st.name in scope or s is None or s.kind != "row" or st.name in info.arrays:
        what = ("a LOCAL" if st.name in scope else "undefined" if s is None else
                "an array" if st.name in info.arrays else
                "v (one history shared by all instances in NEURON)" if st.name == "v" else
                "a GLOBAL (one history shared by all instances in NEURON)" if s.kind == "global"
                else "a %s" % (s.decl or s.kind))
        raise info.error("LAG %s BY %s: %s is %s; LAG needs a RANGE, ASSIGNED, STATE or "
                         "PARAMETER variable of the mechanism" % (st.name, st.by, st.name, what),
                         st.line)
    if st.by not in scope and st.by not in info.syms:
        raise info.error("LAG %s BY %s: undefined variable %s" % (st.name, st.by, st.by), st.line)
    if st.by in info.syms and info.syms[st.by].kind in ("func", "proc"):
        raise info.error("LAG %s BY %s: %s is a %s, not a variable" % (
            st.name, st.by, st.by, info.syms[st.by].kind), st.line)
    name = "lag_%s_%s" % (st.name, st.by)
    if any(lg.name == st.name and lg.by == st.by for lg, _ in info.lags):
        return
    info.add_row(name, 0.0, False, st.line, "LAG")
    prefix = "_lag_%s_%s" % (st.name, st.by)
    info.arrays[prefix + "_t"] = LAG_CAP
    info.add_row(prefix + "_t", 0.0, False, st.line, "HIDDEN")
    info.arrays[prefix + "_x"] = LAG_CAP
    info.add_row(prefix + "_x", 0.0, False, st.line, "HIDDEN")
    info.arrays[prefix + "_s"] = 4        # count, head, cached t, cached value
    info.add_row(prefix + "_s", 0.0, False, st.line, "HIDDEN")
    info.lags.append((st, prefix))


def check_net_receive(info, check_body):
    """Semantic checks of NET_RECEIVE (called by analysis._check_code)."""
    b = info.net_receive
    if info.kind not in ("point", "artificial"):
        raise info.error("NET_RECEIVE needs a POINT_PROCESS or ARTIFICIAL_CELL (this is a SUFFIX "
                         "mechanism)", b.line)
    names = [a.name for a in b.args]
    for k, n in enumerate(names):
        if n in names[:k]:
            raise info.error("NET_RECEIVE argument %s is listed twice" % n, b.line)
        if n == "flag":
            raise info.error("flag is a NET_RECEIVE keyword and cannot be an argument", b.line)
    body = []
    for st in b.body:
        if isinstance(st, ast.Block) and st.kind == "NET_RECEIVE_INITIAL":
            if info.net_receive_initial is not None:
                raise info.error("more than one INITIAL block in NET_RECEIVE", st.line)
            info.net_receive_initial = st
        else:
            body.append(st)
    info.net_receive_body = body
    if info.net_receive_initial is not None:
        check_body(info, info.net_receive_initial.body, set(names), "NET_RECEIVE INITIAL")
    check_body(info, body, set(names) | {"flag"}, "NET_RECEIVE")

"""Mechanism ``Info`` -> Python source of a module of numba kernels.

In: an ``analysis.Info``. Out: the text of a stand-alone Python module (it is
written to the cache folder and imported, because numba can only cache
functions that live in real files). The module defines, all
``@numba.njit(cache=True, error_model='numpy')`` (no fastmath; math.* is libm):

    nrn_init(n, data, nodeidx, v, area, ions, ionidx, gv, tbl, t, dt, celsius)
    nrn_cur(n, data, nodeidx, v, area, rhs, d, ions, ionidx, gv, tbl, t, dt, celsius)
    nrn_state(n, data, nodeidx, v, area, ions, ionidx, gv, tbl, t, dt, celsius)
    check_table(n, data, gv, tbl, celsius, dt)

plus one function per PROCEDURE/FUNCTION, ``_fn_<name>(_data, _i, _gv, _tbl,
_v, _t, _dt, _celsius, _area, *args)``, listed in ``FUNCTIONS``.

Naming inside the generated code: user locals and arguments are ``u_<name>``
(so NMODL names such as ``del`` or ``lambda`` cannot clash with Python),
engine-supplied values are ``_v _t _dt _celsius _area``, per-instance
variables are ``_data[R_<name>, _i]`` and globals ``_gv[G_<name>]``.
Every binary operation is bracketed so that the evaluation order is the
source's, as in nocmodl's C output.
"""

from __future__ import annotations

import math
import re
import os

from . import ast
from .analysis import BUILTINS, IGNORED_CALLS, LAG_CAP, fmt_float
from .records import ION_DIDV, ION_FIELDS, ION_I, constant_lines, kernel_params
from .cnexp import Nonlinear, _contains, cnexp_parts, cnexp_update
from . import kinetic, nonlinear

CTX = "_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area"

_MATH = {
    "log": "math.log", "log10": "math.log10", "sqrt": "math.sqrt", "fabs": "math.fabs",
    "pow": "math.pow", "sin": "math.sin", "cos": "math.cos", "tan": "math.tan",
    "asin": "math.asin", "acos": "math.acos", "atan": "math.atan", "atan2": "math.atan2",
    "sinh": "math.sinh", "cosh": "math.cosh", "tanh": "math.tanh",
    # floor/ceil are exact operations; np.* keeps the result a float
    "floor": "np.floor", "ceil": "np.ceil", "fmod": "np.fmod", "fmin": "min", "fmax": "max",
    "erf": "math.erf", "erfc": "math.erfc", "expm1": "math.expm1", "log1p": "math.log1p",
    "exp": "_hoc_exp",
}

_SPECIAL_REF = {"v": "_v", "t": "_t", "dt": "_dt", "celsius": "_celsius", "area": "_area"}


def _ident(name):
    return "".join(c if c.isalnum() or c == "_" else "_" for c in name)


def ion_ref(k, fld, node="_nd"):
    """``ions[ionidx[k], ION_<FIELD>, node]``: field ``fld`` of the mechanism's ion k
    (the names are records.ION_FIELDS', defined at the top of every kernel module)."""
    return "ions[ionidx[%d], ION_%s, %s]" % (k, ION_FIELDS[fld].upper(), node)


class _Scope:
    def __init__(self, names=(), fname=None):
        self.names = set(names)
        self.fname = fname


class Generator:
    """Prints one mechanism as a Python module (see the module docstring)."""

    def __init__(self, info, header=""):
        self.info = info
        self.base = os.path.basename(info.filename)
        self.lines = []
        self.header = header
        self.deriv_tmp = 0
        self.lin_state = None      # set while printing a LINEAR/NONLINEAR block (nonlinear.py)

    # ------------------------------------------------------------ helpers
    def emit(self, indent, text, line=None):
        if line:
            pad = max(1, 78 - 4 * indent - len(text))
            text = text + " " * pad + "# %s:%d" % (self.base, line)
        self.lines.append("    " * indent + text)

    def ref(self, name, scope):
        if name in scope.names:
            return "u_" + name
        s = self.info.syms[name]
        if s.kind == "row":
            return "_data[R_%s, _i]" % _ident(name)
        if s.kind == "global":
            return "_gv[G_%s]" % _ident(self.info.global_names[s.index])
        if s.kind == "const":
            return fmt_float(s.value)
        if s.kind == "special":
            return _SPECIAL_REF[name]
        raise AssertionError("cannot reference %s (%s)" % (name, s.kind))

    def ref_index(self, name, index, scope):
        """An array element ``name[index]`` (rows or gv slots follow the first element;
        a LOCAL array lives in hidden rows)."""
        k = self.expr(index, scope)
        if isinstance(index, ast.Num) and not math.isfinite(index.value):
            raise self.info.error("array index %s of %s is not a finite number" % (index.text, name),
                                  index.line)
        k = str(int(index.value)) if isinstance(index, ast.Num) else "int(%s)" % k
        if name in scope.names and name in self.info.local_arrays:
            return "_data[R_%s + %s, _i]" % (_ident(self.info.local_arrays[name][0]), k)
        s = self.info.syms[name]
        if s.kind == "row":
            return "_data[R_%s + %s, _i]" % (_ident(name), k)
        if s.kind == "global":
            return "_gv[G_%s + %s]" % (_ident(self.info.global_names[s.index]), k)
        raise AssertionError("cannot index %s (%s)" % (name, s.kind))

    def target(self, t, scope):
        if isinstance(t, ast.Index):
            return self.ref_index(t.name, t.index, scope)
        return self.ref(t.name, scope)

    def expr(self, e, scope, boolean=False):
        """Python source for expression ``e``; ``boolean`` asks for a truth value."""
        if isinstance(e, (ast.Compare, ast.Logic, ast.Not)):
            if isinstance(e, ast.Compare):
                op = e.op
                text = "(%s %s %s)" % (self.expr(e.left, scope), op, self.expr(e.right, scope))
            elif isinstance(e, ast.Logic):
                op = "and" if e.op == "&&" else "or"
                text = "(%s %s %s)" % (self.expr(e.left, scope, True), op,
                                       self.expr(e.right, scope, True))
            else:
                text = "(not %s)" % self.expr(e.expr, scope, True)
            return text if boolean else "(1.0 if %s else 0.0)" % text
        if isinstance(e, ast.Paren) and boolean:
            return self.expr(e.expr, scope, True)
        text = self._value(e, scope)
        return "(%s != 0.0)" % text if boolean else text

    def _value(self, e, scope):
        if isinstance(e, ast.Num):
            return fmt_float(e.value)
        if isinstance(e, ast.Name):
            return self.ref(e.name, scope)
        if isinstance(e, ast.Index):
            return self.ref_index(e.name, e.index, scope)
        if isinstance(e, ast.Paren):
            return "(%s)" % self.expr(e.expr, scope)
        if isinstance(e, ast.Neg):
            return "(-%s)" % self.expr(e.expr, scope)
        if isinstance(e, ast.BinOp):
            a, b = self.expr(e.left, scope), self.expr(e.right, scope)
            if e.op == "^":
                return "math.pow(%s, %s)" % (a, b)
            if e.op == "%":
                return "np.fmod(%s, %s)" % (a, b)
            return "(%s %s %s)" % (a, e.op, b)
        if isinstance(e, ast.Call):
            return self.call(e, scope)
        raise AssertionError("cannot print %r" % (e,))

    def call(self, c, scope):
        args = [self.expr(a, scope) for a in c.args if not isinstance(a, ast.Str)]
        if c.name in BUILTINS:
            return "%s(%s)" % (_MATH[c.name], ", ".join(args))
        if c.name in self.info.funcs:
            return "_fn_%s(%s)" % (_ident(c.name), ", ".join([CTX] + args))
        if c.name == "at_time" and len(args) == 1:
            # NEURON's fixed-step at_time(te): 1 in the step whose t (the time the block
            # runs at) is the first at or after te - 1e-11, i.e. te - 1e-11 in (t - dt, t]
            return "(1.0 if (%s - 1e-11 <= _t and %s - 1e-11 > _t - _dt) else 0.0)" % (args[0], args[0])
        if c.name in IGNORED_CALLS:
            return "0.0"
        raise AssertionError("unknown function %s" % c.name)

    # ------------------------------------------------------------ statements
    def stmts(self, body, scope, ind, mode=None):
        """Emit ``body``; ``mode`` is None, 'cnexp' or 'euler' (DERIVATIVE)."""
        start = len(self.lines)
        for st in body:
            if isinstance(st, list):
                self.stmts(st, scope, ind, mode)
            elif isinstance(st, ast.Assign):
                self.emit(ind, "%s = %s" % (self.target(st.target, scope), self.expr(st.expr, scope)),
                          st.line)
            elif isinstance(st, ast.CallStmt):
                if st.call.name in IGNORED_CALLS:
                    self.emit(ind, "pass  # %s() has no effect in ranvier" % st.call.name, st.line)
                else:
                    self.emit(ind, self.call(st.call, scope), st.line)
            elif isinstance(st, ast.If):
                self.emit(ind, "if %s:" % self.expr(st.cond, scope, True), st.line)
                self.stmts(st.body, scope, ind + 1, mode)
                if st.orelse:
                    self.emit(ind, "else:")
                    self.stmts(st.orelse, scope, ind + 1, mode)
            elif isinstance(st, ast.While):
                self.emit(ind, "while %s:" % self.expr(st.cond, scope, True), st.line)
                self.stmts(st.body, scope, ind + 1, mode)
            elif isinstance(st, ast.FromLoop):
                # the loop variable is a local of the loop (nocmodl: int _l<var>), even
                # where a variable of that name is declared
                inner = _Scope(scope.names | {st.var}, scope.fname)
                var = "u_" + st.var
                step = self.expr(st.step, scope) if st.step is not None else "1.0"
                self.emit(ind, "%s = %s" % (var, self.expr(st.start, scope)), st.line)
                self.emit(ind, "while %s <= %s:" % (var, self.expr(st.stop, inner)), st.line)
                self.stmts(st.body, inner, ind + 1, mode)
                self.emit(ind + 1, "%s = %s + %s" % (var, var, step), st.line)
            elif isinstance(st, ast.Prime):
                s_text = self.ref(st.name, scope)
                if mode == "cnexp":
                    upd = cnexp_update(st.expr, st.name, s_text, "_dt",
                                       lambda e: self.expr(e, scope))
                    self.emit(ind, "%s = %s" % (s_text, upd), st.line)
                elif mode == "euler":
                    self.emit(ind, "_D_%s = %s" % (_ident(st.name), self.expr(st.expr, scope)), st.line)
                else:  # pragma: no cover - analysis rejects this
                    raise AssertionError("derivative outside DERIVATIVE")
            elif isinstance(st, ast.LinEq):
                nonlinear.emit_equation(self, st, scope, ind)
            elif isinstance(st, ast.Lag):
                # LAG x BY tau: lag_x_tau = x as it was tau ago (LAG_HELPER)
                pre = _ident("_lag_%s_%s" % (st.name, st.by))
                self.emit(ind, "%s = _lag(_data, _i, R_%s, R_%s, R_%s, %d, %s, _t, %s)" % (
                    self.ref("lag_%s_%s" % (st.name, st.by), scope), pre + "_t", pre + "_x",
                    pre + "_s", LAG_CAP, self.ref(st.name, scope), self.ref(st.by, scope)), st.line)
            elif isinstance(st, ast.Solve) and st.steadystate is None and st.name in self.info.linears:
                self.emit(ind, "%s(%s)  # SOLVE %s" % (self.linear_solver(st.name), CTX, st.name), st.line)
            elif isinstance(st, ast.Solve) and st.steadystate == "derivimplicit":
                # NEURON's _ss_derivimplicit_thread: derivimplicit with dt = 1e-9
                self.emit(ind, "_derivimplicit_%s(_data, _i, _gv, _tbl, _v, _t, 1e-9, _celsius, _area)"
                               "  # SOLVE %s STEADYSTATE derivimplicit" % (_ident(st.name), st.name), st.line)
            elif isinstance(st, ast.Solve) and st.steadystate is not None:
                self.emit(ind, "_steadystate_%s(%s)  # SOLVE %s STEADYSTATE sparse"
                          % (_ident(st.name), CTX, st.name), st.line)
            elif isinstance(st, (ast.Local, ast.Table, ast.Solve, ast.Verbatim, ast.Conductance,
                                 ast.BlockStmt)):
                if isinstance(st, ast.BlockStmt):
                    self.stmts(st.body, scope, ind, mode)
            else:  # pragma: no cover
                raise AssertionError("cannot print statement %r" % (st,))
        if len(self.lines) == start:
            self.emit(ind, "pass")

    def locals_of(self, body):
        out = []
        for st in _walk(body):
            if isinstance(st, ast.Local):
                out.extend(n for n, _ in st.names)
        return out

    def linear_solver(self, name):
        """The function that solves LINEAR/NONLINEAR block `name` (nonlinear.py)."""
        kind = self.info.linears[name].kind
        return "_%s_%s" % ("linear" if kind == "LINEAR" else "nonlinear", _ident(name))

    def allocates(self):
        """Whether per-instance code allocates (derivimplicit, LINEAR, NONLINEAR): such a
        mechanism keeps numba's NRT and has no parallel or split kernels."""
        return bool(self.info.linears) or bool(self.info.ss_derivs) or any(
            self.solve_method(st) == "derivimplicit" for st in self.info.solves)

    def gen_ba(self):
        """One function per BEFORE/AFTER block: ``_ba_<when>(ctx)`` (analysis.BA_KINDS)."""
        for kind, b in self.info.ba_blocks.items():
            locs = self.locals_of(b.body)
            self.emit(0, "")
            self.emit(0, "")
            self.emit(0, "@_njit")
            self.emit(0, "def %s(%s):" % (self.ba_name(kind), CTX), b.line)
            self.emit(1, '"""%s (run for each instance where NEURON\'s nrn_ba runs it)."""' % kind)
            self.init_locals(locs, 1)
            self.stmts(b.body, _Scope(locs), 1)
            self.emit(1, "return 0.0")

    def ba_name(self, kind):
        return "_ba_" + kind.lower().replace(" ", "_")

    def ba_call(self, kind, ind, args=CTX):
        """Emit the call of the BEFORE/AFTER block `kind`, if the file has one."""
        if kind in self.info.ba_blocks:
            self.emit(ind, "%s(%s)  # %s" % (self.ba_name(kind), args, kind))

    def ba_pending_step(self, ind, args):
        """finitialize's BEFORE STEP, in its current phase (see gen_initial)."""
        if "BEFORE STEP" in self.info.ba_blocks:
            self.emit(ind, "if data[R__ba_pending, _i] != 0.0:")
            self.emit(ind + 1, "data[R__ba_pending, _i] = 0.0")
            self.ba_call("BEFORE STEP", ind + 1, args)

    def init_locals(self, names, ind):
        for n in dict.fromkeys(names):
            self.emit(ind, "u_%s = 0.0" % n)

    # ------------------------------------------------------------ module
    def generate(self):
        info = self.info
        e = self.emit
        self.lines.extend(self.header.rstrip("\n").split("\n"))
        e(0, "import math")
        e(0, "import numpy as np")
        e(0, "import numba")
        e(0, "")
        # Per-instance code never allocates: compiling it without NRT drops the atomic
        # reference counting of array arguments, which costs ~30 ns per call.
        # derivimplicit allocates its Newton work arrays, so such a mechanism keeps NRT.
        allocates = self.allocates()
        # Helpers are compiled once and called (LLVM may still inline the small ones): numba's
        # IR inlining (inline='always') of a rate FUNCTION into every kernel that calls it
        # made compiling ~20 % slower (benchmarks/RESULTS.md, NMODL load).  Only the
        # per-instance wrappers that have one caller each (_initial, _current, _state, the
        # split-kernel passes and their branch-free table lookups) and _hoc_exp stay inlined
        # (_INLINED below), so that the kernels' loops keep their shape.  Inlining or not
        # changes no result: no fastmath, so every operation is the same IEEE operation.
        if allocates:
            e(0, "_njit = numba.njit(cache=True, error_model='numpy')")
            e(0, "_njit_inl = _njit")
        else:
            e(0, "_njit = numba.njit(cache=True, error_model='numpy', _nrt=False)")
            e(0, "_njit_inl = numba.njit(cache=True, error_model='numpy', _nrt=False, inline='always')")
        e(0, "_njit_alloc = numba.njit(cache=True, error_model='numpy')")
        if info.kinetics:
            # a KINETIC solve is long straight-line code: compiled once, not inlined
            e(0, "_njit_kin = numba.njit(cache=True, error_model='numpy', _nrt=False)")
        # the engine's entry points stay separate functions (not inlined into the stepper)
        e(0, "_kernel = numba.njit(cache=True, error_model='numpy'%s)" % ("" if allocates else ", _nrt=False"))
        e(0, "_kernel_par = numba.njit(cache=True, error_model='numpy', parallel=True)")
        if not allocates:
            # loops meant to be vectorized: their array arguments never overlap (noalias)
            e(0, "from ranvier.nmodl.codegen import noalias_compiler as _noalias_compiler")
            e(0, "_kernel_na = numba.njit(cache=True, error_model='numpy', _nrt=False, "
                 "pipeline_class=_noalias_compiler())")
        e(0, "")
        e(0, "# fields of ions[ion, field, node]")
        for ln in constant_lines("ION_", ION_FIELDS, "ranvier.nmodl.records.ION_FIELDS"):
            e(0, ln)
        e(0, "# rows of data (one per instance variable)")
        for i, n in enumerate(info.range_names):
            e(0, "R_%s = %d" % (_ident(n), i))
        e(0, "NROWS = %d" % len(info.range_names))
        e(0, "# slots of gv (globals)")
        for i, n in enumerate(info.global_names):
            if n.startswith("__ft_"):
                continue       # the values of a FUNCTION_TABLE (reached from G__ft_<name>)
            e(0, "G_%s = %d" % (_ident(n), i))
        e(0, "NGLOBALS = %d" % len(info.global_names))
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _hoc_exp(x):")
        e(1, '"""NEURON\'s exp (hoc_Exp): 0 below -700, exp(700) above 700, libm exp otherwise."""')
        e(1, "if x < -700.0:")
        e(2, "return 0.0")
        e(1, "if x > 700.0:")
        e(2, "return math.exp(700.0)")
        e(1, "return math.exp(x)")
        if info.lags:
            self.lines.extend(LAG_HELPER.split("\n"))
        for f in info.funcs.values():
            self.gen_function(f)
        for name, block in info.kinetics.items():
            kinetic.emit_functions(self, info.schemes[name], block, _Scope)
        if any(self.solve_method(st) == "derivimplicit" for st in info.solves
               if st.name in info.derivs) or any(b.kind == "NONLINEAR" for b in info.linears.values()) \
                or info.ss_derivs:
            self.lines.extend(_NEWTON_HELPERS.split("\n"))
        if any(b.kind == "LINEAR" for b in info.linears.values()):
            self.lines.extend(nonlinear.SIMEQ_HELPER.split("\n"))
        for b in info.linears.values():
            nonlinear.emit(self, b, _Scope, CTX, _NEWTON_TEMPLATE, _ident)
        self.gen_ba()
        for name in sorted(info.ss_derivs):
            self.gen_newton_functions(ast.Solve(name, "derivimplicit", None, line=info.derivs[name].line))
        self.gen_check_table()
        self.gen_initial()
        self.gen_current()
        self.gen_state()
        self.gen_kernels()
        self.gen_deriv()
        e(0, "")
        e(0, "")
        e(0, "FUNCTIONS = {%s}" % ", ".join("%r: _fn_%s" % (f, _ident(f)) for f in info.funcs))
        for k in range(1, len(self.lines)):
            if self.lines[k - 1] == "@_njit" and _INLINED.match(self.lines[k]):
                self.lines[k - 1] = "@_njit_inl"
        return "\n".join(self.lines) + "\n"

    def gen_function(self, f):
        e = self.emit
        if getattr(f, "function_table", False):
            return self.gen_function_table(f)
        args = ["u_" + a for a in f.args]
        scope = _Scope(f.args + f.locals + ([f.name] if f.kind == "FUNCTION" else []), f.name)
        direct = ("_fd_%s" if f.table else "_fn_%s") % _ident(f.name)
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def %s(%s):" % (direct, ", ".join([CTX] + args)), f.line)
        e(1, '"""%s %s(%s)%s"""' % (f.kind, f.name, ", ".join(f.args),
                                    " computed directly (no table)" if f.table else ""))
        self.init_locals(f.locals + ([f.name] if f.kind == "FUNCTION" else []), 1)
        self.stmts(f.body, scope, 1)
        e(1, "return %s" % ("u_" + f.name if f.kind == "FUNCTION" else "0.0"))
        if f.table:
            if self.range_depend(f.table):
                self.gen_rebuild_table(f.table)
            self.gen_table_lookup(f)

    def gen_function_table(self, f):
        """FUNCTION_TABLE f(x): linear interpolation in the values given from HOC/Python
        (``table_f_sfx(yvec, xvec)`` or ``table_f_sfx(c)``), as NEURON's hoc_func_table:
        y0 for x <= x0 (and NaN), y[n-1] for x >= x[n-1], else (1-fr)*y_i + fr*y_{i+1}."""
        from .analysis import FUNCTION_TABLE_CAP as cap
        e = self.emit
        base = "G__ft_%s" % _ident(f.name)
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _fn_%s(%s, u_x):" % (_ident(f.name), CTX), f.line)
        e(1, '"""FUNCTION_TABLE %s(%s)."""' % (f.name, ", ".join(f.args)))
        e(1, "_n = int(_gv[%s])" % base)
        e(1, "if _n == 0:")
        e(2, 'raise RuntimeError("table not specified in hoc_func_table: FUNCTION_TABLE %s needs '
             'table_%s_%s(yvec, xvec) or table_%s_%s(value) first")'
          % (f.name, f.name, self.info.name, f.name, self.info.name))
        e(1, "if _n < 0:")
        e(2, "return _gv[%s + 1]" % base)
        e(1, "_x0 = %s + 1" % base)
        e(1, "_y0 = %s + %d" % (base, 1 + cap))
        e(1, "if not (u_x > _gv[_x0]):")
        e(2, "return _gv[_y0]")
        e(1, "if u_x >= _gv[_x0 + _n - 1]:")
        e(2, "return _gv[_y0 + _n - 1]")
        e(1, "_lo = 0")
        e(1, "_hi = _n - 1")
        e(1, "while _hi - _lo > 1:")
        e(2, "_mid = (_lo + _hi)//2")
        e(2, "if u_x < _gv[_x0 + _mid]:")
        e(3, "_hi = _mid")
        e(2, "else:")
        e(3, "_lo = _mid")
        e(1, "_fr = (u_x - _gv[_x0 + _lo])/(_gv[_x0 + _lo + 1] - _gv[_x0 + _lo])")
        e(1, "return (1.0 - _fr)*_gv[_y0 + _lo] + _fr*_gv[_y0 + _lo + 1]")

    def _tab_target(self, name):
        s = self.info.syms[name]
        if s.kind == "row":
            return "_data[R_%s, _i]" % _ident(name)
        return "_gv[G_%s]" % _ident(self.info.global_names[s.index])   # (a file LOCAL's slot)

    def gen_table_lookup(self, f):
        t = f.table
        e = self.emit
        G = self.info.global_names
        arg = "u_" + f.args[0]
        usetable = "usetable_" + self.info.name
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _fn_%s(%s, %s):" % (_ident(f.name), CTX, arg), t.line)
        e(1, '"""%s %s through its TABLE (linear interpolation, flat outside [FROM, TO])."""'
          % (f.kind, f.name))
        if self.range_depend(t):
            # DEPEND on a RANGE variable: the table follows the calling instance (NEURON
            # checks at every call and rebuilds from the instance whose value differs)
            e(1, "if _gv[G_%s] == 0.0:  # table off" % usetable)
            e(2, "return _fd_%s(%s, %s)" % (_ident(f.name), CTX, arg))
            e(1, "_rebuild_table_%s(%s)" % (_ident(f.name), CTX))
        else:
            e(1, "if _gv[G_%s] == 0.0 or _gv[G_%s] == 0.0:  # table off, or never built"
              % (usetable, G[t.g_built]))
            e(2, "return _fd_%s(%s, %s)" % (_ident(f.name), CTX, arg))
        e(1, "_xi = _gv[G_%s]*(%s - _gv[G_%s])" % (G[t.g_mfac], arg, G[t.g_tmin]))
        cols = range(t.col, t.col + t.ncols)
        targets = [self._tab_target(n) for n in t.names]

        def assign(row_expr, indent):
            if f.kind == "FUNCTION":
                e(indent, "return %s" % row_expr(t.col))
            else:
                for tg, c in zip(targets, cols):
                    e(indent, "%s = %s" % (tg, row_expr(c)))
                e(indent, "return 0.0")

        e(1, "if _xi != _xi:  # NaN in, NaN out")
        assign(lambda c: "_xi", 2)
        e(1, "if _xi <= 0.0:")
        assign(lambda c: "_tbl[0, %d]" % c, 2)
        e(1, "if _xi >= %s:" % fmt_float(t.n))
        assign(lambda c: "_tbl[%d, %d]" % (t.n, c), 2)
        e(1, "_k = int(_xi)")
        e(1, "_theta = _xi - float(_k)")
        assign(lambda c: "_tbl[_k, %d] + _theta*(_tbl[_k + 1, %d] - _tbl[_k, %d])" % (c, c, c), 1)
        # The same lookup without branches, for loops that LLVM can vectorize (the
        # split state kernel): every case is computed and the result selected, so the
        # values are those above bit for bit.  The caller checks that the table is on
        # and built.  _k is clamped to [0, n-1] (a NaN gives 0) so that it is a valid row.
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _fv_%s(%s, %s):" % (_ident(f.name), CTX, arg), t.line)
        e(1, '"""%s %s through its TABLE, branch-free (the table is on and built)."""'
          % (f.kind, f.name))
        e(1, "_xi = _gv[G_%s]*(%s - _gv[G_%s])" % (G[t.g_mfac], arg, G[t.g_tmin]))
        e(1, "_xc = _xi if _xi > 0.0 else 0.0")
        e(1, "_xc = _xc if _xc < %s else %s" % (fmt_float(t.n - 1), fmt_float(t.n - 1)))
        e(1, "_k = int(_xc)")
        e(1, "_theta = _xi - float(_k)")
        e(1, "_lo = _xi <= 0.0")
        e(1, "_hi = _xi >= %s" % fmt_float(t.n))
        e(1, "_nan = _xi != _xi")
        outs = []
        for j, c in enumerate(cols):
            e(1, "_r%d = _tbl[_k, %d] + _theta*(_tbl[_k + 1, %d] - _tbl[_k, %d])" % (j, c, c, c))
            e(1, "_l%d = _tbl[0, %d]" % (j, c))
            e(1, "_h%d = _tbl[%d, %d]" % (j, t.n, c))
            e(1, "_r%d = _l%d if _lo else _r%d" % (j, j, j))
            e(1, "_r%d = _h%d if _hi else _r%d" % (j, j, j))
            e(1, "_r%d = _xi if _nan else _r%d" % (j, j))
            outs.append("_r%d" % j)
        if f.kind == "FUNCTION":
            e(1, "return %s" % outs[0])
        else:
            for tg, o in zip(targets, outs):
                e(1, "%s = %s" % (tg, o))
            e(1, "return 0.0")

    def range_depend(self, t):
        """Whether TABLE ``t`` has a DEPEND on a RANGE variable."""
        return any(self.info.syms[d].kind == "row" for d in t.depend)

    def _emit_table_fill(self, t, f, scope):
        """The body shared by _make_table_ and _rebuild_table_: fill TABLE t's rows from
        its FUNCTION or PROCEDURE f over [lo, hi], then record its DEPEND values."""
        e = self.emit
        G = self.info.global_names
        e(1, "_tmin = %s" % self.expr(t.lo, scope), t.line)
        e(1, "_tmax = %s" % self.expr(t.hi, scope), t.line)
        e(1, "_dx = (_tmax - _tmin)/%s" % fmt_float(t.n))
        e(1, "_gv[G_%s] = _tmin" % G[t.g_tmin])
        e(1, "_gv[G_%s] = 1.0/_dx" % G[t.g_mfac])
        e(1, "_x = _tmin")
        e(1, "for _k in range(%d):" % (t.n + 1))
        if f.kind == "FUNCTION":
            e(2, "_tbl[_k, %d] = _fd_%s(%s, _x)" % (t.col, _ident(t.func), CTX))
        else:
            e(2, "_fd_%s(%s, _x)" % (_ident(t.func), CTX))
            for j, n in enumerate(t.names):
                e(2, "_tbl[_k, %d] = %s" % (t.col + j, self._tab_target(n)))
        e(2, "_x += _dx")
        for d, g in zip(t.depend, t.g_deps):
            e(1, "_gv[G_%s] = %s" % (G[g], self._dep_value(d)))
        e(1, "_gv[G_%s] = 1.0" % G[t.g_built])

    def gen_rebuild_table(self, t):
        """``_rebuild_table_<f>(CTX)`` for a TABLE with a DEPEND on a RANGE variable:
        rebuilt, from the calling instance's values, when never built or when a
        DEPEND value differs from the one it was built with (NEURON's check in the
        tabulated function itself; one table per type).  It writes GLOBALs, so the
        mechanism gets no thread-parallel kernels."""
        info = self.info
        e = self.emit
        G = info.global_names
        f = info.funcs[t.func]
        scope = _Scope()
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _rebuild_table_%s(%s):" % (_ident(t.func), CTX), t.line)
        e(1, '"""(Re)build the TABLE of %s from this instance if a DEPEND value changed."""' % t.func)
        deps = ["_gv[G_%s] == %s" % (G[g], self._dep_value(d)) for d, g in zip(t.depend, t.g_deps)]
        e(1, "if %s:" % " and ".join(["_gv[G_%s] != 0.0" % G[t.g_built]] + deps))
        e(2, "return")
        self._emit_table_fill(t, f, scope)

    def gen_check_table(self):
        info = self.info
        e = self.emit
        G = info.global_names
        for t in info.tables:
            f = info.funcs[t.func]
            scope = _Scope()
            if self.range_depend(t):
                continue          # built at the call (gen_rebuild_table)
            e(0, "")
            e(0, "")
            e(0, "@_njit_alloc")
            e(0, "def _make_table_%s(_gv, _tbl, _celsius, _dtnow, _n, _data0):" % _ident(t.func),
              t.line)
            e(1, '"""(Re)build the TABLE of %s if never built or a DEPEND value changed."""' % t.func)
            e(1, "_dt = _dtnow")      # the present dt, as NEURON builds its tables with
            deps = []
            for d, g in zip(t.depend, t.g_deps):
                deps.append("_gv[G_%s] == %s" % (G[g], self._dep_value(d)))
            cond = " and ".join(["_gv[G_%s] != 0.0" % G[t.g_built]] + deps)
            e(1, "if %s:" % cond)
            e(2, "return")
            e(1, "_v = 0.0")
            e(1, "_t = 0.0")
            e(1, "_area = 100.0")
            e(1, "_i = 0")
            e(1, "# instance variables the procedure reads or writes: the first instance's, as")
            e(1, "# NEURON builds the table from its instance 0 (defaults when there is none)")
            e(1, "_data = np.empty((%d, 1))" % max(1, len(info.range_names)))
            e(1, "if _n > 0:")
            e(2, "for _r in range(%d):" % len(info.range_names) if info.range_names else "pass")
            if info.range_names:
                e(3, "_data[_r, 0] = _data0[_r, 0]")
            e(1, "else:")
            e(2, "pass")
            for r, val in enumerate(info.range_defaults):
                e(2, "_data[%d, 0] = %s" % (r, fmt_float(val)))
            self._emit_table_fill(t, f, scope)
        e(0, "")
        e(0, "")
        e(0, "@_njit_alloc")
        # dt has a default for callers of the kernel alone (tests): tables built at dt 0
        e(0, "def check_table(%s=0.0):" % kernel_params("check_table"))
        e(1, '"""Rebuild every TABLE that is stale (no-op when usetable is 0 or there is none)."""')
        if info.tables:
            e(1, "if gv[G_usetable_%s] == 0.0:" % _ident(info.name))
            e(2, "return")
            for t in info.tables:
                if not self.range_depend(t):
                    e(1, "_make_table_%s(gv, tbl, celsius, dt, n, data)" % _ident(t.func))
        else:
            e(1, "return")

    def _dep_value(self, name):
        s = self.info.syms[name]
        if s.kind == "row":
            return "_data[R_%s, _i]" % _ident(name)
        if s.kind == "special":
            return "_" + name if name in ("celsius", "dt") else "0.0"
        if s.kind == "const":
            return fmt_float(s.value)
        return "_gv[G_%s]" % _ident(self.info.global_names[s.index])

    def gen_initial(self):
        info = self.info
        e = self.emit
        b = info.initial
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _initial(%s):" % CTX, b.line if b else None)
        e(1, '"""States to their s0 values, then the INITIAL block."""')
        self.ba_call("BEFORE INITIAL", 1)
        for s in info.states:
            src = self.ref(info.s0[s], _Scope()) if s in info.s0 else "0.0"
            e(1, "_data[R_%s, _i] = %s" % (_ident(s), src))
            for k in range(1, info.arrays.get(s, 1)):
                e(1, "_data[R_%s + %d, _i] = %s" % (_ident(s), k, src))
        if b is not None:
            locs = self.locals_of(b.body)
            self.init_locals(locs, 1)
            self.stmts(b.body, _Scope(locs), 1)
        # NEURON: AFTER INITIAL once all INITIALs ran; folded here, per instance (exact
        # for blocks that touch only their own instance).  BEFORE STEP comes after
        # finitialize's current phase: nrn_cur runs it where this flag is set
        self.ba_call("AFTER INITIAL", 1)
        if "BEFORE STEP" in info.ba_blocks:
            e(1, "_data[R__ba_pending, _i] = 1.0")

    def gen_current(self):
        info = self.info
        e = self.emit
        b = info.breakpoint
        if not info.currents:
            return
        body = [st for st in (b.body if b else []) if not isinstance(st, ast.Solve)]
        locs = self.locals_of(body)
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _current(%s):" % CTX, b.line if b else None)
        e(1, '"""BREAKPOINT without SOLVE at voltage _v; returns the total current."""')
        self.init_locals(locs, 1)
        self.stmts(body, _Scope(locs), 1)
        e(1, "_current = 0.0")
        for c in info.currents:
            e(1, "_current += _data[R_%s, _i]" % _ident(c))
        e(1, "return _current")

    def gen_state(self):
        info = self.info
        e = self.emit
        b = info.breakpoint
        if b is None:
            body = []
        elif info.currents:
            body = [st for st in b.body if isinstance(st, ast.Solve)]
        else:
            body = list(b.body)  # no currents: the whole BREAKPOINT runs in the state phase
        expanded = []
        for st in body:
            if isinstance(st, ast.Solve) and st.name in info.derivs:
                expanded.append(("deriv", st))
            elif isinstance(st, ast.Solve) and st.name in info.kinetics:
                expanded.append(("kinetic", st))
            elif isinstance(st, ast.Solve) and st.name in info.linears:
                expanded.append(("linear", st))
            else:
                expanded.append(("stmt", st))
        locs = self.locals_of(body)
        for kind, st in expanded:
            if kind == "deriv":
                if self.solve_method(st) == "derivimplicit":
                    self.gen_newton_functions(st)
                elif self.solve_method(st) == "runge":
                    self.gen_runge_functions(st)
                else:
                    locs += self.locals_of(info.derivs[st.name].body)
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _state(%s):" % CTX, b.line if b else None)
        e(1, '"""The state phase: SOLVEd blocks advance the states over dt."""')
        self.init_locals(locs, 1)
        scope = _Scope(locs)
        n0 = len(self.lines)
        for kind, st in expanded:
            if kind == "deriv":
                self.gen_solve_deriv(st, scope)
            elif kind == "linear":
                self.emit(1, "%s(%s)  # SOLVE %s" % (self.linear_solver(st.name), CTX, st.name), st.line)
            elif kind == "kinetic":
                self.emit(1, "_sparse_%s(%s, %d)  # SOLVE %s METHOD sparse"
                          % (_ident(st.name), CTX, 1 if info.schemes[st.name].linear else 0, st.name),
                          st.line)
            elif isinstance(st, ast.Solve):
                self.emit(1, "_fn_%s(%s)" % (_ident(st.name), CTX), st.line)
            else:
                self.stmts([st], scope, 1)
        self.ba_call("AFTER SOLVE", 1)
        self.ba_call("BEFORE STEP", 1)
        if len(self.lines) == n0:
            e(1, "pass")
        self.state_split = self.gen_state_split(expanded, locs)

    def state_split_plan(self, expanded):
        """The DERIVATIVE block of the state phase if it can run as two loops, else None.

        The split kernel computes, for every instance of a block, the statements of the
        DERIVATIVE block and the s-free parts of each cnexp update (pass 1, written so that
        LLVM can vectorize it: table lookups without branches, no exp), then the exp and
        the updates (pass 2).  Each instance performs exactly the same operations as in
        _state; only the interleaving of instances changes, which is invisible when:
        a density mechanism (one instance per node: no two instances share an ion
        element), one SOLVE of a cnexp DERIVATIVE block and nothing else, its statements
        first and then first-order primes only, each on its own state and not reading
        another state or calling a user function (so nothing a prime reads is changed by
        an earlier prime), and no allocation (derivimplicit) anywhere.
        """
        info = self.info
        if info.kind in ("point", "artificial"):
            return None
        if self.allocates() or info.ba_blocks:
            return None
        if any(self.range_depend(t) for t in info.tables):
            return None           # the lookup may rebuild the shared table
        if len(expanded) != 1 or expanded[0][0] != "deriv":
            return None
        st = expanded[0][1]
        if self.solve_method(st) != "cnexp":
            return None
        d = info.derivs[st.name]
        flat = []

        def flatten(body):
            for x in body:
                if isinstance(x, list):
                    flatten(x)
                else:
                    flat.append(x)
        flatten(d.body)
        head, primes = [], []
        for x in flat:
            if isinstance(x, ast.Prime):
                primes.append(x)
            elif primes:
                if not isinstance(x, ast.Local):
                    return None
            else:
                if any(isinstance(y, ast.Prime) for y in _walk([x])):
                    return None
                head.append(x)
        if not primes:
            return None
        names = [p.name for p in primes]
        if len(set(names)) != len(names):
            return None
        for p in primes:
            if p.order != 1 or p.name not in info.states:
                return None
            if any(_contains(p.expr, o) for o in info.states if o != p.name):
                return None
            if any(isinstance(c, ast.Call) and c.name not in BUILTINS for c in _exprs(p.expr)):
                return None
        return st, head, primes

    def gen_state_split(self, expanded, locs):
        """Emit _state_p1/_state_p2 (see state_split_plan); returns (rows, tables) or None."""
        plan = self.state_split_plan(expanded)
        if plan is None:
            return None
        st, head, primes = plan
        info = self.info
        e = self.emit
        scope = _Scope(locs)
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _state_p1(%s, _scr, _j):" % CTX, st.line)
        e(1, '"""Split state phase, pass 1: SOLVE %s up to the exp of each cnexp update."""' % st.name)
        n0 = len(self.lines)
        self.init_locals(locs, 1)
        self.stmts(head, scope, 1, mode="cnexp")
        tabled = [f for f in info.funcs.values() if f.table]
        for k in range(n0, len(self.lines)):
            for f in tabled:
                self.lines[k] = self.lines[k].replace("_fn_%s(" % _ident(f.name), "_fv_%s(" % _ident(f.name))
        render = lambda x: self.expr(x, scope)  # noqa: E731
        row = 0
        upd = []
        for p in primes:
            parts = cnexp_parts(p.expr, p.name, "_dt", render)
            s_text = self.ref(p.name, scope)
            if parts[0] == "exp":
                e(1, "_scr[%d, _j] = %s" % (row, parts[1]), p.line)
                e(1, "_scr[%d, _j] = %s" % (row + 1, parts[2]), p.line)
                upd.append((p, "%s + (1. - math.exp(_scr[%d, _j]))*(_scr[%d, _j] - %s)"
                            % (s_text, row, row + 1, s_text)))
                row += 2
            else:
                e(1, "_scr[%d, _j] = %s" % (row, parts[1]), p.line)
                upd.append((p, "%s - _scr[%d, _j]" % (s_text, row)))
                row += 1
        e(1, "return 0.0")
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _state_p2(_data, _i, _scr, _j):")
        e(1, '"""Split state phase, pass 2: the cnexp updates."""')
        for p, text in upd:
            e(1, "%s = %s" % (self.ref(p.name, scope), text), p.line)
        e(1, "return 0.0")
        # tables that pass 1 looks up without checking: on and built, else use nrn_state
        used = [t for t in info.tables
                if any(("_fv_%s(" % _ident(t.func)) in ln for ln in self.lines[n0:])]
        return row, used

    def solve_method(self, st):
        """The method actually used: cnexp falls back to derivimplicit, as in
        NEURON, when some equation is not linear in its state."""
        if st.method != "cnexp":
            return st.method
        d = self.info.derivs[st.name]
        try:
            for p in _walk(d.body):
                if isinstance(p, ast.Prime):
                    cnexp_update(p.expr, p.name, p.name, "dt", lambda e: "x")
        except Nonlinear:
            return "derivimplicit"
        return "cnexp"

    def gen_newton_functions(self, st):
        """F(s) = s' - (s - s_old)/dt for the Newton iteration of derivimplicit."""
        info = self.info
        d = info.derivs[st.name]
        e = self.emit
        primes = [p for p in _walk(d.body) if isinstance(p, ast.Prime)]
        names = list(dict.fromkeys(p.name for p in primes))
        done = self.__dict__.setdefault("newton_done", set())
        if st.name in done:           # already printed (STEADYSTATE derivimplicit in INITIAL)
            return names
        done.add(st.name)
        if len(names) != len(primes):
            raise info.error("a state has two equations in DERIVATIVE %s" % st.name, d.line)
        ident = _ident(st.name)
        e(0, "")
        e(0, "")
        e(0, "_STATES_%s = (%s,)" % (ident, ", ".join("R_%s" % _ident(n) for n in names)))
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _F_%s(%s, _old, _F):" % (ident, CTX), d.line)
        e(1, '"""DERIVATIVE %s as the residual of backward Euler: F = f(s) - (s - s_old)/dt."""'
          % st.name)
        locs = self.locals_of(d.body)
        self.init_locals(locs, 1)
        for n in names:
            e(1, "_D_%s = 0.0" % _ident(n))
        self.stmts(d.body, _Scope(locs), 1, mode="euler")
        for k, n in enumerate(names):
            e(1, "_F[%d] = _D_%s - (_data[R_%s, _i] - _old[%d])/_dt" % (k, _ident(n), _ident(n), k))
        # one Newton function per block: numba cannot cache a kernel that
        # receives another jitted function as an argument
        self.lines.extend(_NEWTON_TEMPLATE.replace("@NAME@", ident).replace(
            "@BLOCK@", st.name).split("\n"))
        return names

    def gen_solve_deriv(self, st, scope):
        info = self.info
        d = info.derivs[st.name]
        method = self.solve_method(st)
        if method == "cnexp":
            self.emit(1, "# SOLVE %s METHOD cnexp: exact for linear ODEs" % st.name, st.line)
            self.stmts(d.body, scope, 1, mode="cnexp")
            return
        if method == "derivimplicit":
            note = " (cnexp fell back: nonlinear)" if st.method == "cnexp" else ""
            self.emit(1, "_derivimplicit_%s(%s)  # SOLVE %s METHOD derivimplicit%s"
                      % (_ident(st.name), CTX, st.name, note), st.line)
            return
        if method == "euler":
            self.emit(1, "# SOLVE %s METHOD euler: s += dt*s' with s' evaluated at s_n" % st.name,
                      st.line)
            primes = [p for p in _walk(d.body) if isinstance(p, ast.Prime)]
            for p in primes:
                self.emit(1, "_D_%s = 0.0" % _ident(p.name))
            self.stmts(d.body, scope, 1, mode="euler")
            for p in primes:
                s = self.ref(p.name, scope)
                self.emit(1, "%s = %s + _dt*_D_%s" % (s, s, _ident(p.name)), p.line)
            return
        if method is None:
            # NEURON 9.0.2: SOLVE without METHOD calls the DERIVATIVE block once per step
            # (nocmodl gives derivimplicit_thread the plain block): its assignments are
            # made, its states stay where they are
            self.emit(1, "# SOLVE %s (no METHOD): the block runs, the states do not move (as NEURON)"
                      % st.name, st.line)
            primes = [p for p in _walk(d.body) if isinstance(p, ast.Prime)]
            for p in primes:
                self.emit(1, "_D_%s = 0.0" % _ident(p.name))
            self.stmts(d.body, scope, 1, mode="euler")
            return
        if method == "runge":
            self.emit(1, "_runge_%s(%s)  # SOLVE %s METHOD runge" % (_ident(st.name), CTX, st.name),
                      st.line)
            return
        raise info.error("METHOD %s is not supported by ranvier yet (use cnexp or euler)" % method,
                         st.line)

    def gen_runge_functions(self, st):
        """SOLVE ... METHOD runge: scopmath's fourth-order Runge-Kutta over one dt.

        ``_dy_<block>`` evaluates the DERIVATIVE block at the present states and a
        given t and returns the derivatives; ``_runge_<block>`` takes the four stages
        with NEURON's arithmetic: y1 = y0 + (h/2)d0 with the sum s = y0 + ((h/2)d0)/3,
        then y = y0 + (h d1)/2, s += (h d1)/3, then y = y0 + h d2, s += (h d2)/3, and
        finally y = s + (h/6) d3; t is t, t + h/2, t + h/2, (t + h/2) + h/2.  (NEURON
        also moves the global t by +h/2 +h/2 -h per instance, which can leave t one
        rounding off; ranvier's clock does not follow that.)"""
        info = self.info
        d = info.derivs[st.name]
        e = self.emit
        primes = [p for p in _walk(d.body) if isinstance(p, ast.Prime)]
        names = list(dict.fromkeys(p.name for p in primes))
        done = self.__dict__.setdefault("runge_done", set())
        if st.name in done:
            return
        done.add(st.name)
        if len(names) != len(primes):
            raise info.error("a state has two equations in DERIVATIVE %s" % st.name, d.line)
        for p in primes:
            if p.order != 1:
                raise info.error("METHOD runge needs first-order equations (%s has order %d)"
                                 % (p.name, p.order), p.line)
        ident = _ident(st.name)
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _dy_%s(%s):" % (ident, CTX), d.line)
        e(1, '"""DERIVATIVE %s: the derivatives at the present states and t."""' % st.name)
        locs = self.locals_of(d.body)
        self.init_locals(locs, 1)
        for n in names:
            e(1, "_D_%s = 0.0" % _ident(n))
        self.stmts(d.body, _Scope(locs), 1, mode="euler")
        e(1, "return (%s,)" % ", ".join("_D_%s" % _ident(n) for n in names))
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _runge_%s(%s):" % (ident, CTX), st.line)
        e(1, '"""SOLVE %s METHOD runge: classic Runge-Kutta, scopmath\'s order of operations."""'
          % st.name)
        ys = ["_data[R_%s, _i]" % _ident(n) for n in names]
        args = "_data, _i, _gv, _tbl, _v, %s, _dt, _celsius, _area"
        e(1, "_h = _dt")
        e(1, "_dd = _dy_%s(%s)" % (ident, args % "_t"))
        for k, y in enumerate(ys):
            e(1, "_w0_%d = %s" % (k, y))
            e(1, "_tmp = (_h/2.0)*_dd[%d]" % k)
            e(1, "%s = %s + _tmp" % (y, y))
            e(1, "_w1_%d = _w0_%d + _tmp/3.0" % (k, k))
        e(1, "_t1 = _t + _h/2.0")
        e(1, "_dd = _dy_%s(%s)" % (ident, args % "_t1"))
        for k, y in enumerate(ys):
            e(1, "_tmp = _h*_dd[%d]" % k)
            e(1, "%s = _w0_%d + _tmp/2.0" % (y, k))
            e(1, "_w1_%d = _w1_%d + _tmp/3.0" % (k, k))
        e(1, "_dd = _dy_%s(%s)" % (ident, args % "_t1"))
        for k, y in enumerate(ys):
            e(1, "_tmp = _h*_dd[%d]" % k)
            e(1, "%s = _w0_%d + _tmp" % (y, k))
            e(1, "_w1_%d = _w1_%d + _tmp/3.0" % (k, k))
        e(1, "_t2 = _t1 + _h/2.0")
        e(1, "_dd = _dy_%s(%s)" % (ident, args % "_t2"))
        for k, y in enumerate(ys):
            e(1, "%s = _w1_%d + (_h/6.0)*_dd[%d]" % (y, k, k))
        e(1, "return 0.0")

    def _ion_copies(self):
        """(reads, writes): the (variable, ion k, field) copied into an instance's rows
        before each kernel (erev, concentrations, read currents) and those copied back
        out to the ions array (written concentrations / erev)."""
        reads, writes = [], []
        for var, (k, fld, rd, wr) in self.info.ion_vars.items():
            if fld == ION_I:
                if rd:
                    reads.append((var, k, fld))
            else:
                if rd or wr:
                    reads.append((var, k, fld))
                if wr:
                    writes.append((var, k, fld))
        return reads, writes

    def instance_prologue(self, indent, reads):
        """Emit the per-instance preamble: its node, v, area and the ions it reads."""
        e = self.emit
        e(indent, "_nd = nodeidx[_i]")
        e(indent, "_v = v[_nd]")
        e(indent, "_area = area[_nd]")
        for var, k, fld in reads:
            e(indent, "data[R_%s, _i] = %s" % (_ident(var), ion_ref(k, fld)))
        for p in getattr(self.info, "pointers", ()):     # POINTER p: the target's value now
            q = _ident(p)
            e(indent, "_pk_%s = data[R__pk_%s, _i]" % (q, q))
            e(indent, "if _pk_%s == 1.0:" % q)
            e(indent + 1, "data[R_%s, _i] = v[np.int64(data[R__pi_%s, _i])]" % (q, q))
            e(indent, "elif _pk_%s == 2.0:" % q)
            e(indent + 1, "_pf_%s = np.int64(data[R__pi_%s, _i])" % (q, q))
            e(indent + 1, "data[R_%s, _i] = ions[_pf_%s // (ions.shape[1]*ions.shape[2]), "
                          "(_pf_%s // ions.shape[2]) %% ions.shape[1], _pf_%s %% ions.shape[2]]" % (q, q, q, q))

    def gen_kernels(self):
        info = self.info
        e = self.emit
        reads, writes = self._ion_copies()

        def loop_head(indent=1):
            e(indent, "for _i in range(n):")
            self.instance_prologue(indent + 1, reads)

        def copy_out(indent=2):
            for var, k, fld in writes:
                e(indent, "%s = data[R_%s, _i]" % (ion_ref(k, fld), _ident(var)))

        args = "data, _i, gv, tbl, _v, t, dt, celsius, _area"
        # ---- init
        e(0, "")
        e(0, "")
        e(0, "@_kernel")
        e(0, "def nrn_init(%s):" % kernel_params("nrn_init"))
        e(1, '"""INITIAL for every instance (ions read first, written concentrations copied out)."""')
        loop_head()
        e(2, "_initial(%s)" % args)
        copy_out()
        # ---- current
        first = len(self.lines)
        e(0, "")
        e(0, "")
        e(0, "@_kernel")
        e(0, "def nrn_cur(%s):" % kernel_params("nrn_cur"))
        e(1, '"""Currents at v+0.001 and v; adds -I to rhs and dI/dv to d (NUMERICS.md (d)4)."""')
        if not info.currents:
            if "BEFORE BREAKPOINT" in info.ba_blocks or "BEFORE STEP" in info.ba_blocks:
                loop_head()
                self.ba_call("BEFORE BREAKPOINT", 2, args)
                self.ba_pending_step(2, args)
                copy_out()
            else:
                e(1, "return")
        else:
            point = info.kind in ("point", "artificial")
            ion_currents = [(c,) + tuple(info.ion_vars[c][:1]) for c in info.currents
                            if c in info.ion_vars]
            loop_head()
            self.ba_call("BEFORE BREAKPOINT", 2, args)
            e(2, "_g = _current(data, _i, gv, tbl, _v + 0.001, t, dt, celsius, _area)")
            for c, k in ion_currents:
                e(2, "_di_%s = data[R_%s, _i]" % (_ident(c), _ident(c)))
            e(2, "_rhs = _current(%s)" % args)
            if point:
                e(2, "_mfact = 1.e2/_area  # nA -> mA/cm2")
            for c, k in ion_currents:
                if point:
                    e(2, "%s += (_di_%s - data[R_%s, _i])/0.001*1.e2/_area"
                      % (ion_ref(k, ION_DIDV), _ident(c), _ident(c)))
                else:
                    e(2, "%s += (_di_%s - data[R_%s, _i])/0.001"
                      % (ion_ref(k, ION_DIDV), _ident(c), _ident(c)))
            e(2, "_g = (_g - _rhs)/0.001")
            for c, k in ion_currents:
                if point:
                    e(2, "%s += data[R_%s, _i]*1.e2/_area" % (ion_ref(k, ION_I), _ident(c)))
                else:
                    e(2, "%s += data[R_%s, _i]" % (ion_ref(k, ION_I), _ident(c)))
            if point:
                e(2, "_g = _g*_mfact")
                e(2, "_rhs = _rhs*_mfact")
            e(2, "data[R__g, _i] = _g")
            if info.electrode:
                e(2, "rhs[_nd] += _rhs  # ELECTRODE_CURRENT: inward positive")
                e(2, "d[_nd] -= _g")
            else:
                e(2, "rhs[_nd] -= _rhs")
                e(2, "d[_nd] += _g")
            self.ba_pending_step(2, args)
        # ---- state
        e(0, "")
        e(0, "")
        e(0, "@_kernel")
        e(0, "def nrn_state(%s):" % kernel_params("nrn_state"))
        e(1, '"""Advance the states from t-dt to t with the new v (NUMERICS.md (d)9)."""')
        loop_head()
        e(2, "_state(%s)" % args)
        copy_out()
        self.gen_parallel_kernels(first)
        self.gen_state_split_kernels(reads, writes)
        self.gen_cur_split_kernels(reads)

    def gen_cur_split_kernels(self, reads):
        """nrn_cur_blk(..., scr): nrn_cur as two loops per block of scr.shape[1] instances;
        CUR_SCRATCH = the rows of scr it needs (0: no such kernel).

        Pass 1 (vectorizable: noalias, gathers only) evaluates the currents of every
        instance of the block, as nrn_cur does, into data and scr; pass 2 adds them to
        the ion, rhs and d elements in the same order.  Only for density mechanisms:
        one instance per node, so no instance reads an element another one adds to and
        every element gets the same additions in the same order."""
        info = self.info
        e = self.emit
        ok = (info.currents and info.kind not in ("point", "artificial") and not info.electrode
              and not self.allocates() and not info.ba_blocks)
        ion_currents = [(c,) + tuple(info.ion_vars[c][:1]) for c in info.currents
                        if c in info.ion_vars] if ok else []
        rows = len(ion_currents) + 1 if ok else 0
        e(0, "")
        e(0, "CUR_SCRATCH = %d" % rows)
        if not ok:
            return
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _nrn_cur_p1(b0, m, data, nodeidx, v, area, ions, ionidx, gv, tbl, t, dt, celsius, scr):")
        e(1, "if b0 < 0:")
        e(2, "return 0")
        e(1, "for _j in range(m):")
        e(2, "_i = b0 + _j")
        self.instance_prologue(2, reads)
        e(2, "_g = _current(data, _i, gv, tbl, _v + 0.001, t, dt, celsius, _area)")
        for c, k in ion_currents:
            e(2, "_di_%s = data[R_%s, _i]" % (_ident(c), _ident(c)))
        e(2, "_rhs = _current(data, _i, gv, tbl, _v, t, dt, celsius, _area)")
        for j, (c, k) in enumerate(ion_currents):
            e(2, "scr[%d, _j] = (_di_%s - data[R_%s, _i])/0.001" % (j, _ident(c), _ident(c)))
        e(2, "_g = (_g - _rhs)/0.001")
        e(2, "data[R__g, _i] = _g")
        e(2, "scr[%d, _j] = _rhs" % len(ion_currents))
        e(1, "return 0")
        e(0, "")
        e(0, "")
        # noalias lets LLVM keep the ion rows in registers and, where the block's
        # instances sit on consecutive nodes (a section), vectorize the additions
        e(0, "@_njit")
        e(0, "def _nrn_cur_p2(b0, m, data, nodeidx, rhs, d, ions, ionidx, scr):")
        e(1, "if b0 < 0 or m < 1:")
        e(2, "return 0")
        e(1, "nd0 = nodeidx[b0]")
        e(1, "gaps = 0")
        e(1, "for _j in range(m):")
        e(2, "if nodeidx[b0 + _j] != nd0 + _j:")
        e(3, "gaps += 1")

        def adds(ind, nd):
            e(ind, "for _j in range(m):")
            e(ind + 1, "_i = b0 + _j")
            e(ind + 1, "_nd = %s" % nd)
            for j, (c, k) in enumerate(ion_currents):
                e(ind + 1, "%s += scr[%d, _j]" % (ion_ref(k, ION_DIDV), j))
            for c, k in ion_currents:
                e(ind + 1, "%s += data[R_%s, _i]" % (ion_ref(k, ION_I), _ident(c)))
            e(ind + 1, "rhs[_nd] -= scr[%d, _j]" % len(ion_currents))
            e(ind + 1, "d[_nd] += data[R__g, _i]")
        e(1, "if gaps == 0 and nd0 >= 0:")
        adds(2, "nd0 + _j")
        e(1, "else:")
        adds(2, "nodeidx[_i]")
        e(1, "return 0")
        e(0, "")
        e(0, "")
        e(0, "@_kernel_na")
        e(0, "def nrn_cur_blk(%s):" % kernel_params("nrn_cur_blk"))
        e(1, '"""nrn_cur, blockwise in two passes (bit-identical); scr: CUR_SCRATCH x block."""')
        e(1, "if scr.shape[0] < %d or scr.shape[1] < 1:" % rows)
        e(2, 'raise ValueError("nrn_cur_blk: scratch array too small")')
        e(1, "blk = scr.shape[1]")
        e(1, "for b0 in range(0, n, blk):")
        e(2, "m = min(blk, n - b0)")
        e(2, "_nrn_cur_p1(b0, m, data, nodeidx, v, area, ions, ionidx, gv, tbl, t, dt, celsius, scr)")
        e(2, "_nrn_cur_p2(b0, m, data, nodeidx, rhs, d, ions, ionidx, scr)")
        e(1, "return 0")

    def gen_state_split_kernels(self, reads, writes):
        """nrn_state_blk(..., scr): nrn_state as two loops per block of scr.shape[1]
        instances (see state_split_plan); STATE_SCRATCH = the rows of scr it needs
        (0: the mechanism has no split kernel)."""
        e = self.emit
        split = getattr(self, "state_split", None)
        e(0, "")
        e(0, "STATE_SCRATCH = %d" % (split[0] if split else 0))
        if not split:
            return
        rows, used = split
        G = self.info.global_names
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _nrn_state_p1(b0, m, data, nodeidx, v, area, ions, ionidx, gv, tbl, t, dt, celsius, scr):")
        e(1, "if b0 < 0:")
        e(2, "return 0")
        e(1, "for _j in range(m):")
        e(2, "_i = b0 + _j")
        self.instance_prologue(2, reads)
        e(2, "_state_p1(data, _i, gv, tbl, _v, t, dt, celsius, _area, scr, _j)")
        e(1, "return 0")
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _nrn_state_p2(b0, m, data, nodeidx, ions, ionidx, scr):")
        e(1, "for _j in range(m):")
        e(2, "_i = b0 + _j")
        e(2, "_state_p2(data, _i, scr, _j)")
        if writes:
            e(2, "_nd = nodeidx[_i]")
        for var, k, fld in writes:
            e(2, "%s = data[R_%s, _i]" % (ion_ref(k, fld), _ident(var)))
        e(1, "return 0")
        e(0, "")
        e(0, "")
        # one compiled function (the passes are inlined: small models pay no extra calls);
        # noalias also covers pass 2's exp loop, which LLVM leaves scalar (libm) unless
        # numba uses SVML, and the engine does not use these kernels then
        e(0, "@_kernel_na")
        e(0, "def nrn_state_blk(%s):" % kernel_params("nrn_state_blk"))
        e(1, '"""nrn_state, blockwise in two passes (bit-identical); scr: STATE_SCRATCH x block."""')
        e(1, "if scr.shape[0] < %d or scr.shape[1] < 1:" % rows)
        e(2, 'raise ValueError("nrn_state_blk: scratch array too small")')
        cond = []
        for t in used:
            cond.append("gv[G_usetable_%s] == 0.0" % _ident(self.info.name))
            cond.append("gv[G_%s] == 0.0" % G[t.g_built])
        if cond:
            e(1, "if %s:" % " or ".join(dict.fromkeys(cond)))
            e(2, "nrn_state(%s)" % kernel_params("nrn_state"))
            e(2, "return 0")
        e(1, "blk = scr.shape[1]")
        e(1, "for b0 in range(0, n, blk):")
        e(2, "m = min(blk, n - b0)")
        e(2, "_nrn_state_p1(b0, m, data, nodeidx, v, area, ions, ionidx, gv, tbl, t, dt, celsius, scr)")
        e(2, "_nrn_state_p2(b0, m, data, nodeidx, ions, ionidx, scr)")
        e(1, "return 0")

    def gen_deriv(self):
        """nrn_deriv: the right-hand sides of the SOLVEd DERIVATIVE blocks (for CVODE).

        ``nrn_deriv(n, data, nodeidx, v, area, ions, ionidx, gv, tbl, t, dt, celsius, out)``
        reads the current states from ``data`` and writes ``out[k, i]`` = ds_k/dt of
        instance i, with s_k = ``DERIV_STATES[k]`` (rows ``DERIV_ROWS``).  The block runs
        as in METHOD euler (its assignments to other variables, e.g. rates(), happen) but
        no state is changed.  ``DERIV_ION_WRITES`` = ((row, k, field), ...): ion values
        the mechanism writes (copied from data into the ions array by the integrator).
        ``CVODE_OK`` is False, with the reason in ``CVODE_NOTE``, when the state phase
        does something other than SOLVE DERIVATIVE blocks.
        """
        info = self.info
        e = self.emit
        b = info.breakpoint
        solves = [st for st in (b.body if b else []) if isinstance(st, ast.Solve)]
        note = ""
        if b is not None and not info.currents:
            if any(not isinstance(st, ast.Solve) for st in b.body):
                note = "its BREAKPOINT has no current and runs in the state phase"
        blocks = []
        for st in solves:
            if st.name in info.derivs:
                if st.name not in [x.name for x in blocks]:
                    blocks.append(st)
            elif not note:
                note = "SOLVE %s is not a DERIVATIVE block" % st.name
        names = []
        for st in blocks:
            for p in _walk(info.derivs[st.name].body):
                if isinstance(p, ast.Prime) and p.name not in names:
                    names.append(p.name)
        writes = []
        for var, (k, fld, rd, wr) in info.ion_vars.items():
            if fld != ION_I and wr:
                writes.append("(R_%s, %d, ION_%s)" % (_ident(var), k, ION_FIELDS[fld].upper()))
        e(0, "")
        e(0, "")
        e(0, "DERIV_STATES = (%s)" % "".join("%r, " % n for n in names))
        e(0, "DERIV_ROWS = (%s)" % "".join("R_%s, " % _ident(n) for n in names))
        e(0, "DERIV_ION_WRITES = (%s)" % "".join(w + ", " for w in writes))
        e(0, "CVODE_OK = %s" % (not note))
        e(0, "CVODE_NOTE = %r" % note)
        locs = []
        for st in blocks:
            locs += self.locals_of(info.derivs[st.name].body)
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _deriv(%s, _out):" % CTX)
        e(1, '"""ds/dt of every SOLVEd DERIVATIVE state of instance _i into _out[:, _i]."""')
        self.init_locals(locs, 1)
        scope = _Scope(locs)
        for n in names:
            e(1, "_D_%s = 0.0" % _ident(n))
        for st in blocks:
            self.stmts(info.derivs[st.name].body, scope, 1, mode="euler")
        for k, n in enumerate(names):
            e(1, "_out[%d, _i] = _D_%s" % (k, _ident(n)))
        e(1, "return 0.0")
        e(0, "")
        e(0, "")
        e(0, "@_kernel")
        e(0, "def nrn_deriv(%s):" % kernel_params("nrn_deriv"))
        e(1, '"""out[k, i] = d(DERIV_STATES[k])/dt of instance i at the current v and states."""')
        e(1, "for _i in range(n):")
        self.instance_prologue(2, self._ion_copies()[0])
        e(2, "_deriv(data, _i, gv, tbl, _v, t, dt, celsius, _area, out)")
        e(1, "return 0")

    def gen_parallel_kernels(self, first):
        """Thread-parallel twins of nrn_cur/nrn_state for large density mechanisms.

        A density mechanism has at most one instance per node, so instances never
        write the same rhs/d/ion element and the results are bit-identical to the
        serial kernels.  Not offered when per-instance code writes a GLOBAL (shared
        by all instances) or allocates (derivimplicit), nor for point processes.
        """
        info = self.info
        point = info.kind in ("point", "artificial")
        writes_global = False
        in_table = False
        for ln in self.lines[:first]:
            if ln.startswith("def "):
                in_table = ln.startswith(("def _make_table_", "def check_table"))
            if not in_table and re.search(r"_?gv\[G_\w+\]\s*[-+*/]?=(?!=)", ln):
                writes_global = True
        allocates = self.allocates()
        safe = not (point or writes_global or allocates)
        self.emit(0, "")
        self.emit(0, "PARALLEL_SAFE = %s" % safe)
        if not safe:
            return
        twins = []
        for ln in self.lines[first:]:
            ln = ln.replace("@_kernel", "@_kernel_par")
            ln = ln.replace("def nrn_cur(", "def nrn_cur_par(").replace(
                "def nrn_state(", "def nrn_state_par(")
            ln = ln.replace("for _i in range(n):", "for _i in numba.prange(n):")
            twins.append(ln)
        self.lines.extend(twins)


_NOALIAS = []


def noalias_compiler():
    """A numba compiler class that lowers with ``flags.noalias``: every array argument
    of the function is declared not to overlap any other, which lets LLVM vectorize
    loops that write one array while reading (or gathering from) others.  Only for
    kernels whose array arguments are distinct arrays, as the engine passes them."""
    if _NOALIAS:
        return _NOALIAS[0]
    from numba.core.compiler import CompilerBase, DefaultPassBuilder
    from numba.core.compiler_machinery import LoweringPass, register_pass
    from numba.core.typed_passes import NativeLowering

    @register_pass(mutates_CFG=False, analysis_only=False)
    class RanvierNoAlias(LoweringPass):
        _name = "ranvier_noalias"

        def __init__(self):
            LoweringPass.__init__(self)

        def run_pass(self, state):
            state.flags.noalias = True
            return False

    class RanvierNoAliasCompiler(CompilerBase):
        def define_pipelines(self):
            pm = DefaultPassBuilder.define_nopython_pipeline(self.state)
            idx = [p for p, _ in pm.passes].index(NativeLowering)
            pm.passes.insert(idx, (RanvierNoAlias, "ranvier: array arguments do not overlap"))
            pm.finalize()
            return [pm]

    _NOALIAS.append(RanvierNoAliasCompiler)
    return RanvierNoAliasCompiler


# LAG x BY tau at fixed step, as NEURON 9.0.2 computes it (measured: tests/nmodl/corpus/lag*.mod).
# Per instance a history of (t, x): a call at a later t than the last point appends a point,
# a call at the same t overwrites the last point's x but returns the value the first call at
# that t computed; a call at an earlier t (finitialize) restarts the history with (t, x) and
# returns x.  The value: x of the first point if t - tau is not after it, else the linear
# interpolation between the points around t - tau (the last point's x beyond it).
LAG_HELPER = """

@_njit
def _lag(_data, _i, rt, rx, rs, cap, x, curt, lagt):
    c = int(_data[rs, _i])
    h = int(_data[rs + 1, _i])
    last = (h + c - 1) % cap
    if c == 0 or curt < _data[rt + last, _i]:
        _data[rs, _i] = 1.0
        _data[rs + 1, _i] = 0.0
        _data[rs + 2, _i] = math.nan
        _data[rt, _i] = curt
        _data[rx, _i] = x
        return x
    if curt > _data[rt + last, _i]:
        if c == cap:
            h = (h + 1) % cap
            c -= 1
        last = (h + c) % cap
        c += 1
        _data[rt + last, _i] = curt
        _data[rx + last, _i] = x
    else:
        _data[rx + last, _i] = x
        if _data[rs + 2, _i] == curt:
            return _data[rs + 3, _i]
    tt = curt - lagt
    while c >= 2 and _data[rt + (h + 1) % cap, _i] <= tt:
        h = (h + 1) % cap
        c -= 1
    _data[rs, _i] = float(c)
    _data[rs + 1, _i] = float(h)
    if tt <= _data[rt + h, _i]:
        y = _data[rx + h, _i]
    else:
        k = c - 1
        while _data[rt + (h + k) % cap, _i] > tt:
            k -= 1
        if k == c - 1:
            y = _data[rx + last, _i]
        else:
            j0 = (h + k) % cap
            j1 = (h + k + 1) % cap
            t0 = _data[rt + j0, _i]
            y0 = _data[rx + j0, _i]
            y = y0 + (_data[rx + j1, _i] - y0) * ((tt - t0) / (_data[rt + j1, _i] - t0))
    _data[rs + 2, _i] = curt
    _data[rs + 3, _i] = y
    return y
"""


def _exprs(e):
    """``e`` and all its sub-expressions."""
    yield e
    for v in vars(e).values():
        for x in (v if isinstance(v, list) else [v]):
            if hasattr(x, "__dataclass_fields__"):
                yield from _exprs(x)


_walk = ast.walk_statements


# the functions compiled into their caller by numba (see Generator.generate)
_INLINED = re.compile(r"def (_initial|_current|_state|_state_p1|_state_p2|_nrn_state_p1|_nrn_state_p2|"
                      r"_nrn_cur_p1|_nrn_cur_p2|_fv_\w+|_hoc_exp|_deriv)\(")


def generate(info, header=""):
    """Python source of the kernel module for ``info`` (see module docstring)."""
    return Generator(info, header).generate()


# Newton's method for derivimplicit, written from NMODL.md section 4: at most
# 50 iterations; the Jacobian (central differences, h = max(|0.02 s|, 1e-6))
# is rebuilt while the relative change exceeds 0.05; Crout LU with implicit
# equilibration (pivot = first max of |a_ir / rowmax_i|, rowmax the signed
# largest entry of the unfactored row); stop when the change <= 1e-6 and
# max|F| <= 1e-8; the DERIVATIVE body then runs once more.
_NEWTON_HELPERS = """

@_njit
def _crout(n, a, perm, rowmax):
    \"\"\"LU-factor a in place (unit upper diagonal); returns False if singular.\"\"\"
    for i in range(n):
        perm[i] = i
        k = 0
        for j in range(1, n):
            if abs(a[i, j]) > abs(a[i, k]):
                k = j
        rowmax[i] = a[i, k]
    for r in range(n):
        for i in range(r, n):
            ir = perm[i]
            acc = 0.0
            for k in range(r):
                acc += a[ir, k]*a[perm[k], r]
            a[ir, r] -= acc
        piv = perm[r]
        save = r
        best = abs(a[piv, r]/rowmax[piv])
        for i in range(r + 1, n):
            ir = perm[i]
            cand = abs(a[ir, r]/rowmax[ir])
            if cand > best:
                piv = ir
                save = i
                best = cand
        if piv != perm[r]:
            perm[save] = perm[r]
            perm[r] = piv
        if abs(a[piv, r]) < 1e-20:
            return False
        for j in range(r + 1, n):
            acc = 0.0
            for k in range(r):
                acc += a[piv, k]*a[perm[k], j]
            a[piv, j] = (a[piv, j] - acc)/a[piv, r]
    return True


@_njit
def _lu_solve(n, a, b, perm, x):
    \"\"\"Solve with the factors of _crout: forward, then back substitution.\"\"\"
    for i in range(n):
        p = perm[i]
        acc = 0.0
        for j in range(i):
            acc += a[p, j]*x[j]
        x[i] = (b[p] - acc)/a[p, i]
    for i in range(n - 1, -1, -1):
        p = perm[i]
        acc = 0.0
        for j in range(i + 1, n):
            acc += a[p, j]*x[j]
        x[i] -= acc


"""

_NEWTON_TEMPLATE = """

@_njit_alloc
def _derivimplicit_@NAME@(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area):
    \"\"\"SOLVE @BLOCK@ METHOD derivimplicit: Newton on backward Euler (NMODL.md section 4).\"\"\"
    rows = _STATES_@NAME@
    func = _F_@NAME@
    n = len(rows)
    old = np.empty(n)
    f = np.empty(n)
    fhi = np.empty(n)
    flo = np.empty(n)
    jac = np.empty((n, n))
    perm = np.empty(n, np.int64)
    rowmax = np.empty(n)
    delta = np.empty(n)
    for k in range(n):
        old[k] = _data[rows[k], _i]
    change = 1.0
    ok = False
    for it in range(50):
        if change > 0.05:
            for j in range(n):
                r = rows[j]
                h = max(abs(0.02*_data[r, _i]), 1e-6)
                _data[r, _i] += h
                func(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area, old, fhi)
                _data[r, _i] -= 2.0*h
                func(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area, old, flo)
                for k in range(n):
                    jac[k, j] = (fhi[k] - flo[k])/(2.0*h)
                _data[r, _i] += h
                func(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area, old, f)
            for k in range(n):
                f[k] = -f[k]
            if not _crout(n, jac, perm, rowmax):
                raise RuntimeError("derivimplicit: singular Jacobian (scopmath library error)")
        _lu_solve(n, jac, f, perm, delta)
        change = 0.0
        for k in range(n):
            s = _data[rows[k], _i]
            if abs(s) > 1e-8:
                tmp = abs(delta[k]/s)
                if tmp > change:
                    change = tmp
            _data[rows[k], _i] = s + delta[k]
        func(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area, old, f)
        maxdev = 0.0
        for k in range(n):
            f[k] = -f[k]
            if abs(f[k]) > maxdev:
                maxdev = abs(f[k])
        if change <= 1e-6 and maxdev <= 1e-8:
            ok = True
            break
    if not ok:
        raise RuntimeError("derivimplicit: convergence not achieved in 50 iterations")
    func(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area, old, f)
"""

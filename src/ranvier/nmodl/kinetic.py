"""KINETIC schemes: lowering to straight-line code, solved as NEURON's METHOD sparse.

In: an analysed ``Info`` and one KINETIC ``ast.Block``. Out: a ``Scheme`` (the
lowered form: the state vector in NEURON's order, the assembly items, the
structure of the matrix with its fill-in and NEURON's pivot order) and, from
``emit_functions``, the Python text of two numba functions that the code
generator places in the kernel module:

    _sparse_<name>(CTX, _linflag)     one call of scopmath's sparse_thread
    _steadystate_<name>(CTX)          SOLVE <name> STEADYSTATE sparse (dt = 1e9)

Both return NEURON's error code (0 success, 1 too many iterations, 2 singular),
which NEURON's generated code ignores: on an error the states keep the values of
the last completed iteration, as in NEURON.

What NEURON 9.0.2's translator does (``kinetic.cpp``, ``sparse_thread.hpp``),
reproduced here so that results agree bit for bit (NMODL.md section 4):

- State order: one row per CONSERVE first (the last state written in it; the last
  CONSERVE statement's row first), then
  the other states by first character in ASCII order; within a character, the
  name first seen latest in the file comes first.  An array is one block of
  consecutive rows, elements in index order.
- Assembly, every iteration: each non-CONSERVE row starts at
  ``rhs = -(1/dt)*(s - s_old)``, ``M_ii = 1/dt``, both times the COMPARTMENT
  volume; then the block's statements run in order; a reaction adds its fluxes
  to rhs and their derivatives to M (reactants right to left, then products);
  CONSERVE rows hold ``total - s_k - ... - s_1`` and the coefficients.
- The matrix structure (with fill-in) and the pivot order are those of
  ``spar_minorder``; they are fixed at translation time, so the elimination is
  emitted as straight-line code over named scalars: no allocation, no indexing.
- Iteration: one solve when every reaction is first order, else Newton until
  ``sum |delta| <= 1e-6`` with negative states clamped to 0 (a 22nd pass is an
  error); the block then runs once more for its side effects.

Reactions are unrolled at translation time: a FROM loop that contains reactions
must have constant bounds (numbers, DEFINEs, CONSTANTs), and reactions may not
sit inside if/while.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from . import ast

CONVERGE = 1e-6
MAXSTEPS = 20
ROUNDOFF = 1e-20
STEADYSTATE_DT = 1e9
STEADYSTATE_TRIES = 7


def _ident(name):
    return "".join(c if c.isalnum() or c == "_" else "_" for c in name)


# ----------------------------------------------------------------------------
# the lowered form


@dataclass
class LReaction:
    """A reaction with its states resolved to rows: lists of (coefficient, row)."""
    op: str
    lhs: List[Tuple[int, int]]
    rhs: List[Tuple[int, int]]
    kf: object
    kb: object
    line: int


@dataclass
class LConserve:
    terms: List[Tuple[float, int]]
    total: object
    row: int
    line: int


@dataclass
class LCompartment:
    """Rows scaled by a volume: [(row, index value or None)], the volume expression."""
    rows: List[Tuple[int, Optional[int]]]
    index: Optional[str]
    volume: object
    line: int


@dataclass
class Scheme:
    name: str
    states: List[Tuple[str, Optional[int]]]      # row -> (state, element or None)
    nconserve: int
    items: list                                   # ("stmt", st) | ("set", var, k) | LReaction | LConserve
    compartments: List[LCompartment]
    linear: bool
    structure: List[Tuple[int, int]] = field(default_factory=list)   # with fill-in
    pivots: List[int] = field(default_factory=list)
    locals: List[str] = field(default_factory=list)

    @property
    def n(self):
        return len(self.states)


# ----------------------------------------------------------------------------
# lowering


def _strip_comments(text):
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    text = re.sub(r"\b(COMMENT\b[\s\S]*?\bENDCOMMENT|VERBATIM\b[\s\S]*?\bENDVERBATIM)\b", blank, text)
    text = re.sub(r"\bTITLE\b[^\n]*", blank, text)
    text = re.sub(r"[:?][^\n]*", blank, text)
    text = re.sub(r"\([^()\n]*\)", blank, text)   # units are not names
    return text


def first_seen(text, names):
    """{name: offset of its first appearance as a name in the file} (nocmodl installs
    a symbol when the lexer first meets it; the offset orders them)."""
    code = _strip_comments(text)
    out = {}
    for n in names:
        m = re.search(r"(?<![A-Za-z0-9_])%s(?![A-Za-z0-9_])" % re.escape(n), code)
        out[n] = m.start() if m else len(code)
    return out


def state_order(conserve_diags, used, seen):
    """NEURON's order of the kinetic states: CONSERVE diagonals (the last CONSERVE
    statement's first: NEURON 9.0.2 numbers them in reverse), then by first
    character (ASCII), the latest-seen name first within a character."""
    rest = [n for n in used if n not in conserve_diags]
    rest.sort(key=lambda n: (ord(n[0]), -seen[n]))
    return list(reversed(conserve_diags)) + rest


def pivot_order(n, structure):
    """scopmath's ``spar_minorder``: the pivot rows in order and the structure with
    the fill-in the elimination creates.  ``structure``: (row, col) pairs."""
    struct = set(structure) | {(i, i) for i in range(n)}
    count = [0] * n
    for r, _ in struct:
        count[r] += 1
    order = []

    def insert(r):
        for k, x in enumerate(order):
            if count[x] >= count[r]:
                order.insert(k, r)
                return
        order.append(r)

    def reinsert(r, delta):
        order.remove(r)
        count[r] += delta
        insert(r)

    for r in range(n):
        insert(r)
    pivots = []
    done = set()
    for _ in range(n):
        p = order[0]
        rest = [r for r in range(n) if r not in done and r != p]
        for r in rest:
            if (r, p) not in struct:
                continue
            for c in rest:
                if (p, c) in struct and (r, c) not in struct:
                    struct.add((r, c))
                    reinsert(r, +1)
            reinsert(r, -1)
        order.remove(p)
        pivots.append(p)
        done.add(p)
    return pivots, sorted(struct)


def _const_eval(info, e, bindings):
    """Value of an index or loop bound known at translation time, else None."""
    if isinstance(e, ast.Num):
        return e.value
    if isinstance(e, ast.Name):
        if e.name in bindings:
            return float(bindings[e.name])
        s = info.syms.get(e.name)
        if s is not None and s.kind == "const":
            return s.value
        return None
    if isinstance(e, ast.Paren):
        return _const_eval(info, e.expr, bindings)
    if isinstance(e, ast.Neg):
        x = _const_eval(info, e.expr, bindings)
        return None if x is None else -x
    if isinstance(e, ast.BinOp) and e.op in "+-*/":
        a = _const_eval(info, e.left, bindings)
        b = _const_eval(info, e.right, bindings)
        if a is None or b is None:
            return None
        if e.op == "+":
            return a + b
        if e.op == "-":
            return a - b
        if e.op == "*":
            return a * b
        return a / b if b else None
    return None


def _has_kinetic(body):
    return any(isinstance(st, (ast.Reaction, ast.Conserve, ast.Compartment))
               for st in ast.walk_statements(body))


def lower(info, block) -> Scheme:
    """Lower KINETIC ``block`` of ``info`` to a ``Scheme`` (raises NmodlError)."""
    flat = []          # ("stmt", st) | ("set", var, k) | (st, bindings) for kinetic statements
    loop_vars = []

    def unroll(body, bindings):
        for st in body:
            if isinstance(st, list):
                unroll(st, bindings)
            elif isinstance(st, (ast.Reaction, ast.Conserve, ast.Compartment)):
                flat.append((st, dict(bindings)))
            elif isinstance(st, ast.FromLoop) and _has_kinetic(st.body):
                lo = _const_eval(info, st.start, bindings)
                hi = _const_eval(info, st.stop, bindings)
                step = 1.0 if st.step is None else _const_eval(info, st.step, bindings)
                if lo is None or hi is None or step is None or step <= 0:
                    raise info.error("a FROM loop with reactions needs constant bounds (numbers or "
                                     "DEFINEs) in ranvier", st.line)
                loop_vars.append(st.var)   # a local of the loop, as in nocmodl
                k = int(lo)
                while k <= hi:
                    flat.append(("set", st.var, k))
                    unroll(st.body, dict(bindings, **{st.var: k}))
                    k += int(step)
            elif isinstance(st, (ast.If, ast.While, ast.BlockStmt)) and _has_kinetic(
                    st.body + (st.orelse if isinstance(st, ast.If) else [])):
                raise info.error("reactions inside if/while are not supported by ranvier (the "
                                 "sparse matrix structure must be known)", st.line)
            else:
                flat.append(("stmt", st))

    unroll(block.body, {})

    # the states, in NEURON's order
    used, conserve_diags = [], []

    def use(ref):
        if ref.name not in used and ref.name in info.states:
            used.append(ref.name)

    for x in flat:
        st = x[0]
        if isinstance(st, ast.Reaction):
            for _, ref in st.lhs + st.rhs:
                use(ref)
        elif isinstance(st, ast.Conserve):
            for _, ref in st.terms:
                use(ref)
                if isinstance(ref, ast.Index) or ref.name in info.arrays:
                    raise info.error("CONSERVE of array states is not supported by ranvier",
                                     st.line)
            last = st.terms[-1][1].name
            if last in conserve_diags:
                raise info.error("state %s is the last term of two CONSERVE statements" % last,
                                 st.line)
            conserve_diags.append(last)
    if not used:
        raise info.error("KINETIC block %s has no reaction" % block.name, block.line)
    seen = first_seen("\n".join(info.text_lines), used)
    names = state_order(conserve_diags, used, seen)
    states, base = [], {}
    for nm in names:
        base[nm] = len(states)
        size = info.arrays.get(nm)
        if size is None:
            states.append((nm, None))
        else:
            states.extend((nm, k) for k in range(size))

    def row(ref, bindings, line):
        if ref.name not in info.states:
            return ref          # a non-STATE reactant (nocmodl: a constant factor of its flux)
        if isinstance(ref, ast.Index):
            k = _const_eval(info, ref.index, bindings)
            if k is None:
                raise info.error("the index of %s in a reaction must be a constant or a FROM "
                                 "loop variable" % ref.name, line)
            k = int(k)
            if not 0 <= k < info.arrays[ref.name]:
                raise info.error("%s[%d] is outside the array (size %d)"
                                 % (ref.name, k, info.arrays[ref.name]), line)
            return base[ref.name] + k
        return base[ref.name]

    items, compartments = [], []
    linear = True
    nconserve = len(conserve_diags)
    for x in flat:
        st = x[0]
        if not isinstance(st, (ast.Reaction, ast.Conserve, ast.Compartment)):
            items.append(x)
            continue
        bindings = x[1]
        if isinstance(st, ast.Reaction):
            lhs = [(c, row(r, bindings, st.line)) for c, r in st.lhs]
            rhs = [(c, row(r, bindings, st.line)) for c, r in st.rhs]
            if st.op == "<->" and (sum(c for c, r in lhs if isinstance(r, int)) > 1
                                   or sum(c for c, r in rhs if isinstance(r, int)) > 1):
                linear = False
            if st.op != "<->" and len(lhs) != 1:
                raise info.error("~ ... %s needs a single state on the left" % st.op, st.line)
            items.append(LReaction(st.op, lhs, rhs, st.kf, st.kb, st.line))
        elif isinstance(st, ast.Conserve):
            terms = [(c, row(r, bindings, st.line)) for c, r in st.terms]
            items.append(LConserve(terms, st.total, terms[-1][1], st.line))
        else:
            rows = []
            for nm in st.names:
                if nm not in base:
                    continue    # a state this scheme does not solve for
                if nm in conserve_diags:
                    raise info.error("COMPARTMENT on the CONSERVE state %s is not supported by "
                                     "ranvier" % nm, st.line)
                if nm in info.arrays:
                    if st.index is None:
                        rows.extend((base[nm] + k, None) for k in range(info.arrays[nm]))
                    else:
                        rows.extend((base[nm] + k, k) for k in range(info.arrays[nm]))
                else:
                    rows.append((base[nm], None))
            if st.index is not None and st.index not in loop_vars:
                loop_vars.append(st.index)
            compartments.append(LCompartment(rows, st.index, st.volume, st.line))
    if any(isinstance(i, LConserve) for i in items) and compartments:
        for c in compartments:
            for r, _ in c.rows:
                if r < nconserve:
                    raise info.error("COMPARTMENT on a CONSERVE state is not supported", c.line)

    scheme = Scheme(block.name, states, nconserve, items, compartments, linear)
    scheme.structure = sorted(_structure(scheme))
    scheme.pivots, scheme.structure = pivot_order(scheme.n, scheme.structure)
    scheme.locals = list(dict.fromkeys(loop_vars))
    return scheme


def _reaction_entries(rx: LReaction, nconserve):
    """The matrix updates of a reaction: [(row, col, sign, coef, column, side)] in
    NEURON's order, and the rhs updates [(row, sign, coef)]."""
    rows_rhs = []
    mat = []
    react = list(reversed(rx.lhs))
    prod = list(reversed(rx.rhs))
    if rx.op == "<<":
        c, r = rx.lhs[0]
        if r >= nconserve:
            rows_rhs.append((r, "+flux", c))
        return rows_rhs, mat
    def signed(react_sign, prod_sign):
        """(row, sign, coefficient) for every non-CONSERVE row the reaction touches."""
        return ([(r, react_sign, c) for c, r in react if _is_row(r) and r >= nconserve]
                + [(r, prod_sign, c) for c, r in prod if _is_row(r) and r >= nconserve])

    rows_rhs.extend(signed("-", "+"))
    # d f_flux / d reactant columns, right to left; then d b_flux / d product columns
    # (a non-STATE reactant is a constant factor: no column)
    for k, (cj, j) in enumerate(react):
        if _is_row(j):
            mat.append(("f", k, j, signed("+", "-")))
    for k, (cj, j) in enumerate(prod):
        if _is_row(j):
            mat.append(("b", k, j, signed("-", "+")))
    return rows_rhs, mat


def _is_row(r):
    """A reactant resolved to a state row (not a non-STATE variable's reference)."""
    return isinstance(r, int)


def _structure(scheme):
    s = set()
    for i in range(scheme.n):
        s.add((i, i))
    for it in scheme.items:
        if isinstance(it, LReaction):
            _, mat = _reaction_entries(it, scheme.nconserve)
            for _, _, col, terms in mat:
                for r, _, _ in terms:
                    s.add((r, col))
        elif isinstance(it, LConserve):
            for _, r in it.terms:
                s.add((it.row, r))
    return s


# ----------------------------------------------------------------------------
# emission


class _Out:
    def __init__(self, gen):
        self.gen = gen

    def __call__(self, ind, text, line=None):
        self.gen.emit(ind, text, line)


def emit_functions(gen, scheme: Scheme, block, scope_cls):
    """Print ``_sparse_<name>`` and ``_steadystate_<name>`` through generator ``gen``
    (a ``codegen.Generator``; ``scope_cls`` is its scope class)."""
    info = gen.info
    e = _Out(gen)
    ident = _ident(scheme.name)
    n = scheme.n
    locs = list(dict.fromkeys(gen.locals_of(block.body) + scheme.locals + ["f_flux", "b_flux"]))
    scope = scope_cls(locs)

    def s_ref(r):
        nm, k = scheme.states[r]
        if k is None:
            return gen.ref(nm, scope)
        return "_data[R_%s + %d, _i]" % (_ident(nm), k)

    def m(r, c):
        return "_m%d_%d" % (r, c)

    def rendered(x):
        return gen.expr(ast.Paren(x, line=getattr(x, "line", 0)), scope)

    def product(rate_text, factors):
        text = rate_text
        for c, r in factors:
            for _ in range(int(c)):
                text += "*" + (s_ref(r) if _is_row(r) else rendered(r))
        return text

    def assembly(ind, matrix):
        if matrix:
            e(ind, "_dt1 = 1.0/_dt")
            for r, c in scheme.structure:
                e(ind, "%s = 0.0" % m(r, c))
            for r in range(scheme.nconserve, n):
                e(ind, "_b%d = -_dt1*(%s - _o%d)" % (r, s_ref(r), r))
                e(ind, "%s = _dt1" % m(r, r))
            for comp in scheme.compartments:
                for r, k in comp.rows:
                    if k is not None:
                        e(ind, "u_%s = %s" % (comp.index, repr(float(k))), comp.line)
                    vol = rendered(comp.volume)
                    e(ind, "_b%d *= %s" % (r, vol), comp.line)
                    e(ind, "%s *= %s" % (m(r, r), vol), comp.line)
        for it in scheme.items:
            if isinstance(it, tuple) and it[0] == "set":
                e(ind, "u_%s = %s" % (it[1], repr(float(it[2]))))
            elif isinstance(it, tuple):
                gen.stmts([it[1]], scope, ind)
            elif isinstance(it, LReaction):
                reaction(ind, it, matrix)
            elif isinstance(it, LConserve):
                if not matrix:
                    continue
                e(ind, "_b%d = %s" % (it.row, rendered(it.total)), it.line)
                for c, r in reversed(it.terms):
                    e(ind, "%s = %s" % (m(it.row, r), repr(float(c))), it.line)
                    if c == 1:
                        e(ind, "_b%d -= %s" % (it.row, s_ref(r)), it.line)
                    else:
                        e(ind, "_b%d -= %s*%s" % (it.row, repr(float(c)), s_ref(r)), it.line)

    def reaction(ind, rx, matrix):
        kf = rendered(rx.kf)
        if rx.op == "<<":
            e(ind, "u_f_flux = 0.0", rx.line)
            e(ind, "u_b_flux = %s" % kf, rx.line)
            if matrix:
                for r, _, c in _reaction_entries(rx, scheme.nconserve)[0]:
                    e(ind, "_b%d += u_b_flux" % r, rx.line)
            return
        react = list(reversed(rx.lhs))
        prod = list(reversed(rx.rhs))
        e(ind, "u_f_flux = %s" % product(kf, react), rx.line)
        if rx.op == "->":
            e(ind, "u_b_flux = 0.0", rx.line)
            kb = None
        else:
            kb = rendered(rx.kb)
            e(ind, "u_b_flux = %s" % product(kb, prod), rx.line)
        if not matrix:
            return
        rhs_rows, mat = _reaction_entries(rx, scheme.nconserve)
        for r, sign, c in rhs_rows:
            net = "(u_f_flux - u_b_flux)" if c == 1 else "%s*(u_f_flux - u_b_flux)" % repr(float(c))
            e(ind, "_b%d %s= %s" % (r, "-" if sign == "-" else "+", net), rx.line)
        for side, k, col, terms in mat:
            group = react if side == "f" else prod
            rate = kf if side == "f" else kb
            cj = group[k][0]
            others = [(c - 1 if i == k else c, r) for i, (c, r) in enumerate(group)]
            head = rate if cj == 1 else "%s*%s" % (rate, repr(float(cj)))
            e(ind, "_term = %s" % product(head, others), rx.line)
            for r, sign, c in terms:
                t = "_term" if c == 1 else "%s*_term" % repr(float(c))
                e(ind, "%s %s= %s" % (m(r, col), sign, t), rx.line)

    # ---------------------------------------------------------------- _sparse_<name>
    e(0, "")
    e(0, "")
    e(0, "@_njit_kin")
    e(0, "def _sparse_%s(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area, _linflag):" % ident,
      block.line)
    e(1, '"""KINETIC %s, METHOD sparse: %d states, pivots %s (kinetic.py)."""'
      % (scheme.name, n, scheme.pivots))
    for nm in locs:
        e(1, "u_%s = 0.0" % nm)
    e(1, "_term = 0.0")
    for r in range(n):
        e(1, "_o%d = %s" % (r, s_ref(r)))
    e(1, "_err = 1.0")
    e(1, "_j = 0")
    e(1, "while _err > %r:" % CONVERGE)
    assembly(2, True)
    pivoted = set()
    struct = set(scheme.structure)
    pos = {p: k for k, p in enumerate(scheme.pivots)}
    for p in scheme.pivots:
        e(2, "if abs(%s) <= %r:" % (m(p, p), ROUNDOFF))
        e(3, "return 2  # singular")
        pivoted.add(p)
        for r in range(n):
            if r in pivoted or (r, p) not in struct:
                continue
            e(2, "_f = %s/%s" % (m(r, p), m(p, p)))
            e(2, "_b%d -= _b%d*_f" % (r, p))
            for c in range(n):
                if c not in pivoted and (p, c) in struct:
                    e(2, "%s -= %s*_f" % (m(r, c), m(p, c)))
    for p in reversed(scheme.pivots):
        cols = sorted((c for c in range(n) if (p, c) in struct and pos[c] > pos[p]), key=pos.get)
        for c in cols:
            e(2, "_b%d -= %s*_b%d" % (p, m(p, c), c))
        e(2, "_b%d /= %s" % (p, m(p, p)))
    e(2, "_err = 0.0")
    for r in range(n):
        s = s_ref(r)
        e(2, "%s = %s + _b%d" % (s, s, r))
        e(2, "if _linflag == 0 and %s < 0.0:" % s)
        e(3, "%s = 0.0" % s)
        e(2, "_err += abs(_b%d)" % r)
    e(2, "if _j > %d:" % MAXSTEPS)
    e(3, "return 1  # too many iterations")
    e(2, "_j += 1")
    e(2, "if _linflag != 0:")
    e(3, "break")
    e(1, "# the block once more, at the new states (its assignments are what remains)")
    assembly(1, False)
    e(1, "return 0")

    # ---------------------------------------------------------------- _steadystate_<name>
    e(0, "")
    e(0, "")
    e(0, "@_njit_kin")
    e(0, "def _steadystate_%s(_data, _i, _gv, _tbl, _v, _t, _dt, _celsius, _area):" % ident,
      block.line)
    e(1, '"""SOLVE %s STEADYSTATE sparse: sparse steps with dt = 1e9."""' % scheme.name)
    args = "_data, _i, _gv, _tbl, _v, _t, %r, _celsius, _area" % STEADYSTATE_DT
    if scheme.linear:
        e(1, "return _sparse_%s(%s, 0)" % (ident, args))
        return
    e(1, "for _k in range(%d):" % STEADYSTATE_TRIES)
    e(2, "_r = _sparse_%s(%s, 1)" % (ident, args))
    e(2, "if _r != 0:")
    e(3, "return _r")
    e(2, "_ok = True")
    for r in range(n):
        s = s_ref(r)
        e(2, "if %s < -1e-06:" % s)
        e(3, "%s = 0.0" % s)
        e(3, "_ok = False")
    e(2, "if _ok:")
    e(3, "return _sparse_%s(%s, 0)" % (ident, args))
    e(1, "return 1")

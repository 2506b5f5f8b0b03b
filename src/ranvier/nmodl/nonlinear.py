"""LINEAR and NONLINEAR blocks: ``~ lhs = rhs`` systems solved for STATEs.

In: the analysis ``Info`` and the block. Out: checks (``check``) and the numba
functions that solve the block (``emit``), printed through the code generator.
Both follow what nocmodl 9.0.2 emits (NMODL.md; read from its generated C++):

- **Unknowns.** The SOLVEFOR names in their order; without SOLVEFOR, the STATEs
  the equations mention, in order of first mention.  One equation per unknown.
- **NONLINEAR** (``newton``): equation k becomes F_k = ``-(lhs) + rhs``, as text:
  the rhs is not bracketed, so ``~ a*a + b = 2 + c`` is ``((-(a*a + b)) + 2) + c``.
  Every F evaluation runs the whole block (its assignments too).  The solver is
  scopmath's ``newton``: the same Newton iteration as derivimplicit (Jacobian by
  central differences, rebuilt while the relative change exceeds 0.05, Crout LU with
  implicit equilibration, at most 50 iterations, stop when change <= 1e-6 and
  max|F| <= 1e-8) but no evaluation after convergence.
- **LINEAR** (``simeq``): each evaluation zeroes the n x (n+1) matrix and runs the
  block; equation k adds, term by term in source order (lhs terms, then rhs terms),
  the coefficient of each state term (the term with its state replaced by 1.0) to
  M[k, column] (subtracted on the lhs, added on the rhs, the term's sign applied)
  and each state-free term to the right-hand side (added on the lhs, subtracted on
  the rhs).  A state inside brackets is refused, as nocmodl does.  The system is
  solved by Gaussian elimination with partial pivoting on |a_ij| (the first
  largest; a pivot < 1e-20 is singular), the pivot row normalised, then back
  substitution.

Where they run: ``SOLVE name`` in BREAKPOINT runs in the state phase (with v_{n+1});
in INITIAL (or a PROCEDURE) where it stands.
"""

from __future__ import annotations

from . import ast


def _states_in(e, states, out):
    """Names of `states` mentioned in expression e, in order."""
    if isinstance(e, ast.Name):
        if e.name in states and e.name not in out:
            out.append(e.name)
        return
    if isinstance(e, ast.Node):
        for k, v in vars(e).items():
            if k == "line":
                continue
            for x in (v if isinstance(v, list) else [v]):
                if isinstance(x, ast.Node):
                    _states_in(x, states, out)


def _contains_state(e, states):
    out = []
    _states_in(e, states, out)
    return out


def equations(block):
    """The ``~`` equations of a block, in order (top-level statements only)."""
    return [st for st in ast.walk_statements(block.body) if isinstance(st, ast.LinEq)]


def check(info, block):
    """Semantic checks of a LINEAR/NONLINEAR block; returns its unknowns (rows of
    the system, in order).  Called after the body's names were checked."""
    for st in ast.walk_statements(block.body):
        if isinstance(st, (ast.If, ast.While, ast.FromLoop)):
            for inner in ast.walk_statements(st.body + list(getattr(st, "orelse", []))):
                if isinstance(inner, ast.LinEq):
                    raise info.error("~ equations inside if/while/FROM are not supported by "
                                     "ranvier (in %s %s)" % (block.kind, block.name), inner.line)
    eqs = equations(block)
    if not eqs:
        raise info.error("%s %s has no ~ equation" % (block.kind, block.name), block.line)
    states = set(info.states)
    solvefor = getattr(block, "solvefor", None)
    if solvefor:
        for n in solvefor:
            if n not in states:
                raise info.error("SOLVEFOR %s: not a STATE variable" % n, block.line)
            if n in info.arrays:
                raise info.error("SOLVEFOR %s: STATE arrays are not supported in %s blocks by "
                                 "ranvier" % (n, block.kind), block.line)
        unknowns = list(solvefor)
    else:
        unknowns = []
        for eq in eqs:
            _states_in(eq.lhs, states, unknowns)
            _states_in(eq.rhs, states, unknowns)
    for n in unknowns:
        if n in info.arrays:
            raise info.error("STATE array %s in a %s block is not supported by ranvier"
                             % (n, block.kind), block.line)
    if len(eqs) != len(unknowns):
        raise info.error("%s %s has %d equations for %d unknowns (%s)"
                         % (block.kind, block.name, len(eqs), len(unknowns), ", ".join(unknowns)),
                         block.line)
    if block.kind == "LINEAR":
        for eq in eqs:
            for side in (eq.lhs, eq.rhs):
                for sign, term in _terms(side, 1):
                    _linear_term(info, term, unknowns, eq.line)
    return unknowns


def _terms(e, sign):
    """The additive terms of e as (sign, term): the chain of binary + and - (and a
    leading unary minus) is split; anything else is one term."""
    if isinstance(e, ast.BinOp) and e.op in "+-":
        return _terms(e.left, sign) + _terms(e.right, sign if e.op == "+" else -sign)
    if isinstance(e, ast.Neg):
        return _terms(e.expr, -sign)
    return [(sign, e)]


def _linear_term(info, term, unknowns, line):
    """(state or None, coefficient expression) of one LINEAR term."""
    found = _contains_state(term, set(unknowns))
    if not found:
        return None, term
    if len(found) > 1:
        raise info.error("LINEAR: the term has two unknowns (%s): not linear" % ", ".join(found), line)
    s = found[0]

    def subst(e, top):
        if not _contains_state(e, {s}):
            return e
        if isinstance(e, ast.Name):
            return ast.Num(1.0, "1.0", line=e.line) if e.name == s else e
        if isinstance(e, ast.Paren):
            if _contains_state(e.expr, {s}):
                raise info.error("states not permitted between parentheses", line)
            return e
        if isinstance(e, ast.BinOp):
            if e.op == "*":
                return ast.BinOp("*", subst(e.left, False), subst(e.right, False), line=e.line)
            if e.op == "/":
                if _contains_state(e.right, {s}):
                    raise info.error("LINEAR: %s in a divisor is not linear" % s, line)
                return ast.BinOp("/", subst(e.left, False), e.right, line=e.line)
        if isinstance(e, ast.Neg):
            return ast.Neg(subst(e.expr, False), line=e.line)
        raise info.error("LINEAR: %s appears in a term that is not linear in it" % s, line)
    return s, subst(term, True)


def _join_nonlinear(lhs, rhs):
    """F = ``-(lhs) + rhs`` read as text: -(lhs) joins the leftmost term of rhs's
    additive chain (rhs is not bracketed)."""
    neg = ast.Neg(ast.Paren(lhs, line=lhs.line), line=lhs.line)

    def attach(e):
        if isinstance(e, ast.BinOp) and e.op in "+-":
            return ast.BinOp(e.op, attach(e.left), e.right, line=e.line)
        return ast.BinOp("+", neg, e, line=e.line)
    return attach(rhs)


def emit(gen, block, scope_cls, CTX, newton_template, _ident):
    """Print the solver of ``block`` (``_nonlinear_<name>`` or ``_linear_<name>``,
    both taking the per-instance context ``CTX``) through code generator ``gen``;
    ``newton_template`` is codegen's Newton solver text, ``_ident`` its name mangler."""
    info = gen.info
    e = gen.emit
    unknowns = info.linear_unknowns[block.name]
    ident = _ident(block.name)
    n = len(unknowns)
    locs = gen.locals_of(block.body)
    cols = {s: k for k, s in enumerate(unknowns)}
    if block.kind == "NONLINEAR":
        e(0, "")
        e(0, "")
        e(0, "_STATES_%s = (%s,)" % (ident, ", ".join("R_%s" % _ident(s) for s in unknowns)))
        e(0, "")
        e(0, "")
        e(0, "@_njit")
        e(0, "def _F_%s(%s, _old, _F):" % (ident, CTX), block.line)
        e(1, '"""NONLINEAR %s: F_k = -(lhs_k) + rhs_k (the whole block runs)."""' % block.name)
        gen.init_locals(locs, 1)
        gen.lin_state = {"kind": "NONLINEAR", "k": 0}
        gen.stmts(block.body, scope_cls(locs), 1)
        gen.lin_state = None
        e(1, "return 0.0")
        text = newton_template.replace("@NAME@", ident).replace("@BLOCK@", block.name)
        text = text.replace("_derivimplicit_%s(" % ident, "_nonlinear_%s(" % ident)
        text = text.replace("METHOD derivimplicit: Newton on backward Euler",
                            "(NONLINEAR): scopmath newton")
        text = text.replace("derivimplicit: ", "NONLINEAR %s: " % block.name)
        # scopmath's newton does not evaluate the block again after convergence
        lines = text.rstrip("\n").split("\n")
        assert lines[-1].strip().startswith("func(")
        gen.lines.extend(lines[:-1])
        return
    # LINEAR
    e(0, "")
    e(0, "")
    e(0, "@_njit_alloc")
    e(0, "def _linear_%s(%s):" % (ident, CTX), block.line)
    e(1, '"""LINEAR %s: assemble the %d x %d system, then simeq."""' % (block.name, n, n + 1))
    e(1, "_M = np.zeros((%d, %d))" % (n, n + 1))
    gen.init_locals(locs, 1)
    gen.lin_state = {"kind": "LINEAR", "k": 0, "cols": cols, "n": n}
    gen.stmts(block.body, scope_cls(locs), 1)
    gen.lin_state = None
    e(1, "_perm = np.empty(%d, np.int64)" % n)
    e(1, "_soln = np.empty(%d)" % n)
    e(1, "_simeq(%d, _M, _perm, _soln)" % n)
    for s, k in cols.items():
        e(1, "_data[R_%s, _i] = _soln[%d]" % (_ident(s), k))
    e(1, "return 0.0")


def emit_equation(gen, st, scope, ind):
    """One ``~`` equation inside an emitted LINEAR/NONLINEAR function."""
    ls = gen.lin_state
    k = ls["k"]
    ls["k"] = k + 1
    if ls["kind"] == "NONLINEAR":
        gen.emit(ind, "_F[%d] = %s" % (k, gen.expr(_join_nonlinear(st.lhs, st.rhs), scope)), st.line)
        return
    unknowns = list(ls["cols"])
    for side_sign, side in ((-1, st.lhs), (1, st.rhs)):
        for sign, term in _terms(side, 1):
            s, coef = _linear_term(gen.info, term, unknowns, st.line)
            if s is None:
                op = "+=" if sign * side_sign < 0 else "-="
                gen.emit(ind, "_M[%d, %d] %s %s" % (k, ls["n"], op, gen.expr(coef, scope)), st.line)
            else:
                op = "+=" if sign * side_sign > 0 else "-="
                gen.emit(ind, "_M[%d, %d] %s %s" % (k, ls["cols"][s], op, gen.expr(coef, scope)), st.line)


SIMEQ_HELPER = """

@_njit
def _simeq(n, coef, perm, soln):
    \"\"\"Gaussian elimination with partial pivoting (scopmath simeq, NMODL.md LINEAR).\"\"\"
    for i in range(n):
        perm[i] = i
    isave = 0
    for j in range(n):
        ipivot = perm[j]
        for i in range(j + 1, n):
            jrow = perm[i]
            if abs(coef[ipivot, j]) < abs(coef[jrow, j]):
                ipivot = jrow
                isave = i
        if abs(coef[ipivot, j]) < 1e-20:
            raise RuntimeError("LINEAR: singular system (scopmath simeq)")
        if ipivot != perm[j]:
            perm[isave] = perm[j]
            perm[j] = ipivot
        for kcol in range(j + 1, n + 1):
            coef[ipivot, kcol] /= coef[ipivot, j]
        for i in range(j + 1, n):
            jrow = perm[i]
            for kcol in range(j + 1, n + 1):
                coef[jrow, kcol] -= coef[ipivot, kcol]*coef[jrow, j]
    for i in range(n - 1, -1, -1):
        jrow = perm[i]
        soln[i] = coef[jrow, n]
        for j in range(i + 1, n):
            soln[i] -= coef[jrow, j]*soln[j]
    return 0
"""

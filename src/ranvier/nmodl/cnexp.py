"""cnexp: the exact update of a linear ODE ``s' = f``, printed as nocmodl does.

In: the right-hand side of ``s' = f`` (an AST expression), the state name and
a renderer that prints any sub-expression (atoms, calls) as Python source.
Out: the Python source of the update ``s + (1. - exp(dt*(D)))*(- ( B ) / ( A ) - s)``.

NEURON linearises ``f`` *as text* (NMODL.md section 4, ``deriv.cpp``): every
sub-expression carries four strings, its text E, its derivative D = df/ds,
the coefficient A of s and the s-free part B.  The update is then exact for
f = A*s + B.  Printing the very same brackets keeps the floating-point
operations in the same order, so results agree with NEURON bit for bit; for
``(ninf - n)/ntau`` this gives A = ( ( ( - 1.0 ) ) ) / ntau and
B = ( ( ninf ) ) / ntau, hence the target -B/A is not ninf to the last bit.

Where NEURON's translator is wrong (a product of two s-dependent factors is
silently mistranslated) or crashes (``^``), we do the mathematically right
thing: a nonlinear right-hand side raises ``Nonlinear`` (the caller falls
back to derivimplicit or reports it), and ``^`` with an s-free operand works.
"""

from __future__ import annotations

from . import ast


class Nonlinear(Exception):
    """The right-hand side is not linear in the state (or s sits in a call)."""


def _w(p):
    return None if p is None else "( %s )" % p


def _neg(p):
    return None if p is None else "- %s" % p


def _join(p1, p2, op):
    if p1 is not None and p2 is not None:
        return "%s %s %s" % (p1, op, p2)
    if p1 is not None:
        return p1
    if p2 is not None:
        return p2 if op == "+" else "( - %s )" % p2
    return None


def _contains(e, s):
    if isinstance(e, ast.Name):
        return e.name == s
    for v in vars(e).values():
        if isinstance(v, list):
            if any(_contains(x, s) for x in v if not isinstance(x, (str, int, float))):
                return True
        elif hasattr(v, "__dataclass_fields__") and _contains(v, s):
            return True
    return False


def linearize(e, s, render):
    """Return (E, D, A, B) for expression ``e`` and state ``s`` (None = zero)."""
    if isinstance(e, ast.Name):
        text = render(e)
        if e.name == s:
            return text, "1.0", "1.0", None
        return text, None, None, text
    if isinstance(e, ast.Num):
        text = render(e)
        return text, None, None, text
    if isinstance(e, ast.Paren):
        E, D, A, B = linearize(e.expr, s, render)
        return "( %s )" % E, _w(D), _w(A), _w(B)
    if isinstance(e, ast.Neg):
        E, D, A, B = linearize(e.expr, s, render)
        return "- %s" % E, _neg(D), _neg(A), _neg(B)
    if isinstance(e, ast.BinOp) and e.op in "+-":
        E1, D1, A1, B1 = linearize(e.left, s, render)
        E2, D2, A2, B2 = linearize(e.right, s, render)
        return ("%s %s %s" % (E1, e.op, E2), _join(D1, D2, e.op), _join(A1, A2, e.op),
                _join(B1, B2, e.op))
    if isinstance(e, ast.BinOp) and e.op == "*":
        E1, D1, A1, B1 = linearize(e.left, s, render)
        E2, D2, A2, B2 = linearize(e.right, s, render)
        if (A1 is not None and A2 is not None) or (D1 is not None and D2 is not None):
            raise Nonlinear("product of two factors that depend on %s" % s)
        if D1 is not None:
            D = "( %s )*( %s )" % (D1, E2)
        elif D2 is not None:
            D = "( %s )*( %s )" % (E1, D2)
        else:
            D = None
        if A1 is not None:
            A = "( %s )*( %s )" % (A1, B2 if B2 is not None else "0.0")
        elif A2 is not None:
            A = "( %s )*( %s )" % (B1 if B1 is not None else "0.0", A2)
        else:
            A = None
        B = "( %s )*( %s )" % (B1, B2) if (B1 is not None and B2 is not None) else None
        return "%s*%s" % (E1, E2), D, A, B
    if isinstance(e, ast.BinOp) and e.op == "/":
        E1, D1, A1, B1 = linearize(e.left, s, render)
        E2, D2, A2, B2 = linearize(e.right, s, render)
        if D2 is not None or A2 is not None:
            raise Nonlinear("%s appears in a divisor" % s)
        div = lambda p: None if p is None else "( %s ) / %s" % (p, E2)  # noqa: E731
        return "%s/%s" % (E1, E2), div(D1), div(A1), div(B1)
    # anything else (calls, ^, %, comparisons, ...) is a constant if s-free
    if _contains(e, s):
        raise Nonlinear("%s appears inside %s" % (s, type(e).__name__.lower()))
    text = render(e)
    return text, None, None, text


def cnexp_update(e, s, s_text, dt_text, render, exp_name="math.exp"):
    """Python source of the new value of state ``s`` for ``s' = e``."""
    E, D, A, B = linearize(e, s, render)
    if D is None:
        # f does not depend on s: plain Euler is exact
        return "%s - %s*(- ( %s ) )" % (s_text, dt_text, B if B is not None else "0.0")
    if A is None:  # pragma: no cover - D nonzero implies A nonzero for linear f
        raise Nonlinear("cannot separate %s" % s)
    return "%s + (1. - %s(%s*(%s)))*(- ( %s ) / ( %s ) - %s)" % (
        s_text, exp_name, dt_text, D, B if B is not None else "0.0", A, s_text)


def cnexp_parts(e, s, dt_text, render):
    """The update of ``cnexp_update`` cut in two, for kernels that compute the
    s-free parts in one loop and the update in another, with the same operations:

    - ``("exp", E, X)``: the new value is ``s + (1. - exp(E))*(X - s)``, with
      E = ``dt*(D)`` and X = ``- ( B ) / ( A )``;
    - ``("euler", Y)``: the new value is ``s - Y``, with Y = ``dt*(- ( B ) )``.
    """
    E, D, A, B = linearize(e, s, render)
    if D is None:
        return ("euler", "%s*(- ( %s ) )" % (dt_text, B if B is not None else "0.0"))
    if A is None:  # pragma: no cover - D nonzero implies A nonzero for linear f
        raise Nonlinear("cannot separate %s" % s)
    return ("exp", "%s*(%s)" % (dt_text, D), "- ( %s ) / ( %s )" % (B if B is not None else "0.0", A))

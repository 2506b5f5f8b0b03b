"""The NMODL abstract syntax tree: plain dataclasses, one per construct.

In: nothing (the parser builds these). Out: typed nodes that keep the source
line of the construct, so every later pass can raise an NmodlError that
points at the file. The tree knows nothing of numba, sections or the engine.

Expressions keep explicit ``Paren`` nodes because NEURON's cnexp translation
works on the program *text*, brackets included (see ``cnexp.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple


@dataclass
class Node:
    line: int = field(default=0, kw_only=True)


# --------------------------------------------------------------------------
# expressions


@dataclass
class Num(Node):
    value: float
    text: str


@dataclass
class Str(Node):
    value: str


@dataclass
class Name(Node):
    name: str


@dataclass
class Index(Node):
    """``a[i]``: array variables (parsed, rejected by the analysis)."""
    name: str
    index: "Expr"


@dataclass
class Call(Node):
    name: str
    args: List["Expr"]


@dataclass
class Paren(Node):
    expr: "Expr"


@dataclass
class Neg(Node):
    expr: "Expr"


@dataclass
class Not(Node):
    expr: "Expr"


@dataclass
class BinOp(Node):
    """Arithmetic: op is one of + - * / % ^."""
    op: str
    left: "Expr"
    right: "Expr"


@dataclass
class Compare(Node):
    op: str
    left: "Expr"
    right: "Expr"


@dataclass
class Logic(Node):
    """``&&`` / ``||``."""
    op: str
    left: "Expr"
    right: "Expr"


Expr = object  # any of the above


# --------------------------------------------------------------------------
# statements


@dataclass
class Assign(Node):
    target: object  # Name or Index
    expr: Expr
    protect: bool = False


@dataclass
class Prime(Node):
    """``y' = expr`` (order = number of primes)."""
    name: str
    order: int
    expr: Expr


@dataclass
class CallStmt(Node):
    call: Call


@dataclass
class If(Node):
    cond: Expr
    body: List[object]
    orelse: List[object]


@dataclass
class While(Node):
    cond: Expr
    body: List[object]


@dataclass
class FromLoop(Node):
    var: str
    start: Expr
    stop: Expr
    step: Optional[Expr]
    body: List[object]


@dataclass
class Local(Node):
    names: List[Tuple[str, Optional[int]]]


@dataclass
class Table(Node):
    names: List[str]
    depend: List[str]
    lo: Expr
    hi: Expr
    n: int


@dataclass
class Solve(Node):
    name: str
    method: Optional[str]
    steadystate: Optional[str]


@dataclass
class Verbatim(Node):
    text: str


@dataclass
class LinEq(Node):
    """``~ lhs = rhs``: an equation of a LINEAR or NONLINEAR block (nonlinear.py)."""
    lhs: "Expr"
    rhs: "Expr"


@dataclass
class Lag(Node):
    """``LAG x BY tau``: defines ``lag_x_tau``, the value x had tau ms ago (nonlinear.py)."""
    name: str
    by: str


@dataclass
class Watch(Node):
    """``WATCH (a > b) flag, ...`` in NET_RECEIVE (netreceive.py).  ``items`` are
    (condition, flag) pairs: the condition an ast.Compare (or any expression, which
    analysis refuses), the flag a float or None when missing (refused too).
    ``index`` (set by analysis) numbers the items of the file from 0."""
    items: List[tuple]
    index: Optional[List[int]] = None


@dataclass
class Conductance(Node):
    name: str
    ion: Optional[str]


@dataclass
class Unsupported(Node):
    """A statement ranvier parses but cannot translate (reactions, WATCH, ...)."""
    what: str


@dataclass
class BlockStmt(Node):
    body: List[object]


@dataclass
class Reaction(Node):
    """``~ A + B <-> C (kf, kb)``, ``~ A -> (k)`` or ``~ A << (flux)`` (KINETIC).

    ``lhs``/``rhs`` are lists of (stoichiometric coefficient, Name or Index);
    ``op`` is '<->', '->' or '<<'; ``kf`` is the forward rate (or the flux of
    ``<<``), ``kb`` the backward rate (None unless '<->')."""
    lhs: List[Tuple[int, object]]
    op: str
    rhs: List[Tuple[int, object]]
    kf: "Expr"
    kb: Optional["Expr"] = None


@dataclass
class Conserve(Node):
    """``CONSERVE A + B + 2*C = total``: terms are (coefficient, Name or Index)."""
    terms: List[Tuple[float, object]]
    total: "Expr"


@dataclass
class Compartment(Node):
    """``COMPARTMENT vol {A B}`` or ``COMPARTMENT i, vol[i] {A B}`` (index = 'i')."""
    index: Optional[str]
    volume: "Expr"
    names: List[str]


# --------------------------------------------------------------------------
# declarations and top-level blocks


@dataclass
class NeuronStmt(Node):
    """One statement of the NEURON block; ``kind`` is its keyword."""
    kind: str
    names: List[str] = field(default_factory=list)
    read: List[str] = field(default_factory=list)
    write: List[str] = field(default_factory=list)
    valence: Optional[float] = None


@dataclass
class VarDecl(Node):
    """A PARAMETER / ASSIGNED / STATE / CONSTANT entry."""
    name: str
    value: Optional[float] = None
    unit: Optional[str] = None
    limits: Optional[Tuple[float, ...]] = None
    size: Optional[int] = None


@dataclass
class UnitDef(Node):
    """``(mV) = (millivolt)`` (name None) or ``FARADAY = (faraday) (coulomb)``."""
    name: Optional[str]
    units: List[str]
    value: Optional[float] = None


@dataclass
class Arg(Node):
    name: str
    unit: Optional[str] = None


@dataclass
class Block(Node):
    """A top-level block: kind is INITIAL, BREAKPOINT, DERIVATIVE, PROCEDURE, ..."""
    kind: str
    name: Optional[str]
    args: List[Arg]
    body: List[object]


@dataclass
class Decls(Node):
    """PARAMETER / ASSIGNED / STATE / CONSTANT / UNITS / NEURON / INDEPENDENT."""
    kind: str
    items: List[object]


@dataclass
class Define(Node):
    name: str
    value: float


@dataclass
class Include(Node):
    path: str


@dataclass
class Module(Node):
    items: List[object]
    filename: str = "<string>"


def walk_statements(body):
    """Every statement in `body`, depth first, including those nested in
    if/else, while, FROM loops and blocks."""
    for st in body:
        if isinstance(st, list):
            yield from walk_statements(st)
            continue
        yield st
        if isinstance(st, If):
            yield from walk_statements(st.body)
            yield from walk_statements(st.orelse)
        elif isinstance(st, (While, FromLoop, BlockStmt)):
            yield from walk_statements(st.body)

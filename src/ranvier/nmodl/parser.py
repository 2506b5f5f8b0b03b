"""NMODL text -> AST (``ranvier.nmodl.ast``).

In: the text of a .mod file and its name. Out: an ``ast.Module``. Every
syntax error becomes an ``NmodlError`` with file:line and the source line.
This module imports lark; nothing else in the package does, so a process
that finds a cached description never loads it.
"""

from __future__ import annotations

import math
import os
import re

from lark import Lark, Transformer, Token, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from ranvier.core.errors import NmodlError

from . import ast

_GRAMMAR = os.path.join(os.path.dirname(__file__), "nmodl.lark")
_parser = None


def _get_parser():
    global _parser
    if _parser is None:
        _parser = Lark.open(_GRAMMAR, parser="lalr", lexer="contextual",
                            propagate_positions=True, maybe_placeholders=True)
    return _parser


def _num(tok):
    return float(str(tok))


class _BadNumber(Exception):
    """A NUMBER token that cannot be the integer it must be (an array size, a TABLE's
    WITH, a stoichiometric coefficient): parse() turns it into a located NmodlError."""

    def __init__(self, tok):
        super().__init__(str(tok))
        self.tok = tok


def _int(tok):
    value = _num(tok)
    if not math.isfinite(value) or abs(value) > 2 ** 62:
        raise _BadNumber(tok)
    return int(value)


@v_args(inline=True, meta=True)
class _ToAst(Transformer):
    """Bottom-up conversion of lark's tree into ``ast`` dataclasses."""

    # ---------------------------------------------------------- expressions
    def number(self, meta, tok, unit=None):
        # `0.09(/mV)`, `22 (degC)`: nocmodl drops a unit that follows a number
        return ast.Num(_num(tok), str(tok), line=tok.line)

    def string(self, meta, tok):
        return ast.Str(str(tok)[1:-1], line=tok.line)

    def name(self, meta, tok):
        return ast.Name(str(tok), line=tok.line)

    def index(self, meta, tok, expr):
        return ast.Index(str(tok), expr, line=tok.line)

    def call(self, meta, tok, *args):
        args = [a for a in args if a is not None]
        return ast.Call(str(tok), args, line=tok.line)

    def paren(self, meta, e):
        return ast.Paren(e, line=meta.line)

    def neg(self, meta, e):
        return ast.Neg(e, line=meta.line)

    def not_(self, meta, e):
        return ast.Not(e, line=meta.line)

    def _bin(op):
        def f(self, meta, a, b):
            return ast.BinOp(op, a, b, line=meta.line)
        return f

    add = _bin("+")
    sub = _bin("-")
    mul = _bin("*")
    div = _bin("/")
    mod = _bin("%")
    pow = _bin("^")

    def compare(self, meta, a, op, b):
        return ast.Compare(str(op), a, b, line=meta.line)

    def and_(self, meta, a, b):
        return ast.Logic("&&", a, b, line=meta.line)

    def or_(self, meta, a, b):
        return ast.Logic("||", a, b, line=meta.line)

    # ---------------------------------------------------------- statements
    def block(self, meta, *stmts):
        return list(stmts)

    def assign(self, meta, target, expr):
        return ast.Assign(target, expr, line=target.line)

    def protect(self, meta, a):
        a.protect = True
        return a

    def prime_eq(self, meta, tok, expr):
        text = str(tok)
        name = text.rstrip("'")
        return ast.Prime(name, len(text) - len(name), expr, line=tok.line)

    def call_stmt(self, meta, call):
        return ast.CallStmt(call, line=call.line)

    def if_stmt(self, meta, cond, body, orelse):
        return ast.If(cond, body, orelse or [], line=meta.line)

    def else_part(self, meta, x):
        return x if isinstance(x, list) else [x]

    def while_stmt(self, meta, cond, body):
        return ast.While(cond, body, line=meta.line)

    def from_stmt(self, meta, var, start, stop, step, body):
        return ast.FromLoop(str(var), start, stop, step, body, line=meta.line)

    def local_name(self, meta, tok, size=None):
        return (str(tok), size)

    def size(self, meta, tok):
        # a number, or a DEFINE name that the analysis resolves
        return _int(tok) if tok.type == "NUMBER" else str(tok)

    def local_stmt(self, meta, *names):
        return ast.Local(list(names), line=meta.line)

    def names(self, meta, *toks):
        return [str(t) for t in toks]

    def depend(self, meta, names):
        return names

    def table_stmt(self, meta, names, depend, lo, hi, n):
        return ast.Table(names or [], depend or [], lo, hi, _int(n), line=meta.line)

    def solve_method(self, meta, tok):
        return ("METHOD", str(tok))

    def solve_steadystate(self, meta, tok):
        return ("STEADYSTATE", str(tok))

    def iferror(self, meta, block):
        return block

    def solve_stmt(self, meta, tok, how, iferror):
        method = how[1] if how and how[0] == "METHOD" else None
        ss = how[1] if how and how[0] == "STEADYSTATE" else None
        return ast.Solve(str(tok), method, ss, line=tok.line)

    def verbatim(self, meta, tok):
        return ast.Verbatim(str(tok)[len("VERBATIM"):-len("ENDVERBATIM")], line=tok.line)

    def conductance(self, meta, tok, ion=None):
        return ast.Conductance(str(tok), str(ion) if ion else None, line=tok.line)

    def initial_stmt(self, meta, body):
        # only legal as a statement of NET_RECEIVE (analysis checks where it sits)
        return ast.Block("NET_RECEIVE_INITIAL", None, [], body, line=meta.line)

    def reaction(self, meta, lhs, op, rhs):
        terms = _reaction_terms(lhs)
        if terms is None:
            return ast.Unsupported("this reaction's left side (only A + B + ... is understood)",
                                   line=meta.line)
        if rhs[0] == "flux":
            return ast.Reaction(terms, str(op), [], rhs[1], None, line=meta.line)
        return ast.Reaction(terms, str(op), rhs[1], rhs[2], rhs[3], line=meta.line)

    def react_flux(self, meta, e):
        return ("flux", e)

    def react_rates(self, meta, side, kf, kb):
        return ("rates", side, kf, kb)

    def react_side(self, meta, *terms):
        return list(terms)

    def react_term(self, meta, num, ref):
        return (_int(num) if num is not None else 1, ref)

    def lin_eq(self, meta, lhs, rhs):
        return ast.LinEq(lhs, rhs, line=meta.line)

    def lag(self, meta, name, by):
        return ast.Lag(str(name), str(by), line=name.line)

    def conserve(self, meta, lhs, total):
        terms = _reaction_terms(lhs)   # nocmodl accepts only A + B + ... (no coefficients)
        if terms is None:
            return ast.Unsupported("Illegal CONSERVE syntax: a CONSERVE form other than "
                                   "A + B + ... = total", line=meta.line)
        return ast.Conserve(terms, total, line=meta.line)

    def compartment(self, meta, *a):
        if isinstance(a[0], Token):   # COMPARTMENT i, vol[i] { ... }
            return ast.Compartment(str(a[0]), a[1], [str(t) for t in a[2:]], line=meta.line)
        return ast.Compartment(None, a[0], [str(t) for t in a[1:]], line=meta.line)

    def watch(self, meta, *items):
        return ast.Watch(list(items), line=meta.line)

    def watch_item(self, meta, cond, flag=None):
        # (condition, flag); analysis refuses a condition other than a > b / a < b
        # and a missing flag, as nocmodl does
        return (cond, _num(flag) if flag is not None else None)

    def mutex(self, meta, *a):
        return ast.BlockStmt([], line=meta.line)

    # ---------------------------------------------------------- declarations
    def pos_number(self, meta, tok):
        return _num(tok)

    def neg_number(self, meta, tok):
        return -_num(tok)

    def _nstmt(kind):
        def f(self, meta, *args):
            args = [a for a in args if a is not None]
            names = []
            for a in args:
                if isinstance(a, list):
                    names.extend(a)
                elif isinstance(a, Token):
                    names.append(str(a))
            return ast.NeuronStmt(kind, names, line=meta.line)
        return f

    suffix = _nstmt("SUFFIX")
    point_process = _nstmt("POINT_PROCESS")
    artificial_cell = _nstmt("ARTIFICIAL_CELL")
    nonspecific_current = _nstmt("NONSPECIFIC_CURRENT")
    electrode_current = _nstmt("ELECTRODE_CURRENT")
    range = _nstmt("RANGE")
    pointer = _nstmt("POINTER")
    bbcorepointer = _nstmt("BBCOREPOINTER")
    external = _nstmt("EXTERNAL")
    random = _nstmt("RANDOM")
    threadsafe = _nstmt("THREADSAFE")
    represents_stmt = _nstmt("REPRESENTS")

    def global_(self, meta, names):
        return ast.NeuronStmt("GLOBAL", names, line=meta.line)

    def read_list(self, meta, names):
        return ("READ", names)

    def write_list(self, meta, names):
        return ("WRITE", names)

    def valence(self, meta, x):
        return ("VALENCE", x)

    def represents(self, meta, tok):
        return None

    def useion(self, meta, tok, *parts):
        s = ast.NeuronStmt("USEION", [str(tok)], line=tok.line)
        for p in parts:
            if p is None:
                continue
            if p[0] == "READ":
                s.read = p[1]
            elif p[0] == "WRITE":
                s.write = p[1]
            else:
                s.valence = p[1]
        return s

    def neuron_block(self, meta, *stmts):
        return ast.Decls("NEURON", list(stmts), line=meta.line)

    def unit_alias(self, meta, a, b):
        return ast.UnitDef(None, [str(a), str(b)], line=a.line)

    def unit_factor(self, meta, tok, u1, u2):
        units = [str(u1)] + ([str(u2)] if u2 is not None else [])
        return ast.UnitDef(str(tok), units, line=tok.line)

    def unit_const(self, meta, tok, value, unit):
        return ast.UnitDef(str(tok), [str(unit)] if unit else [], value, line=tok.line)

    def units_block(self, meta, *defs):
        return ast.Decls("UNITS", list(defs), line=meta.line)

    def from_to(self, meta, a, b):
        return (a, b)

    def start_val(self, meta, a):
        return a

    def limits(self, meta, a, b):
        return (a,) if b is None else (a, b)

    def var_decl(self, meta, tok, size, value, unit, from_to, start, limits):
        return ast.VarDecl(str(tok), value, str(unit) if unit else None, limits, size, line=tok.line)

    def decl_block(self, meta, kind, *decls):
        return ast.Decls(str(kind), list(decls), line=kind.line)

    def const_decl(self, meta, tok, value, unit):
        return ast.VarDecl(str(tok), value, str(unit) if unit else None, line=tok.line)

    def constant_block(self, meta, *decls):
        return ast.Decls("CONSTANT", list(decls), line=meta.line)

    def indep_decl(self, meta, *a):
        return None

    def independent_block(self, meta, *a):
        return ast.Decls("INDEPENDENT", [], line=meta.line)

    def define(self, meta, tok, value):
        return ast.Define(str(tok), _num(value), line=tok.line)

    def include(self, meta, tok):
        return ast.Include(str(tok)[1:-1], line=tok.line)

    # ---------------------------------------------------------- blocks
    def arg(self, meta, tok, unit=None):
        return ast.Arg(str(tok), str(unit) if unit else None, line=tok.line)

    def arglist(self, meta, *args):
        return list(args)

    def code_block(self, meta, kind, body):
        return ast.Block(str(kind), None, [], body, line=kind.line)

    def named_block(self, meta, kind, tok, solvefor, body):
        b = ast.Block(str(kind), str(tok), [], body, line=kind.line)
        b.solvefor = list(solvefor) if solvefor else None   # LINEAR/NONLINEAR ... SOLVEFOR a, b
        return b

    def solvefor(self, meta, names):
        return names

    def func_block(self, meta, kind, tok, args, unit, body):
        return ast.Block(str(kind), str(tok), args or [], body, line=kind.line)

    def function_table(self, meta, tok, args, unit):
        return ast.Block("FUNCTION_TABLE", str(tok), args or [], [], line=tok.line)

    def net_receive_block(self, meta, args, body):
        return ast.Block("NET_RECEIVE", None, args or [], body, line=meta.line)

    def ba_block(self, meta, kind, when, body):
        return ast.Block("%s %s" % (kind, when), None, [], body, line=kind.line)

    def start(self, meta, *items):
        return ast.Module(list(items), line=1)


def _reaction_terms(e, coefficients=False):
    """``A + B + ...`` (and ``2*A`` where ``coefficients``) as [(coef, ref), ...], or None."""
    if isinstance(e, ast.BinOp) and e.op == "+":
        left = _reaction_terms(e.left, coefficients)
        right = _reaction_terms(e.right, coefficients)
        return None if left is None or right is None else left + right
    if isinstance(e, (ast.Name, ast.Index)):
        return [(1, e)]
    if (coefficients and isinstance(e, ast.BinOp) and e.op == "*" and isinstance(e.left, ast.Num)
            and isinstance(e.right, (ast.Name, ast.Index))):
        return [(e.left.value, e.right)]
    return None


def _source_line(text, line):
    lines = text.splitlines()
    if line is not None and 1 <= line <= len(lines):
        return lines[line - 1]
    return None


def _last_code_line(text, before_line):
    """The last line before ``before_line`` that holds code (not blank, not a
    ``:`` comment): where a missing '}' belongs."""
    lines = text.splitlines()
    for ln in range(min(before_line - 1, len(lines)), 0, -1):
        code = re.sub(r"[:?].*", "", lines[ln - 1]).strip()
        if code:
            return ln
    return before_line


_BLOCK_KEYWORDS = {"NEURON", "UNITS", "PARAMETER", "ASSIGNED", "STATE", "CONSTANT",
                   "INDEPENDENT", "INITIAL", "BREAKPOINT", "DERIVATIVE", "KINETIC",
                   "LINEAR", "NONLINEAR", "PROCEDURE", "FUNCTION", "FUNCTION_TABLE",
                   "NET_RECEIVE", "BEFORE", "AFTER", "DEFINE", "INCLUDE",
                   "CONSTRUCTOR", "DESTRUCTOR", "DISCRETE", "PARTIAL"}


def _check_unterminated(text, filename):
    """COMMENT and VERBATIM must be closed; otherwise the lexer would report a
    confusing error far away (nocmodl: 'COMMENTblock goes to end of file')."""
    for m in re.finditer(r"\b(COMMENT|VERBATIM)\b", text):
        word = m.group(1)
        line = text.count("\n", 0, m.start()) + 1
        # skip keywords inside an already closed block of the other kind
        prefix = text[:m.start()]
        if prefix.count("ENDCOMMENT") < len(re.findall(r"\bCOMMENT\b", prefix)) and word == "VERBATIM":
            continue
        if prefix.count("ENDVERBATIM") < len(re.findall(r"\bVERBATIM\b", prefix)) and word == "COMMENT":
            continue
        if not re.search(r"\bEND%s\b" % word, text[m.end():]):
            raise NmodlError("%s block is never closed by END%s (it goes to the end of the file)"
                             % (word, word), filename, line, None, _source_line(text, line))


def parse(text, filename="<string>"):
    """Parse NMODL ``text`` into an ``ast.Module``.

    Raises ``NmodlError`` (with ``filename``, ``line`` and the source line) on
    any syntax error.
    """
    _check_unterminated(text, filename)
    parser = _get_parser()
    try:
        tree = parser.parse(text)
    except UnexpectedInput as e:
        raise _syntax_error(e, text, filename) from None
    try:
        mod = _ToAst().transform(tree)
    except VisitError as e:  # a bug in the transformer, not the user's
        if isinstance(e.orig_exc, _BadNumber):
            tok = e.orig_exc.tok
            raise NmodlError("%s is not a usable integer here" % tok, filename, tok.line, tok.column,
                             _source_line(text, tok.line)) from None
        raise RuntimeError("internal error in the NMODL parser (please report): %r" % e.orig_exc) from e
    mod.filename = filename
    return mod


def _find_unclosed(text):
    """Line of a block keyword at the start of a line while a '{' is still
    open (a missing '}' above it), or None. Comments and VERBATIM are blanked
    first, keeping the line structure."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    code = re.sub(r"\b(COMMENT\b[\s\S]*?\bENDCOMMENT|VERBATIM\b[\s\S]*?\bENDVERBATIM)\b", blank, text)
    depth = 0
    for ln, raw in enumerate(code.splitlines(), 1):
        line = re.sub(r"\"[^\"\n]*\"", "", raw)
        line = re.sub(r"[:?].*", "", line)
        m = re.match(r"([A-Z_]+)\b", line)
        # only unindented keywords count: INITIAL may legally sit inside NET_RECEIVE
        if depth > 0 and m and m.group(1) in _BLOCK_KEYWORDS:
            return ln
        depth += line.count("{") - line.count("}")
    return None


def _syntax_error(e, text, filename):
    line = getattr(e, "line", None)
    column = getattr(e, "column", None)
    unclosed = _find_unclosed(text)
    if unclosed is not None and (line is None or unclosed <= line or isinstance(e, UnexpectedEOF)):
        ln = _last_code_line(text, unclosed)
        kw = text.splitlines()[unclosed - 1].split()[0]
        return NmodlError("missing '}': the block above %s (line %d) is not closed" % (kw, unclosed),
                          filename, ln, _end_column(text, ln), _source_line(text, ln))
    if isinstance(e, UnexpectedEOF) or (isinstance(e, UnexpectedToken) and e.token.type == "$END"):
        expected = set(getattr(e, "expected", ()) or ())
        line = _last_code_line(text, text.count("\n") + 2)
        msg = "unexpected end of file"
        if "RBRACE" in expected:
            msg += ": missing '}'"
        elif "RPAR" in expected:
            msg += ": missing ')'"
        return NmodlError(msg, filename, line, _end_column(text, line), _source_line(text, line))
    if isinstance(e, UnexpectedToken):
        tok = e.token
        expected = set(e.expected or ())
        if str(tok) in _BLOCK_KEYWORDS and "RBRACE" in expected:
            # A block keyword where a statement or '}' was expected: almost
            # always a missing '}' at the end of the previous block.
            ln = _last_code_line(text, tok.line)
            return NmodlError("missing '}' before %s (at line %d)" % (tok, tok.line),
                              filename, ln, _end_column(text, ln), _source_line(text, ln))
        prev = _last_code_line(text, tok.line)
        if "RPAR" in expected and prev < tok.line and _starts_line(text, tok):
            # the statement above ended with a '(' still open
            return NmodlError("missing ')' at the end of this line (%r on line %d cannot follow it)"
                              % (str(tok), tok.line), filename, prev, _end_column(text, prev),
                              _source_line(text, prev))
        if str(tok) == "(" and expected == {"UNIT"}:
            return NmodlError("syntax error: this unit has no closing ')' on its line", filename,
                              tok.line, tok.column, _source_line(text, tok.line))
        msg = "syntax error: unexpected %r" % str(tok)
        hint = _keyword_hint(tok, expected)
        if hint:
            return NmodlError(msg + hint, filename, tok.line, tok.column, _source_line(text, tok.line))
        nice = sorted(_pretty_expected(x) for x in expected)
        if nice and len(nice) <= 8:
            msg += "; expected one of: " + ", ".join(nice)
        return NmodlError(msg, filename, tok.line, tok.column, _source_line(text, tok.line))
    if isinstance(e, UnexpectedCharacters):
        ch = text[e.pos_in_stream] if e.pos_in_stream < len(text) else ""
        return NmodlError("syntax error: unexpected character %r" % ch, filename, line, column,
                          _source_line(text, line))
    return NmodlError("syntax error", filename, line, column, _source_line(text, line))


def _end_column(text, line):
    """Column just after the last code character of ``line`` (where a missing
    '}' or ')' belongs; a trailing ``:`` comment is not code)."""
    src = _source_line(text, line)
    if src is None:
        return None
    code = re.sub(r"[:?].*", "", src).rstrip()
    return len(code) + 1 if code else len(src) - len(src.lstrip()) + 1


def _starts_line(text, tok):
    src = _source_line(text, tok.line) or ""
    return tok.column == len(src) - len(src.lstrip()) + 1


def _keyword_hint(tok, expected):
    """' (not a block keyword; did you mean BREAKPOINT?)' for a misspelt block keyword
    at the start of a line at the top level."""
    import difflib
    word = str(tok)
    if tok.type != "NAME" or not word.isupper() or tok.column != 1:
        return ""
    close = difflib.get_close_matches(word, sorted(_BLOCK_KEYWORDS | {"TITLE", "COMMENT"}), n=1, cutoff=0.6)
    if close:
        return " (not a block keyword; did you mean %s?)" % close[0]
    return " (not a block keyword)"


_TOKEN_NAMES = {"RBRACE": "'}'", "LBRACE": "'{'", "LPAR": "'('", "RPAR": "')'", "EQUAL": "'='",
                "COMMA": "','", "NAME": "a name", "NUMBER": "a number", "UNIT": "a unit",
                "MINUS": "'-'", "PLUS": "'+'", "STAR": "'*'", "SLASH": "'/'", "CIRCUMFLEX": "'^'",
                "CMPOP": "a comparison", "PRIME": "y'", "LESSTHAN": "'<'", "MORETHAN": "'>'",
                "LSQB": "'['", "RSQB": "']'", "STRING": "a string"}


def _pretty_expected(name):
    return _TOKEN_NAMES.get(name, name)

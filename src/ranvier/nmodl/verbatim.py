"""VERBATIM blocks: the C idioms with a plain meaning, translated; the rest refused.

In: a parsed ``ast.Module``. Out: the same module with every ``ast.Verbatim``
replaced by NMODL statements (or removed), before the analysis sees it.  A
VERBATIM block holds C that nocmodl copies unchanged into its output; ranvier
has no C compiler, so it understands only these idioms (NMODL.md section 9):

- C comments, blank lines, ``#include <...>`` / ``#include "..."``: ignored;
- ``#define NAME number`` (top level): a constant, as ``DEFINE``;
- ``return 0;`` as the last statement of a PROCEDURE (the classic closing of a
  SOLVE'd PROCEDURE): no effect;
- ``printf(...);`` / ``fprintf(stderr, ...);``: no effect on the numbers (dropped);
- ``NAME = expr;`` and ``_lNAME = expr;``: an assignment.  ``_lNAME`` is the LOCAL,
  argument or FUNCTION value NAME (nocmodl's spelling); a plain NAME must be a
  declared variable or v, t, dt, celsius.  ``expr`` is C arithmetic (numbers, names,
  ``+ - * /``, brackets, calls of the math library or of the file's FUNCTIONs);
- ``scop_random()``, ``exprand(m)``, ``normrand(m, s)`` in such expressions: ranvier's
  random numbers (as the NMODL calls of those names; not NEURON's streams);
- control flow on such values: ``if (cond) stmt [else stmt]``, ``while (cond) stmt``,
  ``{ ... }``, comparisons and ``&& || !`` in conditions, ``x += e`` (and ``-= *= /=``),
  ``x++``/``x--`` as statements, ``return expr;`` as the last statement of a FUNCTION
  (its value).  The C is rewritten as the NMODL it means and parsed by the NMODL parser.

Anything else (pointers, ``_p``/``_ppvar`` layout tricks, ``nrn_random_pick``,
``nrand48``, C helper functions, ``hoc_*`` calls, ``for``, ``?:``) raises an
``NmodlError`` naming the file, the line and the C that was not understood:
a half-translated mechanism never runs.
"""

from __future__ import annotations

import re

from ranvier.core.errors import NmodlError

from . import ast

# C calls that have no NMODL equivalent here: a clearer message than "not understood"
_REFUSED_CALLS = {
    "nrn_random_pick": "nrn_random_pick (a HOC Random object through a POINTER): give the "
                       "mechanism a RANDOM variable and use random_uniform/random_negexp/... instead",
    "nrand48": "nrand48 (C library random numbers): use scop_random() or a RANDOM variable",
    "drand48": "drand48 (C library random numbers): use scop_random() or a RANDOM variable",
    "erand48": "erand48 (C library random numbers): use scop_random() or a RANDOM variable",
    "nrn_random_arg": "nrn_random_arg (a HOC Random object argument)",
    "vector_arg": "vector_arg (a HOC Vector argument)",
    "hoc_getarg": "hoc_getarg (HOC arguments read in C)",
    "ifarg": "ifarg (HOC arguments read in C)",
}
_IGNORED_CALLS = ("printf", "fprintf", "fflush")


class _Refuse(Exception):
    def __init__(self, what, offset):
        super().__init__(what)
        self.what = what
        self.offset = offset


def _strip_comments(text):
    """The C text without comments (newlines kept, so offsets give line numbers)."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    text = re.sub(r"/\*[\s\S]*?\*/", blank, text)
    return re.sub(r"//[^\n]*", blank, text)


def _statements(text):
    """Split C text into (statement, offset) at top-level ';' and preprocessor lines."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            break
        if text[i] == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append((text[i:j].strip(), i))
            i = j
            continue
        depth = 0
        j = i
        in_str = False
        while j < n:
            c = text[j]
            if in_str:
                if c == "\\":
                    j += 2
                    continue
                if c == '"':
                    in_str = False
            elif c == '"':
                in_str = True
            elif c in "({[":
                depth += 1
            elif c in ")}]":
                depth -= 1
            elif c == ";" and depth == 0:
                break
            elif c == "{" or c == "}":
                break
            j += 1
        if j >= n:
            raise _Refuse(text[i:].strip(), i)
        out.append((text[i:j].strip() + ";", i))
        i = j + 1
    return out


_TOKEN = re.compile(r"""
    (?P<pp>\#[^\n]*)
  | (?P<num>(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[fFlLuU]*)
  | (?P<name>[A-Za-z_]\w*)
  | (?P<str>"(\\.|[^"\\])*"|'(\\.|[^'\\])*')
  | (?P<op>&&|\|\||==|!=|<=|>=|\+=|-=|\*=|/=|\+\+|--|->|[-+*/<>=!(){};,?:&|^%\[\]~.])
  | (?P<bad>\S)
""", re.X)

_C_TYPES = {"int", "double", "float", "long", "short", "char", "unsigned", "signed", "static",
            "void", "const", "extern", "struct", "register", "volatile"}
_C_FLOW_REFUSED = {"for", "do", "switch", "case", "goto", "break", "continue", "sizeof"}
# tokens that may appear in a translated expression (as themselves in NMODL)
_EXPR_OPS = {"+", "-", "*", "/", "<", ">", "<=", ">=", "==", "!=", "&&", "||", "!", "(", ")", ","}


def _tokens(text):
    """(kind, text, offset) of the C tokens of ``text`` (comments already blanked)."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind is None:
            continue
        out.append((kind, m.group(kind), m.start()))
    return out


def _line_of(node, text, offset):
    # the VERBATIM keyword's line, plus the newlines before the statement
    return node.line + text[:offset].count("\n")


def lower(module, source_text):
    """Replace the VERBATIM nodes of ``module`` (in place); raises NmodlError."""
    from .parser import parse     # lark only when a file has VERBATIM

    declared = set()
    funcs = set()
    for item in module.items:
        if isinstance(item, ast.Decls) and item.kind in ("PARAMETER", "ASSIGNED", "STATE", "CONSTANT"):
            declared.update(d.name for d in item.items if hasattr(d, "name"))
        elif isinstance(item, ast.Block) and item.kind in ("FUNCTION", "PROCEDURE"):
            funcs.add(item.name)
        elif isinstance(item, ast.Decls) and item.kind == "UNITS":
            declared.update(d.name for d in item.items if getattr(d, "name", None))
        elif isinstance(item, ast.Define):
            declared.add(item.name)
        elif isinstance(item, ast.Verbatim):
            declared.update(re.findall(r"#\s*define\s+([A-Za-z_]\w*)", item.text))
    declared |= {"v", "t", "dt", "celsius"}
    lines = source_text.splitlines()

    def error(node, text, offset, what):
        line = _line_of(node, text, offset)
        src = lines[line - 1] if 0 < line <= len(lines) else None
        return NmodlError("VERBATIM: C that ranvier does not understand: %s (ranvier translates only "
                          "the idioms of NMODL.md section 9; the mechanism is refused rather than run "
                          "half-translated)" % what.strip(), module.filename, line, None, src)

    def translate(node, scope, owner, last):
        """NMODL statements for VERBATIM ``node`` (a statement of block ``owner``; ``last``:
        the block's last statement).  The C is rewritten as NMODL text, piece by piece on
        the C's own lines, and that text is parsed; the statements get the C's lines."""
        text = _strip_comments(node.text)
        try:
            pieces = _CStatements(text, scope, declared, funcs, owner, last).program()
            if not pieces:
                return []
            synth, line = [], 2            # line 1 of the synthetic text is the header
            for off, piece in pieces:
                want = text[:off].count("\n") + 2
                if want > line:
                    synth.append("\n" * (want - line))
                    line = want
                synth.append(" " + piece)
            try:
                mod = parse("PROCEDURE _verbatim_() {\n%s\n}\n" % "".join(synth), module.filename)
            except NmodlError as e:
                lo = e.line if e.line else 2
                off = min((o for o, _ in pieces if text[:o].count("\n") + 2 >= lo),
                          default=pieces[0][0])
                stmt = text[off:].split(";")[0].strip()
                raise _Refuse(stmt, off)
        except _Refuse as r:
            raise error(node, text, r.offset, r.what)
        body = mod.items[0].body
        for st in body:
            _shift_lines(st, node.line - 2)
        return body

    def top_level(node):
        text = _strip_comments(node.text)
        out = []
        try:
            for c, off in _statements(text):
                m = re.fullmatch(r"#\s*define\s+([A-Za-z_]\w*)\s+\(?\s*([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)\s*\)?",
                                 c)
                if m:
                    out.append(ast.Define(m.group(1), float(m.group(2)), line=_line_of(node, text, off)))
                    continue
                if re.match(r"#\s*include\b", c):
                    continue
                raise _Refuse(c, off)
        except _Refuse as r:
            raise error(node, text, r.offset, r.what)
        return out

    def walk(body, scope, owner, top):
        new = []
        for k, st in enumerate(body):
            if isinstance(st, ast.Verbatim):
                new.extend(translate(st, scope, owner, top and k == len(body) - 1))
                continue
            if isinstance(st, ast.If):
                st.body = walk(st.body, scope, owner, False)
                st.orelse = walk(st.orelse, scope, owner, False)
            elif isinstance(st, (ast.While, ast.FromLoop, ast.BlockStmt)):
                inner = scope | {st.var} if isinstance(st, ast.FromLoop) else scope
                st.body = walk(st.body, inner, owner, False)
            elif isinstance(st, list):
                st = walk(st, scope, owner, False)
            new.append(st)
        return new

    items = []
    for item in module.items:
        if isinstance(item, ast.Verbatim):
            items.extend(top_level(item))
            continue
        if isinstance(item, ast.Block):
            scope = {a.name for a in item.args}
            for st in ast.walk_statements(item.body):
                if isinstance(st, ast.Local):
                    scope.update(n for n, _ in st.names)
            if item.kind == "FUNCTION":
                scope.add(item.name)
            if item.kind == "NET_RECEIVE":
                scope.add("flag")
            item.body = walk(item.body, scope, item, True)
        items.append(item)
    module.items = items
    return module


def has_verbatim(module):
    for item in module.items:
        if isinstance(item, ast.Verbatim):
            return True
        if isinstance(item, ast.Block):
            for st in ast.walk_statements(item.body):
                if isinstance(st, ast.Verbatim):
                    return True
    return False


def _set_line(e, line):
    if isinstance(e, ast.Node):
        e.line = line
        for k, v in vars(e).items():
            if k != "line":
                for x in (v if isinstance(v, list) else [v]):
                    _set_line(x, line)


def _shift_lines(node, delta):
    """Add ``delta`` to the line of ``node`` and of everything inside it."""
    if isinstance(node, list):
        for x in node:
            _shift_lines(x, delta)
        return
    if isinstance(node, ast.Node):
        if getattr(node, "line", None) is not None:
            node.line += delta
        for k, v in vars(node).items():
            if k != "line":
                _shift_lines(v, delta)


class _CStatements:
    """C statements -> NMODL text pieces [(offset, text)], or _Refuse.

    A small recursive-descent reading of the C subset that has a plain NMODL meaning
    (see the module docstring); every name is checked (a LOCAL/argument is ``_lNAME``,
    anything else must be declared), so nothing is passed through unread.  The C is
    read into a tree first, because NMODL has no ``return``: a FUNCTION's early
    ``if (c) { ...; return a; } rest`` becomes ``if (c) { ...; f = a } else { rest }``."""

    def __init__(self, text, scope, declared, funcs, owner, last):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.scope = scope
        self.declared = declared
        self.funcs = funcs
        self.owner = owner
        self.last = last

    # -- token access
    def peek(self, k=0):
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else ("end", "", len(self.text))

    def take(self, want=None):
        tok = self.peek()
        if want is not None and tok[1] != want:
            raise _Refuse(self.rest(tok[2]), tok[2])
        self.i += 1
        return tok

    def rest(self, off):
        """The C statement starting at ``off`` (for messages)."""
        end = self.text.find(";", off)
        return self.text[off:end + 1 if end >= 0 else len(self.text)].strip() or "end of block"

    # -- the tree: ("text", off, nmodl) | ("if", off, cond, then, else|None, else_off)
    #              | ("while", off, cond, body) | ("return", off, expr)
    def program(self):
        tree = []
        while self.peek()[0] != "end":
            tree.extend(self.statement())
        return self.emit(tree, tail=self.last)

    def statement(self):
        kind, tok, off = self.peek()
        if kind == "pp":
            self.take()
            if re.match(r"#\s*include\b", tok):
                return []
            raise _Refuse(tok, off)
        if tok == ";":
            self.take()
            return []
        if tok == "{":
            self.take()
            out = []
            while self.peek()[1] != "}":
                if self.peek()[0] == "end":
                    raise _Refuse(self.rest(off), off)
                out.extend(self.statement())
            self.take("}")
            return out
        if tok in ("if", "while"):
            self.take()
            self.take("(")
            cond = self.expr(off, stop=")")
            self.take(")")
            body = self.statement()
            if tok == "while":
                return [("while", off, cond, body)]
            orelse, eoff = None, off
            if self.peek()[1] == "else":
                eoff = self.take()[2]
                orelse = self.statement()
            return [("if", off, cond, body, orelse, eoff)]
        if tok == "return":
            self.take()
            if self.peek()[1] == ";":
                raise _Refuse("return; (a C early exit)", off)
            e = self.expr(off)
            self.take(";")
            return [("return", off, e)]
        if kind == "name" and (tok in _C_TYPES or tok in _C_FLOW_REFUSED):
            raise _Refuse(self.rest(off), off)
        if kind == "name" and self.peek(1)[1] == "(":
            if tok in _REFUSED_CALLS:
                raise _Refuse(_REFUSED_CALLS[tok], off)
            if tok in _IGNORED_CALLS:
                self.skip_statement()
                return []
            raise _Refuse(self.rest(off), off)
        if kind == "name":
            target = self.variable(tok, off, assigned=True)
            self.take()
            op = self.take()[1]
            if op in ("++", "--"):
                self.take(";")
                return [("text", off, "%s = %s %s 1" % (target, target, op[0]))]
            if op == "=":
                e = self.expr(off)
                self.take(";")
                return [("text", off, "%s = %s" % (target, e))]
            if op in ("+=", "-=", "*=", "/="):
                e = self.expr(off)
                self.take(";")
                return [("text", off, "%s = %s %s (%s)" % (target, target, op[0], e))]
        raise _Refuse(self.rest(off), off)

    def skip_statement(self):
        depth = 0
        while True:
            kind, tok, off = self.take()
            if kind == "end":
                raise _Refuse(self.rest(off), off)
            depth += tok == "("
            depth -= tok == ")"
            if tok == ";" and depth == 0:
                return

    # -- tree -> NMODL text
    @staticmethod
    def terminates(stmts):
        """Whether every path through ``stmts`` ends in a return."""
        if not stmts:
            return False
        last = stmts[-1]
        if last[0] == "return":
            return True
        return (last[0] == "if" and last[4] is not None and _CStatements.terminates(last[3])
                and _CStatements.terminates(last[4]))

    def emit(self, stmts, tail):
        """NMODL pieces of ``stmts``; ``tail``: they end the FUNCTION/PROCEDURE, so a
        return may close them (a return anywhere else is refused)."""
        out = []
        for k, st in enumerate(stmts):
            kind, off = st[0], st[1]
            rest = stmts[k + 1:]
            if kind == "text":
                out.append((off, st[2]))
            elif kind == "while":
                out += [(off, "while (%s) {" % st[2])] + self.emit(st[3], False) + [(off, "}")]
            elif kind == "return":
                if not (tail and not rest):
                    raise _Refuse("return other than at the end of the FUNCTION or PROCEDURE", off)
                out += self.closing_return(st)
                return out
            else:
                _, off, cond, then, orelse, eoff = st
                if tail and rest:
                    if self.terminates(then) and orelse is not None and self.terminates(orelse):
                        rest = []                          # the statements after are dead
                    if self.terminates(then):
                        orelse = (orelse or []) + rest
                        rest = None
                    elif orelse is not None and self.terminates(orelse):
                        then = then + rest
                        rest = None
                branch_tail = tail and (rest is None or not rest)
                out += [(off, "if (%s) {" % cond)] + self.emit(then, branch_tail)
                if orelse:
                    out += [(eoff, "} else {")] + self.emit(orelse, branch_tail)
                out.append((eoff, "}"))
                if rest is None:
                    return out
        return out

    def closing_return(self, st):
        _, off, e = st
        owner = self.owner
        if owner is not None and owner.kind == "PROCEDURE":
            if re.fullmatch(r"\(?\s*0(\.0*)?\s*\)?", e):
                return []
            raise _Refuse("return with a value in PROCEDURE %s" % owner.name, off)
        if owner is not None and owner.kind == "FUNCTION":
            return [(off, "%s = %s" % (owner.name, e))]
        raise _Refuse("return outside a FUNCTION or PROCEDURE", off)

    # -- expressions
    def variable(self, name, off, assigned=False):
        if name.startswith("_l") and name[2:] in self.scope:
            return name[2:]
        if assigned and (name not in self.declared or name in ("t", "dt", "celsius")):
            raise _Refuse("assignment to %s" % name, off)
        if name not in self.declared:
            raise _Refuse("%s (not a declared variable; LOCALs and arguments are _l%s)"
                          % (name, name), off)
        return name

    def expr(self, off, stop=";"):
        """NMODL text of the C expression up to ``stop`` at bracket depth 0 (not taken)."""
        parts = []
        depth = 0
        while True:
            kind, tok, toff = self.peek()
            if kind == "end":
                raise _Refuse(self.rest(off), off)
            if depth == 0 and tok == stop:
                break
            if tok == "(":
                depth += 1
            elif tok == ")":
                depth -= 1
            if kind == "num":
                parts.append(re.sub(r"[fFlLuU]+$", "", tok))
            elif kind == "name":
                if tok in _C_TYPES or tok in _C_FLOW_REFUSED:
                    raise _Refuse(self.rest(off), off)
                if self.peek(1)[1] == "(":
                    if tok in _REFUSED_CALLS:
                        raise _Refuse(_REFUSED_CALLS[tok], toff)
                    parts.append(tok)           # a math or file function (the parser checks)
                else:
                    parts.append(self.variable(tok, toff))
            elif kind == "op" and tok in _EXPR_OPS:
                parts.append(tok)
            else:
                raise _Refuse(self.rest(off), off)
            self.take()
        e = " ".join(parts)
        if re.search(r"(?<![\w.])\d+\s*/\s*\d+(?![\w.eE])", e):
            raise _Refuse("%s (a division of two C integer literals truncates; write 1.0/3)"
                          % self.rest(off), off)
        if not parts:
            raise _Refuse(self.rest(off), off)
        return e

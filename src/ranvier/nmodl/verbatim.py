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
  random numbers (as the NMODL calls of those names; not NEURON's streams).

Anything else (pointers, ``_p``/``_ppvar`` layout tricks, ``nrn_random_pick``,
``nrand48``, C helper functions, ``hoc_*`` calls, control flow) raises an
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

    def translate_expr(cexpr, scope, node, text, offset):
        if re.search(r"[?:^%&|\[\]{}\"'#]|->|\+\+|--|\b(int|double|float|long|static|void)\b", cexpr):
            raise _Refuse(cexpr, offset)
        if re.search(r"(?<![\w.])\d+\s*/\s*\d+(?![\w.eE])", cexpr):
            raise _Refuse("%s (a division of two C integer literals truncates; write 1.0/3)"
                          % cexpr.strip(), offset)
        for m in re.finditer(r"\b([A-Za-z_]\w*)\s*\(", cexpr):
            if m.group(1) in _REFUSED_CALLS:
                raise _Refuse(_REFUSED_CALLS[m.group(1)], offset)
        names = []

        def rename(m):
            name = m.group(0)
            if name.startswith("_l") and name[2:] in scope:
                names.append(name[2:])
                return name[2:]
            names.append(name)
            return name
        nm = re.sub(r"\b[A-Za-z_]\w*\b(?!\s*\()", rename, cexpr)
        nm = re.sub(r"(\d)[fFlL]\b", r"\1", nm)
        for n in names:
            if n in scope:
                continue
            if n not in declared:
                raise _Refuse("%s (not a declared variable; LOCALs and arguments are _l%s)"
                              % (n, n), offset)
        try:
            mod = parse("PROCEDURE _verbatim_() { _x_ = %s }\n" % nm, module.filename)
        except NmodlError:
            raise _Refuse(cexpr, offset)
        st = mod.items[0].body[0]
        _set_line(st.expr, _line_of(node, text, offset))
        return st.expr

    def translate(node, scope, owner, last):
        """NMODL statements for VERBATIM ``node`` (a statement of block ``owner``)."""
        text = _strip_comments(node.text)
        out = []
        try:
            stmts = _statements(text)
            for k, (c, off) in enumerate(stmts):
                line = _line_of(node, text, off)
                if c.startswith("#"):
                    if re.match(r"#\s*include\b", c):
                        continue
                    raise _Refuse(c, off)
                body = c[:-1].strip()
                if not body:
                    continue
                if re.fullmatch(r"return\s*\(?\s*0(\.0*)?\s*\)?", body):
                    if owner is not None and owner.kind == "PROCEDURE" and last and k == len(stmts) - 1:
                        continue
                    raise _Refuse("return 0; other than as the last statement of a PROCEDURE", off)
                m = re.fullmatch(r"([A-Za-z_]\w*)\s*\((.*)\)", body, re.S)
                if m and m.group(1) in _IGNORED_CALLS:
                    continue
                if m and m.group(1) in _REFUSED_CALLS:
                    raise _Refuse(_REFUSED_CALLS[m.group(1)], off)
                m = re.fullmatch(r"([A-Za-z_]\w*)\s*=(?!=)\s*(.+)", body, re.S)
                if m:
                    target = m.group(1)
                    if target.startswith("_l") and target[2:] in scope:
                        target = target[2:]
                    elif target not in declared or target in ("t", "dt", "celsius"):
                        raise _Refuse("assignment to %s" % target, off)
                    e = translate_expr(m.group(2), scope, node, text, off)
                    out.append(ast.Assign(ast.Name(target, line=line), e, line=line))
                    continue
                raise _Refuse(body, off)
        except _Refuse as r:
            raise error(node, text, r.offset, r.what)
        return out

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

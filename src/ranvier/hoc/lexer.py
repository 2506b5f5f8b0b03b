"""HOC lexer: turns source lines into tokens, one line at a time.

Tokens are tuples ``(kind, value, line_index, end_col)``:

* kind ``'num'`` (value float), ``'name'`` (value str), ``'str'`` (value str,
  escapes translated), ``'dol'`` (value ``(flavour, n)`` with flavour one of
  ``'' 's' 'o' '&' 'i'``), ``'nl'``, ``'eof'``, or the operator text itself
  (``'+'``, ``'+='``, ``'('`` ...).
* ``line_index`` indexes ``Source.lines``; ``end_col`` is the 0-based column of
  the last character the token consumed (NEURON puts its caret there).

Names are not classified here: the parser asks the symbol table when it
consumes a name, which is what HOC's yylex does (the token type is the
symbol's type at the moment it is read).
"""
import re

__all__ = ["Source", "Lexer", "LexError", "FASTCALL_RE"]


class LexError(Exception):
    def __init__(self, message, line_index, col):
        super().__init__(message)
        self.message = message
        self.line_index = line_index
        self.col = col


_HELP_RE = re.compile(r"[ \t]*help(?![A-Za-z0-9_])")
_TOKEN_RE = re.compile(r"""
 (?P<ws>[ \t]+)
|(?P<num>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]*)?)
|(?P<name>[A-Za-z_][A-Za-z0-9_]*)
|(?P<str>"(?:[^"\\]|\\.)*")
|(?P<lc>//)
|(?P<bc>/\*)
|(?P<dol>\$(?:[so&]?[0-9]+|i))
|(?P<op>\+=|-=|\*=|/=|==|!=|<=|>=|&&|\|\||[-+*/%^=<>!()\[\]{},.:&;])
|(?P<bs>\\)
""", re.VERBOSE)

_AFTER_NUM_BAD = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.")

_ESC = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_ESC_RE = re.compile(r"\\(.)", re.S)

# A whole line that is just `name(number, number, ...)` (optionally with a
# trailing // comment): the common shape of huge morphology files.
_NUM = r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
FASTCALL_RE = re.compile(
    r"[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*\([ \t]*((?:%s)(?:[ \t]*,[ \t]*(?:%s))*)?[ \t]*\)[ \t]*(?://.*)?$"
    % (_NUM, _NUM))


def _unescape(body):
    if "\\" not in body:
        return body
    return _ESC_RE.sub(lambda m: _ESC.get(m.group(1), m.group(1)), body)


class Source:
    """The text being run: its name and its lines (without line breaks)."""

    def __init__(self, text, filename="<string>", first_line=1):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        k = text.find("\x1a")
        if k >= 0:                  # ^Z (old DOS files): the end of the text, as in NEURON
            text = text[:k]
        if text.endswith("\n"):
            text = text[:-1]
        self.lines = text.split("\n") if text else []
        self.filename = filename
        self.first_line = first_line


class Lexer:
    """Produces tokens lazily, line by line, from a Source."""

    def __init__(self, source):
        self.src = source
        self.lines = source.lines
        self.li = 0               # next line to read
        self.buf = []             # pending tokens
        self.pos = 0
        self.in_comment = False   # inside /* */
        self.last_line = 0        # last line index read

    def _lex_line(self):
        """Tokenize the next source line (following continuations) into buf."""
        lines = self.lines
        if self.li >= len(lines):
            # EOF: a comment still open is simply ended
            self.buf = [("eof", None, max(0, len(lines) - 1), len(lines[-1]) if lines else 0)]
            self.pos = 0
            return
        out = []
        while True:
            li = self.li
            line = lines[li]
            self.li += 1
            self.last_line = li
            i = 0
            n = len(line)
            cont = False
            if self.in_comment:
                j = line.find("*/")
                if j < 0:
                    if self.li >= len(lines):
                        break
                    continue
                i = j + 2
                self.in_comment = False
            fast = None
            if not out and i == 0 and "(" in line:
                m = FASTCALL_RE.match(line)
                if m is not None:
                    args = m.group(2)
                    try:
                        vals = tuple(float(a) for a in args.split(",")) if args else ()
                    except ValueError:
                        vals = None
                    if vals is not None:
                        fast = ("fast", (m.group(1), vals), li, n)
            if fast is not None:
                out.append(fast)
                out.append(("nl", None, li, n))
                self.buf = out
                self.pos = 0
                return
            if not out and _HELP_RE.match(line, i):
                # `help anything`: NEURON reads the rest of the line raw and ignores it
                # (old files have `help ?0`, which is no HOC token)
                out.append(("name", "help", li, n))
                out.append(("nl", None, li, n))
                break
            match = _TOKEN_RE.match
            while i < n:
                m = match(line, i)
                if m is None:
                    if line[i] == '"':
                        raise LexError("missing quote ", li, n)
                    raise LexError("syntax error", li, i)
                kind = m.lastgroup
                j = m.end()
                if kind == "ws":
                    pass
                elif kind == "name":
                    out.append(("name", m.group(), li, j - 1))
                elif kind == "num":
                    if j < n and line[j] in _AFTER_NUM_BAD:
                        raise LexError("syntax error", li, j)
                    txt = m.group()
                    out.append(("num", _parse_num(txt), li, j - 1))
                elif kind == "op":
                    out.append((m.group(), None, li, j - 1))
                elif kind == "str":
                    out.append(("str", _unescape(m.group()[1:-1]), li, j - 1))
                elif kind == "dol":
                    t = m.group()[1:]
                    if t == "i":
                        out.append(("dol", ("i", 0), li, j - 1))
                    elif t[0] in "so&":
                        out.append(("dol", (t[0], int(t[1:])), li, j - 1))
                    else:
                        out.append(("dol", ("", int(t)), li, j - 1))
                elif kind == "lc":
                    j = n
                elif kind == "bc":
                    k = line.find("*/", j)
                    if k < 0:
                        self.in_comment = True
                        j = n
                    else:
                        j = k + 2
                elif kind == "bs":
                    if j == n:
                        cont = True
                    else:
                        raise LexError("syntax error", li, i)
                i = j
            if self.in_comment:
                # the rest of the comment is on later lines; the newline of
                # this line still ends the statement (NEURON reads line-wise)
                out.append(("nl", None, li, n))
                break
            if cont and self.li < len(lines):
                continue
            out.append(("nl", None, li, n))
            break
        if not out:
            self.buf = [("eof", None, max(0, len(lines) - 1), 0)]
        else:
            self.buf = out
        self.pos = 0

    def next(self):
        if self.pos >= len(self.buf):
            if self.buf and self.buf[-1][0] == "eof":
                return self.buf[-1]
            self._lex_line()
        tok = self.buf[self.pos]
        self.pos += 1
        return tok

    def expand_fast(self, tok):
        """Re-lex a line that was turned into a 'fast' token into ordinary tokens,
        which are returned (the pending newline token stays in the buffer)."""
        li = tok[2]
        line = self.lines[li]
        toks = []
        i = 0
        n = len(line)
        match = _TOKEN_RE.match
        while i < n:
            m = match(line, i)
            kind = m.lastgroup
            j = m.end()
            if kind == "name":
                toks.append(("name", m.group(), li, j - 1))
            elif kind == "num":
                toks.append(("num", _parse_num(m.group()), li, j - 1))
            elif kind == "op":
                toks.append((m.group(), None, li, j - 1))
            elif kind == "lc":
                break
            i = j
        return toks


def _parse_num(txt):
    try:
        return float(txt)
    except ValueError:
        # '1e', '1e+': C's %lf stops before the incomplete exponent
        k = txt.lower().index("e")
        return float(txt[:k])

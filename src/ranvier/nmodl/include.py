"""``INCLUDE "file"``: the included file's top-level items replace the statement.

nocmodl (``io.cpp`` ``include_open``, NMODL.md section 1) looks for the file as
given (an absolute path), then in the including file's folder, the current
folder, ``../``, and finally each folder of ``$MODL_INCLUDE`` (``:``-separated).
A file that cannot be found is an NmodlError at the INCLUDE line; an error inside
an included file names that file and its line.  Includes may nest; a file that
includes itself (directly or not) is an error.
"""
import os
import re

from ranvier.core.errors import NmodlError

from . import ast

_INCLUDE_RE = re.compile(r'^[ \t]*INCLUDE[ \t]+"([^"\n]*)"', re.M)
_BLANK_RE = re.compile(r"\bCOMMENT\b[\s\S]*?\bENDCOMMENT\b|\bVERBATIM\b[\s\S]*?\bENDVERBATIM\b|:[^\n]*")


def search_path(name, including):
    """The folders searched for INCLUDE ``name`` from file ``including``, in order."""
    dirs = []
    if including and not including.startswith("<"):
        dirs.append(os.path.dirname(os.path.abspath(including)))
    dirs.append(os.getcwd())
    dirs.append(os.path.abspath(os.pardir))
    dirs.extend(d for d in os.environ.get("MODL_INCLUDE", "").split(":") if d)
    return dirs


def resolve(name, including):
    """The path of INCLUDE ``name`` seen from file ``including``, or None."""
    if os.path.isabs(name):
        return name if os.path.isfile(name) else None
    for d in search_path(name, including):
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return os.path.abspath(p)
    return None


def key_text(text, filename, _seen=None):
    """The texts of the files ``text`` includes (recursively), for the cache key: an
    edited include file must invalidate the compiled mechanism."""
    _seen = set() if _seen is None else _seen
    out = []
    for m in _INCLUDE_RE.finditer(_BLANK_RE.sub("", text)):
        p = resolve(m.group(1), filename)
        if p is None or p in _seen:
            out.append("\0INCLUDE %s missing" % m.group(1))
            continue
        _seen.add(p)
        try:
            with open(p) as f:
                inc = f.read()
        except (OSError, UnicodeDecodeError):
            continue
        out.append("\0INCLUDE %s\0%s" % (p, inc))
        out.append(key_text(inc, p, _seen))
    return "".join(out)


def expand(module, text, filename, _stack=()):
    """``module`` with every INCLUDE replaced by the included file's items."""
    from .parser import parse       # deliberately lazy, as in mechanism._compile
    if not any(isinstance(it, ast.Include) for it in module.items):
        return module
    lines = text.splitlines()
    items = []
    for it in module.items:
        if not isinstance(it, ast.Include):
            items.append(it)
            continue
        src = lines[it.line - 1] if 0 < it.line <= len(lines) else None
        path = resolve(it.path, filename)
        if path is None:
            raise NmodlError('cannot find INCLUDE file "%s" (looked in: %s)'
                             % (it.path, ", ".join(search_path(it.path, filename))),
                             filename, it.line, None, src)
        if path in _stack or (filename and os.path.abspath(filename) == path):
            raise NmodlError('INCLUDE "%s" includes itself' % it.path, filename, it.line, None, src)
        try:
            with open(path) as f:
                inc_text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            raise NmodlError('cannot read INCLUDE file "%s": %s' % (it.path, e),
                             filename, it.line, None, src) from None
        inc = parse(inc_text, path)
        inc = expand(inc, inc_text, path, _stack + (os.path.abspath(filename or ""), path))
        items.extend(inc.items)
    module.items = items
    return module

"""The HOC interpreter: symbol tables, execution of top-level items, objects,
templates, sections glue, and the Python-facing API."""
import builtins as py_builtins
import inspect
import os
import re
import sys

from ..core.errors import HocError
from ..core.hocobject import HocObject
from . import builtins as hoc_builtins
from . import objects as hoc_objects
from . import host as _host
from . import nodes as N
from . import paths
from .fmt import g8
from .lexer import Source, Lexer, LexError
from .parser import Parser, SyntaxErr
from .runtime import (
    Sym, HocArray, ObjArray, SecArray, Frame, HocRuntimeError, BreakEx, ContinueEx,
    ReturnEx, StopEx, IterBreak, HocRef, HocArrayRef, HocPointer, HocInstance, TemplateDef,
)
from .specs import CONSTANTS

# NEURON's standard library files: the host provides them (host.load_std_library)
STD_LIBS = ("stdrun.hoc", "nrngui.hoc", "noload.hoc", "stdlib.hoc", "stdgui.hoc", "import3d.hoc",
            "electrod.hoc", "subiter.hoc")


class _Proto:
    """Stands in for `this` while a template body runs at definition time."""

    def __init__(self, tdef):
        self._vals = tdef.proto
        self._tdef = tdef


class _SecProto:
    """A `create` seen while a template was being defined: its dims.  A section
    statement on it in the template body (`soma { nseg = 1 }`) does nothing, as in
    NEURON: no object, hence no section, exists yet."""
    __slots__ = ("dims",)
    definition_only = True

    def __init__(self, dims):
        self.dims = dims


class ArrayView:
    """Python view of a HOC double/objref/section array: a[i] (a[i][j])."""

    def __init__(self, arr, name, prefix=()):
        self._arr = arr
        self._name = name
        self._prefix = prefix

    def __len__(self):
        return self._arr.dims[len(self._prefix)]

    def _flat(self, i):
        idx = self._prefix + (i,)
        if len(idx) < len(self._arr.dims):
            return None, idx
        k = 0
        for n, j in zip(self._arr.dims, idx):
            if j < 0:
                j += n
            if not 0 <= j < n:
                raise IndexError("index %d out of range for %s" % (i, self._name))
            k = k * n + j
        return k, idx

    def __getitem__(self, i):
        k, idx = self._flat(int(i))
        if k is None:
            return ArrayView(self._arr, self._name, prefix=idx)
        return self._arr.data[k]

    def __setitem__(self, i, v):
        k, idx = self._flat(int(i))
        if k is None:
            raise TypeError("%s needs more subscripts" % self._name)
        if isinstance(self._arr, HocArray):
            v = float(v)
        self._arr.data[k] = v

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    def __repr__(self):
        return "%s%r" % (self._name, list(self))


class PythonMain(HocObject):
    """`new PythonObject()`: attribute access reaches Python's __main__."""
    _hoc_name = "PythonObject"

    def __init__(self, *args, **kw):
        self._hoc_register()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        main = sys.modules.get("__main__")
        if main is not None and hasattr(main, name):
            return getattr(main, name)
        if hasattr(py_builtins, name):
            return getattr(py_builtins, name)
        raise AttributeError("'%s' not found in __main__" % name)

    def __setattr__(self, name, value):
        if name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        setattr(sys.modules["__main__"], name, value)


class Interpreter:
    prog = "NEURON"

    def __init__(self):
        self.top_syms = {}
        self.top_vals = {}
        self.bvals = dict(CONSTANTS)
        N.I = self
        N.TOP = self.top_vals
        N.BV = self.bvals
        self.cur_template = None
        self.templates = {}
        self.top_frame = Frame()
        self.loaded = set()
        self.exec_depth = 0
        self.call_depth = 0
        self.tmp_depth = 0
        self.extra_push = 0
        self.stopwatch_start = None     # startsw()'s time, for stopsw()
        self.cur_lexer = None
        self.cur_file_stack = []
        self.ropen_file = None
        self.wopen_file = None
        self.classes = {"PythonObject": PythonMain}
        self.builtins = {}               # name -> BSpec (specs.py)
        self.soft_builtins = {}          # BSpecs that the host's names take precedence over
        self.fallback_functions = {}     # Python callables used when the host has none
        self.default_classes = {}        # classes used when the host has none
        hoc_builtins.install(self)
        self._bsym_cache = {}

    # ------------------------------------------------------------------ output
    def write(self, s):
        sys.stdout.write(s)

    def objname(self, o):
        if o is None:
            return "NULLobject"
        f = getattr(o, "hname", None)
        if f is not None and callable(f):
            try:
                return f()
            except Exception:
                pass
        if _host.HOST.is_section(o):
            return _host.HOST.section_name(o)
        return "PythonObject[0]"

    def echo(self, v, node):
        c = v.__class__
        if c is float:
            self.write("\t%s \n" % g8(v))
        elif isinstance(v, str):
            if isinstance(node, N.Member):
                self.write("\t%s \n" % v)
            else:
                self.write(v + "\n")
        elif v is None:
            if node.t == "o" or (isinstance(node, N.CallHost)
                                 and getattr(_host.HOST, "returns_object", lambda n: False)(node.name)):
                self.write("\tNULLobject \n")
            else:
                self.write("\t0 \n")
        else:
            v = N.pyval(v)
            if isinstance(v, float):
                self.write("\t%s \n" % g8(v))
            else:
                self.write("\t%s \n" % self.objname(v))

    # ------------------------------------------------------------------ symbols
    def builtin_sym(self, name):
        s = self._bsym_cache.get(name)
        if s is not None:
            return s
        if name in self.builtins:
            s = Sym(name, "bfunc", "builtin", extra=self.builtins[name])
            self._bsym_cache[name] = s
            return s
        if name in self.bvals:
            s = Sym(name, "bvar", "builtin")
            self._bsym_cache[name] = s
            return s
        if name in self.classes:
            return Sym(name, "class", "builtin")
        H = _host.HOST
        if name in _host.SECTION_PROPS:
            return Sym(name, "secprop", "builtin")
        if H.has_var(name):
            return Sym(name, "hvar", "builtin")
        if H.is_range_name(name):
            return Sym(name, "rangevar", "builtin")
        if H.function(name) is not None:
            return Sym(name, "hfunc", "builtin")
        if name in H.classes():
            return Sym(name, "class", "builtin")
        if name in self.default_classes:
            return Sym(name, "class", "builtin")
        if name in self.soft_builtins:
            return Sym(name, "bfunc", "builtin", extra=self.soft_builtins[name])
        if name in self.fallback_functions:
            return Sym(name, "hfunc", "builtin")
        return None

    def host_is_mechanism(self, name):
        try:
            return _host.HOST.is_mechanism(name)
        except Exception:
            return True

    def warning(self, msg):
        """A NEURON warning report (stderr), located at the current line."""
        sys.stdout.flush()
        lex = self.cur_lexer
        if lex is None:
            sys.stderr.write("%s: %s\n" % (self.prog, msg))
            return
        lineno, col, line = self._location(lex)
        fname = lex.src.filename
        if fname.startswith("<") and self.cur_file_stack:
            fname = self.cur_file_stack[-1] or fname
        sys.stderr.write(self._report(msg, fname, lineno, col, line, ()))

    def host_is_proc(self, name):
        try:
            return _host.HOST.is_proc(name)
        except Exception:
            return False

    def host_overridable(self, name):
        try:
            return _host.HOST.overridable(name)
        except Exception:
            return False

    def definition_error(self, msg, tok):
        return SyntaxErr(tok, msg)

    def lookup_runtime(self, name, fr):
        if fr.obj is not None and hasattr(fr.obj, "_tdef"):
            s = type(fr.obj)._tdef.syms.get(name) if isinstance(fr.obj, HocInstance) else fr.obj._tdef.syms.get(name)
            if s is not None:
                return s
        return self.top_syms.get(name)

    # ------------------------------------------------------------------ running
    def _location(self, lexer, tok=None):
        src = lexer.src
        if tok is not None and tok[0] == "eof":
            li = max(0, len(src.lines) - 1)
            return li + src.first_line, 0, None
        if tok is not None:
            li, col = tok[2], tok[3]
        else:
            li = lexer.last_line
            col = len(src.lines[li]) if li < len(src.lines) else 0
        line = src.lines[li] if li < len(src.lines) else ""
        return li + src.first_line, col + 1, line

    def _hoc_error(self, msg, lexer, tok=None, frames=()):
        lineno, col, line = self._location(lexer, tok)
        fname = lexer.src.filename
        if fname.startswith("<") and self.cur_file_stack:
            fname = self.cur_file_stack[-1] or fname
        e = HocError(msg, fname, lineno, col, line if line is not None else "")
        e.frames = list(frames)
        e.report = self._report(msg, fname, lineno, col, line, frames)
        return e

    def _report(self, msg, filename, lineno, col, line, frames):
        out = ["%s: %s\n" % (self.prog, msg)]
        if filename and not filename.startswith("<"):
            out.append(" in %s near line %d\n" % (filename, lineno))
        else:
            out.append(" near line %d\n" % lineno)
        if line is None:
            out.append(" ^\n")
        else:
            out.append(" %s\n" % line)
            out.append(" " * col + "^\n")
        for k, f in enumerate(frames):
            if k >= 4:
                out.append("and others\n")
                break
            out.append(" " * (8 - 2 * k) + f + "\n")
        return "".join(out)

    def run_source(self, src, frame=None, template=None):
        """Parse and run `src` item by item.  Raises HocError."""
        lexer = Lexer(src)
        parser = Parser(self, lexer)
        fr = frame or self.top_frame
        saved_lexer = self.cur_lexer
        saved_tmpl = self.cur_template
        outer = self.cur_lexer
        pushed_file = False
        if outer is not None and not outer.src.filename.startswith("<") and src.filename.startswith("<"):
            self.cur_file_stack.append(outer.src.filename)
            pushed_file = True
        elif not src.filename.startswith("<"):
            self.cur_file_stack.append(None)
            pushed_file = True
        if template is not None:
            self.cur_template = template
        self.cur_lexer = lexer
        self.exec_depth += 1
        try:
            while True:
                st = self._parse_item(parser, lexer)
                if st is None:
                    break
                if isinstance(st, N.DefineStmt):
                    continue
                run_fr = fr
                if self.cur_template is not None and template is None:
                    run_fr = Frame(obj=_Proto(self.cur_template))
                try:
                    st.run(run_fr)
                except StopEx:
                    pass
                except (BreakEx, ContinueEx):
                    pass
                except IterBreak:
                    pass
                except ReturnEx:
                    raise self._hoc_error("return used outside definition", lexer) from None
                except HocRuntimeError as e:
                    raise self._hoc_error(e.message, lexer, None, e.frames) from None
                except HocError:
                    raise
                except (SystemExit, KeyboardInterrupt):
                    raise
                except RecursionError:
                    raise self._hoc_error("call nested too deeply", lexer) from None
                except Exception as e:
                    raise self._hoc_error("%s: %s" % (type(e).__name__, e), lexer) from e
                finally:
                    if self.exec_depth == 1:
                        self._end_statement()
        finally:
            if pushed_file:
                self.cur_file_stack.pop()
            self.exec_depth -= 1
            self.cur_lexer = saved_lexer
            if template is not None:
                self.cur_template = saved_tmpl
        return 1

    def _end_statement(self):
        H = _host.HOST
        while self.extra_push > 0:
            self.extra_push -= 1
            try:
                H.pop_section()
            except Exception:
                break
        self.tmp_depth = 0

    # ------------------------------------------------------------------ calls
    def call_defn(self, sym, args, refs, obj, iter_body=None):
        d = sym.defn
        if d is None or sym.kind not in ("proc", "func", "obfunc", "iter"):
            N.err("%s undefined function" % sym.name)
        fr = Frame(obj if d.template is not None else None, args, refs,
                   d.new_locals() if d.nlocals else None, d)
        fr.iter_body = iter_body
        self.call_depth += 1
        try:
            if self.call_depth > 400:
                N.err("%s: call nested too deeply" % d.name)
            try:
                d.body.run(fr)
            except ReturnEx as r:
                if r.has_value:
                    if d.kind in ("proc", "iter"):
                        N.err("%s (proc or iterator) returns value" % d.name)
                    v = r.value
                    if d.kind == "func":
                        return N.num(v)
                    if isinstance(v, (float, str)):
                        N.err("%s (obfunc) must return an object" % d.name)
                    return v
                if d.kind == "func":
                    N.err("%s (func) returns no value" % d.name)
                if d.kind == "obfunc":
                    N.err("%s (obfunc) returns no value" % d.name)
                return 0.0
            if d.kind == "func":
                N.err("%s (func) returns no value" % d.name)
            if d.kind == "obfunc":
                N.err("%s (obfunc) returns no value" % d.name)
            return 0.0
        except HocRuntimeError as e:
            e.frames.append(self._frame_desc(d.name, args))
            raise
        finally:
            self.call_depth -= 1

    def _frame_desc(self, name, args):
        parts = []
        for a in args:
            if isinstance(a, float):
                parts.append("%g" % a)
            elif isinstance(a, str):
                parts.append('"%s"' % (a if len(a) <= 15 else a[:10] + "..."))
            elif isinstance(a, (HocPointer, HocRef)):
                parts.append("...")
            else:
                parts.append(self.objname(a))
        return "%s(%s)" % (name, ", ".join(parts))

    def call_python(self, f, args, host=False):
        kw = {}
        H = _host.HOST
        if host and H.wants_sec(f):
            try:
                kw["sec"] = H.cas()
            except Exception:
                pass
        try:
            return N.pyval(f(*args, **kw))
        except HocRuntimeError:
            raise
        except HocError as e:
            N.err(e.message)
        except (SystemExit, KeyboardInterrupt):
            raise
        except Exception as e:
            N.host_err(e)

    def new_object(self, name, sym, argnodes, fr):
        if sym is None or sym.kind not in ("template", "class"):
            s = self.top_syms.get(name)
            if s is not None and s.kind == "template":
                sym = s
            else:
                bs = self.builtin_sym(name)
                if bs is None or bs.kind != "class":
                    N.err("%s is not a template" % name)
                sym = bs
        if sym.kind == "template":
            args = [a.ev(fr) for a in argnodes]
            tdef = sym.defn
            return tdef.cls(*args)
        cls = self.classes.get(name) or _host.HOST.classes().get(name) or self.default_classes.get(name)
        if cls is None:
            N.err("%s is not a template" % name)
        args = N.py_args(argnodes, fr)
        return self.call_python(cls, args, host=True)

    # ------------------------------------------------------------------ templates
    def begin_template(self, name, tok):
        if self.cur_template is not None:
            raise SyntaxErr(tok, "begintemplate inside a template")
        s = self.top_syms.get(name)
        if s is not None and s.kind == "template":
            raise SyntaxErr(tok, "%s : a template cannot be redefined" % name)
        if s is not None and s.kind != "undef" or self.builtin_sym(name) is not None:
            raise SyntaxErr(tok, "%s already defined" % name)
        tdef = TemplateDef(name)
        self.cur_template = tdef

    def end_template(self, name, tok):
        tdef = self.cur_template
        if tdef is None or tdef.name != name:
            raise SyntaxErr(tok, "%s - end template mismatched with begin" % name)
        self.cur_template = None
        cls = type(name, (HocInstance,), {"_hoc_name": name, "_tdef": tdef, "_interp": self})
        tdef.cls = cls
        self.templates[name] = tdef
        s = self.top_syms.get(name)
        if s is None:
            s = Sym(name, "template", "top")
            self.top_syms[name] = s
        s.kind = "template"
        s.defn = tdef

    def template_names(self, which, names, tok):
        tdef = self.cur_template
        if tdef is None:
            raise SyntaxErr(tok, "%s outside a template" % which)
        for n in names:
            if which == "public":
                if n not in tdef.publics:
                    tdef.publics.append(n)
            else:
                s = self.top_syms.get(n)
                if s is None or s.kind == "undef":
                    if self.builtin_sym(n) is not None:
                        # run, addplot, ...: stdrun.hoc's procs, which ranvier's library
                        # provides; the template finds them as built-ins
                        continue
                    raise SyntaxErr(tok, "%s not declared at the top level" % n)
                tdef.syms[n] = s

    def _construct(self, inst, args, sec=None):
        tdef = type(inst)._tdef
        inst._hoc_register()
        vals = inst._vals
        for name, s in tdef.syms.items():
            if s.scope != "obj":
                continue
            k = s.kind
            pv = tdef.proto.get(name)
            if k == "var":
                vals[name] = HocArray(pv.dims) if isinstance(pv, HocArray) else 0.0
            elif k == "str":
                vals[name] = ""
            elif k == "obj":
                if name == "this":
                    continue
                vals[name] = ObjArray(pv.dims) if isinstance(pv, ObjArray) else None
            elif k == "sec":
                if isinstance(pv, _SecProto):
                    vals[name] = self._make_sections(name, pv.dims, inst)
        init = tdef.syms.get("init")
        if init is not None and init.kind == "proc" and init.defn is not None and init.scope == "obj":
            args = [self.py2hoc(a) for a in args]
            H = _host.HOST
            pushed = False
            if sec is not None:
                H.push_section(sec)
                pushed = True
            try:
                self.call_defn(init, args, None, inst)
            except HocRuntimeError as e:
                if self.exec_depth == 0:
                    raise HocError(e.message) from None
                raise
            finally:
                if pushed:
                    H.pop_section()

    def _destroy(self, inst):
        vals = inst.__dict__.get("_vals")
        if not vals:
            return
        H = _host.HOST
        for v in list(vals.values()):
            if v.__class__ is SecArray:
                for s in v.data:
                    H.delete_section(s)
            elif H.is_section(v):
                H.delete_section(v)

    # ------------------------------------------------------------------ declarations
    def declare(self, kind, items, scope, fr):
        if scope == "top":
            store = self.top_vals
            syms = self.top_syms
            owner = None
        else:
            obj = fr.obj
            store = obj._vals
            syms = obj._tdef.syms if not isinstance(obj, HocInstance) else type(obj)._tdef.syms
            owner = obj if isinstance(obj, HocInstance) else None
        for name, dims in items:
            idims = []
            for d in dims:
                n = int(d + 1e-11) if d >= 0 else -1
                if n <= 0:
                    N.err("subscript out of range %s" % name)
                idims.append(n)
            s = syms.get(name)
            if s is None:
                if kind == "create" and owner is not None:
                    N.err("First time declaration of Section %s in %s must happen at command "
                          "level (not in method)" % (name, self.objname(owner)))
                s = Sym(name, "undef", scope)
                syms[name] = s
            if kind == "double":
                if s.kind not in ("undef", "var"):
                    N.err("%s  already declared" % name)
                s.kind = "var"
                store[name] = HocArray(idims) if idims else 0.0
            elif kind == "strdef":
                s.kind = "str"
                store[name] = ""
            elif kind == "objref":
                if s.kind in ("var", "str", "sec"):
                    N.err("%s  already declared" % name)
                if s.kind in ("proc", "func", "obfunc", "iter", "template"):
                    N.err("%s already defined" % name)
                s.kind = "obj"
                if name == "this" and scope == "obj":
                    continue
                store[name] = ObjArray(idims) if idims else None
            elif kind == "create":
                if s.kind in ("var", "str", "obj"):
                    N.err("%s  already declared" % name)
                if s.kind in ("proc", "func", "obfunc", "iter", "template"):
                    N.err("%s already defined" % name)
                s.kind = "sec"
                old = store.get(name)
                if old is not None and not isinstance(old, _SecProto):
                    self._delete_secs(old)
                if scope == "obj" and owner is None:
                    store[name] = _SecProto(idims)
                else:
                    store[name] = self._make_sections(name, idims, owner)
                    if owner is not None:
                        # NEURON: the instances share the template's array sizes, so a
                        # `create` run in one (execute(..., obj), Import3d) sizes the
                        # arrays of the instances made after it
                        type(owner)._tdef.proto[name] = _SecProto(idims)

    def _delete_secs(self, v):
        H = _host.HOST
        if isinstance(v, SecArray):
            for s in v.data:
                H.delete_section(s)
        elif v is not None:
            H.delete_section(v)

    def _make_sections(self, name, dims, owner):
        H = _host.HOST
        prefix = ""
        try:
            if not dims:
                return H.new_section(prefix + name, owner)
            total = 1
            for d in dims:
                total *= d
            data = []
            for k in range(total):
                idx = []
                r = k
                for d in reversed(dims):
                    idx.append(r % d)
                    r //= d
                nm = prefix + name + "".join("[%d]" % i for i in reversed(idx))
                data.append(H.new_section(nm, owner))
            return SecArray(dims, data)
        except HocRuntimeError:
            raise
        except Exception as e:
            N.host_err(e)

    # ------------------------------------------------------------------ sections
    def with_section(self, sec, body, fr):
        H = _host.HOST
        try:
            H.push_section(sec)
        except Exception as e:
            N.host_err(e)
        self.tmp_depth += 1
        try:
            body.run(fr)
        finally:
            self.tmp_depth -= 1
            H.pop_section()

    def access(self, sec):
        H = _host.HOST
        if self.tmp_depth > 0:
            H.pop_section()
            H.push_section(sec)
            return
        try:
            H.access(sec)
        except _host.HostError:
            H.push_section(sec)
        except Exception as e:
            N.host_err(e)

    def connect(self, child, x0, parent, x1):
        if not (x0 == 0 or x0 == 1):
            N.err("%s  must connect at position 0 or 1" % _host.HOST.section_name(child))
        if x1 < 0 or x1 > 1:
            N.err("range variable domain is 0<=x<=1")
        try:
            _host.HOST.connect(child, x0, parent, x1)
        except HocRuntimeError:
            raise
        except Exception as e:
            N.host_err(e)

    def all_sections(self, fr):
        obj = fr.obj if fr is not None else None
        if isinstance(obj, HocInstance):
            out = []
            for v in obj._vals.values():
                if isinstance(v, SecArray):
                    out.extend(v.data)
                elif _host.HOST.is_section(v):
                    out.append(v)
            allsec = _host.HOST.allsec()
            order = {id(s): k for k, s in enumerate(allsec)}
            out = [s for s in out if id(s) in order]
            out.sort(key=lambda s: order[id(s)])
            return out
        return _host.HOST.allsec()

    def forsecs(self, secs, body, fr):
        H = _host.HOST
        for s in secs:
            H.push_section(s)
            self.tmp_depth += 1
            try:
                body.run(fr)
            except BreakEx:
                return
            except ContinueEx:
                pass
            finally:
                self.tmp_depth -= 1
                H.pop_section()

    @staticmethod
    def _sec_regex(pat):
        pat = pat.replace("[", "\\[").replace("]", "\\]").replace("<", "[").replace(">", "]")
        return pat

    def sec_matches(self, sec, w, fr):
        if isinstance(w, str):
            name = _host.HOST.section_name(sec)
            try:
                return re.fullmatch(".*" + self._sec_regex(w) + ".*", name, re.S) is not None
            except re.error:
                N.err("bad regular expression %s" % w)
        return any(s is sec for s in self.section_list(w))

    def section_list(self, w):
        """The sections of forsec's/ifsec's object, with NEURON's error for another kind
        of object (a Vector is iterable, but not a SectionList)."""
        if w is None:
            N.err("nullptr object is not a SectionList")
        if isinstance(w, HocObject):
            kind = w._template_name()
        else:
            tdef = getattr(type(w), "_tdef", None)      # an instance of a HOC template
            kind = tdef.name if tdef is not None else None
        if kind is not None and kind != "SectionList":
            N.err("%s  is not a SectionList" % kind)
        try:
            return list(w)
        except TypeError:
            N.err("forsec: not a SectionList")

    # ------------------------------------------------------------------ members
    def _inst_sym(self, o, name, fr):
        tdef = type(o)._tdef
        s = tdef.syms.get(name)
        if name not in tdef.publics and not (fr is not None and fr.obj is o):
            sys.stderr.write("'%s' not a public member of '%s'\n" % (name, tdef.name))
            N.err("'%s' not a public member of '%s'" % (name, tdef.name))
        if s is None or s.kind == "undef":
            N.err("%s: can't push that type onto stack" % name)
        return s

    def member_get(self, o, name, idx, args, fr):
        if o is None:
            N.err("nil object: %s" % name)
        if hoc_objects.ANY_ALIAS:          # StringFunctions.alias made one
            found, target = hoc_objects.alias_lookup(o, name)
            if found:
                return target if isinstance(target, HocObject) else N.num(N.pyval(target[0]))
        if isinstance(o, HocInstance):
            s = self._inst_sym(o, name, fr)
            k = s.kind
            if k in ("proc", "func", "obfunc", "iter"):
                if args is None:
                    N.err("%s: missing arguments" % name)
                a = [x.ev(fr) for x in args]
                return self.call_defn(s, a, N.arg_refs(args, fr), o)
            vals = self.top_vals if s.scope == "top" else o._vals
            v = vals.get(name)
            if isinstance(v, (HocArray, ObjArray, SecArray)):
                ii = [N.num(e.ev(fr)) for e in idx] if idx else [0.0] * len(v.dims)
                v = v.data[N.flat_index(v, ii, name)]
            elif idx:
                N.err("%s not an array variable" % name)
            if args is not None:
                if _host.HOST.is_section(v):
                    return self.section_member_call(v, name, args, fr)
                N.err("%s not a function" % name)
            return v
        H = _host.HOST
        if H.is_section(o):
            return self.section_member(o, name, idx, args, fr)
        try:
            a = getattr(o, name)
        except AttributeError:
            N.err("%s not a public member of %s" % (name, self.objname(o)))
        except HocRuntimeError:
            raise
        except Exception as e:
            N.host_err(e)
        try:
            if idx:
                for e in idx:
                    a = a[int(N.num(e.ev(fr)) + 1e-11)]
            if args is not None:
                pargs = N.py_args(args, fr)
                byref = getattr(getattr(a, "__func__", None), "_hoc_objref_args", None)  # mt.make(objref)
                if byref:
                    pargs = [_ObjRefCell(n, fr) if k in byref and getattr(n, "t", None) == "o"
                             and getattr(n, "lvalue", False) else v
                             for k, (n, v) in enumerate(zip(args, pargs))]
                return self.call_python(a, pargs)
            if isinstance(o, HocObject) and inspect.ismethod(a):
                return self.call_python(a, [])   # HOC calls a built-in method named without `()`: `v.size`
        except HocRuntimeError:
            raise
        except Exception as e:
            N.host_err(e)
        return N.pyval(a)

    def section_member(self, sec, name, idx, args, fr):
        H = _host.HOST
        try:
            if args is not None:
                if not H.is_range_name(name) and name in _host.SECTION_PROPS:
                    N.err("%s undefined function" % name)
                if H.is_range_name(name):
                    x = N._check_x(N.num(args[0].ev(fr))) if args else 0.5
                    return N.num(N.pyval(_range_element(H.seg_get(sec, x, name), idx, fr)))
                f = getattr(sec, name)
                return self.call_python(f, N.py_args(args, fr))
            if name in _host.SECTION_PROPS:
                return N.num(N.pyval(H.sec_get(sec, name)))
            if H.is_range_name(name):
                return N.num(N.pyval(_range_element(H.seg_get(sec, 0.5, name), idx, fr)))
            v = getattr(sec, name)
            if idx:
                for e in idx:
                    v = v[int(N.num(e.ev(fr)) + 1e-11)]
            return N.pyval(v)
        except HocRuntimeError:
            raise
        except Exception as e:
            N.host_err(e)

    def section_member_call(self, sec, name, args, fr):
        N.err("%s: section is not a function" % name)

    def member_set(self, o, name, idx, args, fr, value):
        if o is None:
            N.err("nil object: %s" % name)
        if hoc_objects.ANY_ALIAS:          # StringFunctions.alias made one
            found, target = hoc_objects.alias_lookup(o, name)
            if found and not isinstance(target, HocObject):
                target[0] = N.num(value)
                return
        if isinstance(o, HocInstance):
            s = self._inst_sym(o, name, fr)
            k = s.kind
            vals = self.top_vals if s.scope == "top" else o._vals
            v = vals.get(name)
            if k == "var":
                value = N.num(value)
                if isinstance(v, HocArray):
                    ii = [N.num(e.ev(fr)) for e in idx] if idx else [0.0] * len(v.dims)
                    v.data[N.flat_index(v, ii, name)] = value
                else:
                    if idx:
                        N.err("%s not an array variable" % name)
                    vals[name] = value
            elif k == "str":
                if not isinstance(value, str):
                    N.err("bad stack access: expecting (char *)")
                vals[name] = value
            elif k == "obj":
                if isinstance(value, (float, str)):
                    N.err("bad stack access: expecting Object**")
                if isinstance(v, ObjArray):
                    ii = [N.num(e.ev(fr)) for e in idx] if idx else [0.0] * len(v.dims)
                    v.data[N.flat_index(v, ii, name)] = value
                else:
                    vals[name] = value
            else:
                N.err("%s: can't assign to that member" % name)
            return
        H = _host.HOST
        try:
            if H.is_section(o):
                value = N.num(value)
                if idx and H.is_range_name(name):   # an NMODL array: sec.ca_cadifr[2](x) = v
                    xs = [N._check_x(N.num(args[0].ev(fr))) if args else 0.5] if args is not None \
                        else H.seg_centers(o)
                    for x in xs:
                        H.seg_get(o, x, name)[int(N.num(idx[0].ev(fr)) + 1e-11)] = value
                elif args is not None:
                    x = N._check_x(N.num(args[0].ev(fr))) if args else 0.5
                    H.seg_set(o, x, name, value)
                elif name in _host.SECTION_PROPS:
                    if name == "nseg" and int(value) < 1:
                        N.err("nseg  must be positive")
                    H.sec_set(o, name, value)
                elif H.is_range_name(name):
                    H.set_all(o, name, value)
                else:
                    setattr(o, name, value)
                return
            if idx:
                a = getattr(o, name)
                for e in idx[:-1]:
                    a = a[int(N.num(e.ev(fr)) + 1e-11)]
                a[int(N.num(idx[-1].ev(fr)) + 1e-11)] = value
            elif args is not None:
                N.err("can't assign to a function call")
            else:
                setattr(o, name, value)
        except HocRuntimeError:
            raise
        except Exception as e:
            N.host_err(e)

    def member_pointer(self, o, name, idx, args, fr):
        H = _host.HOST
        if H.is_section(o):
            x = N.num(args[0].ev(fr)) if args else 0.5
            ref = None
            try:
                ref = getattr(o(x), "_ref_" + name)
            except Exception:
                pass
            if ref is not None:
                return ref
            return HocPointer(lambda: N.num(N.pyval(H.seg_get(o, x, name))),
                              lambda v: H.seg_set(o, x, name, float(v)))
        if isinstance(o, HocInstance):
            s = self._inst_sym(o, name, fr)
            v = o._vals.get(name)
            if isinstance(v, HocArray):
                ii = [N.num(e.ev(fr)) for e in idx] if idx else [0.0] * len(v.dims)
                return HocPointer(array=v, offset=N.flat_index(v, ii, name))
            vals = o._vals
            return HocPointer(lambda: vals[name], lambda x: vals.__setitem__(name, float(x)))
        if idx:
            a = getattr(o, name)
            i = int(N.num(idx[0].ev(fr)) + 1e-11)
            ref = getattr(o, "_ref_" + name, None)
            return HocPointer(lambda: a[i], lambda v: a.__setitem__(i, v))
        ref = getattr(o, "_ref_" + name, None)
        if ref is not None:
            return ref
        return HocPointer(lambda: N.pyval(getattr(o, name)), lambda v: setattr(o, name, v))

    # ------------------------------------------------------------------ Python side
    def py2hoc(self, v):
        if v is None or v.__class__ is float or isinstance(v, str):
            return v
        if isinstance(v, bool):
            return 1.0 if v else 0.0
        if isinstance(v, (int, float)):
            return float(v)
        return N.pyval(v)

    def _py_member_get(self, inst, name):
        tdef = type(inst)._tdef
        s = tdef.syms.get(name)
        if s is None or s.kind == "undef":
            raise AttributeError("%s: can't push that type onto stack" % name)
        if s.kind in ("proc", "func", "obfunc", "iter"):
            def method(*args, sec=None):
                return self._py_invoke(s, args, inst, sec)
            method.__name__ = name
            return method
        v = (self.top_vals if s.scope == "top" else inst._vals).get(name)
        return self._py_value(v, name)

    def _py_member_set(self, inst, name, value):
        tdef = type(inst)._tdef
        s = tdef.syms.get(name)
        vals = self.top_vals if s is not None and s.scope == "top" else inst._vals
        self._py_store(s, vals, name, value)

    def _py_value(self, v, name):
        if isinstance(v, (HocArray, ObjArray, SecArray)):
            return ArrayView(v, name)
        if isinstance(v, PythonMain):
            return v
        return v

    def _py_store(self, s, vals, name, value):
        if s is None:
            raise AttributeError("'%s' is not a defined hoc variable name." % name)
        k = s.kind
        if k == "var":
            old = vals.get(name)
            if isinstance(old, HocArray):
                old.data[0] = float(value)
            else:
                vals[name] = float(value)
        elif k == "str":
            vals[name] = str(value)
        elif k == "obj":
            if isinstance(value, (int, float, str)):
                raise TypeError("objref %s needs an object" % name)
            vals[name] = value
        else:
            raise AttributeError("can't assign to %s" % name)

    def _py_invoke(self, sym, args, obj, sec):
        hargs = []
        for a in args:
            if isinstance(a, HocRef):
                hargs.append(a)
            else:
                hargs.append(self.py2hoc(a))
        H = _host.HOST
        pushed = False
        if sec is not None:
            H.push_section(sec)
            pushed = True
        saved_tmp = self.tmp_depth
        if pushed:
            self.tmp_depth += 1
        try:
            r = self.call_defn(sym, hargs, None, obj)
        except HocRuntimeError as e:
            msg = "hocobj_call error: hoc_execerror: %s" % e.message
            sys.stderr.write("%s: %s\n" % (self.prog, e.message))
            for k, f in enumerate(e.frames[:4]):
                sys.stderr.write(" " * (8 - 2 * k) + f + "\n")
            raise HocError(msg) from None
        finally:
            self.tmp_depth = saved_tmp
            if pushed:
                H.pop_section()
        if isinstance(r, PythonMain):
            return sys.modules.get("__main__")
        return r

    # public API ----------------------------------------------------------------
    def execute(self, text, filename="<string>"):
        """Run HOC text at top level.  Raises HocError."""
        return self.run_source(Source(text, filename))

    def check_syntax(self, text, filename="<string>"):
        """Parse `text` without running it (declarations made while parsing
        stay).  Raises HocError on the first syntax error."""
        src = Source(text, filename)
        lexer = Lexer(src)
        parser = Parser(self, lexer)
        saved = self.cur_template
        try:
            while True:
                st = self._parse_item(parser, lexer)
                if st is None:
                    return 1
        finally:
            self.cur_template = saved

    def h_call(self, stmt):
        """h('stmt'): 1 on success; on error print the report, return 0."""
        try:
            self.run_source(Source(stmt + "\n", "<string>"))
            return True
        except HocError as e:
            self.print_report(e)
            return False

    def print_report(self, e):
        sys.stdout.flush()
        rep = getattr(e, "report", None)
        if rep is None:
            rep = "%s: %s\n" % (self.prog, e.message)
        sys.stderr.write(rep)
        sys.stderr.flush()

    def load_file(self, *args, force=False, sym=None):
        """h.load_file(name) / (force, name) / (name, sym) / (force, name, sym):
        1 if loaded or already loaded, 0 if missing or sym exists.
        A failing file raises HocError."""
        args = list(args)
        if args and not isinstance(args[0], str):
            force = bool(args.pop(0))
        if not args:
            raise TypeError("load_file needs a file name")
        name = str(args[0])
        if len(args) > 1:
            sym = str(args[1])
        try:
            return self._load_file(name, force, sym)
        except HocError as e:
            if self.exec_depth == 0:
                self.print_report(e)
            raise

    def execute_file(self, path):
        """Run a file as `nrniv file.hoc` does (recorded as loaded).  Raises HocError."""
        self.loaded.add(path)
        self.run_file(path, chdir=False, display=path)
        return 1

    def pointer(self, name):
        """h._ref_name for a HOC double: p[0] reads/writes it; for an array, h._ref_a[i]
        is a pointer to a[i]."""
        s = self.top_syms.get(name)
        if s is None or s.kind != "var":
            raise AttributeError("%s is not a HOC variable" % name)
        v = self.top_vals.get(name)
        if isinstance(v, HocArray):
            return HocArrayRef(name, v)
        vals = self.top_vals
        return HocPointer(lambda: vals[name], lambda x: vals.__setitem__(name, float(x)))

    def find_file(self, name):
        """The path load_file(name) runs, or None (paths.find_file)."""
        return paths.find_file(name)

    def _load_file(self, name, force=False, sym=None):
        name = re.sub(r"\$\((\w+)\)", lambda m: os.environ.get(m.group(1), ""), name)
        if sym is not None and (sym in self.top_syms and self.top_syms[sym].kind != "undef"
                                or self.builtin_sym(sym) is not None):
            return 0
        if name in self.loaded and not force:
            return 1
        path = self.find_file(name)
        if path is None and os.path.basename(name) in STD_LIBS:
            if _host.HOST.load_std_library(name):
                self._unshadow_host_names()
                self.loaded.add(name)
                self.bvals["hoc_ac_"] = 1.0
                return 1
        if path is None:
            sys.stdout.flush()
            sys.stderr.write("%s: Couldn't find: %s\n" % (self.prog, name))
            return 0
        self.loaded.add(name)
        self.run_file(path, chdir=not (os.path.dirname(os.path.abspath(path)) == os.getcwd()),
                      display=name)
        self.bvals["hoc_ac_"] = 1.0
        return 1

    def _unshadow_host_names(self):
        """Doubles that HOC code declared before a library made them host
        variables (tstop before stdrun.hoc) become the host's: NEURON's
        library would have assigned the same symbol."""
        H = _host.HOST
        for name, s in list(self.top_syms.items()):
            if s.kind in ("var", "undef") and H.has_var(name) and \
                    not isinstance(self.top_vals.get(name), HocArray):
                self.top_syms.pop(name, None)
                self.top_vals.pop(name, None)
                s.kind = "undef"

    def run_file(self, path, chdir=False, display=None):
        try:
            with open(path, "r", encoding="utf-8", errors="replace") as f:
                text = f.read()
        except OSError:
            N.err("Can't open  %s" % path)
        old = os.getcwd()
        d = os.path.dirname(os.path.abspath(path))
        if chdir:
            try:
                os.chdir(d)
            except OSError:
                chdir = False
        saved_template = self.cur_template
        self.cur_template = None
        saved_depth = self.exec_depth
        self.exec_depth = 0 if saved_depth == 0 else saved_depth
        try:
            self.run_source(Source(text, display or path))
        finally:
            self.exec_depth = saved_depth
            self.cur_template = saved_template
            if chdir:
                os.chdir(old)

    def _parse_item(self, parser, lexer):
        """The next statement, with syntax and lexing errors reported as HocError."""
        try:
            return parser.parse_item()
        except SyntaxErr as e:
            raise self._hoc_error(e.message, lexer, e.tok) from None
        except LexError as e:
            raise self._hoc_error(e.message, lexer, ("", None, e.line_index, e.col)) from None
        except RecursionError:
            raise self._hoc_error("syntax error: nesting too deep", lexer) from None

    def has(self, name):
        s = self.top_syms.get(name)
        if s is not None and s.kind != "undef":
            return True
        return False

    def get(self, name):
        s = self.top_syms.get(name)
        if s is None or s.kind == "undef":
            b = self.builtin_sym(name)
            if b is None:
                raise AttributeError("'%s' is not a defined hoc name" % name)
            s = b
        k = s.kind
        if k in ("var", "str", "obj", "sec"):
            return self._py_value(self.top_vals.get(name), name)
        if k in ("proc", "func", "obfunc", "iter"):
            def fn(*args, sec=None):
                return self._py_invoke(s, args, None, sec)
            fn.__name__ = name
            return fn
        if k == "template":
            return s.defn.cls
        if k == "bvar":
            return self.bvals[name]
        if k == "hvar":
            return _host.HOST.get_var(name)
        if k == "bfunc":
            spec = s.extra

            def bf(*args, sec=None):
                return self._py_builtin(name, spec, args, sec)
            bf.__name__ = name
            return bf
        if k == "hfunc":
            return _host.HOST.function(name) or self.fallback_functions.get(name)
        if k == "class":
            return self.classes.get(name) or _host.HOST.classes().get(name) or self.default_classes.get(name)
        raise AttributeError("'%s' is not a defined hoc name" % name)

    def _py_builtin(self, name, spec, args, sec):
        nodes = []
        for a in args:
            if isinstance(a, str):
                nodes.append(N.StrConst(a))
            elif isinstance(a, (HocRef, HocPointer)):
                nodes.append(_PyConst(a, "p"))
            elif isinstance(a, (int, float)):
                nodes.append(N.Const(float(a)))
            else:
                nodes.append(_PyConst(a, "o"))
        H = _host.HOST
        if sec is not None:
            H.push_section(sec)
        try:
            if spec.math:
                if len(nodes) != spec.math:
                    raise TypeError("%s takes %d argument(s)" % (name, spec.math))
                if spec.math == 1:
                    return spec.f(N.num(nodes[0].ev(None)))
                return spec.f2(self.top_frame, nodes)
            return spec.f(self.top_frame, nodes)
        except HocRuntimeError as e:
            sys.stderr.write("%s: %s\n" % (self.prog, e.message))
            raise HocError("hocobj_call error: hoc_execerror: %s" % e.message) from None
        finally:
            if sec is not None:
                H.pop_section()

    def set(self, name, value):
        s = self.top_syms.get(name)
        if s is None or s.kind == "undef":
            b = self.builtin_sym(name)
            if b is not None and b.kind == "bvar":
                self.bvals[name] = float(value)
                return
            if b is not None and b.kind == "hvar":
                _host.HOST.set_var(name, value)
                return
            raise AttributeError("'%s' is not a defined hoc variable name." % name)
        self._py_store(s, self.top_vals, name, value)

    def call(self, name, *args, sec=None):
        f = self.get(name)
        if not callable(f):
            raise TypeError("%s is not callable" % name)
        if sec is not None:
            return f(*args, sec=sec)
        return f(*args)

    def template(self, name):
        t = self.templates.get(name)
        if t is None:
            raise AttributeError("%s is not a template" % name)
        return t.cls


class _ObjRefCell:
    """An objref argument a built-in method assigns (its ``_hoc_objref_args`` lists the
    positions): cell[0] reads and writes the HOC variable, as h.ref(None) from Python."""
    __slots__ = ("node", "fr")

    def __init__(self, node, fr):
        self.node = node
        self.fr = fr

    def __getitem__(self, i):
        return self.node.ev(self.fr)

    def __setitem__(self, i, value):
        self.node.set(self.fr, value)


class _PyConst(N.Node):
    __slots__ = ("v", "t")

    def __init__(self, v, t):
        self.v = v
        self.t = t

    def ev(self, fr):
        return self.v


def _range_element(value, idx, fr):
    """value[idx] for an NMODL array range variable (sec.ca_cadifr[2](x)); value otherwise."""
    if idx:
        if not hasattr(value, "__setitem__"):
            N.err("not an array variable")
        return value[int(N.num(idx[0].ev(fr)) + 1e-11)]
    return value

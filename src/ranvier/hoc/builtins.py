"""HOC's own built-in functions (language level: math, printing, strings,
argument introspection, execute, loading files, files, the section stack, GUI
no-ops).  Each built-in takes (frame, argument nodes).

``install(I)`` fills the interpreter's tables group by group; each group is one
``_install_*`` function below, next to the helpers it uses.
"""
import math
import os
import re
import sys
import time
import traceback

from . import host as _host
from . import nodes as N
from . import paths
from .fmt import g8, hoc_sprintf, hoc_sscanf, scan_number, FormatError
from .lexer import Source
from .objects import install_classes
from .runtime import Frame, HocArray, HocInstance, HocPointer, HocRef, SecArray, StrArg, HocRuntimeError
from .specs import BSpec, MATH1
from ..core.errors import HocError
from ..core.hocobject import template_names, instances

err = N.err
num = N.num

# GUI functions that do nothing without a display: the value they return
GUI_ZERO_NAMES = ("xpanel xbutton xvalue xpvalue xlabel xmenu xcheckbox xradiobutton xslider xvarlabel "
                  "xfixedvalue xstatebutton pwman_place boolean_dialog string_dialog").split()
GUI_ONE_NAMES = ("doNotify doEvents continue_dialog").split()


def install(I):
    """Fill I.builtins, I.soft_builtins, I.fallback_functions and I.default_classes."""
    reg = _registrar(I.builtins)
    _install_math(I.builtins)
    _install_printing(I, reg)
    _install_strings(reg)
    _install_introspection(I, reg)
    _install_execute(I, reg)
    _install_loading(I, reg)
    _install_system(I, reg)
    _install_files(I, reg)
    _install_sections(I, reg, _registrar(I.soft_builtins))
    _install_legacy(I, reg)
    _install_gui_noops(I.fallback_functions)
    install_classes(I)


def _registrar(table):
    """A decorator `@reg(name, t)` that enters a function into `table`."""
    def reg(name, t="n", nargs=None):
        def deco(f):
            table[name] = BSpec(f, t, nargs)
            return f
        return deco
    return reg


# ---- arguments ----------------------------------------------------------------

def sval(fr, node):
    """The string value of an argument (a string, or a strdef reference)."""
    v = node.ev(fr)
    if isinstance(v, str):
        return v
    if v is not None and hasattr(v, "__getitem__") and not isinstance(v, float):
        try:
            x = v[0]
            if isinstance(x, str):
                return x
        except Exception:
            pass
    err("Expecting string argument")


def set_str(fr, node, value):
    """Write a strdef argument (a strdef, $s, or a HocRef/StrArg)."""
    if getattr(node, "lvalue", False) and node.t == "s":
        node.set(fr, value)
        return
    v = node.ev(fr)
    if isinstance(v, StrArg) and v.ref is not None:
        v.ref[0] = value
        return
    if isinstance(v, HocRef):
        v[0] = value
        return
    if getattr(node, "lvalue", False) and node.t in ("a", "n"):
        try:
            node.set(fr, value)
            return
        except HocRuntimeError:
            pass
    err("Expecting string argument")


# ---- math ---------------------------------------------------------------------

def _install_math(B):
    for name, f in MATH1.items():
        B[name] = BSpec(f, "n", None, math=1)

    def atan2(fr, a):
        return math.atan2(num(a[0].ev(fr)), num(a[1].ev(fr)))
    B["atan2"] = BSpec(None, "n", None, math=2, f2=atan2)


# ---- printf, fprint, sprint -----------------------------------------------------

def _fmt_args(fr, nodes):
    out = []
    for n in nodes:
        v = n.ev(fr)
        if isinstance(v, bool):
            v = float(v)
        elif not isinstance(v, (float, str)) and v is not None:
            v = N.pyval(v)
        out.append(v)
    return out


def _install_printing(I, reg):
    def do_format(fr, a):
        fmt = sval(fr, a[0])
        try:
            return hoc_sprintf(fmt, _fmt_args(fr, a[1:]), I.objname)
        except FormatError as e:
            err(str(e))

    @reg("printf")
    def printf(fr, a):
        if not a:
            err("printf not enough arguments")
        s = do_format(fr, a)
        I.write(s)
        return float(len(s))

    @reg("fprint")
    def fprint(fr, a):
        if not a:
            err("fprint not enough arguments")
        s = do_format(fr, a)
        if I.wopen_file is not None:
            I.wopen_file.write(s)
        else:
            I.write(s)
        return float(len(s))

    @reg("sprint")
    def sprint(fr, a):
        if len(a) < 2:
            err("sprint not enough arguments")
        s = do_format(fr, a[1:])
        set_str(fr, a[0], s)
        return 1.0


# ---- sscanf, strcmp -----------------------------------------------------------

def _install_strings(reg):
    @reg("sscanf")
    def sscanf(fr, a):
        if len(a) < 2:
            err("sscanf not enough arguments")
        text = sval(fr, a[0])
        fmt = sval(fr, a[1])
        vals = hoc_sscanf(text, fmt)
        n = 0
        for node, v in zip(a[2:], vals):
            if isinstance(v, str):
                set_str(fr, node, v)
            elif isinstance(node, N.Pointer):
                node.ev(fr)[0] = v
            else:
                p = node.ev(fr)
                if hasattr(p, "__setitem__") and not isinstance(p, str):
                    p[0] = v
                else:
                    err("sscanf: argument is not a pointer")
            n += 1
        if not vals and text.strip() == "":
            return -1.0
        return float(n)

    @reg("strcmp")
    def strcmp(fr, a):
        s1 = sval(fr, a[0]).encode()
        s2 = sval(fr, a[1]).encode()
        for x, y in zip(s1, s2):
            if x != y:
                return float(x - y)
        if len(s1) > len(s2):
            return float(s1[len(s2)])
        if len(s2) > len(s1):
            return float(-s2[len(s1)])
        return 0.0


# ---- numarg, argtype, object_id, name_declared ----------------------------------

def _install_introspection(I, reg):
    @reg("numarg")
    def numarg(fr, a):
        return float(len(fr.args)) if fr.defn is not None else 0.0

    @reg("argtype")
    def argtype(fr, a):
        i = int(num(a[0].ev(fr)))
        if fr.defn is None or i < 1 or i > len(fr.args):
            return -1.0
        v = fr.args[i - 1]
        if isinstance(v, float) or isinstance(v, (int, bool)):
            return 0.0
        if isinstance(v, str):
            return 2.0
        if isinstance(v, (HocPointer,)):
            return 3.0
        if isinstance(v, HocRef):
            return 2.0 if isinstance(v[0], str) else 3.0
        return 1.0

    @reg("object_id")
    def object_id(fr, a):
        o = a[0].ev(fr)
        flag = num(a[1].ev(fr)) if len(a) > 1 else 0.0
        if flag:
            if o is None:
                return -1.0
            return float(getattr(o, "_hoc_index", -1))
        if o is None:
            return 0.0
        return float(id(o))

    @reg("name_declared")
    def name_declared(fr, a):
        name = sval(fr, a[0])
        flag = int(num(a[1].ev(fr))) if len(a) > 1 else 0
        s = I.top_syms.get(name)
        if s is None:
            b = I.builtin_sym(name)
            if b is None:
                return 0.0
            if b.kind in ("bvar", "hvar"):
                return 5.0
            if b.kind == "secprop":
                return 8.0 if flag == 2 else 5.0
            return 1.0
        k = s.kind
        if k == "obj":
            return 2.0
        if k == "sec":
            return 3.0
        if k == "str":
            return 4.0
        if k == "var":
            if flag == 2 and isinstance(I.top_vals.get(name), HocArray):
                return 6.0
            return 5.0
        return 1.0


# ---- execute, execute1 ----------------------------------------------------------

def _add_frame(e, desc):
    rep = getattr(e, "report", None)
    if rep is not None:
        e.report = rep + " " * 8 + desc + "\n"


def _run_text(I, text, obj):
    """Run HOC text at top level, or in the context of template instance `obj`."""
    if obj is not None:
        if not isinstance(obj, HocInstance):
            err("execute: %s is not a template instance" % I.objname(obj))
        I.run_source(Source(text + "\n", "<string>"), frame=Frame(obj=obj),
                     template=type(obj)._tdef)
    else:
        saved = I.cur_template
        I.cur_template = None
        try:
            I.run_source(Source(text + "\n", "<string>"))
        finally:
            I.cur_template = saved


def _install_execute(I, reg):
    @reg("execute")
    def execute(fr, a):
        cmd = sval(fr, a[0])
        obj = a[1].ev(fr) if len(a) > 1 else None
        text = cmd[1:] if cmd.startswith("~") else "{" + cmd + "}"
        try:
            _run_text(I, text, obj)
        except HocError as e:
            _add_frame(e, I._frame_desc("execute", [cmd]))
            raise
        return 0.0

    @reg("execute1")
    def execute1(fr, a):
        cmd = sval(fr, a[0])
        obj = None
        show = True
        if len(a) > 1:
            v = a[1].ev(fr)
            if isinstance(v, float):
                show = bool(v)
            else:
                obj = v
        if len(a) > 2:
            show = bool(num(a[2].ev(fr)))
        try:
            _run_text(I, cmd, obj)
        except HocError as e:
            _add_frame(e, I._frame_desc("execute1", [cmd]))
            if show:
                I.print_report(e)
            return 0.0
        return 1.0


# ---- load_file, load_proc/func/template, xopen ------------------------------------

def _load_named(I, fr, a, kind):
    """load_proc/load_func/load_template: load the first .oc/.hoc file of the
    library folders (sorted by name) that has a line starting `kind name`."""
    name = sval(fr, a[0])
    s = I.top_syms.get(name)
    if s is not None and s.kind != "undef":
        return 1.0
    pat = re.compile(r"^%s\s+%s\b" % (kind, re.escape(name)))
    for d in paths.library_dirs():
        try:
            files = sorted(f for f in os.listdir(d) if f.endswith((".oc", ".hoc")))
        except OSError:
            continue
        for f in files:
            p = os.path.join(d, f)
            try:
                with open(p, errors="replace") as fh:
                    if any(pat.match(line) for line in fh):
                        sys.stderr.write("Getting %s from %s\n" % (name, p))
                        I._load_file(p)
                        return 1.0
            except OSError:
                continue
    return 0.0


def _install_loading(I, reg):
    @reg("load_file")
    def load_file(fr, a):
        force = False
        k = 0
        v = a[0].ev(fr)
        if isinstance(v, float):
            force = bool(v)
            k = 1
        name = sval(fr, a[k])
        sym = sval(fr, a[k + 1]) if len(a) > k + 1 else None
        return float(I._load_file(name, force, sym))

    for name, kind in (("load_proc", "proc"), ("load_func", "func"),
                       ("load_template", "begintemplate")):
        I.builtins[name] = BSpec(lambda fr, a, kind=kind: _load_named(I, fr, a, kind), "n")

    @reg("xopen")
    def xopen(fr, a):
        name = sval(fr, a[0])
        if not os.path.isfile(name):
            err("Can't open  %s" % name)
        I.run_file(name, chdir=False)
        return 1.0


# ---- the process: directories, version, quit, system, nrnpython ... ----------------

def _install_system(I, reg):
    @reg("chdir")
    def chdir(fr, a):
        try:
            os.chdir(sval(fr, a[0]))
            return 0.0
        except OSError:
            return -1.0

    @reg("getcwd", "s")
    def getcwd(fr, a):
        d = os.getcwd()
        return d if d.endswith("/") else d + "/"

    @reg("neuronhome", "s")
    def neuronhome(fr, a):
        return paths.neuron_home()

    @reg("nrnversion", "s")
    def nrnversion(fr, a):
        if a:
            return "9.0.2"
        return "NEURON -- VERSION 9.0.2 (ranvier)"

    @reg("quit")
    def quit_(fr, a):
        code = int(num(a[0].ev(fr))) if a else 0
        sys.stdout.flush()
        raise SystemExit(code)

    @reg("startsw")
    def startsw(fr, a):
        I.stopwatch_start = time.time()
        return I.stopwatch_start

    @reg("unix_mac_pc")
    def unix_mac_pc(fr, a):
        return 1.0

    @reg("system")
    def system_(fr, a):
        cmd = sval(fr, a[0])
        sys.stdout.flush()
        return float(os.system(cmd))

    @reg("execerror")
    def execerror(fr, a):
        msg = sval(fr, a[0]) if a else ""
        if len(a) > 1:
            msg = msg + " " + sval(fr, a[1])
        err(msg)

    @reg("hoc_stdout")
    def hoc_stdout(fr, a):
        return 0.0

    @reg("nrnpython")
    def nrnpython(fr, a):
        code = sval(fr, a[0])
        main = sys.modules.get("__main__")
        g = main.__dict__ if main is not None else {}
        try:
            exec(compile(code, "<nrnpython>", "exec"), g)
            return 1.0
        except SystemExit:
            raise
        except BaseException:
            traceback.print_exc()
            return 0.0

    @reg("allobjects")
    def allobjects(fr, a):
        for t in template_names():
            for o in instances(t):
                I.write("%s with %d refs\n" % (o.hname(), max(1, sys.getrefcount(o) - 3)))
        return 0.0


# ---- ropen/wopen, fscan, getstr -------------------------------------------------

def _fscan_current_file(I):
    """fscan() without ropen: the next number in the file being executed, from
    the line after the current one (the rest of that line is still run as HOC)."""
    lex = I.cur_lexer
    if lex is None or lex.src.filename.startswith("<"):
        err("fscan: no file to read from (use ropen)")
    while True:
        if lex.li >= len(lex.lines):
            err("EOF in fscan")
        line = lex.lines[lex.li]
        v, rest = scan_number(line)
        if v is None:
            lex.li += 1
            continue
        lex.lines[lex.li] = rest
        return v


def _install_files(I, reg):
    I._fscan_buf = ""        # what fscan/getstr read of the ropen file and did not use

    @reg("ropen")
    def ropen(fr, a):
        if I.ropen_file is not None:
            I.ropen_file.close()
            I.ropen_file = None
        if not a:
            return 1.0
        try:
            I.ropen_file = open(sval(fr, a[0]))
            return 1.0
        except OSError:
            return 0.0

    @reg("wopen")
    def wopen(fr, a):
        if I.wopen_file is not None:
            I.wopen_file.close()
            I.wopen_file = None
        if not a or sval(fr, a[0]) == "":
            return 1.0
        try:
            I.wopen_file = open(sval(fr, a[0]), "w")
            return 1.0
        except OSError:
            return 0.0

    @reg("fscan")
    def fscan(fr, a):
        f = I.ropen_file
        if f is None:
            return _fscan_current_file(I)
        while True:
            buf = I._fscan_buf
            if not buf.strip():
                line = f.readline()
                if not line:
                    err("EOF in fscan")
                I._fscan_buf = line
                continue
            v, rest = scan_number(buf)
            I._fscan_buf = rest
            if v is not None:
                return v

    @reg("getstr")
    def getstr(fr, a):
        word = len(a) > 1 and num(a[1].ev(fr))
        f = I.ropen_file
        if f is None:
            err("getstr: no file open (use ropen)")
        buf = I._fscan_buf
        if not buf:
            buf = f.readline()
            if not buf:
                err("EOF in getstr")
        if word:
            m = re.match(r"\s*(\S+)", buf)
            while m is None:
                line = f.readline()
                if not line:
                    err("EOF in getstr")
                buf = line
                m = re.match(r"\s*(\S+)", buf)
            s = m.group(1)
            I._fscan_buf = buf[m.end():]
        else:
            s = buf
            I._fscan_buf = ""
        set_str(fr, a[0], s)
        return float(len(s))


# ---- the section stack and section names -----------------------------------------

def _install_sections(I, reg, soft_reg):
    I._sec_by_id = {}        # this_section() values -> sections, for push_section(number)

    @reg("push_section")
    def push_section(fr, a):
        H = _host.HOST
        v = a[0].ev(fr)
        if isinstance(v, str):
            sec = None
            for s in H.allsec():
                if H.section_name(s) == v:
                    sec = s
                    break
            if sec is None:
                err("push_section: %s is not a section" % v)
        elif isinstance(v, float):
            sec = I._sec_by_id.get(int(v))
            if sec is None:
                err("push_section: not a section pointer")
        else:
            sec = v
        H.push_section(sec)
        I.extra_push += 1
        return 1.0

    @reg("pop_section")
    def pop_section(fr, a):
        if I.extra_push > 0:
            I.extra_push -= 1
            _host.HOST.pop_section()
        return 1.0

    @reg("this_section")
    def this_section(fr, a):
        sec = N._cas()
        I._sec_by_id[id(sec)] = sec
        return float(id(sec))

    @reg("secname", "s")
    def secname(fr, a):
        return _host.HOST.section_name(N._cas())

    @reg("sectionname")
    def sectionname(fr, a):
        set_str(fr, a[0], _host.HOST.section_name(N._cas()))
        return 1.0

    @reg("issection")
    def issection(fr, a):
        pat = sval(fr, a[0])
        name = _host.HOST.section_name(N._cas())
        try:
            return 1.0 if re.fullmatch(I._sec_regex(pat), name) else 0.0
        except re.error:
            err("bad regular expression %s" % pat)

    @soft_reg("ifsec")
    def _ifsec(fr, a):
        return 0.0


# ---- section_exists, stopsw and NEURON's settings switches ----------------------

def _install_legacy(I, reg):
    @reg("section_exists")
    def section_exists(fr, a):
        """section_exists("name"[, index][, obj]) or ("name[i]"[, obj]): 1 if that
        section exists (at top level, or in template instance obj), else 0."""
        name = sval(fr, a[0])
        rest = [n.ev(fr) for n in a[1:]]
        obj = rest.pop() if rest and not isinstance(rest[-1], (int, float)) else None
        idx = int(num(rest[0])) if rest else 0
        m = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]\s*", name)
        if m:
            name, idx = m.group(1), int(m.group(2))
        vals = N.TOP if obj is None else getattr(obj, "_vals", None)
        v = vals.get(name) if vals is not None else None
        if v.__class__ is SecArray:
            v = v.data[idx] if 0 <= idx < len(v.data) else None
        elif idx != 0:
            v = None
        H = _host.HOST
        return 1.0 if v is not None and H.is_section(v) and H.section_alive(v) else 0.0

    @reg("stopsw")
    def stopsw(fr, a):
        """Seconds since the last startsw() (then restarts the stopwatch)."""
        now = time.time()
        start = I.stopwatch_start if I.stopwatch_start is not None else now
        I.stopwatch_start = now
        return now - start

    # switches of NEURON's C library that change nothing here: the value NEURON returns
    for name, value in (("use_exp_pow_precision", 0.0), ("nrn_feenableexcept", -2.0),
                        ("show_errmess_always", 1.0), ("coredump_on_error", 1.0),
                        ("variable_domain", 1.0), ("eqinit", 0.0), ("ivoc_style", 1.0)):
        reg(name)(lambda fr, a, value=value: value)

    def _ask(prompt, default):
        """Print 'prompt (default)' and read a line of stdin (None at end of input)."""
        I.write("%s (%s)" % (prompt, default))
        sys.stdout.flush()
        line = sys.stdin.readline() if sys.stdin is not None else ""
        return None if line == "" else line.strip()

    @reg("sred")
    def sred(fr, a):
        """sred("prompt", "default", "chars"): the index in chars of the character typed
        (an empty line or the end of input: the default's)."""
        prompt, default, chars = sval(fr, a[0]), sval(fr, a[1]), sval(fr, a[2])
        if not default or default[0] not in chars:
            err("sred: the default %r is not one of %r" % (default, chars))
        while True:
            line = _ask(prompt, default)
            c = (line or default)[0]
            if c in chars:
                return float(chars.index(c))

    @reg("xred")
    def xred(fr, a):
        """xred("prompt", default, min, max): a number typed in [min, max] (an empty line
        or the end of input: the default); anything else asks again."""
        prompt = sval(fr, a[0])
        default, lo, hi = (num(n.ev(fr)) for n in a[1:4])
        while True:
            line = _ask(prompt, g8(default))
            if not line:
                return default
            try:
                x = float(line)
            except ValueError:
                x = None
            if x is not None and lo <= x <= hi:
                return x
            I.write("input error\n")

    @reg("machine_name")
    def machine_name(fr, a):
        import socket
        set_str(fr, a[0], socket.gethostname())
        return 0.0

    @reg("nrnunit_use_legacy")
    def nrnunit_use_legacy(fr, a):
        err("nrnunit_use_legacy(): legacy units are gone in NEURON 9 (and ranvier): only "
            "the modern unit constants exist")


# ---- GUI functions without a display --------------------------------------------

def _gui_zero(*_args, **_kwargs):
    return 0.0


def _gui_one(*_args, **_kwargs):
    return 1.0


def _install_gui_noops(fallback):
    """xpanel, xbutton, ... when the host has no such function: do nothing."""
    for g in GUI_ZERO_NAMES:
        fallback[g] = _gui_zero
    for g in GUI_ONE_NAMES:
        fallback[g] = _gui_one

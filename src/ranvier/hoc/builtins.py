"""HOC's own built-in functions (language level: printing, strings, files,
execute, load_file, argument introspection, section stack).  Each takes
(frame, argument nodes)."""
import math
import os
import re
import sys
import time

from . import host as _host
from . import nodes as N
from .fmt import hoc_sprintf, hoc_sscanf, FormatError
from .lexer import Source
from .runtime import (HocArray, HocInstance, HocPointer, HocRef, StrArg, HocRuntimeError)
from ..core.errors import HocError

err = N.err
num = N.num


def install(I):
    from .interp import BSpec, MATH1

    B = I.builtins

    def reg(name, t="n", nargs=None):
        def deco(f):
            B[name] = BSpec(f, t, nargs)
            return f
        return deco

    for name, f in MATH1.items():
        B[name] = BSpec(f, "n", None, math=1)

    def atan2(fr, a):
        return math.atan2(num(a[0].ev(fr)), num(a[1].ev(fr)))
    B["atan2"] = BSpec(None, "n", None, math=2, f2=atan2)

    def sval(fr, node):
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

    def fmt_args(fr, nodes):
        out = []
        for n in nodes:
            v = n.ev(fr)
            if isinstance(v, bool):
                v = float(v)
            elif not isinstance(v, (float, str)) and v is not None:
                v = N.pyval(v)
            out.append(v)
        return out

    def do_format(fr, a):
        fmt = sval(fr, a[0])
        try:
            return hoc_sprintf(fmt, fmt_args(fr, a[1:]), I.objname)
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
            b = I.builtin_sym(name) if flag == 1 or True else None
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

    @reg("execute")
    def execute(fr, a):
        cmd = sval(fr, a[0])
        obj = a[1].ev(fr) if len(a) > 1 else None
        text = cmd[1:] if cmd.startswith("~") else "{" + cmd + "}"
        try:
            run_text(text, obj)
        except HocError as e:
            _add_frame(e, I._frame_desc("execute", [cmd]))
            raise
        return 0.0

    def run_text(text, obj):
        if obj is not None:
            if not isinstance(obj, HocInstance):
                err("execute: %s is not a template instance" % I.objname(obj))
            from .runtime import Frame
            fr2 = Frame(obj=obj)
            I.run_source(Source(text + "\n", "<string>"), frame=fr2, template=type(obj)._tdef)
        else:
            saved = I.cur_template
            I.cur_template = None
            try:
                I.run_source(Source(text + "\n", "<string>"))
            finally:
                I.cur_template = saved

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
            run_text(cmd, obj)
        except HocError as e:
            _add_frame(e, I._frame_desc("execute1", [cmd]))
            if show:
                I.print_report(e)
            return 0.0
        return 1.0

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

    def load_named(fr, a, kind):
        name = sval(fr, a[0])
        s = I.top_syms.get(name)
        if s is not None and s.kind != "undef":
            return 1.0
        dirs = [os.getcwd()] + [p for p in re.split(r"[: ]+", os.environ.get("HOC_LIBRARY_PATH", "")) if p]
        from .interp import LIB_DIR
        dirs.append(LIB_DIR)
        pat = re.compile(r"^%s\s+%s\b" % (kind, re.escape(name)))
        for d in dirs:
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

    B["load_proc"] = BSpec(lambda fr, a: load_named(fr, a, "proc"), "n")
    B["load_func"] = BSpec(lambda fr, a: load_named(fr, a, "func"), "n")
    B["load_template"] = BSpec(lambda fr, a: load_named(fr, a, "begintemplate"), "n")

    @reg("xopen")
    def xopen(fr, a):
        name = sval(fr, a[0])
        if not os.path.isfile(name):
            err("Can't open  %s" % name)
        I.run_file(name, chdir=False)
        return 1.0

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
        from .interp import LIB_DIR
        return os.path.dirname(LIB_DIR)

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
        return time.time()

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
            import traceback
            traceback.print_exc()
            return 0.0

    @reg("allobjects")
    def allobjects(fr, a):
        from ..core.hocobject import template_names, instances
        for t in template_names():
            for o in instances(t):
                I.write("%s with %d refs\n" % (o.hname(), max(1, sys.getrefcount(o) - 3)))
        return 0.0

    # ---- files ---------------------------------------------------------------
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

    _numre = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")

    def scan_word(read_line, peek_state):
        pass

    @reg("fscan")
    def fscan(fr, a):
        if I.ropen_file is not None:
            f = I.ropen_file
            while True:
                buf = I.__dict__.setdefault("_fscan_buf", "")
                if not buf.strip():
                    line = f.readline()
                    if not line:
                        err("EOF in fscan")
                    I._fscan_buf = line
                    continue
                v, rest = _scan_number(buf)
                I._fscan_buf = rest
                if v is not None:
                    return v
        lex = I.cur_lexer
        if lex is None or lex.src.filename.startswith("<"):
            err("fscan: no file to read from (use ropen)")
        # read from the lines after the current one
        while True:
            if lex.li >= len(lex.lines):
                err("EOF in fscan")
            line = lex.lines[lex.li]
            v, rest = _scan_number(line)
            if v is None:
                lex.li += 1
                continue
            lex.lines[lex.li] = rest
            return v

    @reg("getstr")
    def getstr(fr, a):
        word = len(a) > 1 and num(a[1].ev(fr))
        f = I.ropen_file
        if f is None:
            err("getstr: no file open (use ropen)")
        buf = I.__dict__.get("_fscan_buf", "")
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

    # ---- sections ------------------------------------------------------------
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
            sec = I._sec_by_id.get(int(v)) if hasattr(I, "_sec_by_id") else None
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
        elif I.tmp_depth > 0:
            pass
        return 1.0

    @reg("this_section")
    def this_section(fr, a):
        sec = N._cas()
        d = I.__dict__.setdefault("_sec_by_id", {})
        d[id(sec)] = sec
        return float(id(sec))

    soft = {}
    I.soft_builtins = soft

    def soft_reg(name, t="n"):
        def deco(f):
            soft[name] = BSpec(f, t, None)
            return f
        return deco

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

    for g in GUI_ZERO_NAMES:
        I.fallback_functions[g] = (lambda *a, **k: 0.0)
    for g in GUI_ONE_NAMES:
        I.fallback_functions[g] = (lambda *a, **k: 1.0)

    from .objects import install_classes
    install_classes(I)


def _add_frame(e, desc):
    rep = getattr(e, "report", None)
    if rep is not None:
        n = rep.count("\n" + " " * 2)  # rough depth
        e.report = rep + " " * 8 + desc + "\n"


GUI_ZERO_NAMES = ("xpanel xbutton xvalue xpvalue xlabel xmenu xcheckbox xradiobutton xslider xvarlabel "
                  "xfixedvalue xstatebutton pwman_place boolean_dialog string_dialog").split()
GUI_ONE_NAMES = ("doNotify doEvents continue_dialog").split()

_SCAN_NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _scan_number(text):
    """fscan's word scan: skip words starting with i n I N or not numeric;
    take a numeric prefix; eat the whitespace after it.  (value, rest)."""
    pos = 0
    n = len(text)
    while True:
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        if pos >= n:
            return None, ""
        m = _SCAN_NUM.match(text, pos)
        if text[pos] in "inIN" or m is None:
            while pos < n and text[pos] not in " \t\r\n":
                pos += 1
            continue
        v = float(m.group())
        pos = m.end()
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        return v, text[pos:]

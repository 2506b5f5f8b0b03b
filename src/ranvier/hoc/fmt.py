"""HOC number formatting, printf/sprint and sscanf."""
import math
import re

__all__ = ["g8", "hoc_sprintf", "hoc_sscanf", "scan_number", "FormatError"]


class FormatError(Exception):
    pass


def g8(x):
    """NEURON's %.8g, NaN keeping its sign."""
    if x != x:
        return "-nan" if math.copysign(1.0, x) < 0 else "nan"
    return "%.8g" % x


def cfloat(x, spec):
    """Format a float with a C conversion spec like '%5.2f', C-style inf/nan."""
    if x != x or x in (math.inf, -math.inf):
        neg = math.copysign(1.0, x) < 0
        body = "nan" if x != x else "inf"
        if neg:
            body = "-" + body
        m = re.match(r"%([-+ #0]*)(\d*)", spec)
        flags, width = m.group(1), m.group(2)
        if not neg and "+" in flags:
            body = "+" + body
        elif not neg and " " in flags:
            body = " " + body
        w = int(width) if width else 0
        return body.ljust(w) if "-" in flags else body.rjust(w)
    return spec % x


_FMT_RE = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+)?)?(l|ll|h)?(.)?", re.S)


def hoc_sprintf(fmt, args, objname):
    """Format like NEURON's hoc_sprint1.  `args` are HOC values (float, str,
    object); `objname(o)` names an object.  Raises FormatError."""
    out = []
    i = 0
    n = len(fmt)
    ai = 0
    while i < n:
        j = fmt.find("%", i)
        if j < 0:
            out.append(fmt[i:])
            break
        out.append(fmt[i:j])
        m = _FMT_RE.match(fmt, j)
        conv = m.group(5)
        if conv is None:
            out.append(fmt[j:])
            break
        if conv == "%":
            out.append("%")
            i = m.end()
            continue
        flags = m.group(1)
        width = m.group(2) or ""
        prec = m.group(3)
        lmod = m.group(4)
        if conv not in "doxcfegs" or (lmod and conv not in "dox") or width == "*" or prec == "*":
            out.append(fmt[j:m.end()])
            i = m.end()
            continue
        spec = "%" + flags + width + ("." + prec if prec is not None else "")
        if ai >= len(args):
            raise FormatError("printf not enough arguments")
        a = args[ai]
        ai += 1
        if conv == "s":
            if isinstance(a, str):
                out.append((spec + "s") % a)
            elif isinstance(a, float):
                raise FormatError("Expecting string argument")
            else:
                out.append((spec + "s") % objname(a))
        else:
            if isinstance(a, str) or not isinstance(a, (int, float)):
                raise FormatError("Expecting numeric argument")
            if conv in "dox":
                if a != a or a in (math.inf, -math.inf):
                    v = -2 ** 63
                else:
                    v = int(a)
                    if lmod:
                        v = ((v + 2 ** 63) % 2 ** 64) - 2 ** 63
                    else:
                        v = ((v + 2 ** 31) % 2 ** 32) - 2 ** 31
                if conv in "ox" and v < 0:
                    v += 2 ** 64 if lmod else 2 ** 32
                out.append((spec + conv) % v)
            elif conv == "c":
                out.append((spec + "c") % chr(int(a) & 0xFF))
            else:
                out.append(cfloat(float(a), spec + conv))
        i = m.end()
    return "".join(out)


_SCAN_RE = re.compile(r"%(\*)?(\d+)?(l|h)?([dfegsc])")
_FLOAT_RE = re.compile(r"[ \t\n]*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan))", re.I)
_INT_RE = re.compile(r"[ \t\n]*([-+]?\d+)")
_STR_RE = re.compile(r"[ \t\n]*(\S+)")


def hoc_sscanf(text, fmt):
    """Scan `text` with a C scanf format.  Returns a list of converted values
    (floats and strs) for the non-suppressed conversions."""
    vals = []
    i = 0
    pos = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c == "%":
            if fmt[i:i + 2] == "%%":
                m = re.match(r"[ \t\n]*%", text[pos:])
                if not m:
                    break
                pos += m.end()
                i += 2
                continue
            m = _SCAN_RE.match(fmt, i)
            if not m:
                break
            skip, width, _l, conv = m.groups()
            i = m.end()
            seg = text[pos:]
            if width:
                lead = len(seg) - len(seg.lstrip(" \t\n"))
                seg = seg[:lead + int(width)]
            if conv in "feg":
                mm = _FLOAT_RE.match(seg)
                if not mm:
                    break
                val = float(mm.group(1))
            elif conv == "d":
                mm = _INT_RE.match(seg)
                if not mm:
                    break
                val = float(int(mm.group(1)))
            elif conv == "c":
                if not seg:
                    break
                mm = re.match(r"(.)", seg, re.S)
                val = mm.group(1)
            else:
                mm = _STR_RE.match(seg)
                if not mm:
                    break
                val = mm.group(1)
            pos += mm.end()
            if not skip:
                vals.append(val)
        elif c in " \t\n":
            while pos < len(text) and text[pos] in " \t\n":
                pos += 1
            i += 1
        else:
            if pos < len(text) and text[pos] == c:
                pos += 1
                i += 1
            else:
                break
    return vals


_SCAN_NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def scan_number(text):
    """The word scan of fscan() and File.scanvar(): skip words starting with i n I N
    or not numeric; take a numeric prefix; eat the whitespace after it.
    Returns (value, rest), value None when `text` holds no number."""
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

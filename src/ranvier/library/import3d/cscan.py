"""C-library text scanning as HOC's sscanf("%f ...") does it: leading white
space skipped, numbers in strtod's grammar (inf, nan, hex included), the
count of converted values returned."""
import re

_NUM = re.compile(
    r"[ \t\n\r\f\v]*([+-]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?"
    r"|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
    r"|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN](?:\([0-9A-Za-z_]*\))?))")


def _to_float(text):
    t = text.lower()
    if "0x" in t:
        return float.fromhex(text)
    if "nan" in t:
        return float("-nan") if t.startswith("-") else float("nan")
    return float(text)


def scan_floats(text, count):
    """Up to `count` numbers read from the start of `text` as sscanf's "%f %f ..."
    would: a list of floats, shorter where a conversion fails (an empty list for
    text that is only white space: sscanf's EOF)."""
    out = []
    pos = 0
    for _ in range(count):
        m = _NUM.match(text, pos)
        if m is None:
            break
        out.append(_to_float(m.group(1)))
        pos = m.end()
    return out


def scan_one(text):
    """(value, rest) for sscanf(text, " %lf%[^@]") (a number first), or (None, text)."""
    m = _NUM.match(text)
    if m is None:
        return None, text
    return _to_float(m.group(1)), text[m.end():]

"""NEURON 9's ``RANDOM r``: a per-instance Random123 stream (NMODL.md sections 8, 9).

``NEURON { RANDOM r }`` gives every instance its own stream, NEURON's exactly
(``ranvier.core.philox``).  The stream lives in nine hidden rows of the
instance data, ``_ran_<r>_id1, _id2, _id3, _pos, _key, _w0.._w3`` (ids, word
position 4*seq + which, key = the global index, the current counter's words,
see core/philox.py); the model
gives a new instance the default ids (1, 0, k), k counting RANDOM streams
process-wide (``philox.next_stream_id``), as NEURON does.

Calls (the first argument is the RANDOM variable):

====================================  =======================================
``random_uniform(r)``, ``random_dpick(r)``  u = (w + 1)/(2**32 + 1)
``random_uniform(r, a, b)``                 a + (b - a)*u
``random_negexp(r[, mean])``                mean*(-log u)
``random_normal(r[, mu, sd])``              mu + sd*polar (2 picks a try, no cache)
``random_ipick(r)``                         the 32-bit word
``random_setseq(r, x)``                     position x (seq x >> 2, which x & 3)
``random_setids(r, a, b, c)``               ids (position kept)
====================================  =======================================

In: analysis calls ``declare`` and ``check_call``; the event code generator
(netreceive.py, used for every file with a RANDOM call) calls ``gen_call``.
"""

from __future__ import annotations

# the rows of one RANDOM variable: the layout ranvier.core.philox_nb's nmodl_* helpers use
# (kept here too so that the analysis imports no numba)
RANDOM_ROWS = ("id1", "id2", "id3", "pos", "key", "w0", "w1", "w2", "w3")

# name -> (allowed argument counts, including the RANDOM variable; helper per count)
RANDOM_FUNCS = {
    "random_uniform": {1: "nmodl_dpick", 3: "nmodl_uniform2"},
    "random_dpick": {1: "nmodl_dpick"},
    "random_ipick": {1: "nmodl_ipick"},
    "random_negexp": {1: "nmodl_negexp", 2: "nmodl_negexp1"},
    "random_normal": {1: "nmodl_normal", 3: "nmodl_normal2"},
    "random_setseq": {2: "nmodl_setseq"},
    "random_setids": {4: "nmodl_setids"},
}
HELPERS = sorted({h for d in RANDOM_FUNCS.values() for h in d.values()})


def row_names(r):
    """The hidden data rows of RANDOM variable ``r``."""
    return ["_ran_%s_%s" % (r, f) for f in RANDOM_ROWS]


def randoms_of(range_names):
    """{RANDOM variable: index of its first row} from a mechanism's row names."""
    out = {}
    for k, n in enumerate(range_names):
        if n.startswith("_ran_") and n.endswith("_id1"):
            r = n[5:-4]
            if range_names[k:k + len(RANDOM_ROWS)] == row_names(r):
                out[r] = k
    return out


def declare(info):
    """Hidden rows for every RANDOM variable in ``info.randoms`` [(name, line)]; the
    name itself becomes a symbol of kind 'random' (only a random_* argument)."""
    for name, line in info.randoms:
        if name in info.syms:
            raise info.error("Multiple declaration of %s" % name, line)
        first = row_names(name)[0]
        for rn in row_names(name):
            info.add_row(rn, 0.0, False, line, "RANDOM")
        sym = info.syms[first]
        info.syms[name] = type(sym)("random", line, sym.index, decl="RANDOM")


def check_call(info, c, expr):
    """Check a random_* call; ``expr`` checks the other arguments."""
    counts = RANDOM_FUNCS[c.name]
    if len(c.args) not in counts:
        raise info.error("%s takes %s argument(s), got %d"
                         % (c.name, " or ".join(str(k) for k in sorted(counts)), len(c.args)), c.line)
    first = c.args[0]
    name = getattr(first, "name", None)
    sym = info.syms.get(name) if name else None
    if sym is None or sym.kind != "random" or getattr(first, "index", None) is not None:
        raise info.error("the first argument of %s must be a RANDOM variable" % c.name, c.line)
    for a in c.args[1:]:
        expr(a)
    info.event_calls.add(c.name)


def gen_call(gen, c, scope):
    """Python source for a random_* call (the helpers come from ranvier.core.philox_nb)."""
    helper = RANDOM_FUNCS[c.name][len(c.args)]
    row = "R_%s" % "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in row_names(c.args[0].name)[0])
    rest = [gen.expr(a, scope) for a in c.args[1:]]
    return "_ran_%s(%s)" % (helper, ", ".join(["_data", row, "_i"] + rest))


def import_line():
    return "from ranvier.core.philox_nb import %s" % ", ".join("%s as _ran_%s" % (h, h) for h in HELPERS)

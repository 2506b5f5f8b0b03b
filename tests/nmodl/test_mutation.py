"""Mutation testing of the NMODL translator: valid .mod files with tokens deleted,
duplicated, swapped or replaced, the text truncated or random characters inserted.

Whatever the mutant, translation (parse, INCLUDE, analysis, code generation; no numba)
either succeeds, giving Python source that compiles, or raises NmodlError: never
another exception, never a hang (each example has a time limit).
"""

import glob
import os
import re
import signal
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ranvier.core.errors import NmodlError
from ranvier.nmodl.mechanism import translate

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SEEDS = sorted(glob.glob(os.path.join(ROOT, "src", "ranvier", "mechanisms", "*.mod"))
               + glob.glob(os.path.join(os.path.dirname(__file__), "corpus", "*.mod"))
               + glob.glob(os.path.join(ROOT, "benchmarks", "nmodl_channels", "*.mod"))
               + [os.path.join(os.path.dirname(__file__), "malformed", "valid_base.mod")])
TEXTS = {}
for _p in SEEDS:
    with open(_p) as _f:
        TEXTS[os.path.basename(_p)] = _f.read()

TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*'*|\d+\.?\d*(?:[eE][+-]?\d+)?|\s+|.", re.S)
# characters a mutation may insert: NMODL's punctuation, quotes, comment starters, odd bytes
ALPHABET = "{}()[]<>=+-*/^%!&|,:?'\"~;.$#@\\\t\n 0123456789eE_aZ\x00\u00e9"
KEYWORDS = ["NEURON", "SUFFIX", "USEION", "READ", "WRITE", "VALENCE", "RANGE", "GLOBAL",
            "PARAMETER", "ASSIGNED", "STATE", "INITIAL", "BREAKPOINT", "SOLVE", "METHOD",
            "cnexp", "DERIVATIVE", "KINETIC", "PROCEDURE", "FUNCTION", "TABLE", "DEPEND",
            "FROM", "TO", "WITH", "LOCAL", "if", "else", "while", "NET_RECEIVE", "COMMENT",
            "ENDCOMMENT", "VERBATIM", "ENDVERBATIM", "CONSERVE", "COMPARTMENT", "UNITS",
            "CONSTANT", "DEFINE", "INCLUDE", "POINT_PROCESS", "NONSPECIFIC_CURRENT", "v", "t",
            "dt", "~", "<->", "->", "<<", "'", "(mV)", "(/ms)", "1e309", "-", "0", "LINEAR",
            "NONLINEAR", "FUNCTION_TABLE", "BEFORE", "AFTER", "PROTECT", "net_send", "exp"]

NUMBERS = ["0", "0.0", "-1", "2", "3.5", "1e309", "1e-320", "99999999999999999999", "1e20"]

# seconds per example: a translation takes well under a second of CPU (the grammar is
# built before the clock starts); the margin is for a heavily shared machine
TIME_LIMIT = 60


@contextmanager
def _time_limit(seconds):
    def fail(signum, frame):
        raise TimeoutError("translation hung for more than %d s" % seconds)
    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@st.composite
def mutants(draw):
    name = draw(st.sampled_from(sorted(TEXTS)))
    toks = TOKEN.findall(TEXTS[name])
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "keyword",
                                   "truncate", "insert", "rename", "number"]))
        if not toks:
            break
        i = draw(st.integers(0, len(toks) - 1))
        if op == "delete":
            del toks[i]
        elif op == "duplicate":
            toks.insert(i, toks[i])
        elif op == "swap":
            j = draw(st.integers(0, len(toks) - 1))
            toks[i], toks[j] = toks[j], toks[i]
        elif op == "replace":
            toks[i] = toks[draw(st.integers(0, len(toks) - 1))]
        elif op == "keyword":
            toks.insert(i, " %s " % draw(st.sampled_from(KEYWORDS)))
        elif op == "truncate":
            toks = toks[:i]
        elif op in ("rename", "number"):
            # a name becomes another name of the file; a number an awkward number
            want = (lambda t: t[:1].isalpha() or t[:1] == "_") if op == "rename" else (
                lambda t: t[:1].isdigit())
            where = [k for k, t in enumerate(toks) if want(t)]
            if where:
                k = draw(st.sampled_from(where))
                toks[k] = draw(st.sampled_from([toks[j] for j in where] if op == "rename" else NUMBERS))
        else:
            toks.insert(i, draw(st.text(ALPHABET, min_size=1, max_size=3)))
    return name, "".join(toks)


def check(name, text):
    from ranvier.nmodl.parser import _get_parser
    _get_parser()
    with _time_limit(TIME_LIMIT):
        try:
            desc, source = translate(text, name)
        except NmodlError as e:
            assert e.filename == name
            assert str(e).startswith(name + ":")
            return
    compile(source, name, "exec")      # what translates must be importable Python
    assert desc["name"]


def test_seeds_translate():
    assert len(TEXTS) >= 15
    for name, text in TEXTS.items():
        check(name, text)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutants())
def test_mutants_raise_only_nmodl_error(m):
    check(*m)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutants())
def test_many_mutants_raise_only_nmodl_error(m):
    check(*m)

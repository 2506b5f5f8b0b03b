"""Random token soups and mutated valid programs: the parser and evaluator
raise only HocError (never another exception) and never hang."""
import contextlib
import glob
import io
import os
import signal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ranvier.core.errors import HocError

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = []
for p in sorted(glob.glob(os.path.join(HERE, "programs", "*.hoc"))):
    with open(p) as f:
        CORPUS.append(f.read())

TOKENS = ["x", "y", "a", "s", "o", "soma", "dend", "p", "f", "it", "Vector", "List", "new", "proc",
          "func", "obfunc", "iterator", "iterator_statement", "return", "break", "continue",
          "stop", "if", "else", "while", "for", "print", "double", "strdef", "objref", "create",
          "access", "connect", "insert", "hh", "forall", "forsec", "ifsec", "local", "localobj",
          "begintemplate", "endtemplate", "public", "external", "T", "init", "this", "sin",
          "printf", "sprint", "execute", "execute1", "diam", "L", "nseg", "v", "PI", "t",
          "1", "0", "2.5", "1e3", ".5", "1e", '"str"', '"%d\\n"', "$1", "$s1", "$o1", "$&1", "$i",
          "+", "-", "*", "/", "%", "^", "=", "+=", "-=", "*=", "/=", "==", "!=", "<", "<=", ">",
          ">=", "&&", "||", "!", "(", ")", "[", "]", "{", "}", ",", ".", ":", "&", ";", "\n",
          "\n", "\n", " ", "//c\n", "/*", "*/", "\\\n", "#", "@", '"open']


class _Timeout(BaseException):
    pass


@contextlib.contextmanager
def time_limit(seconds):
    def handler(signum, frame):
        raise _Timeout()
    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _run(hoc, text, parse_only):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            if parse_only:
                hoc.check_syntax(text)
            else:
                hoc.execute(text)
        except HocError:
            pass
        except SystemExit:
            pass


soups = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40).map(lambda ts: " ".join(ts))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(soups)
def test_token_soup_parse(hoc, text):
    with time_limit(2.0):
        _run(hoc, text, parse_only=True)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(soups)
def test_token_soup_run(hoc, text):
    try:
        with time_limit(0.5):
            _run(hoc, text, parse_only=False)
    except _Timeout:
        pass                 # a legal endless loop, e.g. `while (1) { }`


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.integers(0, 2))
        i = draw(st.integers(0, len(text)))
        if op == 0:
            j = draw(st.integers(i, min(len(text), i + 8)))
            text = text[:i] + text[j:]
        elif op == 1:
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[i:]
        else:
            j = draw(st.integers(0, len(text)))
            text = text[:i] + text[j:j + 6] + text[i:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_mutated_programs(hoc, tmp_path_factory, text):
    cwd = os.getcwd()
    os.chdir(tmp_path_factory.getbasetemp())
    try:
        with time_limit(2.0):
            _run(hoc, text, parse_only=True)
        try:
            with time_limit(0.5):
                _run(hoc, text, parse_only=False)
        except _Timeout:
            pass
    finally:
        os.chdir(cwd)


def test_deep_nesting_is_an_error_not_a_crash(hoc):
    with pytest.raises(HocError):
        hoc.execute("x = " + "(" * 5000 + "1" + ")" * 5000 + "\n")
    with pytest.raises(HocError):
        hoc.execute("{" * 3000 + "\n")
    with pytest.raises(HocError):
        hoc.execute("func r() { return r() }\nr()\n")

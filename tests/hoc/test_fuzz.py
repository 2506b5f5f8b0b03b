"""Random token soups and mutated valid programs: the parser and evaluator
raise only HocError (never another exception) and never hang: an input still
running after LIMIT seconds fails, unless it is a HOC loop going round forever."""
import contextlib
import glob
import io
import os
import signal
import sys
import time
import traceback

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import fakehost
from ranvier.core.errors import HocError
from ranvier.hoc import host, nodes, reset

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = []
for p in sorted(glob.glob(os.path.join(HERE, "programs", "*.hoc"))):
    with open(p) as f:     # files the programs write go to the test's own folder, not /tmp (mutated names)
        CORPUS.append(f.read().replace("/tmp/_ranvier_hoc_test.txt", "_ranvier_hoc_test.txt"))

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


LIMIT = 5.0        # seconds an input may run before it counts as a hang
TICK = 0.5         # how often the watchdog looks
ROUNDS = 3         # line events of a loop frame that show it went round at least once

# the run() of HOC's loop statements: the only way an input may legally run forever
LOOP_CODES = frozenset(cls.run.__code__ for cls in (nodes.While, nodes.ForC, nodes.ForRange))


class _EndlessLoop(BaseException):
    """The input is a HOC loop going round forever (`while (1) {}`): not a hang."""


class _Hang(BaseException):
    """Raised by the watchdog LIMIT seconds into an input that is not looping."""


def _innermost_loop(frame):
    while frame is not None and frame.f_code not in LOOP_CODES:
        frame = frame.f_back
    return frame


def _no_trace(frame, event, arg):
    return None            # new frames are not traced: only the watched loop frame is


@contextlib.contextmanager
def watchdog(text, limit=LIMIT):
    """Run the body for at most `limit` seconds.  Every TICK the innermost HOC loop
    on the stack is watched (its line events counted); once it has gone round the
    input is abandoned as an endless HOC loop.  Anything else still running after
    `limit` seconds fails the test, showing the input and where it was stuck."""
    state = {"elapsed": 0.0, "loop": None, "lines": 0}
    tracer = sys.gettrace()          # a debugger's or coverage's, given back after a watch

    def count_lines(frame, event, arg):
        if event == "line":
            state["lines"] += 1
        return count_lines

    def unwatch():
        sys.settrace(tracer)
        if state["loop"] is not None:
            state["loop"].f_trace = None
            state["loop"] = None

    def on_tick(signum, frame):
        state["elapsed"] += TICK
        if state["loop"] is not None and state["lines"] > ROUNDS:
            unwatch()
            raise _EndlessLoop()
        if state["elapsed"] >= limit:
            unwatch()
            state["where"] = "".join(traceback.format_stack(frame)[-8:])
            raise _Hang()
        loop = _innermost_loop(frame)
        if loop is not state["loop"]:
            unwatch()
            if loop is not None:
                state["loop"], state["lines"] = loop, 0
                loop.f_trace = count_lines
                loop.f_trace_lines = True
                sys.settrace(_no_trace)

    old = signal.signal(signal.SIGALRM, on_tick)
    signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _EndlessLoop:
        pass
    except _Hang:
        pytest.fail("HOC input still running after %g s (a hang):\n%r\nstuck at:\n%s"
                    % (limit, text, state["where"]), pytrace=False)
    finally:
        signal.signal(signal.SIGALRM, old)
        unwatch()


def _run(text, parse_only):
    """Parse (or run) `text` on a new interpreter and a new fake model, so that what
    an input does does not depend on the inputs before it: a failure replays from
    the input alone."""
    fakehost.install()
    hoc = reset()
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        with watchdog(text):
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


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(soups)
@pytest.mark.usefixtures("hoc")
def test_token_soup_parse(text):
    _run(text, parse_only=True)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(soups)
@pytest.mark.usefixtures("hoc")
def test_token_soup_run(text):
    _run(text, parse_only=False)


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


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
@pytest.mark.usefixtures("hoc")
def test_mutated_programs(tmp_path_factory, text):
    cwd = os.getcwd()
    os.chdir(tmp_path_factory.getbasetemp())
    try:
        _run(text, parse_only=True)
        _run(text, parse_only=False)
    finally:
        os.chdir(cwd)


def test_deep_nesting_is_an_error_not_a_crash(hoc):
    with pytest.raises(HocError):
        hoc.execute("x = " + "(" * 5000 + "1" + ")" * 5000 + "\n")
    with pytest.raises(HocError):
        hoc.execute("{" * 3000 + "\n")
    with pytest.raises(HocError):
        hoc.execute("func r() { return r() }\nr()\n")


@pytest.mark.usefixtures("hoc")
def test_watchdog_abandons_an_endless_hoc_loop():
    for text in ("for (i = 0; 1; i += 1) {}\n", "for i = 0, 1e300 {}\n",
                 "proc p() { while (1) { x = 1 } }\nfor i = 0, 2 { p() }\n"):
        t0 = time.perf_counter()
        _run(text, parse_only=False)
        assert time.perf_counter() - t0 < LIMIT, text


def test_watchdog_fails_a_hang(hoc):
    def spin():
        while True:
            pass
    host.HOST.hs.FUNCTIONS["spin"] = spin          # a host function that never returns
    for text in ("spin()\n", "while (1) { spin() }\n"):
        with pytest.raises(pytest.fail.Exception) as e:
            with watchdog(text, limit=1.0):
                hoc.execute(text)
        assert "still running after 1 s (a hang):\n%r" % text in str(e.value)
        assert "in spin" in str(e.value)

"""ParallelContext's bulletin board on one process.

NEURON's bulletin board hands jobs (``submit``) to worker processes and results
back to the master (``working``).  With one process there are no workers and
NEURON runs each job on the master, one per ``working()`` call, in submission
order; this module reproduces that:

* ``submit(f, *args)`` (a Python callable), ``submit("hocfunc", *args)``,
  ``submit("hoc statement")``, ``submit(obj, "method", *args)``, each optionally
  preceded by a numeric userid; without one the userids are -1, -2, ...
  Numeric arguments reach the job as floats, as through NEURON's message
  buffer.  Items ``pack``-ed before ``submit`` travel with the job (the job can
  unpack them).
* A Python callable and its arguments are pickled at ``submit`` (and its return
  value when it has run), as NEURON sends them to a worker: a local function or
  lambda is refused there, as in NEURON, so a script that runs here runs on MPI.
* ``working()`` runs the next job and answers its sequence number 1, 2, ...;
  0 once the queue is empty.  ``userid()``, ``retval()`` (a HOC function's
  value) and ``pyret()`` (a Python job's return value) describe that job.
* ``post(key, *items)`` / ``take`` / ``look`` / ``look_take`` with ``pack`` and
  the ``upk*`` readers: a message store keyed by string or number.

An MPI version implements the same Board methods over the ranks.
"""
import collections
import numbers
import pickle

from ...core.errors import HocError
from ... import hoc


class BulletinBoardError(HocError, RuntimeError):
    """A bulletin-board misuse (unpacking past a message's end, a bad job)."""


def _as_message_item(x):
    if isinstance(x, bool):
        return float(x)
    if isinstance(x, numbers.Real):
        return float(x)
    return x


class Board:
    """The local bulletin board of one ParallelContext."""

    def __init__(self):
        self._jobs = collections.deque()    # (userid, callable-spec, args, message)
        self._next_userid = -1
        self._sequence = 0
        self._userid = 0.0
        self._retval = 0.0
        self._pyret = None
        self._has_pyret = False
        self._send = []                     # items packed for the next post/submit
        self._recv = collections.deque()    # items of the message being unpacked
        self._posted = collections.defaultdict(collections.deque)

    # -- jobs --------------------------------------------------------------------------
    def submit(self, args):
        args = list(args)
        if not args:
            raise BulletinBoardError("ParallelContext.submit: nothing to submit")
        if isinstance(args[0], numbers.Real) and not isinstance(args[0], bool) and len(args) > 1:
            userid = float(args.pop(0))
        else:
            userid = float(self._next_userid)
            self._next_userid -= 1
        target, rest = args[0], args[1:]
        if isinstance(target, str) or callable(target):
            spec = (target, None)
        else:                                # submit(obj, "method", args...)
            if not rest or not isinstance(rest[0], str):
                raise BulletinBoardError("ParallelContext.submit(%r, ...): expected a "
                                         "callable, a HOC function name or statement, "
                                         "or an object and a method name" % (target,))
            spec, rest = (target, rest[0]), rest[1:]
        message, self._send = self._send, []
        args = [_as_message_item(a) for a in rest]
        if callable(target) and not isinstance(target, str) and spec[1] is None:
            spec = (_pickled("submit", (target, args)), "<pickled>")
            args = None
        self._jobs.append((userid, spec, args, message))
        return userid

    def working(self):
        if not self._jobs:
            return 0
        userid, (target, method), args, message = self._jobs.popleft()
        self._sequence += 1
        self._recv = collections.deque(message)
        self._userid = userid
        self._retval, self._pyret, self._has_pyret = 0.0, None, False
        if method == "<pickled>":
            func, args = pickle.loads(target)
            self._note_result(func(*args))
        elif method is not None:
            value = getattr(target, method)(*args)
            self._note_result(value)
        elif isinstance(target, str):
            interp = hoc.interpreter()
            if args or interp.has(target):
                value = interp.call(target, *args)
                self._retval = float(value) if isinstance(value, numbers.Real) else 0.0
            else:
                interp.execute(target, filename="ParallelContext.submit")
        else:
            self._note_result(target(*args))
        return self._sequence

    def _note_result(self, value):
        value = pickle.loads(_pickled("pyret", value))     # what comes back is a copy
        self._pyret, self._has_pyret = value, True     # retval() stays 0, as NEURON's

    def userid(self):
        return self._userid

    def retval(self):
        return self._retval

    def pyret(self):
        if not self._has_pyret:
            raise BulletinBoardError("ParallelContext.pyret: the last job returned no "
                                     "Python object (it was not a Python callable)")
        value, self._pyret, self._has_pyret = self._pyret, None, False
        return value

    # -- messages ----------------------------------------------------------------------
    def pack(self, item):
        if hasattr(item, "as_numpy") and hasattr(item, "resize"):
            item = ("vector", [float(x) for x in item.as_numpy()])
        self._send.append(_as_message_item(item))

    def post(self, key, items):
        for item in items:
            self.pack(item)
        message, self._send = self._send, []
        self._posted[self._key(key)].append(message)
        return 0.0

    def look(self, key, items=()):
        queue = self._posted.get(self._key(key))
        if not queue:
            return False
        self._recv = collections.deque(queue[0])
        return True

    def look_take(self, key, items=()):
        queue = self._posted.get(self._key(key))
        if not queue:
            return False
        self._recv = collections.deque(queue.popleft())
        return True

    def take(self, key, items=()):
        if not self.look_take(key):
            # NEURON's master would wait for a worker to post it: with none, it never comes
            raise BulletinBoardError("ParallelContext.take(%r): nothing posted under this "
                                     "key, and on one process nothing else can post it"
                                     % (key,))
        return 1.0

    def unpack(self, what, kind):
        if not self._recv:
            raise BulletinBoardError("ParallelContext.%s: the message has no more items"
                                     % what)
        item = self._recv.popleft()
        if kind is float:
            if isinstance(item, float):
                return item
        elif kind is str:
            if isinstance(item, str):
                return item
        elif kind == "vector":
            if isinstance(item, tuple) and len(item) == 2 and item[0] == "vector":
                return item[1]
        else:
            return item
        raise BulletinBoardError("ParallelContext.%s: the next item of the message is %r"
                                 % (what, item))

    def context(self, args):
        """Run on every worker; with none nothing runs (the call is still checked)."""
        if args and callable(args[0]) and not isinstance(args[0], str):
            _pickled("context", (args[0], list(args[1:])))
        return 1.0

    @staticmethod
    def _key(key):
        return float(key) if isinstance(key, numbers.Real) else str(key)


def _pickled(what, obj):
    try:
        return pickle.dumps(obj)
    except Exception as e:       # noqa: BLE001 - any pickling failure is the user's
        raise BulletinBoardError("ParallelContext.%s: %s: %s (a job must be picklable, "
                                 "e.g. a module-level function, as NEURON sends it to "
                                 "a worker)" % (what, type(e).__name__, e)) from e

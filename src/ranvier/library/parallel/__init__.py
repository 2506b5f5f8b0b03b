"""ParallelContext for one process (nhost = 1).

Network scripts written for NEURON's ParallelContext run unchanged on one
process: gids are registered with set_gid2node/cell, connections made with
gid_connect are ordinary NetCons, spike_record records every source, and
psolve runs the compiled loop.  Distribution over MPI ranks is not
implemented yet: with more than one rank this raises instead of silently
running every rank's copy of the model.

The bulletin board behaves as NEURON's with one process (no workers): submit()
queues a job and answers its userid (-1, -2, ... unless one is given);
working() runs the next queued job here, in submission order, and answers its
sequence number (0 when none is left); userid(), retval() and pyret() then
describe that job.  post/take/look with pack/upk* pass messages through a local
board (bboard.py).  Where MPI comes, only the Board and the collective
operations need a second implementation.
"""
import os
import time

from ...core.errors import ModelError
from ...core.hocobject import HocObject
from ...model.netcon import NetCon
from .. import stdrun
from .bboard import Board


def _mpi_size():
    for var in ("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "MPI_LOCALNRANKS"):
        if var in os.environ:
            try:
                return int(os.environ[var])
            except ValueError:
                pass
    return 1


class _Shared:
    """The process's ParallelContext state (one rank): gids, spike sources, the
    bulletin board and the time spent in psolve."""

    def __init__(self):
        self.gids = set()
        self.cells = {}
        self.board = Board()
        self.step_time = 0.0


_SHARED = _Shared()


def reset():
    """ranvier.reset(): no gid, no spike source, an empty bulletin board."""
    global _SHARED
    _SHARED = _Shared()


class ParallelContext(HocObject):
    """NEURON's ParallelContext on a single process."""

    _hoc_name = "ParallelContext"

    def __init__(self, *args):
        if _mpi_size() > 1:
            raise ModelError("ParallelContext over %d MPI ranks is not supported yet; "
                             "run with one process" % _mpi_size())
        self._hoc_register()

    # every ParallelContext of the process shares one gid table and one bulletin
    # board, as in NEURON (the ring of NEURON's tutorial makes several instances)
    _gids = property(lambda self: _SHARED.gids)
    _cells = property(lambda self: _SHARED.cells)     # gid -> source NetCon given to cell()
    _board = property(lambda self: _SHARED.board)

    # -- where am I -------------------------------------------------------------
    def id(self):
        return 0              # NEURON 9 answers ints here

    def nhost(self):
        return 1

    def nthread(self, *args):
        return 1.0

    def id_world(self):
        return 0

    def nhost_world(self):
        return 1

    # -- gids ------------------------------------------------------------------------
    def set_gid2node(self, gid, host):
        if int(host) == 0:
            self._gids.add(int(gid))
        return 0.0

    def gid_exists(self, gid):
        """3: has a spike source here (cell()), 1: set here only, 0: unknown (ints, as NEURON 9)."""
        gid = int(gid)
        if gid in self._cells:
            return 3
        return 1 if gid in self._gids else 0

    def cell(self, gid, netcon, *args):
        """Make `netcon`'s source the spike source of `gid`."""
        gid = int(gid)
        if gid not in self._gids:
            raise ModelError("ParallelContext.cell(%d): gid not set with set_gid2node" % gid)
        self._cells[gid] = netcon
        return 0.0

    def outputcell(self, gid):
        return 1.0 if int(gid) in self._cells else 0.0

    def gid2cell(self, gid):
        """The cell of gid's spike source: the point process (NetStim, IntFire...),
        else the object owning the source's section (Section(cell=...)), else None."""
        nc = self._source_netcon(gid)
        if nc.pre() is not None:
            return nc.pre()
        seg = nc.preseg()
        return seg.sec.cell() if seg is not None else None

    def threshold(self, gid, *args):
        nc = self._source_netcon(gid)
        if args:
            nc.threshold = float(args[0])
        return nc.threshold

    def _source_netcon(self, gid):
        try:
            return self._cells[int(gid)]
        except KeyError:
            raise ModelError("gid %d has no spike source (use pc.cell(gid, netcon) first)"
                             % int(gid)) from None

    def gid_connect(self, srcgid, target, netcon=None):
        """A NetCon from gid's spike source to `target` (or `netcon` re-sourced)."""
        src = self._source_netcon(srcgid)
        nc = NetCon(src._source, target)
        nc.threshold = src.threshold
        if netcon is not None:
            nc.delay = netcon.delay
            for i in range(len(netcon.weight)):
                if i < len(nc.weight):
                    nc.weight[i] = netcon.weight[i]
        return nc

    def spike_record(self, gid, tvec, idvec):
        """Record the spikes of `gid` (or of every gid for -1) into tvec/idvec."""
        gid = int(gid)
        gids = sorted(self._cells) if gid == -1 else [gid]
        for g in gids:
            self._source_netcon(g).record(tvec, idvec, g)
        return 0.0

    # -- running ----------------------------------------------------------------------
    def set_maxstep(self, maxstep):
        """The integration interval between spike exchanges: the least delay of the
        NetCons that cross ranks, at most `maxstep`.  On one rank none cross, and
        NEURON answers `maxstep` itself (the run is the same whatever it is)."""
        return float(maxstep)

    def psolve(self, tstop):
        """Integrate from the present t to tstop (the compiled loop)."""
        start = time.perf_counter()
        try:
            stdrun.continuerun(float(tstop))
        finally:
            _SHARED.step_time += time.perf_counter() - start
        return 0.0

    def timeout(self, *args):
        return 0.0

    def barrier(self):
        return 0.0

    def nworker(self):
        """Worker processes serving the bulletin board: none on one process."""
        return 0

    def gid_clear(self, *args):
        """Forget every gid (set_gid2node/cell); the NetCons made stay as they are."""
        self._gids.clear()
        self._cells.clear()
        return 0.0

    # -- bulletin board (bboard.py) ------------------------------------------------------
    def runworker(self):
        """The master returns at once (there are no workers on one process)."""
        return 0.0

    def done(self):
        return 0.0

    def context(self, *args):
        """Run on every worker: there are none, so nothing runs here (as NEURON)."""
        return self._board.context(args)

    def submit(self, *args):
        return self._board.submit(args)

    def working(self):
        return self._board.working()

    def userid(self):
        return self._board.userid()

    def retval(self):
        return self._board.retval()

    def pyret(self):
        return self._board.pyret()

    def post(self, key, *items):
        return self._board.post(key, items)

    def take(self, key, *items):
        return self._board.take(key, items)

    def look(self, key, *items):
        return self._board.look(key, items)

    def look_take(self, key, *items):
        return self._board.look_take(key, items)

    def pack(self, *items):
        for item in items:
            self._board.pack(item)
        return 0.0

    def upkscalar(self):
        return self._board.unpack("upkscalar", float)

    def upkstr(self, ref=None):
        """The next string of the message, also stored in `ref` (a strdef) if given."""
        s = self._board.unpack("upkstr", str)
        if ref is not None and hasattr(ref, "__setitem__"):
            ref[0] = s
        return s

    def upkvec(self, vec=None):
        v = self._board.unpack("upkvec", "vector")
        if vec is not None:
            vec.resize(0)
            vec.append(v)
            return vec
        from ...data.vector import Vector
        return Vector(v)

    def upkpyobj(self):
        return self._board.unpack("upkpyobj", object)

    def time(self):
        return time.perf_counter()

    def wait_time(self):
        return 0.0

    def step_time(self):
        """Seconds spent integrating in psolve (it used to answer 0)."""
        return _SHARED.step_time

    def send_time(self):
        return 0.0

    # -- collective operations (one rank: the identity) --------------------------------
    def allreduce(self, x, op=1):
        """Reduce over ranks (op 1 sum, 2 max, 3 min, 4 ...): with one rank a
        number comes back as it is and a Vector is left unchanged (answer 0)."""
        if hasattr(x, "resize"):
            return 0.0
        return float(x)

    def allgather(self, x, vec):
        vec.resize(1)
        vec.x[0] = float(x)
        return 0.0

    def alltoall(self, src, counts, dest):
        dest.resize(0)
        dest.append(src)
        return 0.0

    def broadcast(self, x, root=0):
        """One rank: nothing moves; a Vector answers its size, as NEURON's."""
        if hasattr(x, "resize"):
            return float(len(x))
        return x

    def py_allgather(self, obj):
        return [obj]

    def py_gather(self, obj, root=0):
        return [obj]

    def py_alltoall(self, objs):
        return list(objs)

    def py_broadcast(self, obj, root=0):
        return obj

    def py_scatter(self, objs, root=0):
        return objs[0]

    def setup_transfer(self, *args):
        raise ModelError("gap junctions (ParallelContext.setup_transfer) are not supported yet")

    source_var = target_var = setup_transfer


def nrnmpi_init(*args):
    """h.nrnmpi_init(): start MPI for a later ParallelContext.  ranvier runs one
    process and needs no MPI library: nothing to start; answers 0 as NEURON does
    when it runs without MPI.  Under mpiexec with more than one rank,
    ParallelContext() raises (distribution is not implemented yet)."""
    return 0.0

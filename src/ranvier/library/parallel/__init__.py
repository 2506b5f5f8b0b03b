"""ParallelContext for one process (nhost = 1).

Network scripts written for NEURON's ParallelContext run unchanged on one
process: gids are registered with set_gid2node/cell, connections made with
gid_connect are ordinary NetCons, spike_record records every source, and
psolve runs the compiled loop.  Distribution over MPI ranks is not
implemented yet: with more than one rank this raises instead of silently
running every rank's copy of the model.
"""
import os
import time

from ...core.errors import ModelError
from ...core.hocobject import HocObject
from ...model.netcon import NetCon
from ...model.netcon import live_netcons
from .. import stdrun


def _mpi_size():
    for var in ("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "MPI_LOCALNRANKS"):
        if var in os.environ:
            try:
                return int(os.environ[var])
            except ValueError:
                pass
    return 1


class ParallelContext(HocObject):
    """NEURON's ParallelContext on a single process."""

    _hoc_name = "ParallelContext"

    def __init__(self, *args):
        if _mpi_size() > 1:
            raise ModelError("ParallelContext over %d MPI ranks is not supported yet; "
                             "run with one process" % _mpi_size())
        self._gids = set()
        self._cells = {}         # gid -> source NetCon given to cell()
        self._step_time = 0.0    # seconds spent in psolve
        self._hoc_register()

    # -- where am I -------------------------------------------------------------
    def id(self):
        return 0.0

    def nhost(self):
        return 1.0

    def nthread(self, *args):
        return 1.0

    def id_world(self):
        return 0.0

    def nhost_world(self):
        return 1.0

    # -- gids ------------------------------------------------------------------------
    def set_gid2node(self, gid, host):
        if int(host) == 0:
            self._gids.add(int(gid))
        return 0.0

    def gid_exists(self, gid):
        gid = int(gid)
        if gid in self._cells:
            return 3.0
        return 1.0 if gid in self._gids else 0.0

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
        nc = self._source_netcon(gid)
        return nc.pre() if nc.pre() is not None else None

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
        delays = [nc.delay for nc in live_netcons() if nc.syn() is not None]
        return float(min([float(maxstep)] + delays))

    def psolve(self, tstop):
        """Integrate from the present t to tstop (the compiled loop)."""
        start = time.perf_counter()
        try:
            stdrun.continuerun(float(tstop))
        finally:
            self._step_time += time.perf_counter() - start
        return 0.0

    def timeout(self, *args):
        return 0.0

    def barrier(self):
        return 0.0

    def done(self):
        return 0.0

    def runworker(self):
        return 0.0

    def time(self):
        return time.perf_counter()

    def wait_time(self):
        return 0.0

    def step_time(self):
        """Seconds spent integrating in psolve (it used to answer 0)."""
        return self._step_time

    def send_time(self):
        return 0.0

    # -- collective operations (one rank: the identity) --------------------------------
    def allreduce(self, x, op=1):
        return x

    def allgather(self, x, vec):
        vec.resize(1)
        vec.x[0] = float(x)
        return 0.0

    def alltoall(self, src, counts, dest):
        dest.resize(0)
        dest.append(src)
        return 0.0

    def broadcast(self, x, root=0):
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

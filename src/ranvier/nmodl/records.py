"""The layouts the generated kernels share with the model and the engine (one table each).

Every array that crosses the kernel boundary with more than one kind of value
in it is described here, once, as an ordered field list; the named integer
constants (``ION_CI``, ``OB_TIME``, ...) are generated from the lists, and the
generators print those names, with their values defined at the top of each
generated module (``constant_lines``), so that the generated text, and with
it the cache key, changes whenever a layout does.

- ``ION_FIELDS``: the middle axis of the ions array ``ions[ion, field, node]``
  (``NODES.ions``); ``style`` is the valence where e follows the
  concentrations by Nernst (some mechanism there writes them), else 0.
- ``OUTBOX_FIELDS``: the columns of the event outbox ``evb[row, column]``
  that net_send/net_event/net_move append to (netreceive.py); ``OUTBOX_KINDS``
  are the values of its ``kind`` column; ``EVN_FIELDS`` the slots of its
  counter array ``evn`` and ``OUTBOX_ERRORS`` the codes in ``evn[EVN_ERROR]``.
- ``MECH_ARGS``: the per-mechanism arguments of every kernel (a mechanism's
  instance count, data, nodes, ion indices, globals and table), and
  ``KERNEL_PARAMS`` the parameter lists of the kernels the engine calls.
"""

__all__ = ["constants", "constant_lines", "ION_FIELDS", "NFIELDS", "OUTBOX_FIELDS",
           "OUTBOX_KINDS", "EVN_FIELDS", "OUTBOX_ERRORS", "MECH_ARGS", "KERNEL_PARAMS",
           "kernel_params"]


def constants(prefix, fields):
    """{prefix + FIELD: position} for an ordered field list (the named constants)."""
    if len(set(fields)) != len(fields):
        raise ValueError("duplicate field in %r" % (fields,))
    return {prefix + f.upper(): i for i, f in enumerate(fields)}


def constant_lines(prefix, fields, origin):
    """Source lines ``PREFIX_FIELD = i`` for a generated module (``origin`` names the table)."""
    return ["%s = %d  # %s" % (name, i, origin) for name, i in constants(prefix, fields).items()]


def _define(prefix, fields):
    names = constants(prefix, fields)
    globals().update(names)
    __all__.extend(names)


ION_FIELDS = ("e", "i", "didv", "ci", "co", "style")
_define("ION_", ION_FIELDS)            # ION_E, ION_I, ION_DIDV, ION_CI, ION_CO, ION_STYLE
NFIELDS = len(ION_FIELDS)

OUTBOX_FIELDS = ("kind", "time", "flag", "inst")
_define("OB_", OUTBOX_FIELDS)          # OB_KIND, OB_TIME, OB_FLAG, OB_INST
OUTBOX_KINDS = ("send", "event", "move", "watch", "unwatch")
# OB_WATCH: a WATCH condition became true (a self-event at time, with the WATCH's flag);
# OB_UNWATCH: the instance's watches were re-armed (its pending WATCH events are dropped)
_define("OB_", OUTBOX_KINDS)           # OB_SEND, OB_EVENT, OB_MOVE, OB_WATCH, OB_UNWATCH
EVN_FIELDS = ("count", "error")
_define("EVN_", EVN_FIELDS)            # EVN_COUNT, EVN_ERROR
OUTBOX_ERRORS = ("ok", "full", "negative_delay", "before_t")
_define("OBERR_", OUTBOX_ERRORS)       # OBERR_OK, OBERR_FULL, OBERR_NEGATIVE_DELAY, OBERR_BEFORE_T

# per-mechanism kernel arguments, in the kernels' order
MECH_ARGS = ("n", "data", "nodeidx", "ionidx", "gv", "tbl")

# parameter lists of the kernels the engine's stepper calls (the names in MECH_ARGS
# are the mechanism's own; the others are the engine's node arrays and clock)
KERNEL_PARAMS = {
    "check_table": ("n", "data", "gv", "tbl", "celsius", "dt"),
    "nrn_init": ("n", "data", "nodeidx", "v", "area", "ions", "ionidx", "gv", "tbl", "t", "dt",
                 "celsius"),
    "nrn_cur": ("n", "data", "nodeidx", "v", "area", "rhs", "d", "ions", "ionidx", "gv", "tbl",
                "t", "dt", "celsius"),
    "nrn_state": ("n", "data", "nodeidx", "v", "area", "ions", "ionidx", "gv", "tbl", "t", "dt",
                  "celsius"),
    "nrn_deriv": ("n", "data", "nodeidx", "v", "area", "ions", "ionidx", "gv", "tbl", "t", "dt",
                  "celsius", "out"),
}
# the event kernels (netreceive.py): evb/evn are the outbox (OUTBOX_FIELDS, EVN_FIELDS)
KERNEL_PARAMS["net_init"] = ("n", "ntot", "data", "nodeidx", "v", "area", "ions", "ionidx", "gv",
                             "tbl", "t", "dt", "celsius", "evb", "evn")
KERNEL_PARAMS["net_receive"] = ("data", "i", "gv", "tbl", "v", "nd", "area", "t", "dt", "celsius",
                                "w", "wr", "flag", "evb", "evn")
KERNEL_PARAMS["net_receive_init"] = ("data", "i", "gv", "tbl", "v", "nd", "area", "t", "dt",
                                     "celsius", "w", "wr")
KERNEL_PARAMS["watch_check"] = ("n", "ntot", "data", "nodeidx", "v", "area", "gv", "tbl", "t", "dt",
                                "celsius", "evb", "evn")
KERNEL_PARAMS["nrn_cur_par"] = KERNEL_PARAMS["nrn_cur"]
KERNEL_PARAMS["nrn_state_par"] = KERNEL_PARAMS["nrn_state"]
KERNEL_PARAMS["nrn_cur_blk"] = KERNEL_PARAMS["nrn_cur"] + ("scr",)
KERNEL_PARAMS["nrn_state_blk"] = KERNEL_PARAMS["nrn_state"] + ("scr",)


def kernel_params(kernel):
    """The parameter list of ``kernel`` as the generated ``def`` prints it."""
    return ", ".join(KERNEL_PARAMS[kernel])

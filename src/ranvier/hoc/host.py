"""The one seam between the HOC interpreter and a model.

Everything the interpreter needs from sections, mechanisms and NEURON's
built-in functions/classes/variables goes through the module-level ``HOST``
object.  The interpreter knows nothing of ranvier's model: the library layer
installs its adapter (``ranvier.library.hoc_host.ModelHost``) when it is
imported, and tests install a fake with ``set_host(obj)``.  Until a host is
attached, every model operation raises HostError.
"""

__all__ = ["HOST", "set_host", "get_host", "HostError", "SECTION_PROPS"]

SECTION_PROPS = ("L", "Ra", "nseg", "rallbranch")


class HostError(Exception):
    """A model-side failure to be reported as a HOC error with this message."""


class _Unattached:
    """The host before the model layer attached itself (import ranvier does that)."""

    def __getattr__(self, name):
        def unavailable(*args, **kwargs):
            raise HostError("the HOC interpreter has no model attached (import ranvier first)")
        return unavailable


HOST = _Unattached()


def set_host(h):
    """Install a host; returns the previous one."""
    global HOST
    old = HOST
    HOST = h
    return old


def get_host():
    return HOST


def attached():
    """Whether a real host (not the placeholder) is installed."""
    return not isinstance(HOST, _Unattached)

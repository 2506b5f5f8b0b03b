"""`neuron.gui`: importing it starts ranvier's GUI (interface/gui.py: a web page
or Jupyter, nothing headless) and loads stdrun.hoc, as NEURON's gui loads
nrngui.hoc.  Its functions are interface.gui's (``activate``, ``url``, ``wait``)."""
from .. import gui as _gui
from ..gui import activate, mode, url, wait  # noqa: F401
from ..toplevel import h

_gui.activate()
h.load_file("stdrun.hoc")

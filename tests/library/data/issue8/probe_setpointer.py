"""The density form of HOC's setpointer statement (issue 8): setpointer sec.p_mech(x), var;
sec setpointer p_mech(x), var; setpointer p_mech(x), var (the accessed section)."""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
try:
    import ranvier                      # ranvier compiles the .mod files itself
    ranvier.load_mechanisms(os.path.join(HERE, "mod"))
    from ranvier import h
except ImportError:                     # NEURON: its nrnivmodl builds them first
    import neuron
    tmp = tempfile.mkdtemp()
    shutil.copy(os.path.join(HERE, "mod", "ptrd.mod"), tmp)
    subprocess.run([os.path.join(os.path.dirname(sys.executable), "nrnivmodl")], cwd=tmp,
                   check=True, capture_output=True)
    neuron.load_mechanisms(tmp)
    from neuron import h

h("""
create soma, dend
soma { nseg = 3 insert ptrd insert hh }
dend { nseg = 2 insert ptrd }
connect dend(0), soma(1)
setpointer soma.p_ptrd(0.5), dend.v(0.5)
soma setpointer p_ptrd(0.1), v(0.9)
access soma
setpointer p_ptrd(0.9), soma.ena(0.9)
dend setpointer p_ptrd(0.3), soma.v(0.5)
setpointer dend.p_ptrd(0.8), soma.v(0.1)
soma.v(0.1) = -11
soma.v(0.5) = -15
soma.v(0.9) = -19
dend.v(0.25) = -21
dend.v(0.75) = -27
finitialize()
print soma.val_ptrd(0.1), soma.val_ptrd(0.5), soma.val_ptrd(0.9), dend.val_ptrd(0.3), dend.val_ptrd(0.8)
""")
print([seg.ptrd.val for seg in h.soma], [seg.ptrd.val for seg in h.dend])

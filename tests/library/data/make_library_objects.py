"""Expected numbers for tests/library/test_library_objects.py, from NEURON 9.0.2:
    /tmp/nrnvenv/bin/python make_library_objects.py > library_objects.json
After load_file of each library file, in a fresh nrniv: the names of the next new
PWManager, List and Vector, and PWManager[0].count where it exists (models read it)."""
import json
import os
import subprocess
import tempfile

NRNIV = "/tmp/nrnvenv/bin/nrniv"
out = {}
for f in ("stdrun.hoc", "noload.hoc", "nrngui.hoc", "stdgui.hoc"):
    prog = ('load_file("%s")\nobjref pw_, ls_, vc_\npw_ = new PWManager()\nls_ = new List()\n'
            'vc_ = new Vector()\nprint pw_, ls_, vc_, PWManager[0].count\n' % f)
    with tempfile.NamedTemporaryFile("w", suffix=".hoc", delete=False) as fh:
        fh.write(prog)
    r = subprocess.run([NRNIV, fh.name, "-c", "quit()"], capture_output=True, text=True)
    os.unlink(fh.name)
    lines = [ln.strip() for ln in r.stdout.splitlines() if ln.strip()]
    out[f] = lines[-1]
# stdrun.hoc's plain top-level variables after nrngui.hoc
VARNAMES = ["n_graph_lists", "eventcount", "eventslow", "global_ra", "coreneuronrunning_"]
with tempfile.NamedTemporaryFile("w", suffix=".hoc", delete=False) as fh:
    fh.write('load_file("nrngui.hoc")\nprint %s\n' % ", ".join(VARNAMES))
r = subprocess.run([NRNIV, fh.name, "-c", "quit()"], capture_output=True, text=True)
os.unlink(fh.name)
out["stdrun_vars"] = dict(zip(VARNAMES, map(float, r.stdout.split()[-len(VARNAMES):])))
# stdrun.hoc's top-level strdefs: name_declared() gives 4
STRS = ["tstr", "rwdname", "temp_string_", "temp_string2_"]
with tempfile.NamedTemporaryFile("w", suffix=".hoc", delete=False) as fh:
    fh.write('load_file("stdrun.hoc")\nprint %s\n' % ", ".join('name_declared("%s")' % n for n in STRS))
r = subprocess.run([NRNIV, fh.name, "-c", "quit()"], capture_output=True, text=True)
os.unlink(fh.name)
out["stdrun_strdefs"] = dict(zip(STRS, map(float, r.stdout.split()[-len(STRS):])))
print(json.dumps(out, indent=1))

"""How long a model's 10 typical channel files take to load: cold (an empty kernel
cache) and warm (the cache a previous run, or ``nrnivmodl``, left).  Prints the times
(not a test); each phase runs in a fresh Python process on its own cache folder.

    python benchmarks/nmodl_load.py [--model]

Phases:
  cold serial     translate (lark parse, analysis, code generation), import numba, import
                  the 10 generated modules, compile their kernels with numba, one by one
  cold nrnivmodl  ``nrnivmodl``'s build(): translation, then the kernels compiled in
                  one worker process per CPU
  warm            a new process on the filled cache: descriptions from JSON, modules
                  imported, kernels found in numba's cache
  --model         also: the first finitialize+fadvance of one section with all 10
                  mechanisms, after nrnivmodl (kernels cached) and from an empty cache;
                  this adds the engine's stepper compilation, which is per model

The channels are ours (benchmarks/nmodl_channels: Na, K-DR, KA, Kd, Ca-L, CaT, cad,
KCa, h, M), checked to build with NEURON's nrnivmodl too.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = sorted(glob.glob(os.path.join(HERE, "nmodl_channels", "*.mod")))
SRC = os.path.join(HERE, "..", "src")

CHILD = r"""
import json, os, resource, sys, time
phase, files = sys.argv[1], sys.argv[2:]
out, cpu = {}, {}
def lap(name, t0):
    out[name] = time.perf_counter() - t0[0]
    cpu[name] = time.process_time() - t0[1]
    return (time.perf_counter(), time.process_time())
t = t0 = (time.perf_counter(), time.process_time())
import ranvier.nmodl          # the package (ranvier's own import: the h facade, not numba)
t = lap("import_ranvier", t)
if phase == "nrnivmodl":
    import io
    from ranvier.library import mechloader
    good, errors = mechloader.build(files, cwd=os.environ["BENCH_DIR"], out=io.StringIO())
    assert not errors and len(good) == len(files), errors
    t = lap("build", t)
elif phase == "model":
    from ranvier import h
    from ranvier.model import mechanisms
    from ranvier.nmodl import load_mechanism
    mechs = [mechanisms.register(load_mechanism(f)) for f in files]
    t = lap("load", t)
    sec = h.Section(name="soma")
    for m in mechs:
        sec.insert(m.name)
    h.finitialize(-65)
    h.fadvance()
    t = lap("first_step", t)
    out["v"] = sec(0.5).v
else:
    from ranvier.nmodl import load_mechanism
    mechs = [load_mechanism(f) for f in files]
    t = lap("translate" if phase == "cold" else "load", t)
    import numba
    t = lap("import_numba", t)
    for m in mechs:
        m.module()
    t = lap("import_modules", t)
    for m in mechs:
        m.precompile()
    t = lap("kernels", t)
out["total"] = time.perf_counter() - t0[0]
ru = resource.getrusage(resource.RUSAGE_SELF)
ch = resource.getrusage(resource.RUSAGE_CHILDREN)
out["cpu"] = ru.ru_utime + ru.ru_stime + ch.ru_utime + ch.ru_stime
out["lap_cpu"] = cpu
print(json.dumps(out))
"""


def child(phase, cache, files, bench_dir=None):
    env = dict(os.environ, RANVIER_CACHE_DIR=cache, RANVIER_NO_AUTOLOAD="1",
               PYTHONPATH=os.path.abspath(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    if bench_dir:
        env["BENCH_DIR"] = bench_dir
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", CHILD, phase] + files, env=env,
                       capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if r.returncode:
        sys.exit("%s failed:\n%s" % (phase, r.stderr))
    res = json.loads(r.stdout.strip().splitlines()[-1])
    res["process_wall"] = wall
    return res


def show(title, res, keys):
    """One line per phase: each step's wall time [its CPU time in this process]; then
    the phase's wall total, its CPU total (worker processes included) and the whole
    process's wall time (interpreter start-up included).  On a shared machine the CPU
    times are the steadier numbers."""
    keys = ["import_ranvier"] + keys
    parts = ["%s %.2f [%.2f] s" % (k.replace("_", " "), res[k], res["lap_cpu"][k])
             for k in keys if k in res]
    print("%-28s %s   (total %.2f s, CPU %.2f s, process %.2f s)"
          % (title, ", ".join(parts), res["total"], res["cpu"], res["process_wall"]))


def main():
    model = "--model" in sys.argv
    print("%d files: %s" % (len(FILES), " ".join(os.path.basename(f) for f in FILES)))
    print("load average %.1f on %d CPUs" % (os.getloadavg()[0], os.cpu_count()))
    with tempfile.TemporaryDirectory() as tmp:
        serial = os.path.join(tmp, "serial")
        cold = child("cold", serial, FILES)
        show("cold, serial:", cold, ["translate", "import_numba", "import_modules", "kernels"])
        warm = child("warm", serial, FILES)
        show("warm:", warm, ["load", "import_numba", "import_modules", "kernels"])
        print("%-28s %.3f s wall, %.3f s CPU (descriptions + module imports, without the "
              "imports of ranvier and numba)" % ("warm load:", warm["load"] + warm["import_modules"],
                                                warm["lap_cpu"]["load"] + warm["lap_cpu"]["import_modules"]))
        par = os.path.join(tmp, "par")
        work = os.path.join(tmp, "work")
        os.makedirs(work)
        built = child("nrnivmodl", par, FILES, bench_dir=work)
        show("cold, nrnivmodl (%d jobs):" % (os.cpu_count() or 1), built, ["build"])
        if model:
            after = child("model", par, FILES)
            show("model after nrnivmodl:", after, ["load", "first_step"])
            empty = child("model", os.path.join(tmp, "empty"), FILES)
            show("model, empty cache:", empty, ["load", "first_step"])


if __name__ == "__main__":
    main()

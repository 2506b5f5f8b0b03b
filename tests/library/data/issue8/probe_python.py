"""issue 8 scope 2 and 4 as Python sees them: Random.play, stale handles into a deleted
section, h.cvode and graphList of the standard run library."""
from neuron import h

h.load_file("stdrun.hoc")
# h.cvode is the HOC object cvode; graphList[i] are real Lists
print(h.cvode.hname(), h.cvode.active(), h.cvode == h.CVode())
h("cvode.atol(1e-4)")
print(h.cvode.atol())
print(h.graphList[0].hname(), h.graphList[0].count(), len(h.graphList))
h.graphList[0].append(h.Vector(2))
h("print graphList[0].count()")
# Random.play: a new sample into the variable at every step
s = h.Section(name="s")
s.insert("pas")
r = h.Random()
r.Random123(1, 2, 3)
r.uniform(0, 1)
r.play(s(0.5)._ref_g_pas)
g = h.Vector().record(s(0.5)._ref_g_pas)
h.dt = 0.025
h.finitialize(-65)
for i in range(3):
    h.fadvance()
print(["%.12f" % x for x in g])
# stale handles: a pointer, a segment and a SectionRef into a deleted section
d = h.Section(name="d")
ref = d(0.5)._ref_v
seg = d(0.5)
sr = h.SectionRef(sec=d)
h.delete_section(sec=d)
# (the exception class NEURON raises: a script catching it catches ranvier's too)
for what, f, kind in (("pointer", lambda: ref[0], ValueError),
                      ("segment", lambda: seg.v, ReferenceError),
                      ("exists", lambda: sr.exists(), None)):
    try:
        print(what, f())
    except Exception as e:
        print(what, "raises", kind.__name__, isinstance(e, kind))
# (NEURON 9.0.2 aborts the process on sr.sec of a deleted section: not probed here)

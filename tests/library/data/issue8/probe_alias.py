"""StringFunctions.alias / alias_list from Python (issue 8, scope 2)."""
from neuron import h
h.load_file("stdlib.hoc")
sf = h.StringFunctions()
v = h.Vector(5)
h("x_glob = 7")
sf.alias(v, "xx", h._ref_x_glob)
h("objref vv")
h.vv = v
h("print vv.xx")
h("vv.xx = 12")
print(h.x_glob, v.xx)
v.xx = 5
print(h.x_glob, v.size(), v.hname())
lst = sf.alias_list(v)
print(lst.count(), lst.o(0).s)
o = h.List()
sf.alias(v, "lst", o)
print(v.lst == o, v.lst.hname())
h("print vv.lst")
sf.alias(v, "xx")
lst = sf.alias_list(v)
print(lst.count(), lst.o(0).s)
try:
    print(v.xx)
except AttributeError:
    print("xx gone")
# a point process and a HOC template object
s = h.Section(name="s")
ic = h.IClamp(s(0.5))
sf.alias(ic, "amp2", ic._ref_amp)
ic.amp2 = 0.25
print(ic.amp, ic.amp2, ic.hname())
h("begintemplate AlT\npublic a\nendtemplate AlT\n")
t = h.AlT()
sf.alias(t, "b", h._ref_x_glob)
print(t.b)
t.b = 3
print(h.x_glob)
h("objref tt")
h.tt = t
h("print tt.b")
sf.alias(v)
print(sf.alias_list(v).count())

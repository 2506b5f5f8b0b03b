# NEURON 9.0.2 (/tmp/nrnvenv/bin/python this_file.py) printed the lists that
# tests/library/test_sectionlist_order.py asserts.
from neuron import h
s = h.Section(name='s'); a = h.Section(name='a'); b = h.Section(name='b')
a1 = h.Section(name='a1'); a2 = h.Section(name='a2'); b1 = h.Section(name='b1'); a11 = h.Section(name='a11')
a.connect(s(1)); b.connect(s(0.5)); a1.connect(a(1)); a2.connect(a(1)); b1.connect(b(1)); a11.connect(a1(1))
sl = h.SectionList(); sl.subtree(sec=s); print('sub s', [x.name() for x in sl])
sl = h.SectionList(); sl.subtree(sec=a); print('sub a', [x.name() for x in sl])
t = h.Section(name='t'); u = h.Section(name='u'); u.connect(t(0))
s2=h.Section(name='s2'); s2.connect(b1(1)); 
sl = h.SectionList(); sl.wholetree(sec=b); print('whole', [x.name() for x in sl])
sl = h.SectionList(); sl.wholetree(sec=u); print('whole u', [x.name() for x in sl])

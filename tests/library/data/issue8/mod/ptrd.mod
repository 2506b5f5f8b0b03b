: a density mechanism with a POINTER (setpointer's density form); val copies what p
: points at in INITIAL
NEURON { SUFFIX ptrd POINTER p RANGE val }
ASSIGNED { p val }
INITIAL { val = p }

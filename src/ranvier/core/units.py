"""`neuron.units`: multiply a number by a unit to state it in NEURON's base units.

NEURON's base units are ms, mV, um and mM, so `40 * ms == 40` and `2 * s == 2000.0`.
The names, values and Python types (int or float) are exactly those of NEURON
9.0.2's `neuron.units`: base units and their integer multiples are ints, the rest
floats, so `40 * ms` prints `40` and `2 * s` prints `2000.0`.  The micro prefix has
two spellings, `um` and `µm` (Python folds the micro sign to the Greek mu, so the
attribute is 'μm').
"""

# NEURON's base units: concentration, time, potential, length
mM = 1
ms = 1
mV = 1
µm = um = 1

# concentration
µM = uM = 1e-3
nM = 1e-6
M = 1e3

# time
µs = us = 1e-3
s = sec = 1e3
minute = 60 * s
hour = 60 * minute
day = 24 * hour

# length
nm = 1e-3
mm = 1000
cm = 10000
m = 1000000

# potential
µV = uV = 1e-3
V = 1e3

"""Unit names as in `neuron.units`: multiply a number by them to state its unit.

NEURON's base units are ms, mV, um, nA, uS, mM, degC; these constants convert.
"""
ms = 1.0
s = 1000.0
minute = 60000.0
mV = 1.0
V = 1000.0
um = µm = 1.0
mm = 1000.0
cm = 10000.0
m = 1e6
nA = 1.0
pA = 1e-3
uA = µA = 1e3
mA = 1e6
nS = 1e-3
uS = µS = 1.0
mS = 1e3
S = 1e6
mM = 1.0
uM = µM = 1e-3
nM = 1e-6
M = 1e3
pF = 1.0
DEG = degC = 1.0

: two CONSERVE statements and a rate that depends on a state (as ModelDB 3343's Ih.mod):
: NEURON numbers the CONSERVE rows last statement first, which sets the pivot order
NEURON { SUFFIX cons2 RANGE k1, k3, a, b }
PARAMETER { a = 0.05 b = 0.02 k2 = 0.0004 k4 = 0.001 Pc = 0.01 cfac = 0.3 }
ASSIGNED { v k1 k3 }
STATE { c1 o1 o2 p0 p1 }
BREAKPOINT { SOLVE kin METHOD sparse }
INITIAL { c1 = 1 o1 = 0 o2 = 0 p0 = 1 p1 = 0 }
KINETIC kin {
  k1 = k2 * cfac * exp((v + 65)/30)
  k3 = k4 * p1 / Pc
  ~ c1 <-> o1 (a*exp((v + 65)/20), b)
  ~ p0 <-> p1 (k1, k2)
  ~ o1 <-> o2 (k3, k4)
  CONSERVE p0 + p1 = 1
  CONSERVE c1 + o1 + o2 = 1
}

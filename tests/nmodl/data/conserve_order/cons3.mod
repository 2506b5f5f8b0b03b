: three CONSERVE statements: NEURON's state order is c3 a2 b2 a1 b1 c2 c1
NEURON { SUFFIX cons3 }
STATE { a1 a2 b1 b2 c1 c2 c3 }
BREAKPOINT { SOLVE k METHOD sparse }
INITIAL { a1 = 1 b1 = 1 c1 = 1 }
KINETIC k {
  ~ a1 <-> a2 (1, 2)
  ~ b1 <-> b2 (1, 2)
  ~ c1 <-> c2 (1, 2)
  ~ c2 <-> c3 (1, 2)
  CONSERVE b1 + b2 = 1
  CONSERVE a1 + a2 = 1
  CONSERVE c1 + c2 + c3 = 1
}

: a TABLE without DEPEND whose procedure reads a RANGE parameter: NEURON builds it once,
: from the first instance's value
NEURON {
  SUFFIX tabinst
  RANGE k
  GLOBAL tau, sinf
}
PARAMETER { k = 1 }
STATE { s }
ASSIGNED { v (mV) tau sinf }
INITIAL { rates(v) s = sinf }
BREAKPOINT { SOLVE states METHOD cnexp }
DERIVATIVE states { rates(v) s' = (sinf - s)/tau }
PROCEDURE rates(v (mV)) {
  TABLE tau, sinf FROM -100 TO 100 WITH 200
  tau = k * (1 + exp(v/40))
  sinf = 1/(1 + exp(-(v + 30)/8))
}

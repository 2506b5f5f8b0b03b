: registered before b_capool.mod (nrnivmodl takes a folder's files in name order), yet
: NEURON runs the pool's SOLVE first: this SOLVE sees the cai of the present step
NEURON {
  SUFFIX careader
  USEION ca READ cai WRITE ica
  NONSPECIFIC_CURRENT i
  RANGE gca, gbar, tau
}
PARAMETER { gca = 2e-4 (mho/cm2) gbar = 2e-3 (mho/cm2) tau = 2 (ms) }
ASSIGNED { v (mV) cai (mM) ica (mA/cm2) i (mA/cm2) }
STATE { s }
INITIAL { s = cai * 1000 }
BREAKPOINT {
  SOLVE st METHOD cnexp
  ica = gca * (v - 120)
  i = gbar * s * (v + 80)
}
DERIVATIVE st { s' = (cai * 1000 - s) / tau }

: BEFORE/AFTER blocks: counters and the t and v each one sees
NEURON { SUFFIX baorder NONSPECIFIC_CURRENT i RANGE seq, nbb, nas, nbs, tbb, tas, tbs, vbb, vas, g, x }
PARAMETER { g = 0.0002 }
ASSIGNED { v i seq nbb nas nbs nbi nai tbb tas tbs vbb vas vbs x }
STATE { y1 }
INITIAL { seq = seq*10 + 5  y1 = 0 }
BREAKPOINT { SOLVE st METHOD cnexp  i = g*(v + 70)*(1 + x) }
DERIVATIVE st { y1' = (vbb - y1)/5 }
BEFORE INITIAL { seq = 3 nbi = nbi + 1 nbb = 0 nas = 0 nbs = 0 x = 0 }
AFTER INITIAL { seq = seq*10 + 4 nai = nai + 1 }
BEFORE BREAKPOINT { seq = fmod(seq*10 + 1, 1e6)  nbb = nbb + 1  tbb = t  vbb = v }
AFTER SOLVE { seq = fmod(seq*10 + 2, 1e6)  nas = nas + 1  tas = t  vas = v  x = 0.5*y1/(1 + fabs(y1)) }
BEFORE STEP { seq = fmod(seq*10 + 7, 1e6)  nbs = nbs + 1  tbs = t }

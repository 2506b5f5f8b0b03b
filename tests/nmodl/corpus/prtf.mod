: printf in INITIAL and a PROCEDURE (output only, no effect on numbers)
NEURON { SUFFIX prtf NONSPECIFIC_CURRENT i RANGE g, calls }
PARAMETER { g = 0.0002 }
ASSIGNED { v i calls }
INITIAL { calls = 0  printf("prtf init v=%g\n", v) }
BREAKPOINT { i = g*(v + 70) }
PROCEDURE report() { calls = calls + 1  printf("calls %g\n", calls) }

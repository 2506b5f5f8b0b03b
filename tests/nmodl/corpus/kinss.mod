: STEADYSTATE sparse in INITIAL (NMODL.md Q16)
NEURON { SUFFIX kinss }
PARAMETER { a1 = 0.3 b1 = 0.1 }
STATE { X Y }
INITIAL { X = 1 Y = 0 SOLVE ks STEADYSTATE sparse }
BREAKPOINT { SOLVE ks METHOD sparse }
KINETIC ks { ~ X <-> Y (a1, b1) CONSERVE X + Y = 1 }

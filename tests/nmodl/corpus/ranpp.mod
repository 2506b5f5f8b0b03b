: RANDOM: a noisy current from the instance's own Philox stream (ids set in INITIAL)
NEURON { POINT_PROCESS RanPP RANDOM r RANGE amp, x ELECTRODE_CURRENT i }
PARAMETER { amp = 0.02 }
ASSIGNED { v i x }
INITIAL { random_setids(r, 7, 8, 9) random_setseq(r, 0) x = random_uniform(r) }
BREAKPOINT { SOLVE pick  i = amp*x }
PROCEDURE pick() { x = random_uniform(r) }

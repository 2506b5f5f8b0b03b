: the pool of the new ion xx (written concentration)
NEURON { SUFFIX xxpool USEION xx READ ixx WRITE xxi VALENCE 2 RANGE tau }
PARAMETER { tau = 5 }
STATE { xxi }
ASSIGNED { ixx }
INITIAL { xxi = 0.5 }
BREAKPOINT { SOLVE st METHOD cnexp }
DERIVATIVE st { xxi' = -ixx*0.01 + (0.5 - xxi)/tau }

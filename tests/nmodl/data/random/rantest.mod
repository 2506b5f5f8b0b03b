COMMENT
A test artificial cell for NEURON 9's RANDOM: each FUNCTION draws from the
instance's stream rr (written for ranvier's tests).
ENDCOMMENT
NEURON {
    ARTIFICIAL_CELL RanTest
    RANDOM rr
}
FUNCTION uni() { uni = random_uniform(rr) }
FUNCTION uni2(a, b) { uni2 = random_uniform(rr, a, b) }
FUNCTION nexp() { nexp = random_negexp(rr) }
FUNCTION nexp1(m) { nexp1 = random_negexp(rr, m) }
FUNCTION nrm() { nrm = random_normal(rr) }
FUNCTION nrm2(m, s) { nrm2 = random_normal(rr, m, s) }
FUNCTION ip() { ip = random_ipick(rr) }
FUNCTION dp() { dp = random_dpick(rr) }
PROCEDURE sq(x) { random_setseq(rr, x) }
PROCEDURE ids(a, b, c) { random_setids(rr, a, b, c) }

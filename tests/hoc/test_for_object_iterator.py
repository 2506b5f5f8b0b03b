"""`for obj.iter(args) stmt`: an iterator of a template object (NEURON's subiter.hoc
is used this way: `for it.loop() { ... }`).  The body runs once per
iterator_statement, in the caller's scope, and `break` leaves the loop."""
from ranvier import h


def test_for_object_iterator_runs_the_body_per_iterator_statement():
    h("""
begintemplate CountTo
public upto, k
iterator upto() { local i
    for i = 1, $1 {
        k = i
        iterator_statement
    }
}
endtemplate CountTo
objref ctr_obj_, ctr_arr_[2]
ctr_obj_ = new CountTo()
ctr_arr_[1] = new CountTo()
ctr_sum_ = 0
for ctr_obj_.upto(4) { ctr_sum_ += ctr_obj_.k }
ctr_seen_ = 0
for ctr_arr_[1].upto(3) { ctr_seen_ = ctr_seen_*10 + ctr_arr_[1].k }
for ctr_obj_.upto(10) { if (ctr_obj_.k == 3) { break } }
""")
    assert h.ctr_sum_ == 1 + 2 + 3 + 4
    assert h.ctr_seen_ == 123          # 1, 2, 3 in order, on an element of an object array
    assert h.ctr_obj_.k == 3

"""Vector.apply/reduce with the name of a function defined in HOC (NEURON's
`vec.apply("f")`), from Python and from HOC."""
import pytest

from ranvier import h
from ranvier.data.vector import VectorError


def test_apply_calls_a_hoc_function_from_python():
    h("func twice_plus_one() { return 2*$1 + 1 }")
    v = h.Vector([1, 2, 3.5])
    v.apply("twice_plus_one")
    assert list(v) == [3.0, 5.0, 8.0]
    assert h.Vector([1, 2]).reduce("twice_plus_one", 10) == 10 + 3 + 5


def test_apply_from_hoc_uses_the_same_function():
    h("func sq() { return $1*$1 }")
    h("objref av\nav = new Vector(3)\nav.indgen(1)\nav.apply(\"sq\")")
    assert list(h.av) == [0.0, 1.0, 4.0]     # indgen(1): 0, 1, 2


def test_undefined_function_is_an_error():
    with pytest.raises(VectorError, match="undefined"):
        h.Vector([1]).apply("no_such_function_anywhere")

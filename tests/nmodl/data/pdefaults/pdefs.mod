: PARAMETER defaults with more than 6 significant digits (nocmodl keeps %g of them),
: a CONSTANT and a literal (kept whole)
NEURON {
  SUFFIX pdefs
  RANGE a, b, c, x
  GLOBAL ga
}
CONSTANT { c1 = 0.123456789 }
PARAMETER {
  a = 6.59090909e-5
  b = 0.123456789
  c = 123456789.123
  ga = 0.987654321
  k = 0.33333333333
}
ASSIGNED { x }
INITIAL { x = c1 + 0.0000001234567 }

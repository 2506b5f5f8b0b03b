#!/bin/sh
# NEURON 9.0.2's output of each probe (banner and display warnings dropped):
#   cd tests/library/data/modeldb_lib && sh make_expected.sh
NRNIV=${NRNIV:-/tmp/nrnvenv/bin/nrniv}
for f in graphs electrode subset_iter vector_graph; do
  $NRNIV $f.hoc -c 'quit()' 2>&1 | sed -e '1,/neuron\/credits/d' | grep -v -e DISPLAY -e "No graphics" -e '^$' > $f.expected
done

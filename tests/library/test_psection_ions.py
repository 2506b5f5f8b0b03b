"""psection's ion lines show the ion's parameters as NEURON 9.0.2 prints them: the
concentrations where mechanisms read them and none writes them, nothing where a pool
writes them (e follows by Nernst), e where it is read and the concentrations unused.
NEURON printed exactly these lines for the three sections below (mechanisms from
tests/engine/data/conc_order)."""
import contextlib
import io
import os

import pytest

import ranvier
from ranvier import h

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "engine", "data", "conc_order")
NEURON_LINES = ["\tinsert ca_ion { cai=5e-05 cao=2}", "\tinsert ca_ion {}",
                "\tinsert na_ion { ena=50}", "\tinsert k_ion { ek=-77}"]


@pytest.mark.slow      # compiles two mechanisms on a cold kernel cache
def test_ion_lines_follow_the_ion_style():
    ranvier.load_mechanisms(DATA)
    a = h.Section(name="reader_only")
    a.insert("careader")
    b = h.Section(name="with_pool")
    b.insert("careader")
    b.insert("capool")
    c = h.Section(name="hh_only")
    c.insert("hh")
    h.finitialize(-65)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for s in (a, b, c):
            h.psection(sec=s)
    assert [ln for ln in out.getvalue().splitlines() if "_ion" in ln] == NEURON_LINES
    for s in (a, b, c):
        h.delete_section(sec=s)

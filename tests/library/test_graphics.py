"""Headless graphics: panels are no-ops; PlotShape.printfile writes a picture."""
import pytest

from ranvier import h


def test_panels_are_noops_and_plotshape_prints(tmp_path):
    pytest.importorskip("matplotlib")
    main = h.Section(name="gmain")
    dend = h.Section(name="gdend")
    dend.connect(main)
    ps = h.PlotShape()
    ps.show(0)
    assert h.xpanel("x") == 0 and h.xbutton("b", lambda: 1 / 0) == 0 and h.xpanel() == 0
    out = tmp_path / "shape.png"
    ps.printfile(str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert dend.n3d() == 3      # printing laid the section out (define_shape)

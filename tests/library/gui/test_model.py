"""The widget model without a browser: what the panel functions build, events in,
values out, boxes, and headless behaviour (nothing runs, nothing is kept alive)."""
import gc

from ranvier import h
from ranvier.library.graphics import SESSION


def _item(win, text):
    for it in win["items"]:
        if it["text"] == text:
            return it
    raise KeyError(text)


def _windows():
    return SESSION.snapshot()["windows"]


def _panels(title):
    return [w for w in _windows().values() if w["kind"] == "panel" and w["title"] == title]


def test_seed_panel_is_described_with_its_items():
    h.xpanel("Example 1")
    h.xlabel("Hello class")
    h.xbutton("Click me")
    h.xpanel()
    (p,) = _panels("Example 1")
    assert [(i["type"], i["text"]) for i in p["items"]] == [("label", "Hello class"),
                                                           ("button", "Click me")]
    assert p["id"] in SESSION.snapshot()["top"]


def test_button_runs_python_callable_only_when_pressed(renderer, capsys):
    calls = []
    h.xpanel("Example 2")
    h.xbutton("Click me", lambda: calls.append(1) or print("hello!"))
    h.xpanel()
    assert calls == []                                   # making it runs nothing
    (p,) = _panels("Example 2")
    SESSION.post({"item": p["items"][0]["id"], "action": "press"}, wake=False)
    SESSION.run_pending()
    assert calls == [1]
    assert capsys.readouterr().out == "hello!\n"


def test_button_with_arguments_and_hoc_statement():
    got = []
    h("gui_x = 0")
    h.xpanel("args")
    h.xbutton("one", (got.append, 5))
    h.xbutton("two", (lambda a, b: got.append(a + b), (2, 3)))
    h.xbutton("hoc", "gui_x = 42")
    h.xpanel()
    (p,) = _panels("args")
    for it in p["items"]:
        SESSION.post({"item": it["id"], "action": "press"}, wake=False)
    SESSION.run_pending()
    assert got == [5, 5] and h.gui_x == 42


def test_demo_panels_keep_their_own_numbers(renderer, capsys):
    class Demo:
        def __init__(self):
            self.value = 7.18
            h.xpanel("Demo")
            h.xvalue("Choose a number:", (self, "value"))
            h.xbutton("Press me", self.print_value)
            h.xpanel()

        def print_value(self):
            print("You chose:")
            print(self.value)

    d1, d2 = Demo(), Demo()
    p1, p2 = _panels("Demo")
    assert _item(p1, "Choose a number:")["value"] == 7.18
    for p, v in ((p1, "3.67"), (p2, "7.11")):
        SESSION.post({"item": _item(p, "Choose a number:")["id"], "action": "set", "value": v},
                     wake=False)
        SESSION.post({"item": _item(p, "Press me")["id"], "action": "press"}, wake=False)
    SESSION.run_pending()
    assert (d1.value, d2.value) == (3.67, 7.11)
    assert capsys.readouterr().out == "You chose:\n3.67\nYou chose:\n7.11\n"


def test_value_changed_by_the_program_is_sent(renderer):
    class Obj:
        x = 1.0
    o = Obj()
    h.xpanel("sync")
    h.xvalue("x", (o, "x"))
    h.xpanel()
    SESSION.refresh()
    (p,) = _panels("sync")
    iid = p["items"][0]["id"]
    renderer.messages.clear()
    o.x = 2.5
    SESSION.refresh()
    assert renderer.ops("values") == [{"op": "values", "values": {iid: 2.5}}]
    renderer.messages.clear()
    SESSION.refresh()                   # unchanged: nothing sent
    assert renderer.ops("values") == []


def test_hoc_variables_and_action():
    h.load_file("stdrun.hoc")
    h("gui_n = 3\nproc gui_act() { gui_n = gui_n * 10 }")
    h.xpanel("hoc vars")
    h.xvalue("Tstop", "tstop", 1, "gui_act()")
    h.xvalue("gui_n")
    h.xpanel()
    (p,) = _panels("hoc vars")
    tst = _item(p, "Tstop")
    assert tst["value"] == 5.0 and tst["units"] == "ms" and tst["default"] == 5.0
    assert _item(p, "gui_n")["value"] == 3.0
    SESSION.post({"item": tst["id"], "action": "set", "value": "12.5"}, wake=False)
    SESSION.run_pending()
    assert h.tstop == 12.5 and h.gui_n == 30


def test_checkbox_statebutton_radio_slider_menu():
    class S:
        flag = 0
        state = 0
        level = 10.0
    s = S()
    picked = []
    h.xpanel("kinds")
    h.xcheckbox("check", (s, "flag"))
    h.xstatebutton("state", (s, "state"), lambda: picked.append("state"))
    h.xradiobutton("a", (picked.append, "a"), 1)
    h.xradiobutton("b", (picked.append, "b"))
    h.xslider((s, "level"), 0, 50)
    h.xmenu("menu")
    h.xbutton("inside", (picked.append, "menu"))
    h.xmenu()
    h.xpanel()
    (p,) = _panels("kinds")
    ids = {it["text"] or it["type"]: it["id"] for it in p["items"]}
    menu = _item(p, "menu")
    assert menu["type"] == "menu" and menu["items"][0]["text"] == "inside"
    assert _item(p, "a")["selected"] and not _item(p, "b")["selected"]
    for ev in ({"item": ids["check"], "action": "toggle", "value": 1},
               {"item": ids["state"], "action": "toggle", "value": 1},
               {"item": ids["b"], "action": "select"},
               {"item": ids["slider"], "action": "set", "value": "37.5"},
               {"item": menu["items"][0]["id"], "action": "press"}):
        SESSION.post(ev, wake=False)
    SESSION.run_pending()
    assert (s.flag, s.state, s.level) == (1, 1, 37.5)
    assert picked == ["state", "b", "menu"]
    (p,) = _panels("kinds")
    assert _item(p, "b")["selected"] and not _item(p, "a")["selected"]


def test_bad_number_is_refused_without_changing_the_variable(capsys):
    class O:
        v = 1.0
    o = O()
    h.xpanel("bad")
    h.xvalue("v", (o, "v"))
    h.xpanel()
    (p,) = _panels("bad")
    SESSION.post({"item": p["items"][0]["id"], "action": "set", "value": "abc"}, wake=False)
    SESSION.run_pending()
    assert o.v == 1.0
    assert "not a number" in capsys.readouterr().err


def test_hbox_intercepts_panels_and_nests():
    hbox = h.HBox()
    hbox.intercept(1)
    h.xpanel("Example 1")
    h.xlabel("Hello class")
    h.xbutton("Click me")
    h.xpanel()
    vbox = h.VBox()
    vbox.intercept(1)
    h.xpanel("inner")
    h.xpanel()
    vbox.intercept(0)
    vbox.map()
    h.xpanel("Example 3")
    h.xbutton("Say hello")
    h.xpanel()
    h.xpanel()                        # the seed's extra xpanel(): ignored
    hbox.intercept(0)
    hbox.map()
    snap = SESSION.snapshot()
    wins = snap["windows"]
    box = wins[hbox._wid]
    titles = [wins[c]["title"] for c in box["children"]]
    assert titles == ["Example 1", "VBox", "Example 3"]
    assert wins[vbox._wid]["children"] == [_panels("inner")[0]["id"]]
    assert snap["top"] == [hbox._wid]             # only the box is on the screen
    assert hbox.ismapped() == 1.0
    hbox.unmap()
    assert SESSION.snapshot()["top"] == []


def test_deck_flips():
    deck = h.Deck()
    deck.intercept(1)
    for name in ("one", "two"):
        h.xpanel(name)
        h.xpanel()
    deck.intercept(0)
    deck.flip_to(1)
    deck.map()
    d = SESSION.snapshot()["windows"][deck._wid]
    assert d["current"] == 1 and len(d["children"]) == 2


def test_headless_windows_do_not_keep_objects_alive():
    """Without a renderer (NEURON without a display) a dropped Graph is freed, so object
    numbering restarts as in NEURON."""
    g = h.Graph()
    assert g.hname() == "Graph[0]" and g.view_count() == 0
    del g
    gc.collect()
    assert h.Graph().hname() == "Graph[0]"


def test_graph_keeps_windows_alive_while_shown(renderer):
    g = h.Graph()
    assert g.view_count() == 1
    del g
    gc.collect()
    assert h.Graph().hname() == "Graph[1]"      # the first one is still on the screen


def test_varlabel_follows_a_ref_and_a_hoc_strdef(renderer):
    s = h.ref("before")
    h('strdef gui_msg\ngui_msg = "first"')
    h.xpanel("labels")
    h.xvarlabel(s)
    h('xvarlabel(gui_msg)')
    h.xpanel()
    (p,) = _panels("labels")
    assert [i["value"] for i in p["items"]] == ["before", "first"]
    s[0] = "after"
    h('gui_msg = "second"')
    renderer.messages.clear()
    SESSION.refresh()
    (values,) = renderer.ops("values")
    assert sorted(values["values"].values()) == ["after", "second"]


def test_panel_built_by_hoc_code_runs_hoc_actions():
    """A legacy model's panel: made in a HOC proc, its field a HOC expression with an
    action, its button a HOC statement."""
    h("""
create soma
objref stim
soma stim = new IClamp(0.5)
gui_runs = 0
proc make_panel() {
    xpanel("Soma stimulus")
    xvalue("IClamp amp (nA)", "stim.amp", 1, "gui_runs += 1")
    xbutton("Go", "gui_runs += 10")
    xpanel()
}
make_panel()
""")
    (p,) = _panels("Soma stimulus")
    amp = _item(p, "IClamp amp (nA)")
    assert amp["value"] == 0.0 and amp["default"] == 0.0
    SESSION.post({"item": amp["id"], "action": "set", "value": "0.25"}, wake=False)
    SESSION.post({"item": _item(p, "Go")["id"], "action": "press"}, wake=False)
    SESSION.run_pending()
    assert h.stim.amp == 0.25 and h.gui_runs == 11


def test_closing_a_card_unmaps_it_or_runs_its_dismiss_action():
    closed = []
    box = h.VBox()
    box.dismiss_action(lambda: closed.append(1))
    box.map()
    h.xpanel("closable")
    h.xpanel()
    (p,) = _panels("closable")
    SESSION.post({"win": p["id"], "action": "close"}, wake=False)
    SESSION.post({"win": box._wid, "action": "close"}, wake=False)
    SESSION.run_pending()
    top = SESSION.snapshot()["top"]
    assert p["id"] not in top and box._wid in top and closed == [1]


def test_reset_forgets_the_windows():
    import ranvier
    h.xpanel("gone")
    h.xpanel()
    ranvier.reset()
    assert SESSION.snapshot()["windows"] == {}

"""HOC parser: recursive descent over the lexer's tokens, classifying names
through the interpreter's symbol tables as they are read (HOC's grammar
depends on what a name currently is), building nodes from nodes.py.

One top-level item is parsed at a time (`parse_item`) so that the caller can
run it before the next line is even read, as NEURON does.
"""
from . import nodes as N
from .runtime import Sym, Defn

__all__ = ["Parser", "SyntaxErr", "KEYWORDS"]

KEYWORDS = frozenset("""proc func obfunc iterator iterator_statement return break continue stop
if else while for print delete read debug double depvar eqn local localobj strdef help create
connect setpointer access insert uninsert forall ifsec forsec begintemplate endtemplate objectvar
objref public external new""".split())

ASSIGN_OPS = frozenset(("=", "+=", "-=", "*=", "/="))
BINPREC = {"||": 1, "&&": 2, "<": 3, "<=": 3, ">": 3, ">=": 3, "==": 3, "!=": 3,
           "+": 4, "-": 4, "*": 5, "/": 5, "%": 5}
STMT_END = frozenset(("nl", "}", "eof"))


class SyntaxErr(Exception):
    def __init__(self, tok, message="syntax error"):
        super().__init__(message)
        self.tok = tok
        self.message = message


class Parser:
    def __init__(self, interp, lexer):
        self.I = interp
        self.lex = lexer
        self.tok = None
        self.prev = None
        self.last_tok = None
        self.locals = None        # name -> Sym(kind 'local'|'localobj', extra=index)

    # -- tokens ---------------------------------------------------------------
    def adv(self):
        self.prev = self.tok
        self.tok = self.lex.next()

    def error(self, msg="syntax error", tok=None):
        raise SyntaxErr(tok or self.tok, msg)

    def expect(self, kind):
        if self.tok[0] != kind:
            self.error()
        self.adv()

    def expect_name(self):
        t = self.tok
        if t[0] != "name":
            self.error()
        self.adv()
        return t[1]

    def peek(self, k=0):
        lex = self.lex
        j = lex.pos + k
        if j < len(lex.buf):
            return lex.buf[j]
        return ("nl", None, 0, 0)

    def unfast(self):
        """Replace a 'fast' token by the ordinary tokens of its line."""
        tok = self.tok
        toks = self.lex.expand_fast(tok)
        lex = self.lex
        lex.buf = toks[1:] + lex.buf[lex.pos:]
        lex.pos = 0
        self.tok = toks[0]

    # -- symbols --------------------------------------------------------------
    def cur_list(self):
        t = self.I.cur_template
        return t.syms if t is not None else self.I.top_syms

    def cur_scope(self):
        return "obj" if self.I.cur_template is not None else "top"

    def lookup(self, name):
        if self.locals is not None:
            s = self.locals.get(name)
            if s is not None:
                return s
        lst = self.cur_list()
        s = lst.get(name)
        if s is not None:
            if s.kind == "undef":
                b = self.I.builtin_sym(name)     # became a built-in since (stdrun)
                if b is not None:
                    return b
            return s
        s = self.I.builtin_sym(name)
        if s is not None:
            return s
        if lst is not self.I.top_syms:     # templates are global: `new Other()` inside a template body
            s = self.I.top_syms.get(name)
            if s is not None and s.kind == "template":
                return s
        s = Sym(name, "undef", self.cur_scope())
        lst[name] = s
        return s

    def decl_lookup(self, name):
        """Lookup for a declaration: inside a template a built-in name is
        shadowed by a new template symbol."""
        s = self.lookup(name)
        if s.scope == "builtin" and self.I.cur_template is not None and self.locals is None:
            s = Sym(name, "undef", "obj")
            self.I.cur_template.syms[name] = s
        return s

    def declare_var(self, sym):
        """`name = ...` on an undefined name declares a double now."""
        if sym.kind == "undef":
            sym.kind = "var"
            if sym.scope == "top":
                self.I.top_vals.setdefault(sym.name, 0.0)
            else:
                self.I.cur_template.proto.setdefault(sym.name, 0.0)

    # -- top level ------------------------------------------------------------
    def parse_item(self):
        """Parse one top-level item; None at end of input."""
        while True:
            if self.tok is None or self.tok[0] == "nl":
                self.adv()
                continue
            break
        t = self.tok
        if t[0] == "eof":
            return None
        if t[0] == "name":
            w = t[1]
            if w in ("proc", "func", "obfunc", "iterator"):
                self.parse_defn()
                self.end_item()
                return N.DefineStmt()
            if w == "begintemplate":
                self.adv()
                ntok = self.tok
                name = self.expect_name()
                nl = ntok
                self.end_item()
                self.I.begin_template(name, nl)
                return N.DefineStmt()
            if w == "endtemplate":
                self.adv()
                ntok = self.tok
                name = self.expect_name()
                nl = ntok
                self.end_item()
                self.I.end_template(name, nl)
                return N.DefineStmt()
            if w in ("public", "external"):
                self.adv()
                nl = self.tok
                names = [self.expect_name()]
                while self.tok[0] == ",":
                    self.adv()
                    nl = self.tok
                    names.append(self.expect_name())
                self.end_item()
                self.I.template_names(w, names, nl)
                return N.DefineStmt()
        st = self.parse_stmt(top=True)
        self.end_item()
        return st

    def end_item(self):
        if self.tok[0] == "nl":
            self.tok = None       # do not read the next line yet
        elif self.tok[0] != "eof":
            self.error()

    # -- definitions ----------------------------------------------------------
    def parse_defn(self):
        kw = self.tok[1]
        if self.locals is not None:
            self.error()
        self.adv()
        ntok = self.tok
        name = self.expect_name()
        if name in KEYWORDS:
            self.error(tok=ntok)
        lst = self.cur_list()
        sym = lst.get(name)
        if sym is None:
            b = self.I.builtin_sym(name)
            if b is not None and not (b.kind == "hfunc" and self.I.host_overridable(name)):
                self.error(tok=ntok)
            sym = Sym(name, "undef", self.cur_scope())
            lst[name] = sym
        elif sym.kind in ("var", "str", "obj", "sec", "template"):
            if sym.kind == "var" or sym.scope == "top" and self.I.top_vals.get(name) is not None:
                raise self.I.definition_error("%s already defined" % name, ntok)
            self.error(tok=ntok)
        if sym.scope == "top" and self.I.cur_template is not None and lst is not self.I.top_syms:
            self.error(tok=ntok)
        kind = {"proc": "proc", "func": "func", "obfunc": "obfunc", "iterator": "iter"}[kw]
        old_kind = sym.kind
        sym.kind = kind
        try:
            self.expect("(")
            self.expect(")")
            if self.tok[0] != "{":
                self.error()
            self.adv()
            self.locals = {}
            kinds = []
            if self.tok[0] == "name" and self.tok[1] == "local":
                self.adv()
                while True:
                    n = self.expect_name()
                    self.locals[n] = Sym(n, "local", "local", extra=len(kinds))
                    kinds.append("n")
                    if self.tok[0] != ",":
                        break
                    self.adv()
            if self.tok[0] == "name" and self.tok[1] == "localobj":
                self.adv()
                while True:
                    n = self.expect_name()
                    self.locals[n] = Sym(n, "localobj", "local", extra=len(kinds))
                    kinds.append("o")
                    if self.tok[0] != ",":
                        break
                    self.adv()
            stmts = self.parse_body()
        except BaseException:
            if old_kind == "undef" and sym.defn is None:
                sym.kind = old_kind
            elif sym.defn is not None:
                sym.kind = sym.defn.kind
            raise
        finally:
            self.locals = None
        body = stmts[0] if len(stmts) == 1 else N.Block(stmts)
        sym.defn = Defn(name, kind, body, len(kinds), kinds, self.I.cur_template)

    def parse_body(self):
        """Statements up to the matching '}' (which is consumed)."""
        stmts = []
        while True:
            k = self.tok[0]
            if k == "nl":
                self.adv()
                continue
            if k == "}":
                self.adv()
                return stmts
            if k == "eof":
                self.error()
            stmts.append(self.parse_stmt(False))

    # -- statements -----------------------------------------------------------
    def parse_stmt(self, top=False):
        t = self.tok
        k = t[0]
        if k == "fast":
            st = self.fast_call(top)
            if st is not None:
                return st
            self.unfast()
            t = self.tok
            k = t[0]
        if k == "{":
            self.adv()
            stmts = self.parse_body()
            return N.Block(stmts)
        if k == "name":
            w = t[1]
            if w in KEYWORDS:
                return self.parse_keyword(w, top)
            sym = self.lookup(w)
            kind = sym.kind
            if kind == "proc":
                self.adv()
                args = self.parse_args()
                return N.CallUser(sym, args, "n")
            if kind == "sec":
                self.adv()
                sec = self.parse_secref_rest(sym)
                if self.tok[0] == ".":
                    e = self.parse_postfix(sec)
                    e = self.finish_expr(e)
                    return N.ExprStmt(e, top and not isinstance(e, (N.Assign, N.Taper)))
                if self.tok[0] in STMT_END:
                    self.error()
                body = self.parse_stmt(False)
                return N.SecStmt(sec, body)
            if kind == "iter":
                self.error()
            if kind == "hfunc" and self.I.host_is_proc(w):
                self.adv()
                args = self.parse_args()
                return N.ExprStmt(N.CallHost(w, args), False)
        elif k in STMT_END:
            self.error()
        e = self.parse_expr()
        if self.tok[0] not in STMT_END and self.is_objexpr(e) and self.starts_stmt():
            body = self.parse_stmt(False)
            return N.ObjStmt(e, body)
        return N.ExprStmt(e, top and not isinstance(e, (N.Assign, N.Taper)))

    def is_objexpr(self, e):
        return isinstance(e, (N.ObjVar, N.Member, N.ArgObj, N.LocalObj, N.ThisRef, N.TemplateIndex)) or \
            (isinstance(e, N.CallUser) and e.t == "o")

    def starts_stmt(self):
        t = self.tok
        k = t[0]
        return k in ("name", "{", "dol", "num", "str", "(", "-", "!")

    def fast_call(self, top):
        name, vals = self.tok[1]
        if name in KEYWORDS:
            return None
        sym = self.lookup(name)
        kind = sym.kind
        args = [N.Const(v) for v in vals]
        if kind == "hfunc":
            node = N.CallHost(name, args)
            if self.I.host_is_proc(name):
                self.adv()
                return N.ExprStmt(node, False)
        elif kind in ("func", "obfunc"):
            node = N.CallUser(sym, args, "n" if kind == "func" else "o")
        elif kind == "proc":
            self.adv()
            return N.CallUser(sym, args, "n")
        elif kind == "bfunc":
            spec = sym.extra
            if spec.math:
                if len(args) != spec.math:
                    return None
                node = N.CallMath(name, spec.f, args[0]) if spec.math == 1 else N.CallBuiltin(name, spec.f2, args, "n")
            else:
                node = N.CallBuiltin(name, spec.f, args, spec.t)
        else:
            return None
        self.adv()
        return N.ExprStmt(node, top)

    def parse_keyword(self, w, top):
        t = self.tok
        if w == "if":
            self.adv()
            self.expect("(")
            c = self.parse_expr()
            self.expect(")")
            a = self.parse_stmt(False)
            b = None
            if self.tok[0] == "name" and self.tok[1] == "else":
                self.adv()
                b = self.parse_stmt(False)
            return N.If(c, a, b)
        if w == "while":
            self.adv()
            self.expect("(")
            c = self.parse_expr()
            self.expect(")")
            return N.While(c, self.parse_stmt(False))
        if w == "for":
            return self.parse_for()
        if w == "print":
            self.adv()
            items = [self.parse_printitem()]
            while self.tok[0] == ",":
                self.adv()
                items.append(self.parse_printitem())
            return N.Print(items)
        if w == "return":
            self.adv()
            if self.tok[0] in STMT_END:
                return N.Return(None)
            if self.tok[0] == "name" and self.tok[1] == "new":
                return N.Return(self.parse_new())
            return N.Return(self.parse_expr())
        if w == "break":
            self.adv()
            return N.Break()
        if w == "continue":
            self.adv()
            return N.Continue()
        if w == "stop":
            self.adv()
            return N.Stop()
        if w == "debug":          # NEURON toggles a dump of its stack machine's code; ranvier has none
            self.adv()
            return N.Block([])
        if w == "help":           # `help [topic]`: nrniv has no help system and prints nothing
            while self.tok[0] not in STMT_END:
                self.adv()
            return N.Block([])
        if w == "iterator_statement":
            self.adv()
            return N.IterStmt()
        if w == "double":
            self.adv()
            items = []
            while True:
                ntok = self.tok
                name = self.expect_name()
                sym = self.decl_lookup(name)
                if sym.kind not in ("undef", "var"):
                    if sym.scope == "builtin":
                        raise self.I.definition_error("%s : Redeclaring at top level" % name, ntok)
                    self.error(tok=ntok)
                if sym.kind == "undef":
                    self.declare_var(sym)
                dims = self.parse_dims()
                if not dims:
                    self.error()
                items.append((name, dims))
                if self.tok[0] != ",":
                    break
                self.adv()
            return N.Decl("double", items, self.cur_scope())
        if w == "strdef":
            self.adv()
            items = []
            while True:
                ntok = self.tok
                name = self.expect_name()
                sym = self.decl_lookup(name)
                if sym.kind in ("undef", "str"):
                    sym.kind = "str"
                    if sym.scope == "top":
                        self.I.top_vals.setdefault(name, "")
                    elif self.I.cur_template is not None:
                        self.I.cur_template.proto.setdefault(name, "")
                elif sym.kind == "var":
                    raise self.I.definition_error("%s  already declared" % name, ntok)
                else:
                    if sym.scope == "builtin":
                        raise self.I.definition_error("%s : Redeclaring at top level" % name, ntok)
                    self.error(tok=ntok)
                items.append((name, []))
                if self.tok[0] != ",":
                    break
                self.adv()
            return N.Decl("strdef", items, self.cur_scope())
        if w in ("objref", "objectvar", "create"):
            # objref/objectvar and create take the same list of names with dimensions
            self.adv()
            items = []
            while True:
                ntok = self.tok
                name = self.expect_name()
                sym = self.decl_lookup(name)
                if sym.scope == "builtin" or sym.scope == "local":
                    if sym.scope == "builtin":
                        raise self.I.definition_error("%s : Redeclaring at top level" % name, ntok)
                    self.error(tok=ntok)
                if sym.kind in ("var", "str") or (w == "create" and sym.kind == "obj") or \
                        (w != "create" and sym.kind == "sec"):
                    raise self.I.definition_error("%s  already declared" % name, ntok)
                dims = self.parse_dims()
                items.append((name, dims))
                if self.tok[0] != ",":
                    break
                self.adv()
            return N.Decl("create" if w == "create" else "objref", items, self.cur_scope())
        if w == "access":
            self.adv()
            return N.Access(self.parse_section())
        if w == "connect":
            self.adv()
            child = self.parse_section()
            self.expect("(")
            x0 = self.parse_expr()
            self.expect(")")
            self.expect(",")
            if self.tok[0] == "name" and self.tok[1] not in KEYWORDS:
                sym = self.lookup(self.tok[1])
                if sym.kind == "sec" or (sym.kind in ("obj", "localobj") and self.peek()[0] in (".", "[")):
                    parent = self.parse_section()
                    self.expect("(")
                    x1 = self.parse_expr()
                    self.expect(")")
                    return N.Connect(child, x0, parent, x1)
            x1 = self.parse_expr()
            return N.ConnectCas(child, x0, x1)
        if w in ("insert", "uninsert"):
            self.adv()
            ntok = self.tok
            name = self.expect_name()
            if w == "insert" and not self.I.host_is_mechanism(name):
                raise SyntaxErr(ntok, "%s is not a MECHANISM" % name)
            return N.Insert(name, w == "uninsert")
        if w == "forall":
            self.adv()
            return N.Forall(self.parse_stmt(False))
        if w in ("forsec", "ifsec"):
            self.adv()
            what = self.parse_expr()
            if what.t == "n":
                self.error()
            return N.Forsec(what, self.parse_stmt(False), w == "ifsec")
        if w == "delete":
            self.adv()
            name = self.expect_name()
            return N.Delete(name)
        if w == "new":
            e = self.parse_expr()
            if self.tok[0] not in STMT_END and self.starts_stmt():
                return N.ObjStmt(e, self.parse_stmt(False))
            return N.ExprStmt(e, top)
        if w == "setpointer":     # setpointer obj.p, var: POINTER p of obj points at var
            self.adv()
            ttok = self.tok
            target = self.parse_primary(noassign=True)
            if not isinstance(target, (N.Member, N.RangeVar)):
                self.error("setpointer: the target must be a POINTER of a point process "
                           "(obj.p) or of a density mechanism (sec.p_mech(x), p_mech(x))",
                           tok=ttok)
            self.expect(",")
            src = self.parse_primary(noassign=True)
            if not hasattr(src, "pointer"):
                self.error()
            return N.SetPointer(target, src)
        self.error()

    def parse_printitem(self):
        return self.parse_expr()

    def parse_for(self):
        self.adv()
        t = self.tok
        if t[0] == "(":
            p1 = self.peek()
            p2 = self.peek(1)
            if p1[0] == "name" and p2[0] in (")", ","):
                # for (x) / for (x, e)
                self.adv()
                name = self.tok[1]
                sym = self.lookup(name)
                self.adv()
                lv = self.scalar_lvalue(sym, t)
                ends = None
                if self.tok[0] == ",":
                    self.adv()
                    ends = self.parse_expr()
                self.expect(")")
                return N.ForX(lv, ends, self.parse_stmt(False))
            self.adv()
            init = None
            if self.tok[0] != ";":
                init = self.parse_simple()
            self.expect(";")
            if self.tok[0] == ";":
                self.error()
            c = self.parse_expr()
            self.expect(";")
            step = None
            if self.tok[0] != ")":
                step = self.parse_simple()
            self.expect(")")
            return N.ForC(init, c, step, self.parse_stmt(False))
        if t[0] == "name" and t[1] not in KEYWORDS:
            sym = self.lookup(t[1])
            if sym.kind == "iter":
                self.adv()
                args = self.parse_args()
                return N.ForIter(sym, args, self.parse_stmt(False))
            if self.peek()[0] == "." or (self.peek()[0] == "[" and sym.kind not in (
                    "undef", "var", "local", "bvar", "hvar")):
                # for obj.iter(args) stmt: an iterator of a template object
                e = self.parse_expr()
                if not isinstance(e, N.Member) or e.args is None:
                    self.error(tok=t)
                return N.ForObjIter(e, self.parse_stmt(False))
            self.adv()
            lv = self.scalar_lvalue(sym, t)
            self.expect("=")
            a = self.parse_expr()
            self.expect(",")
            b = self.parse_expr()
            return N.ForRange(lv, a, b, self.parse_stmt(False))
        if t[0] == "dol" and t[1][0] == "":
            self.adv()
            lv = N.ArgNum(t[1][1])
            self.expect("=")
            a = self.parse_expr()
            self.expect(",")
            b = self.parse_expr()
            return N.ForRange(lv, a, b, self.parse_stmt(False))
        self.error()

    def scalar_lvalue(self, sym, tok):
        kind = sym.kind
        if kind in ("undef", "var"):
            self.declare_var(sym)
            idx = self.parse_subscripts()
            return N.VarRef(sym.name, sym.scope, idx)
        if kind == "local":
            return N.LocalVar(sym.extra, sym.name)
        if kind == "bvar":
            return N.BVar(sym.name)
        if kind == "hvar":
            return N.HVar(sym.name)
        self.error(tok=tok)

    def parse_simple(self):
        e = self.parse_expr()
        return N.ExprStmt(e, False)

    def parse_dims(self):
        dims = []
        while self.tok[0] == "[":
            self.adv()
            dims.append(self.parse_expr())
            self.expect("]")
        return dims

    parse_subscripts = parse_dims

    def parse_section(self):
        """A section reference: name[i], or obj.member... evaluating to one."""
        t = self.tok
        if t[0] == "name" and t[1] not in KEYWORDS:
            sym = self.lookup(t[1])
            if sym.kind == "sec":
                self.adv()
                return self.parse_secref_rest(sym)
            if sym.kind in ("obj", "localobj"):
                e = self.parse_primary()
                return e
        if t[0] == "dol" and t[1][0] == "o":
            return self.parse_primary()
        self.error()

    def parse_secref_rest(self, sym):
        idx = self.parse_subscripts()
        return N.SecRef(sym.name, sym.scope, idx)

    # -- expressions ----------------------------------------------------------
    def parse_expr(self, minp=1):
        left = self.parse_unary()
        return self.parse_binops(left, minp)

    def parse_binops(self, left, minp=1):
        while True:
            op = self.tok[0]
            p = BINPREC.get(op)
            if p is None or p < minp:
                return left
            optok = self.tok
            self.adv()
            right = self.parse_expr(p + 1)
            if op in ("==", "!="):
                if left.t == "s" or right.t == "s" or left.t == "sec" or right.t == "sec":
                    self.error(tok=optok)
                left = N.Cmp(op, left, right)
            else:
                if left.t in ("s", "o", "sec", "p") or right.t in ("s", "o", "sec", "p"):
                    self.error(tok=optok)
                if p == 3:
                    left = N.Cmp(op, left, right)
                elif p <= 2:
                    left = N.AndOr(op, left, right)
                else:
                    left = N.BinOp(op, left, right)

    def finish_expr(self, e):
        """Continue an expression whose primary was already parsed."""
        if self.tok[0] in ASSIGN_OPS and getattr(e, "lvalue", False):
            e = self.parse_assign(e)
        if self.tok[0] == "^":
            self.adv()
            e = N.BinOp("^", e, self.parse_unary())
        return self.parse_binops(e)

    def parse_unary(self):
        k = self.tok[0]
        if k == "-":
            t = self.tok
            self.adv()
            e = self.parse_unary()
            if e.t in ("s", "o", "sec"):
                self.error(tok=t)
            return N.Neg(e)
        if k == "!":
            t = self.tok
            self.adv()
            e = self.parse_unary()
            if e.t in ("s", "o", "sec"):
                self.error(tok=t)
            return N.Not(e)
        base = self.parse_primary()
        if self.tok[0] == "^":
            t = self.tok
            self.adv()
            ex = self.parse_unary()
            if base.t in ("s", "o", "sec") or ex.t in ("s", "o", "sec"):
                self.error(tok=t)
            return N.BinOp("^", base, ex)
        return base

    def parse_assign(self, lv):
        op = self.tok[0]
        optok = self.tok
        self.adv()
        if self.tok[0] == "name" and self.tok[1] == "new":
            if lv.t == "n":
                self.error()
            rhs = self.parse_new()
            rhs = self.parse_postfix(rhs)
        else:
            rhs = self.parse_expr()
        if lv.t == "s" and op != "=":
            self.error("Invalid assignment operator. Only '=' allowed. ", tok=self.prev)
        if lv.t == "o" and op != "=":
            pass
        if lv.t == "n" and rhs.t in ("s", "o"):
            self.error(tok=optok)
        return N.Assign(lv, op, rhs)

    def parse_args(self):
        if self.tok[0] != "(":
            self.error()
        self.adv()
        args = []
        if self.tok[0] == ")":
            self.last_tok = self.tok
            self.adv()
            return args
        while True:
            k = self.tok[0]
            if k == "&":
                self.adv()
                e = self.parse_primary(noassign=True)
                if not hasattr(e, "pointer"):
                    self.error()
                args.append(N.Pointer(e))
            else:
                args.append(self.parse_expr())
            if self.tok[0] == ",":
                self.adv()
                continue
            self.last_tok = self.tok
            self.expect(")")
            return args

    def parse_new(self):
        self.adv()                 # 'new'
        ntok = self.tok
        name = self.expect_name()
        sym = self.lookup(name)
        if sym.kind not in ("template", "class"):
            if sym.kind == "undef":
                args = self.parse_args()
                raise SyntaxErr(self.last_tok, "%s is not a template" % name)
            self.error(tok=ntok)
        args = self.parse_args()
        return N.NewObj(name, args, sym)

    def parse_postfix(self, node):
        while self.tok[0] == ".":
            self.adv()
            t = self.tok
            if t[0] != "name":
                self.error()
            name = t[1]
            self.adv()
            idx = self.parse_subscripts() if self.tok[0] == "[" else None
            args = self.parse_args() if self.tok[0] == "(" else None
            node = N.Member(node, name, idx, args)
        return node

    def parse_primary(self, noassign=False):
        t = self.tok
        k = t[0]
        if k == "num":
            self.adv()
            return N.Const(t[1])
        if k == "str":
            self.adv()
            return N.StrConst(t[1])
        if k == "(":
            self.adv()
            e = self.parse_expr()
            self.expect(")")
            if isinstance(e, N.Assign):
                return N.Paren(e)
            return e
        if k == "dol":
            return self.parse_dollar(noassign)
        if k == "fast":
            self.unfast()
            return self.parse_primary(noassign)
        if k != "name":
            self.error()
        name = t[1]
        if name in KEYWORDS:
            if name == "new":
                e = self.parse_new()
                return self.parse_postfix(e)
            self.error()
        sym = self.lookup(name)
        kind = sym.kind
        self.adv()
        if kind in ("undef", "var"):
            if self.tok[0] == "(":
                args = self.parse_args()
                return N.UndefCall(name, args) if kind == "var" else _UndefCallSym(sym, args)
            if kind == "undef" and self.tok[0] == ".":
                self.error()
            idx = self.parse_subscripts()
            if kind == "undef" and self.tok[0] in ASSIGN_OPS:
                self.declare_var(sym)
            node = N.VarRef(name, sym.scope, idx)
            return self._maybe_assign(node, noassign)
        if kind == "local":
            node = N.LocalVar(sym.extra, name)
            return self._maybe_assign(node, noassign)
        if kind == "localobj":
            node = self.parse_postfix(N.LocalObj(sym.extra, name))
            return self._maybe_assign(node, noassign)
        if kind == "str":
            node = N.StrVar(name, sym.scope)
            return self._maybe_assign(node, noassign)
        if kind == "obj":
            idx = self.parse_subscripts()
            if name == "this" and sym.scope == "obj" and not idx:
                node = N.ThisRef()
            else:
                node = N.ObjVar(name, sym.scope, idx)
            node = self.parse_postfix(node)
            return self._maybe_assign(node, noassign)
        if kind == "sec":
            node = self.parse_secref_rest(sym)
            if self.tok[0] != ".":
                self.error()
            node = self.parse_postfix(node)
            return self._maybe_assign(node, noassign)
        if kind in ("func", "obfunc"):
            args = self.parse_args()
            node = N.CallUser(sym, args, "n" if kind == "func" else "o")
            if kind == "obfunc":
                node = self.parse_postfix(node)
                return self._maybe_assign(node, noassign)
            return node
        if kind in ("proc", "iter"):
            self.error(tok=t)
        if kind in ("template", "class"):
            if self.tok[0] != "[":
                self.error()
            self.adv()
            e = self.parse_expr()
            self.expect("]")
            node = self.parse_postfix(N.TemplateIndex(name, e))
            return self._maybe_assign(node, noassign)
        if kind == "bfunc":
            spec = sym.extra
            if spec.math:
                self.expect("(")
                args = [self.parse_expr()]
                for _ in range(spec.math - 1):
                    self.expect(",")
                    args.append(self.parse_expr())
                self.expect(")")
                if spec.math == 1:
                    return N.CallMath(name, spec.f, args[0])
                return N.CallBuiltin(name, spec.f2, args, "n")
            args = self.parse_args()
            if spec.nargs is not None and not (spec.nargs[0] <= len(args) <= spec.nargs[1]):
                self.error()
            node = N.CallBuiltin(name, spec.f, args, spec.t)
            if spec.t == "o":
                node = self.parse_postfix(node)
            return node
        if kind == "hfunc":
            args = self.parse_args()
            node = N.CallHost(name, args)
            node = self.parse_postfix(node)
            return node
        if kind == "bvar":
            return self._maybe_assign(N.BVar(name), noassign)
        if kind == "hvar":
            idx = self.parse_subscripts() or None
            if self.tok[0] == ".":      # a host variable holding an object: cvode.active(1)
                node = self.parse_postfix(N.HObj(name, idx))
                return self._maybe_assign(node, noassign)
            return self._maybe_assign(N.HVar(name, idx), noassign)
        if kind == "secprop":
            if self.tok[0] == "(":
                args = self.parse_args()
                return N.UndefCall(name, args)
            return self._maybe_assign(N.SecProp(name), noassign)
        if kind == "rangevar":
            x = x2 = None
            idx = None
            if self.tok[0] == "[":   # an NMODL array: ca_cadifr[2](0.5)
                self.adv()
                idx = self.parse_expr()
                self.expect("]")
            if self.tok[0] == "(":
                self.adv()
                x = self.parse_expr()
                if self.tok[0] == ":":
                    self.adv()
                    x2 = self.parse_expr()
                    self.expect(")")
                    rv = N.RangeVar(name, x, x2)
                    if self.tok[0] not in ASSIGN_OPS:
                        self.error()
                    op = self.tok[0]
                    self.adv()
                    y1 = self.parse_expr()
                    self.expect(":")
                    y2 = self.parse_expr()
                    return N.Taper(rv, op, y1, y2)
                self.expect(")")
            return self._maybe_assign(N.RangeVar(name, x, idx=idx), noassign)
        self.error()

    def _maybe_assign(self, node, noassign):
        if not noassign and self.tok[0] in ASSIGN_OPS:
            return self.parse_assign(node)
        return node

    def parse_dollar(self, noassign):
        t = self.tok
        flav, n = t[1]
        self.adv()
        if flav == "":
            return self._maybe_assign(N.ArgNum(n), noassign)
        if flav == "s":
            return self._maybe_assign(N.ArgStr(n), noassign)
        if flav == "o":
            node = self.parse_postfix(N.ArgObj(n))
            return self._maybe_assign(node, noassign)
        if flav == "&":
            idx = None
            if self.tok[0] == "[":
                self.adv()
                idx = self.parse_expr()
                self.expect("]")
            return self._maybe_assign(N.ArgPtr(n, idx), noassign)
        if flav == "i":
            if self.locals is None or "i" not in self.locals or self.locals["i"].kind != "local":
                self.error(tok=t)
            return self._maybe_assign(N.ArgI(self.locals["i"].extra, ""), noassign)
        self.error(tok=t)


class _UndefCallSym(N.Node):
    """name(args) where name was undefined when parsed: call it if it has
    become a func/proc/obfunc by run time."""
    __slots__ = ("sym", "args")
    t = "a"

    def __init__(self, sym, args):
        self.sym = sym
        self.args = args

    def ev(self, fr):
        sym = self.sym
        if sym.kind in ("func", "proc", "obfunc") and sym.defn is not None:
            args = [a.ev(fr) for a in self.args]
            return N.I.call_defn(sym, args, N.arg_refs(self.args, fr), fr.obj if sym.scope == "obj" else None)
        if sym.kind == "undef":
            f = N._host.HOST.function(sym.name)
            if f is not None:
                return N.I.call_python(f, N.py_args(self.args, fr), True)
        e = N.HocRuntimeError("%s undefined function" % sym.name)
        e.frames.append(N.I._frame_desc(sym.name, [a.ev(fr) for a in self.args]))
        raise e

    run = ev

#!/usr/bin/env python3
"""Writes the verdict fixtures (tangled-monolith, modular-monolith, healthy-split,
over-fragmented) into testdata/. Their code is generated, regular and deterministic: each
module is a record type and helper functions whose calls between modules follow the
structure the fixture is meant to show. Rerun after changing it: python3 testdata/verdicts.py
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def package(root, name, deps=(), publish=True):
    text = f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2021"\n'
    if not publish:
        text += "publish = false\n"
    if deps:
        text += "\n[dependencies]\n" + "".join(f'{d} = {{ path = "../{d}" }}\n' for d in deps)
    write(f"{root}/Cargo.toml", text)


def module(name, helpers, calls, io=False):
    """A module with a record type and `helpers` functions; `calls` are paths of functions
    (in other modules) its functions call, spread over them. With `io`, the record is also
    saved to a file: the module does I/O of its own, as a store does."""
    title = "".join(w.capitalize() for w in name.split("_"))
    out = [f"//! {name}: generated fixture code.\n\n"]
    if io:
        out.append(
            f"pub fn save(r: &{title}, path: &str) -> std::io::Result<()> {{\n"
            f"    std::fs::write(path, r.total.to_string())\n}}\n\n"
        )
    out.append(f"pub struct {title} {{\n    pub id: u64,\n    pub total: u64,\n}}\n\n")
    out.append(f"impl {title} {{\n    pub fn new(id: u64) -> Self {{\n        {title} {{ id, total: 0 }}\n    }}\n\n")
    out.append("    pub fn add(&mut self, x: u64) -> u64 {\n        self.total = self.total.wrapping_add(x);\n        self.total\n    }\n}\n\n")
    for i in range(helpers):
        call = calls[i % len(calls)] if calls else None
        body = f"{call}(x ^ {i})" if call else f"x.rotate_left({i % 31})"
        out.append(
            f"pub fn {name}_{i}(x: u64) -> u64 {{\n"
            f"    let y = x.wrapping_mul({2 * i + 3});\n"
            f"    let z = y ^ (y >> {i % 13 + 1});\n"
            f"    z.wrapping_add({body})\n"
            f"}}\n\n"
        )
    return "".join(out)


def crate_of_domains(root, crate, domains, helpers, inner_calls, outer):
    """`domains`: {domain: [module names]}; modules of a domain call each other
    `inner_calls` times per function set; `outer`: {(domain, module): [paths]} extra calls."""
    lib = [f"//! {crate}: generated fixture.\n"]
    for d, mods in domains.items():
        lib.append(f"pub mod {d};\n")
        write(f"{root}/src/{d}/mod.rs", "".join(f"pub mod {m};\n" for m in mods))
        for m in mods:
            others = [o for o in mods if o != m]
            calls = [f"super::{o}::{o}_{k}" for k in range(inner_calls) for o in others]
            calls = calls + outer.get((d, m), [])
            write(f"{root}/src/{d}/{m}.rs", module(m, helpers, calls, io=m.endswith("_store")))
    write(f"{root}/src/lib.rs", "".join(lib))


def main_rs(root, crate_ident, calls):
    """A `src/main.rs` beside the library: the package is an application."""
    body = " + ".join(f"{c}(1)" for c in calls) or "0"
    write(f"{root}/src/main.rs", f"fn main() {{\n    println!(\"{{}}\", {body});\n}}\n")


def app(root, name, deps):
    """The application crate that links the domain crates into one program."""
    package(f"{root}/{name}", name, deps)
    calls = [f"{d.replace('-', '_')}::{d.replace('-', '_')}_core::{d.replace('-', '_')}_api::{d.replace('-', '_')}_api_0" for d in deps]
    write(f"{root}/{name}/src/main.rs", "fn main() {\n    println!(\"{}\", " + " + ".join(f"{c}(1)" for c in calls) + ");\n}\n")


def tangled_monolith():
    root = f"{HERE}/tangled-monolith"
    package(root, "tangled-monolith")
    main_rs(root, "tangled_monolith", ["tangled_monolith::part0::part0_0"])
    mods = [f"part{i}" for i in range(12)]
    lib = ["//! Twelve modules that all call each other: no seam to cut.\n"]
    for i, m in enumerate(mods):
        lib.append(f"pub mod {m};\n")
        calls = [f"crate::{o}::{o}_{k}" for k in range(3) for o in mods if o != m]
        write(f"{root}/src/{m}.rs", module(m, 90, calls))
    write(f"{root}/src/lib.rs", "".join(lib))


def modular_monolith():
    root = f"{HERE}/modular-monolith"
    package(root, "modular-monolith")
    names = ["accounts", "billing", "catalog", "orders", "reports", "shipping", "stock"]
    domains = {d: [f"{d}_{k}" for k in ("model", "rules", "store")] for d in names}
    outer = {}
    for i, d in enumerate(names[:-1]):
        nxt = names[i + 1]
        outer[(d, f"{d}_rules")] = [f"crate::{nxt}::{nxt}_model::{nxt}_model_0"]
    crate_of_domains(root, "modular-monolith", domains, 55, 2, outer)
    main_rs(root, "modular_monolith", ["modular_monolith::orders::orders_rules::orders_rules_0"])


def healthy_split():
    root = f"{HERE}/healthy-split"
    write(f"{root}/Cargo.toml", '[workspace]\nresolver = "2"\nmembers = ["ledger", "catalog", "storefront", "shop"]\n')
    app(root, "shop", ["storefront"])
    specs = {
        "ledger": ([], {}),
        "catalog": ([], {}),
        "storefront": (["ledger", "catalog"], {}),
    }
    for crate, (deps, _) in specs.items():
        package(f"{root}/{crate}", crate, deps)
        domains = {f"{crate}_core": [f"{crate}_{k}" for k in ("model", "logic", "store", "api")]}
        outer = {}
        if deps:
            outer[(f"{crate}_core", f"{crate}_api")] = [
                f"{d}::{d}_core::{d}_api::{d}_api_{k}" for d in deps for k in range(2)
            ]
        crate_of_domains(f"{root}/{crate}", crate, domains, 85, 2, outer)


def hybrid_split():
    """The healthy split plus two small shared crates. `tax-rate`: one pure function the
    three crates call 36 times, the article's anti-pattern as a nanoservice (link it).
    `audit-log`: one entry point that writes a file, called a few times from two domains:
    a nanoservice candidate."""
    root = f"{HERE}/hybrid-split"
    write(f"{root}/Cargo.toml", '[workspace]\nresolver = "2"\nmembers = ["ledger", "catalog", "storefront", "tax-rate", "audit-log", "shop"]\n')
    app(root, "shop", ["storefront"])
    package(f"{root}/audit-log", "audit-log")
    write(
        f"{root}/audit-log/src/lib.rs",
        "//! audit-log: appends one line per event to a file; used by the ledger and the storefront.\n\n"
        "use std::io::Write;\n\n"
        "pub fn record(event: &str) -> std::io::Result<()> {\n"
        "    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(\"audit.log\")?;\n"
        "    writeln!(f, \"{event}\")\n}\n",
    )
    package(f"{root}/tax-rate", "tax-rate")
    write(
        f"{root}/tax-rate/src/lib.rs",
        "//! tax-rate: one function, no state, used by every other crate.\n\n"
        "pub fn rate(cents: u64) -> u64 {\n"
        "    let percent = match cents % 4 {\n        0 => 20,\n        1 => 7,\n        2 => 19,\n        _ => 10,\n    };\n"
        "    cents * percent / 100\n}\n",
    )
    for crate, deps in [("ledger", ["tax-rate", "audit-log"]), ("catalog", ["tax-rate"]), ("storefront", ["ledger", "catalog", "tax-rate", "audit-log"])]:
        package(f"{root}/{crate}", crate, deps)
        domains = {f"{crate}_core": [f"{crate}_{k}" for k in ("model", "logic", "store", "api")]}
        outer = {(f"{crate}_core", f"{crate}_logic"): ["tax_rate::rate"]}
        ws_deps = [d for d in deps if d not in ("tax-rate", "audit-log")]
        if ws_deps:
            outer[(f"{crate}_core", f"{crate}_api")] = [
                f"{d}::{d}_core::{d}_api::{d}_api_{k}" for d in ws_deps for k in range(2)
            ]
        crate_of_domains(f"{root}/{crate}", crate, domains, 85, 2, outer)
        if "audit-log" in deps:
            store = f"{root}/{crate}/src/{crate}_core/{crate}_store.rs"
            with open(store, "a") as f:
                f.write(f"pub fn audit(x: u64) -> u64 {{\n    let _ = audit_log::record(\"{crate}\");\n    x\n}}\n")


def over_fragmented():
    root = f"{HERE}/over-fragmented"
    names = ["order-id", "order-line", "order-total", "order-tax", "order-discount", "order-format"]
    write(f"{root}/Cargo.toml", '[workspace]\nresolver = "2"\nmembers = [' + ", ".join(f'"{n}"' for n in names + ["order-app"]) + "]\n")
    # A chain of tiny crates of an application (not published), each used only by the next,
    # each calling the previous a lot.
    prev = None
    for n in names:
        ident = n.replace("-", "_")
        package(f"{root}/{n}", n, [prev] if prev else [], publish=False)
        calls = [f"{prev.replace('-', '_')}::{prev.replace('-', '_')}_{k}" for k in range(4)] if prev else []
        write(f"{root}/{n}/src/lib.rs", module(ident, 8, calls))
        prev = n
    package(f"{root}/order-app", "order-app", [names[-1]], publish=False)
    last = names[-1].replace("-", "_")
    write(
        f"{root}/order-app/src/main.rs",
        f"fn main() {{\n    println!(\"{{}}\", {last}::{last}_0(1) + {last}::{last}_1(2) + {last}::{last}_2(3));\n}}\n",
    )


for name, make in [
    ("tangled-monolith", tangled_monolith),
    ("modular-monolith", modular_monolith),
    ("healthy-split", healthy_split),
    ("hybrid-split", hybrid_split),
    ("over-fragmented", over_fragmented),
]:
    shutil.rmtree(f"{HERE}/{name}", ignore_errors=True)
    make()

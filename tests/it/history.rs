//! History: git repositories built in temporary directories with scripted commits, authors
//! and dates, and the figures archsplit reads from them checked exactly.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{archsplit, expect_code, snapshot, stdout, write};

/// Runs git in `dir` as `author` at noon UTC of `day` (days after 2024-01-01).
fn git_as(dir: &Path, author: &str, day: u32, args: &[&str]) {
    let date = format!("2024-01-{:02}T12:00:00+00:00", day + 1);
    crate::support::git_as(dir, author, &date, args);
}

/// Appends a line to each file and commits them as `author` on `day`.
fn change(dir: &Path, author: &str, day: u32, files: &[&str]) {
    for f in files {
        let p = dir.join(f);
        let mut text = std::fs::read_to_string(&p).unwrap();
        text.push_str(&format!("// changed on day {day}\n"));
        std::fs::write(&p, text).unwrap();
    }
    git_as(dir, author, day, &["add", "-A"]);
    git_as(
        dir,
        author,
        day,
        &["commit", "-q", "-m", &format!("day {day}")],
    );
}

/// A crate `shop` with two static communities — orders/cart/checkout and
/// billing/invoice/tax — that refer to each other only inside; `checkout` and `invoice` have
/// no static dependency, yet most commits change both.
///
/// `shop_files` writes the crate and commits it as Alice on day 0. `shop` goes on: days 1-5
/// Alice changes checkout and invoice; days 6-7 Bob changes orders and cart; day 8 Carol
/// changes tax; day 9 Bob changes checkout.
fn shop_files(dir: &Path) {
    write(
        dir,
        "Cargo.toml",
        "[package]\nname = \"shop\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    write(
        dir,
        "src/lib.rs",
        "pub mod billing;\npub mod cart;\npub mod checkout;\npub mod invoice;\npub mod orders;\npub mod tax;\n",
    );
    write(
        dir,
        "src/orders.rs",
        "use crate::cart::{Cart, Line};\nuse crate::checkout::Checkout;\n\
         pub struct Order { pub cart: Cart, pub lines: Vec<Line> }\n\
         pub fn place(c: Cart) -> Order { let _k: Checkout = crate::checkout::start(&c); crate::cart::total(&c); Order { lines: crate::cart::lines(&c), cart: c } }\n\
         pub fn cancel(o: Order) -> Cart { crate::checkout::abort(&o.cart); crate::cart::clear(o.cart) }\n\
         pub fn save(_o: &Order) -> std::io::Result<()> { std::fs::write(\"orders.log\", \"\") }\n",
    );
    // An application: a binary runs the library (a library alone is linked, never a service).
    write(
        dir,
        "src/main.rs",
        "fn main() {\n    let _ = shop::orders::place(shop::cart::Cart);\n}\n",
    );
    write(
        dir,
        "src/cart.rs",
        "pub struct Cart;\npub struct Line;\n\
         pub fn total(_c: &Cart) -> u64 { 0 }\npub fn lines(_c: &Cart) -> Vec<Line> { Vec::new() }\n\
         pub fn clear(c: Cart) -> Cart { c }\n",
    );
    write(
        dir,
        "src/checkout.rs",
        "pub struct Checkout;\n\
         pub fn start(c: &crate::cart::Cart) -> Checkout { let _ = c; Checkout }\n\
         pub fn abort(_c: &crate::cart::Cart) {}\n",
    );
    write(
        dir,
        "src/billing.rs",
        "use crate::invoice::Invoice;\nuse crate::tax::Rate;\n\
         pub fn bill(amount: u64) -> Invoice { let r: Rate = crate::tax::rate(); crate::tax::apply(&r, amount); crate::invoice::issue(amount) }\n\
         pub fn refund(i: &Invoice) -> u64 { crate::invoice::amount(i) - crate::tax::apply(&crate::tax::rate(), 1) }\n\
         pub fn save(i: &Invoice) -> std::io::Result<()> { std::fs::write(\"billing.log\", i.amount.to_string()) }\n",
    );
    write(
        dir,
        "src/invoice.rs",
        "use crate::tax::Rate;\npub struct Invoice { pub amount: u64, pub rate: Rate }\n\
         pub fn issue(amount: u64) -> Invoice { Invoice { amount, rate: crate::tax::rate() } }\n\
         pub fn amount(i: &Invoice) -> u64 { crate::tax::apply(&i.rate, i.amount) }\n",
    );
    write(
        dir,
        "src/tax.rs",
        "pub struct Rate;\npub fn rate() -> Rate { Rate }\npub fn apply(_r: &Rate, a: u64) -> u64 { a }\n",
    );
    git_as(dir, "Alice", 0, &["init", "-q"]);
    git_as(dir, "Alice", 0, &["add", "-A"]);
    git_as(dir, "Alice", 0, &["commit", "-q", "-m", "shop"]);
}

/// `shop_files` with the commits described at `shop`.
pub fn shop(dir: &Path) {
    shop_files(dir);
    for day in 1..=5 {
        change(dir, "Alice", day, &["src/checkout.rs", "src/invoice.rs"]);
    }
    change(dir, "Bob", 6, &["src/orders.rs", "src/cart.rs"]);
    change(dir, "Bob", 7, &["src/orders.rs", "src/cart.rs"]);
    change(dir, "Carol", 8, &["src/tax.rs"]);
    change(dir, "Bob", 9, &["src/checkout.rs"]);
}

fn analyze(dir: &Path, extra: &[&str]) -> (Value, String) {
    let mut args = vec!["analyze", ".", "--format", "json"];
    args.extend(extra);
    let out = archsplit(dir, dir, &args);
    expect_code(&out, 0);
    let text = stdout(&out);
    (serde_json::from_str(&text).expect("JSON"), text)
}

fn module<'a>(v: &'a Value, path: &str) -> &'a Value {
    v["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["path"] == path)
        .unwrap_or_else(|| panic!("no module {path}"))
}

fn hidden(v: &Value) -> Vec<&Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "hidden-coupling")
        .collect()
}

#[test]
fn co_change_figures_volatility_and_ownership_are_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    shop(dir);
    let (v, text) = analyze(dir, &["--signals", "static"]);
    // Same repository, same bytes, whatever the thread count.
    let (_, again) = analyze(dir, &["--signals", "static", "-j", "1"]);
    assert_eq!(text, again);
    let h = &v["summary"]["history"];
    assert_eq!(h["status"], "read");
    assert_eq!(h["commits"], 10);
    assert_eq!(h["commits_read"], 10);
    assert_eq!(h["authors"], 3);
    assert_eq!(h["first"], "2024-01-01");
    assert_eq!(h["last"], "2024-01-10");
    assert_eq!(h["shallow"], false);
    assert_eq!(h["truncated"], false);
    assert_eq!(
        v["summary"]["clustering"]["signals"],
        serde_json::json!(["static"])
    );

    let checkout = module(&v, "shop::checkout");
    assert_eq!(checkout["changes"], 7);
    assert_eq!(checkout["volatility"], 0.7);
    assert_eq!(checkout["authors"], 2);
    assert_eq!(checkout["main_author_share"], 0.8571);
    assert_eq!(module(&v, "shop::tax")["changes"], 2);
    assert_eq!(module(&v, "shop::billing")["changes"], 1);

    let pair = v["change_coupling"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "shop::checkout" && p["b"] == "shop::invoice")
        .expect("checkout and invoice co-change");
    assert_eq!(pair["shared"], 6);
    assert_eq!(pair["support"], 0.6);
    assert_eq!(pair["confidence_ab"], 0.8571);
    assert_eq!(pair["confidence_ba"], 1.0);
    assert_eq!(pair["degree"], 0.9231);
    assert_eq!(pair["static_dependency"], false);
    // Strongest pair first.
    assert_eq!(v["change_coupling"][0]["a"], "shop::checkout");
    let orders_cart = v["change_coupling"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "shop::cart" && p["b"] == "shop::orders")
        .unwrap();
    assert_eq!(orders_cart["shared"], 3);
    assert_eq!(orders_cart["static_dependency"], true);

    // Static clusters: {orders, cart, checkout} and {billing, invoice, tax}.
    let c_checkout = &module(&v, "shop::checkout")["cluster"];
    let c_invoice = &module(&v, "shop::invoice")["cluster"];
    assert_ne!(c_checkout, c_invoice);
    assert_eq!(c_checkout, &module(&v, "shop::orders")["cluster"]);
    let cluster = v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| &c["id"] == c_checkout)
        .unwrap();
    let o = &cluster["ownership"];
    // Days 0-9 except Carol's day 8 touch it; days 0-5 also touch the other cluster.
    assert_eq!(o["changes"], 9);
    assert_eq!(o["authors"], 2);
    assert_eq!(o["crossing_share"], 0.6667);
    assert_eq!(o["main_author_share"], 0.6667);

    // The pair that has no static edge and crosses the proposed services is a warning.
    let found = hidden(&v);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(
        found[0]["subjects"],
        serde_json::json!(["shop::checkout", "shop::invoice"])
    );
    let msg = found[0]["message"].as_str().unwrap();
    assert!(msg.contains("changed together in 6 commits"), "{msg}");
    assert!(msg.contains("different proposed services"), "{msg}");
}

#[test]
fn modules_changed_together_are_clustered_together() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    shop(dir);
    let (v, _) = analyze(dir, &["--signals", "static,history"]);
    assert_eq!(
        v["summary"]["clustering"]["signals"],
        serde_json::json!(["static", "history"])
    );
    assert_eq!(
        module(&v, "shop::checkout")["cluster"],
        module(&v, "shop::invoice")["cluster"],
        "the history weighs in"
    );
    assert_ne!(
        module(&v, "shop::checkout")["cluster"],
        module(&v, "shop::orders")["cluster"]
    );
    // By default the static graph alone decides, and the finding warns.
    let (v, _) = analyze(dir, &[]);
    assert_eq!(
        v["summary"]["clustering"]["signals"],
        serde_json::json!(["static"])
    );
    assert_ne!(
        module(&v, "shop::checkout")["cluster"],
        module(&v, "shop::invoice")["cluster"]
    );
    assert_eq!(hidden(&v)[0]["severity"], "warning");
    // History alone, and all three signals, also keep the pair together.
    for signals in ["history", "static,history,authors"] {
        let (v, _) = analyze(dir, &["--signals", signals]);
        assert_eq!(
            module(&v, "shop::checkout")["cluster"],
            module(&v, "shop::invoice")["cluster"],
            "{signals}"
        );
    }
    let (v, _) = analyze(dir, &["--signals", "static,history"]);
    // Still named, as a note: the proposed services already keep the pair together.
    let found = hidden(&v);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["severity"], "note");
}

#[test]
fn authors_stay_private_unless_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    shop(dir);
    for format in ["json", "table", "html"] {
        let out = archsplit(dir, dir, &["analyze", ".", "--format", format]);
        expect_code(&out, 0);
        let text = stdout(&out).to_lowercase();
        for who in ["alice", "bob", "carol", "example.invalid"] {
            assert!(!text.contains(who), "{format} names {who}");
        }
    }
    let (v, text) = analyze(dir, &["--show-authors", "--signals", "static"]);
    assert!(text.contains("Alice <alice@example.invalid>"));
    let owners: Vec<&Value> = v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["ownership"]["owners"].as_array().unwrap())
        .collect();
    assert!(owners
        .iter()
        .any(|o| o["author"] == "Bob <bob@example.invalid>"));
}

#[test]
fn history_reading_changes_nothing_in_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    shop(dir);
    let before = snapshot(dir);
    let status = |d: &Path| {
        Command::new("git")
            .args(["status", "--porcelain", "--ignored"])
            .current_dir(d)
            .output()
            .unwrap()
            .stdout
    };
    let status_before = status(dir);
    let cache = tempfile::tempdir().unwrap();
    let out = archsplit(
        dir,
        dir,
        &[
            "analyze",
            ".",
            "--cache-dir",
            cache.path().to_str().unwrap(),
        ],
    );
    expect_code(&out, 0);
    assert_eq!(before, snapshot(dir));
    assert_eq!(status_before, status(dir));
}

#[test]
fn bounds_renames_shallow_clones_and_no_history() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("shop");
    std::fs::create_dir(&dir).unwrap();
    shop(&dir);

    // --max-commit-modules: the first commit (all 7 modules) is left out.
    let (v, _) = analyze(&dir, &["--max-commit-modules", "3"]);
    assert_eq!(v["summary"]["history"]["skipped_large"], 1);
    assert_eq!(v["summary"]["history"]["commits"], 9);
    assert_eq!(module(&v, "shop::checkout")["changes"], 6);

    // --since and --max-commits.
    let (v, _) = analyze(&dir, &["--since", "2024-01-07"]);
    assert_eq!(v["summary"]["history"]["commits"], 4);
    assert_eq!(v["summary"]["history"]["since"], "2024-01-07");
    let (v, _) = analyze(&dir, &["--max-commits", "2"]);
    assert_eq!(v["summary"]["history"]["commits"], 2);
    assert_eq!(v["summary"]["history"]["truncated"], true);

    // A rename carries the file's history over to its new name.
    git_as(&dir, "Bob", 10, &["mv", "src/tax.rs", "src/levy.rs"]);
    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    std::fs::write(
        dir.join("src/lib.rs"),
        lib.replace("pub mod tax;", "#[path = \"levy.rs\"]\npub mod tax;"),
    )
    .unwrap();
    git_as(&dir, "Bob", 10, &["commit", "-q", "-am", "rename"]);
    let (v, _) = analyze(&dir, &["--signals", "static"]);
    assert_eq!(module(&v, "shop::tax")["file"], "src/levy.rs");
    assert_eq!(
        module(&v, "shop::tax")["changes"],
        3,
        "two before the rename, one rename"
    );

    // A shallow clone says so and reads what is there.
    let shallow = tmp.path().join("shallow");
    let url = format!("file://{}", dir.display());
    git_as(
        tmp.path(),
        "Bob",
        11,
        &[
            "clone",
            "-q",
            "--depth",
            "3",
            &url,
            shallow.to_str().unwrap(),
        ],
    );
    let (v, _) = analyze(&shallow, &[]);
    assert_eq!(v["summary"]["history"]["shallow"], true);
    assert_eq!(v["summary"]["history"]["commits_read"], 3);

    // No repository: said so, static coupling alone.
    let plain = tmp.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    std::fs::write(
        plain.join("Cargo.toml"),
        std::fs::read(dir.join("Cargo.toml")).unwrap(),
    )
    .unwrap();
    crate::support::copy_dir(&dir.join("src"), &plain.join("src"));
    let (v, _) = analyze(&plain, &[]);
    let h = &v["summary"]["history"];
    assert_eq!(h["status"], "unavailable");
    assert_eq!(h["reason"], "not inside a git repository");
    assert_eq!(
        v["summary"]["clustering"]["signals"],
        serde_json::json!(["static"])
    );
    assert_eq!(module(&v, "shop::tax")["volatility"], Value::Null);
    assert!(v["change_coupling"].as_array().unwrap().is_empty());
    assert!(hidden(&v).is_empty());

    // --no-history: off.
    let (v, _) = analyze(&dir, &["--no-history"]);
    assert_eq!(v["summary"]["history"]["status"], "off");
}

#[test]
fn bad_history_flags_are_one_line_and_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["analyze", ".", "--since", "last week"],
        vec!["analyze", ".", "--max-commits", "0"],
        vec!["analyze", ".", "--signals", "vibes"],
    ] {
        let out = archsplit(tmp.path(), tmp.path(), &args);
        expect_code(&out, 2);
    }
}

/// Rules loose enough that the tiny clusters of `shop` could be services, so that only the
/// history rules decide.
const LOOSE_RULES: &str = "\
[rules.nanoservice-candidate]\nenabled = false\n\
[rules.too-small-for-a-service.thresholds]\nmin_loc = 1\n\
[rules.microservice-candidate.thresholds]\nmin_loc = 1\nmin_cohesion = 0.0\nmax_code_share = 1.0\n\
[rules.chatty-boundary]\nenabled = false\n\
[rules.small-codebase]\nenabled = false\n\
[rules.change-crossing.thresholds]\nmin_changes = 5\n\
[rules.separate-team.thresholds]\nmin_changes = 5\n";

fn cluster_of<'a>(v: &'a Value, module_path: &str) -> &'a Value {
    let id = &module(v, module_path)["cluster"];
    v["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| &c["id"] == id)
        .unwrap()
}

fn rules_of(c: &Value) -> Vec<&str> {
    c["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect()
}

#[test]
fn most_commits_crossing_a_boundary_keep_a_cluster_in_the_monolith() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    shop(dir);
    std::fs::write(dir.join("archsplit.toml"), LOOSE_RULES).unwrap();
    let (v, _) = analyze(dir, &[]);
    // {orders, cart, checkout}: 6 of its 9 commits also change billing's side.
    let c = cluster_of(&v, "shop::orders");
    assert_ne!(c["recommendation"], "microservice");
    assert!(rules_of(c).contains(&"change-crossing"), "{c:#}");
    // Without history the same cluster would be a service.
    let (v, _) = analyze(dir, &["--no-history"]);
    assert_eq!(
        cluster_of(&v, "shop::orders")["recommendation"],
        "microservice"
    );
}

#[test]
fn a_cluster_owned_by_its_own_people_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    shop_files(dir);
    // Alice works on the orders side, Bob on the billing side; no commit crosses.
    for day in 1..=6 {
        let f = ["src/orders.rs", "src/cart.rs", "src/checkout.rs"][day as usize % 3];
        change(dir, "Alice", day, &[f]);
    }
    for day in 7..=12 {
        let f = ["src/billing.rs", "src/invoice.rs", "src/tax.rs"][day as usize % 3];
        change(dir, "Bob", day, &[f]);
    }
    std::fs::write(dir.join("archsplit.toml"), LOOSE_RULES).unwrap();
    let (v, _) = analyze(dir, &[]);
    for m in ["shop::orders", "shop::billing"] {
        let c = cluster_of(&v, m);
        assert_eq!(c["recommendation"], "microservice", "{c:#}");
        assert!(rules_of(c).contains(&"separate-team"), "{c:#}");
    }
    let billing = &cluster_of(&v, "shop::billing")["ownership"];
    // Bob's six commits of its seven (the first, Alice's, created everything).
    assert_eq!(billing["own_team_share"], 0.8571);
    assert_eq!(billing["crossing_share"], 0.1429);
}

#[test]
fn the_repositorys_git_programs_never_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("repo");
    std::fs::create_dir(&dir).unwrap();
    shop(&dir);
    let marks = tmp.path().join("marks");
    std::fs::create_dir(&marks).unwrap();
    // A program that leaves a mark named after how it was started.
    let script = tmp.path().join("evil.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ntouch {}/\"$(basename \"$0\")-$1\"\ncat >/dev/null 2>&1\nexit 0\n",
            marks.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let s = script.display();
    let config = format!(
        "[core]\n\tfsmonitor = {s} fsmonitor\n\tpager = {s} pager\n\thooksPath = {hooks}\n\
         [diff]\n\texternal = {s} diff\n\
         [diff \"evil\"]\n\ttextconv = {s} textconv\n\tcommand = {s} command\n\
         [log]\n\tshowSignature = true\n[gpg]\n\tprogram = {s}\n\
         [pager]\n\tlog = {s} logpager\n",
        hooks = tmp.path().display()
    );
    let mut text = std::fs::read_to_string(dir.join(".git/config")).unwrap();
    text.push_str(&config);
    std::fs::write(dir.join(".git/config"), text).unwrap();
    std::fs::write(dir.join(".gitattributes"), "*.rs diff=evil\n").unwrap();
    for hook in [
        "post-checkout",
        "pre-commit",
        "post-index-change",
        "reference-transaction",
    ] {
        std::fs::copy(&script, tmp.path().join(hook)).unwrap();
    }
    let out = archsplit(&dir, &marks, &["analyze", ".", "--format", "json"]);
    expect_code(&out, 0);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["summary"]["history"]["status"], "read",
        "{}",
        v["summary"]["history"]
    );
    assert_eq!(v["summary"]["history"]["commits"], 10);
    let left: Vec<_> = std::fs::read_dir(&marks)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(left.is_empty(), "ran: {left:?}");
    // The control: plain `git log -p` in the repository does start the planted programs.
    let _ = Command::new("git")
        .args(["log", "-p", "-1"])
        .current_dir(&dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(
        std::fs::read_dir(&marks).unwrap().next().is_some(),
        "the control should have run a planted program"
    );
}

#[test]
fn the_log_is_cached_per_head_and_a_bad_cache_is_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("repo");
    std::fs::create_dir(&dir).unwrap();
    shop(&dir);
    let cache = tmp.path().join("cache");
    let run = |extra: &[&str]| {
        let mut args = vec!["--cache-dir", cache.to_str().unwrap()];
        args.extend(extra);
        analyze(&dir, &args).1
    };
    let cold = run(&[]);
    assert!(cache.join("history.bin").is_file());
    assert_eq!(run(&[]), cold, "warm, from the cached log");
    std::fs::write(cache.join("history.bin"), b"archsplit-history-2\ngarbage").unwrap();
    assert_eq!(run(&[]), cold, "a bad cache is read again from git");
    // Other options or another HEAD are other logs.
    let two: Value = serde_json::from_str(&run(&["--max-commits", "2"])).unwrap();
    assert_eq!(two["summary"]["history"]["commits"], 2);
    change(&dir, "Carol", 12, &["src/tax.rs"]);
    let after: Value = serde_json::from_str(&run(&[])).unwrap();
    assert_eq!(after["summary"]["history"]["commits"], 11);
    assert_eq!(module(&after, "shop::tax")["changes"], 3);
}

#[test]
fn since_means_midnight_utc_whatever_the_hour() {
    // A bare date given to git means that day at the current time of day; archsplit must
    // read the same commits at any hour: one just after midnight counts, one just before
    // does not.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    shop_files(dir);
    for (date, file) in [
        ("2024-01-31T23:59:30+00:00", "src/tax.rs"),
        ("2024-02-01T00:00:30+00:00", "src/cart.rs"),
    ] {
        let p = dir.join(file);
        let mut text = std::fs::read_to_string(&p).unwrap();
        text.push_str("// again\n");
        std::fs::write(&p, text).unwrap();
        crate::support::git_as(dir, "Dan", date, &["commit", "-q", "-am", date]);
    }
    let (v, _) = analyze(dir, &["--since", "2024-02-01"]);
    assert_eq!(v["summary"]["history"]["commits"], 1);
    assert_eq!(module(&v, "shop::cart")["changes"], 1);
    assert_eq!(module(&v, "shop::tax")["changes"], 0);
}

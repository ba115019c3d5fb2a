//! The HTML report in a real browser: headless Chromium driven over the DevTools protocol
//! on a pipe (`--remote-debugging-pipe`: JSON messages ended by NUL on file descriptors 3
//! and 4), so no driver or npm package is needed. The page must render the graph, the matrix
//! and the cards with no console error, no uncaught exception and no request at all; a
//! screenshot of each report is saved under `target/tmp/report-screenshots/`.
//!
//! Skipped, saying so, when no browser is installed; `.ci/run` installs Debian's `chromium`.
//! `ARCHSPLIT_CHROMIUM` names a browser binary; `ARCHSPLIT_REPORT_EXTRA` adds workspaces
//! (separated by `:`) to check the same way, e.g. the corpus families.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::{archsplit, expect_code, testdata, write};

/// A pipe (read end, write end), both closed on exec; the child gets its ends by dup2.
fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: pipe2 writes two new descriptors into `fds`, which nothing else owns.
    unsafe {
        assert_eq!(libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC), 0, "pipe2");
        (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1]))
    }
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ARCHSPLIT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

struct Browser {
    child: Child,
    to: std::fs::File,
    from: Receiver<Value>,
    next_id: u64,
    session: Option<String>,
    /// Events received since the last `take_events`.
    events: Vec<Value>,
}

const TIMEOUT: Duration = Duration::from_secs(60);

impl Browser {
    fn start(binary: &Path, profile: &Path) -> Browser {
        let (their_in, to) = pipe();
        let (from_reader, their_out) = pipe();
        let to = std::fs::File::from(to);
        let from_reader = std::fs::File::from(from_reader);
        let (fd_in, fd_out) = (their_in.as_raw_fd(), their_out.as_raw_fd());
        let mut cmd = Command::new(binary);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            "--remote-debugging-pipe",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        // SAFETY: between fork and exec only async-signal-safe calls (fcntl, dup2) are made.
        unsafe {
            cmd.pre_exec(move || {
                // Move both ends above 4 first, so neither dup2 clobbers the other.
                let a = libc::fcntl(fd_in, libc::F_DUPFD, 10);
                let b = libc::fcntl(fd_out, libc::F_DUPFD, 10);
                if a < 0 || b < 0 || libc::dup2(a, 3) < 0 || libc::dup2(b, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("chromium starts");
        drop((their_in, their_out));
        let (tx, from) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = from_reader;
            let mut buf = Vec::new();
            let mut chunk = [0u8; 65536];
            loop {
                let n = match reader.read(&mut chunk) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                buf.extend_from_slice(&chunk[..n]);
                while let Some(end) = buf.iter().position(|&b| b == 0) {
                    let msg: Vec<u8> = buf.drain(..=end).collect();
                    if let Ok(v) = serde_json::from_slice::<Value>(&msg[..msg.len() - 1]) {
                        if tx.send(v).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Browser {
            child,
            to,
            from,
            next_id: 1,
            session: None,
            events: Vec::new(),
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = &self.session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to
            .write_all(&bytes)
            .expect("the browser reads commands");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self
                .from
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to {method} within {TIMEOUT:?}"));
            if v["id"] == json!(id) {
                assert!(v.get("error").is_none(), "{method} failed: {}", v["error"]);
                return v["result"].clone();
            }
            self.events.push(v);
        }
    }

    /// Evaluates `expr` in the page and returns its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expr, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(
            r.get("exceptionDetails").is_none(),
            "`{expr}` threw: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }

    fn drain_events(&mut self) {
        while let Ok(v) = self.from.try_recv() {
            self.events.push(v);
        }
    }

    fn open(&mut self, url: &str) {
        self.events.clear();
        self.call("Page.navigate", json!({ "url": url }));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.eval("document.readyState === 'complete' && document.documentElement.dataset.state || ''")
                == json!("ready")
            {
                break;
            }
            assert!(Instant::now() < deadline, "{url} did not finish rendering");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Every console error, uncaught exception, error log entry and request of the page.
    fn problems(&mut self, page_url: &str) -> Vec<String> {
        self.drain_events();
        let mut found = Vec::new();
        for e in &self.events {
            let p = &e["params"];
            match e["method"].as_str().unwrap_or("") {
                "Runtime.exceptionThrown" => {
                    found.push(format!("exception: {}", p["exceptionDetails"]))
                }
                "Runtime.consoleAPICalled"
                    if matches!(p["type"].as_str(), Some("error" | "assert")) =>
                {
                    found.push(format!("console.{}: {}", p["type"], p["args"]))
                }
                "Log.entryAdded" if p["entry"]["level"] == "error" => {
                    found.push(format!("log: {}", p["entry"]["text"]))
                }
                "Network.loadingFailed" => found.push(format!("failed request: {p}")),
                "Network.requestWillBeSent" => {
                    let url = p["request"]["url"].as_str().unwrap_or("");
                    if url != page_url {
                        found.push(format!("request: {url}"));
                    }
                }
                _ => {}
            }
        }
        found
    }

    fn screenshot(&mut self, file: &Path) {
        let metrics = self.call("Page.getLayoutMetrics", json!({}));
        let height = metrics["cssContentSize"]["height"]
            .as_f64()
            .unwrap_or(1000.0);
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1400, "height": height.clamp(600.0, 8000.0) as u64,
                    "deviceScaleFactor": 1, "mobile": false }),
        );
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": false }),
        );
        let png = base64_decode(shot["data"].as_str().expect("screenshot data"));
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is a PNG");
        std::fs::write(file, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.session = None;
        let id = self.next_id;
        let mut bytes =
            serde_json::to_vec(&json!({ "id": id, "method": "Browser.close" })).unwrap();
        bytes.push(0);
        let _ = self.to.write_all(&bytes);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = s.bytes().filter(|&c| c != b'=').map(val).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, &d) in chunk.iter().enumerate() {
            n |= u32::from(d) << (18 - 6 * i);
        }
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[test]
fn html_report_embeds_the_json_document_and_is_deterministic() {
    let marks = tempfile::tempdir().unwrap();
    let dir = testdata().join("cycle-across-groups");
    let html = archsplit(
        &dir,
        marks.path(),
        &["analyze", ".", "--format", "html", "--no-history"],
    );
    expect_code(&html, 0);
    let again = archsplit(
        &dir,
        marks.path(),
        &[
            "analyze",
            ".",
            "--format",
            "html",
            "-j",
            "1",
            "--no-history",
        ],
    );
    assert_eq!(html.stdout, again.stdout, "same input, same bytes");
    let json = archsplit(
        &dir,
        marks.path(),
        &["analyze", ".", "--format", "json", "--no-history"],
    );
    let page = String::from_utf8(html.stdout).unwrap();
    let open = r#"<script type="application/json" id="data">"#;
    let start = page.find(open).unwrap() + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    assert!(
        !page[start..end].contains('\n'),
        "compact, not pretty-printed"
    );
    let embedded: Value = serde_json::from_str(&page[start..end]).unwrap();
    let printed: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(embedded["format"], 1);
    // What the page shows is what the document says.
    let paths: Vec<&str> = embedded["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let modules = printed["modules"].as_array().unwrap();
    assert_eq!(
        paths,
        modules
            .iter()
            .map(|m| m["path"].as_str().unwrap())
            .collect::<Vec<_>>()
    );
    for (i, m) in modules.iter().enumerate() {
        for key in ["cluster", "file", "line", "loc", "public_items"] {
            assert_eq!(
                embedded["modules"][key][i], m[key],
                "{key} of {}",
                m["path"]
            );
        }
    }
    assert_eq!(decode_deps(&embedded), printed_deps(&printed));
    let clusters = printed["clusters"].as_array().unwrap();
    assert_eq!(
        embedded["clusters"].as_array().unwrap().len(),
        clusters.len()
    );
    for (e, c) in embedded["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .zip(clusters)
    {
        for key in ["id", "name", "crates", "recommendation", "reasons", "price"] {
            assert_eq!(e[key], c[key], "cluster {}: {key}", c["id"]);
        }
    }
    for (e, f) in embedded["findings"]
        .as_array()
        .unwrap()
        .iter()
        .zip(printed["findings"].as_array().unwrap())
    {
        assert_eq!(e["message"], f["message"]);
    }
    assert_eq!(embedded["actions"], printed["actions"]);
    assert!(page.contains("<title>archsplit: cycle-across-groups</title>"));
}

type Dep = (String, String, u64, Vec<(String, u64)>);

/// The embedded dependencies: `from, to, weight, mask` and a count per bit of the mask.
fn decode_deps(data: &Value) -> Vec<Dep> {
    let paths = data["paths"].as_array().unwrap();
    let kinds = data["dep_kinds"].as_array().unwrap();
    let flat: Vec<u64> = data["deps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < flat.len() {
        let path = |k: u64| paths[k as usize].as_str().unwrap().to_string();
        let (from, to, weight, mask) = (path(flat[i]), path(flat[i + 1]), flat[i + 2], flat[i + 3]);
        i += 4;
        let mut ks = Vec::new();
        for (b, k) in kinds.iter().enumerate() {
            if mask & (1 << b) != 0 {
                ks.push((k.as_str().unwrap().to_string(), flat[i]));
                i += 1;
            }
        }
        out.push((from, to, weight, ks));
    }
    out
}

fn printed_deps(doc: &Value) -> Vec<Dep> {
    doc["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["from"].as_str().unwrap().to_string(),
                d["to"].as_str().unwrap().to_string(),
                d["weight"].as_u64().unwrap(),
                d["kinds"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
                    .collect(),
            )
        })
        .collect()
}

/// A workspace of `crates` × `modules` modules and `edges` dependencies (a fifth of them to
/// an earlier crate), with names as long as real ones: the size of nushell's graph.
fn large_workspace(root: &Path, crates: usize, modules: usize, edges: usize) {
    let names: Vec<String> = (0..crates)
        .map(|c| format!("synthetic_component_{c:02}"))
        .collect();
    let areas = [
        "commands", "engine", "protocol", "parser", "runtime", "storage",
    ];
    let module = |k: usize| {
        let area = areas[k % areas.len()];
        (area, format!("{area}_handler_number_{k:03}"))
    };
    // A fixed linear congruential sequence: the same workspace every time.
    let mut seed: u64 = 7;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) % n as u64) as usize
    };
    let mut calls = vec![vec![std::collections::BTreeSet::new(); modules]; crates];
    let mut made = 0;
    while made < edges {
        let (c, k) = (next(crates), next(modules));
        let to_crate = if c > 0 && next(5) == 0 { next(c) } else { c };
        let j = next(modules);
        if (to_crate, j) != (c, k) && calls[c][k].insert((to_crate, j)) {
            made += 1;
        }
    }
    let members: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    write(
        root,
        "Cargo.toml",
        &format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    for (c, name) in names.iter().enumerate() {
        let deps: String = names[..c]
            .iter()
            .map(|d| format!("{d} = {{ path = \"../{d}\" }}\n"))
            .collect();
        write(
            root,
            &format!("{name}/Cargo.toml"),
            &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n{deps}"),
        );
        let lib: String = areas.iter().map(|a| format!("pub mod {a};\n")).collect();
        write(root, &format!("{name}/src/lib.rs"), &lib);
        for area in areas {
            let decl: String = (0..modules)
                .map(module)
                .filter(|(a, _)| *a == area)
                .map(|(_, m)| format!("pub mod {m};\n"))
                .collect();
            write(root, &format!("{name}/src/{area}.rs"), &decl);
        }
        for (k, targets) in calls[c].iter().enumerate() {
            let (area, m) = module(k);
            let body: String = targets
                .iter()
                .map(|&(tc, j)| {
                    let (ta, tm) = module(j);
                    let base = if tc == c { "crate" } else { names[tc].as_str() };
                    format!("    {base}::{ta}::{tm}::run();\n")
                })
                .collect();
            write(
                root,
                &format!("{name}/src/{area}/{m}.rs"),
                &format!("pub struct State{k} {{\n    pub value: u32,\n}}\n\npub fn run() {{}}\n\npub fn call_others() {{\n{body}}}\n"),
            );
        }
    }
}

/// Past the size of nushell (over 1,000 modules, 15,402 dependencies), the page stays under
/// 2 MB: the embedded data is compact.
#[test]
fn html_report_of_a_workspace_of_nushell_size_is_under_2_mb() {
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("large");
    large_workspace(&root, 12, 100, 15_000);
    let html = work.path().join("large.html");
    let o = archsplit(
        &root,
        work.path(),
        &[
            "analyze",
            ".",
            "--format",
            "html",
            "--no-history",
            "-o",
            html.to_str().unwrap(),
        ],
    );
    expect_code(&o, 0);
    let size = std::fs::metadata(&html).unwrap().len();
    let o = archsplit(&root, work.path(), &["graph", ".", "--format", "json"]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(doc["summary"]["modules"].as_u64().unwrap() >= 1_200);
    assert_eq!(doc["summary"]["dependencies"], 15_000);
    eprintln!("report of 1,200 modules and 15,000 dependencies: {size} bytes");
    assert!(size < 2_000_000, "{size} bytes");
}

#[test]
fn base64_decoder_round_trips() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGk="), b"hi");
    assert_eq!(base64_decode("YWJj"), b"abc");
}

/// Writes the report of `dir` and returns its path and the analysis it embeds.
fn report(dir: &Path, out_dir: &Path, name: &str, history: bool) -> (PathBuf, Value) {
    let marks = tempfile::tempdir().unwrap();
    let html = out_dir.join(format!("{name}.html"));
    let no_history: &[&str] = if history { &[] } else { &["--no-history"] };
    let mut args = vec![
        "analyze",
        ".",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ];
    args.extend(no_history);
    let o = archsplit(dir, marks.path(), &args);
    expect_code(&o, 0);
    let mut args = vec!["analyze", ".", "--format", "json"];
    args.extend(no_history);
    let o = archsplit(dir, marks.path(), &args);
    expect_code(&o, 0);
    (html, serde_json::from_slice(&o.stdout).unwrap())
}

/// Pairs of visible graph labels whose boxes overlap (by more than half a pixel both ways).
const LABEL_OVERLAPS: &str = "(() => { \
  const ts = [...document.querySelectorAll('#graph text')].filter((t) => t.textContent && \
    getComputedStyle(t).visibility !== 'hidden' && getComputedStyle(t).display !== 'none'); \
  const bs = ts.map((t) => t.getBoundingClientRect()); const out = []; \
  for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) { \
    const a = bs[i], b = bs[j]; \
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left); \
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top); \
    if (w > 0.5 && h > 0.5) out.push(`${ts[i].textContent} / ${ts[j].textContent}`); } \
  return [ts.length, out.slice(0, 5)]; })()";

/// At 1,000 and 1,600 pixels wide: the page does not scroll sideways, no card is wider than
/// itself, and no two visible graph labels overlap. Leaves the page 1,400 pixels wide.
fn check_fit(b: &mut Browser, name: &str, when: &str) {
    for width in [1000, 1600] {
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": false }),
        );
        let page = b.eval(
            "(() => { const e = document.scrollingElement; return [e.scrollWidth, e.clientWidth]; })()",
        );
        assert!(
            page[0].as_f64() <= page[1].as_f64(),
            "{name} at {width} px ({when}): the page is {} px wide in {}",
            page[0],
            page[1]
        );
        let wide = b.eval(
            "[...document.querySelectorAll('.card')].filter((c) => c.scrollWidth > c.clientWidth) \
             .map((c) => `${c.id || c.className}: ${c.scrollWidth} > ${c.clientWidth}`)",
        );
        assert_eq!(
            wide,
            json!([]),
            "{name} at {width} px ({when}): cards overflow"
        );
        let labels = b.eval(LABEL_OVERLAPS);
        assert!(
            labels[0].as_u64().unwrap() > 0,
            "{name} ({when}): no label shown"
        );
        assert_eq!(
            labels[1],
            json!([]),
            "{name} at {width} px ({when}): graph labels overlap"
        );
    }
    b.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": false }),
    );
}

#[test]
fn html_report_renders_offline_in_chromium() {
    let Some(chromium) = find_chromium() else {
        // CI sets ARCHSPLIT_REQUIRE_BROWSER: there a missing browser fails, never skips.
        assert!(
            std::env::var_os("ARCHSPLIT_REQUIRE_BROWSER").is_none_or(|v| v.is_empty()),
            "no chromium on PATH and ARCHSPLIT_REQUIRE_BROWSER is set: the HTML report is untested"
        );
        eprintln!(
            "SKIPPED html_report_renders_offline_in_chromium: no chromium on PATH \
             (install Debian's `chromium`, or set ARCHSPLIT_CHROMIUM)"
        );
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    // A scripted repository with history: ownership and hidden coupling are drawn too.
    let shop = work.path().join("shop-history");
    std::fs::create_dir(&shop).unwrap();
    crate::history::shop(&shop);
    let mut cases: Vec<(String, PathBuf)> = [
        "hybrid-split",
        "over-fragmented",
        "cycle-across-groups",
        "three-communities",
        "broken",
        // Names as long as real ones get: cards, tables and labels must still fit.
        "long-names",
    ]
    .iter()
    .map(|c| (c.to_string(), testdata().join(c)))
    .collect();
    cases.push(("shop-history".to_string(), shop.clone()));
    // The size of nushell: 1,200 modules, 15,000 dependencies.
    let large = work.path().join("large");
    large_workspace(&large, 12, 100, 15_000);
    cases.push(("large".to_string(), large));
    if let Some(extra) = std::env::var_os("ARCHSPLIT_REPORT_EXTRA") {
        for p in std::env::split_paths(&extra) {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            cases.push((name, p));
        }
    }

    let mut b = Browser::start(&chromium, &work.path().join("profile"));
    let targets = b.call("Target.getTargets", json!({}));
    let page = targets["targetInfos"]
        .as_array()
        .and_then(|ts| ts.iter().find(|t| t["type"] == "page"))
        .map(|t| t["targetId"].clone());
    let target = match page {
        Some(id) => id,
        None => b.call("Target.createTarget", json!({ "url": "about:blank" }))["targetId"].clone(),
    };
    let attached = b.call(
        "Target.attachToTarget",
        json!({ "targetId": target, "flatten": true }),
    );
    b.session = Some(attached["sessionId"].as_str().unwrap().to_string());
    for domain in ["Runtime", "Log", "Network", "Page"] {
        b.call(&format!("{domain}.enable"), json!({}));
    }
    b.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": false }),
    );

    for (name, dir) in &cases {
        let history = dir == &shop;
        let (html, data) = report(dir, work.path(), name, history);
        let url = format!("file://{}", html.display());
        b.open(&url);
        let clusters = data["clusters"].as_array().unwrap().len();
        let kernel = usize::from(!data["kernel"].as_array().unwrap().is_empty());
        // Modules left out of the clustering (outside the product) are not drawn.
        let modules = data["modules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["status"] != "excluded")
            .count();
        check_fit(&mut b, name, "groups collapsed");

        // Collapsed by default: one node per cluster (and the kernel), none per module.
        let nodes = b.eval("document.querySelectorAll('#graph .node').length");
        assert_eq!(nodes, json!(clusters + kernel), "{name}: graph nodes");
        let cards = b.eval("document.querySelectorAll('#cards .card[id^=cluster-]').length");
        assert_eq!(cards, json!(clusters), "{name}: cluster cards");
        // One card per next step.
        let steps = b.eval("document.querySelectorAll('#actions-list .action').length");
        assert_eq!(
            steps,
            json!(data["actions"].as_array().unwrap().len()),
            "{name}: next steps"
        );
        // One row per crate (and the header), each naming its roles.
        let crates = data["crates"].as_array().unwrap();
        let rows = b.eval("document.querySelectorAll('#crates-list table.plain tr').length");
        assert_eq!(rows, json!(crates.len() + 1), "{name}: crate rows");
        let text = b.eval("document.getElementById('crates-list').textContent");
        for c in crates {
            for r in c["roles"].as_array().unwrap() {
                let role = r["role"].as_str().unwrap();
                assert!(
                    text.as_str().unwrap().contains(role),
                    "{name}: role {role} of {} not shown",
                    c["name"]
                );
            }
        }
        // The matrix is drawn: dark cells exist, one module per row.
        let dark = b.eval(
            "(() => { const c = document.getElementById('dsm'); if (c.hidden) return -1; \
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; \
             const marks = ['29,58,110', '232,89,12', '180,35,24']; let n = 0; \
             for (let i = 0; i < d.length; i += 4) if (marks.includes(`${d[i]},${d[i+1]},${d[i+2]}`)) n++; \
             return n; })()",
        );
        if !data["dependencies"].as_array().unwrap().is_empty() {
            assert!(dark.as_i64().unwrap() > 0, "{name}: the DSM shows marks");
        }
        // Hovering the matrix names the cell's modules (or clusters).
        if dark.as_i64().unwrap_or(-1) >= 0 {
            let tip = b.eval(
                "(() => { const c = document.getElementById('dsm'); const r = c.getBoundingClientRect(); \
                 c.dispatchEvent(new MouseEvent('mousemove', {clientX: r.left + 1, clientY: r.top + 1})); \
                 const t = document.getElementById('dsm-tip'); return t.hidden ? '' : t.textContent; })()",
            );
            let tip = tip.as_str().unwrap();
            assert!(
                tip.contains(" · ") || tip.contains(" → "),
                "{name}: tooltip {tip:?}"
            );
        }
        // Expanding every group draws every module; clicking one shows its details.
        b.eval("document.getElementById('expand-all').click()");
        let drawn = b.eval("document.querySelectorAll('#graph .node[data-id^=m]').length");
        assert_eq!(drawn, json!(modules), "{name}: modules after expand all");
        let details = b.eval(
            "(() => { const n = document.querySelector('#graph .node[data-id^=m]'); \
             n.dispatchEvent(new MouseEvent('click', {bubbles: true})); \
             return document.getElementById('details').textContent; })()",
        );
        let details = details.as_str().unwrap();
        assert!(
            details.contains("Depends on") && details.contains("Used by"),
            "{name}: {details}"
        );
        check_fit(&mut b, name, "groups expanded");
        // `code` in reasons, findings and next steps is shown as code, never as backticks.
        let raw = b.eval("document.body.innerText.includes('`')");
        assert_eq!(raw, json!(false), "{name}: a raw backtick is shown");
        let quoted = data["findings"].to_string().contains('`')
            || data["actions"].to_string().contains('`')
            || data["clusters"].to_string().contains('`');
        if quoted {
            let code = b.eval(
                "document.querySelectorAll('#findings code, #cards code, #actions-list code').length",
            );
            assert!(code.as_u64().unwrap() > 0, "{name}: no <code> shown");
        }
        b.eval("document.getElementById('collapse-all').click()");
        // Over-fragmentation warnings are prominent: a finding box and a marked card.
        let warned = data["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "over-fragmentation" && f["severity"] == "warning");
        if warned {
            let boxes = b.eval(
                "document.querySelectorAll('#findings .finding.over-fragmentation.warning').length",
            );
            assert!(boxes.as_u64().unwrap() > 0, "{name}: warning shown");
            let marked = b.eval("document.querySelectorAll('.card.has-warning').length");
            assert!(marked.as_u64().unwrap() > 0, "{name}: card marked");
        }
        if history {
            let dashed = b.eval("document.querySelectorAll('#graph .edge.hidden-coupling').length");
            assert!(
                dashed.as_u64().unwrap() > 0,
                "{name}: hidden coupling drawn"
            );
            let pairs = b.eval("document.querySelectorAll('#history-body table.plain tr').length");
            assert!(pairs.as_u64().unwrap() > 2, "{name}: history tables");
            let owned = b.eval("document.querySelector('#cards').textContent");
            assert!(
                owned.as_str().unwrap().contains("History and ownership"),
                "{name}: ownership on the cards"
            );
        }
        b.eval("window.scrollTo(0, 0)");
        let shot = shots.join(format!("{name}.png"));
        b.screenshot(&shot);
        let problems = b.problems(&url);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        eprintln!("{name}: rendered, screenshot {}", shot.display());
    }
}

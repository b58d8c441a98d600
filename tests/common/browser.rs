//! Headless Chromium driven over its DevTools protocol (JSON over a WebSocket, spoken here with
//! tungstenite), for the tests of pages netkit serves (`chat server --room --web`).
//!
//! Chromium is started with `--headless=new --remote-debugging-port=0` and a fresh profile in a
//! temporary directory; the DevTools address is read from its stderr. As root (CI runs as root,
//! with no display) Chromium's sandbox cannot start, so `--no-sandbox` is passed then, and only
//! then: the browser opens nothing but the loopback pages of the test. Its own background traffic
//! is turned off and every host name but the loopback addresses maps to "not found"
//! (`--host-resolver-rules`), so it never
//! asks the real DNS resolver nor leaves the machine.
//!
//! Without Chromium (or when it cannot start) a test skips with a visible message, unless
//! NETKIT_REQUIRE_NETNS=1 or CI is set: then it fails.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

const WAIT: Duration = Duration::from_secs(20);

/// A running headless Chromium and the DevTools connection to it.
pub struct Browser {
    child: Child,
    devtools: WebSocket<TcpStream>,
    next_id: u64,
    _profile: tempfile::TempDir,
    log: Receiver<String>,
}

/// A page (a DevTools session attached to one target).
pub struct Tab {
    session: String,
}

fn required() -> bool {
    std::env::var("NETKIT_REQUIRE_NETNS").is_ok_and(|v| v == "1")
        || std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// The Chromium to run: $NETKIT_CHROMIUM, or the first of Debian's and others' names on PATH.
fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NETKIT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// True when this process runs as root (the owner of /proc/self is the effective user).
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

impl Browser {
    /// Starts Chromium for `test`; None after a visible SKIP message when it is missing or
    /// cannot start (a failure instead under NETKIT_REQUIRE_NETNS=1 or CI).
    pub fn launch_or_skip(test: &str) -> Option<Browser> {
        match Browser::launch() {
            Ok(b) => Some(b),
            Err(why) if required() => {
                panic!("NETKIT_REQUIRE_NETNS=1 or CI is set, but {test} cannot run Chromium: {why}")
            }
            Err(why) => {
                // Written to the stderr handle itself: libtest hides eprintln! of passing tests.
                let _ = writeln!(
                    std::io::stderr(),
                    "SKIPPED {test}: needs headless Chromium (apt-get install chromium): {why}"
                );
                None
            }
        }
    }

    fn launch() -> Result<Browser, String> {
        let exe = find_chromium().ok_or("no chromium on PATH")?;
        let profile = tempfile::Builder::new()
            .prefix("netkit-chromium-")
            .tempdir()
            .map_err(|e| format!("a profile directory: {e}"))?;
        let mut cmd = Command::new(&exe);
        cmd.args([
            "--headless=new",
            "--remote-debugging-port=0",
            "--remote-debugging-address=127.0.0.1",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
            "--metrics-recording-only",
            "--no-pings",
            "--no-proxy-server",
            "--mute-audio",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE [::1]",
            "--window-size=390,844",
        ]);
        // Chromium's sandbox refuses to run as root; CI runs as root.
        if is_root() {
            cmd.arg("--no-sandbox");
        }
        // Its own temporary files (org.chromium.Chromium.*) go with the profile, not to /tmp.
        cmd.env("TMPDIR", profile.path());
        cmd.arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("starting {}: {e}", exe.display()))?;
        let (tx, log) = channel();
        let stderr = child.stderr.take().expect("piped stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    // Keep draining so Chromium never blocks on a full pipe.
                    continue;
                }
            }
        });
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        let url = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match log.recv_timeout(left) {
                Ok(line) => {
                    if let Some(u) = line.strip_prefix("DevTools listening on ") {
                        break u.trim().to_string();
                    }
                    seen.push(line);
                }
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!(
                        "no DevTools address from {}; it said {seen:#?}",
                        exe.display()
                    ));
                }
            }
        };
        let hostport = url
            .strip_prefix("ws://")
            .and_then(|r| r.split('/').next())
            .ok_or_else(|| format!("odd DevTools address {url}"))?;
        let stream = TcpStream::connect(hostport).map_err(|e| format!("{url}: {e}"))?;
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let (devtools, _) =
            tungstenite::client(url.as_str(), stream).map_err(|e| format!("{url}: {e}"))?;
        Ok(Browser {
            child,
            devtools,
            next_id: 1,
            _profile: profile,
            log,
        })
    }

    /// Sends one DevTools command (to a page's session, or to the browser) and returns its result.
    pub fn call(&mut self, tab: Option<&Tab>, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(t) = tab {
            msg["sessionId"] = json!(t.session);
        }
        self.devtools
            .send(Message::text(msg.to_string()))
            .unwrap_or_else(|e| panic!("DevTools {method}: {e}"));
        loop {
            let m = self
                .devtools
                .read()
                .unwrap_or_else(|e| panic!("DevTools {method}: no answer: {e}"));
            let Message::Text(t) = m else { continue };
            let v: Value = serde_json::from_str(t.as_str()).expect("DevTools speaks JSON");
            if v["id"] == json!(id) {
                if let Some(err) = v.get("error") {
                    panic!("DevTools {method}: {err}");
                }
                return v["result"].clone();
            }
        }
    }

    /// Opens `url` in a new page at a phone's width (390 CSS pixels) and returns it.
    pub fn open(&mut self, url: &str) -> Tab {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("targetId").to_string();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        let tab = Tab {
            session: attached["sessionId"]
                .as_str()
                .expect("sessionId")
                .to_string(),
        };
        self.call(
            Some(&tab),
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
        );
        self.call(Some(&tab), "Page.navigate", json!({"url": url}));
        tab
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub fn eval(&mut self, tab: &Tab, expr: &str) -> Value {
        let r = self.call(
            Some(tab),
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("{expr}: {ex}");
        }
        r["result"]["value"].clone()
    }

    /// Waits until a JavaScript expression is true in the page.
    pub fn wait_for(&mut self, tab: &Tab, expr: &str) {
        let deadline = Instant::now() + WAIT;
        let guarded =
            format!("(() => {{ try {{ return !!({expr}); }} catch (e) {{ return false; }} }})()");
        while Instant::now() < deadline {
            if self.eval(tab, &guarded) == json!(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let text = self.eval(tab, "document.body ? document.body.innerText : ''");
        panic!(
            "the page never had {expr}; it shows:\n{}",
            text.as_str().unwrap_or("")
        );
    }

    /// Types `text` into the element `selector` as a user would, then presses Enter.
    pub fn type_line(&mut self, tab: &Tab, selector: &str, text: &str) {
        let focus = format!(
            "document.querySelector({}).focus()",
            serde_json::to_string(selector).unwrap()
        );
        self.eval(tab, &focus);
        self.call(Some(tab), "Input.insertText", json!({"text": text}));
        for kind in ["keyDown", "keyUp"] {
            self.call(
                Some(tab),
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": "Enter", "code": "Enter",
                       "windowsVirtualKeyCode": 13, "text": "\r"}),
            );
        }
    }

    /// Saves a PNG of the page under cargo's temporary directory for tests; returns its path.
    pub fn screenshot(&mut self, tab: &Tab, name: &str) -> PathBuf {
        use base64::Engine;
        let shot = self.call(
            Some(tab),
            "Page.captureScreenshot",
            json!({"format": "png"}),
        );
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("screenshot data"))
            .expect("base64");
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Chromium's helper processes outlive the browser by a moment and still write into the
        // profile, so one removal (the TempDir's own) can leave it behind in /tmp: retry until
        // it is gone, for at most a few seconds.
        let deadline = Instant::now() + Duration::from_secs(5);
        while let Err(e) = std::fs::remove_dir_all(self._profile.path()) {
            if e.kind() == std::io::ErrorKind::NotFound || Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

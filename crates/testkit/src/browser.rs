//! A headless Chromium for browser tests, driven over WebDriver with fantoccini.
//!
//! [`Browser::start`] runs `chromedriver --port=0` as a child process. Chromedriver binds a free
//! port itself and prints it once it listens, so that one line is both the address and the
//! readiness signal: no port probing, no race, no sleep. Each [`Browser`] is one WebDriver session,
//! that is one Chromium with a fresh, empty profile folder, so cookies never leak between people or
//! tests; [`Browser::another_person`] opens a second session on the same chromedriver for tests
//! where two people take turns.
//!
//! Cleanup lives in `Drop`, so it also runs when a test panics: the session is deleted over
//! WebDriver (chromedriver then quits its Chromium, which would otherwise outlive a killed
//! chromedriver), the profile folder is removed, and chromedriver is killed and reaped once its
//! last session is gone.
//!
//! Helpers panic with a message saying what failed: they only run inside tests, where a panic is
//! the failure report.

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The viewport most screenshots are taken in, and the phone-sized one (CSS pixels).
pub const DESKTOP: (u32, u32) = (1280, 900);
pub const PHONE: (u32, u32) = (390, 844);

/// How long chromedriver may take to say it listens; generous for a loaded 2-core machine.
const DRIVER_START: Duration = Duration::from_secs(30);
/// How many times [`Driver::start`] starts chromedriver before it gives up.
const DRIVER_ATTEMPTS: u32 = 3;

/// Whether the browser tests can run here. Without Chromium they fail under `CI=true` (a CI job
/// that silently skips them would prove nothing) and otherwise pass with a notice on stderr.
pub fn chromium_present(test: &str) -> bool {
    let missing: Vec<&str> =
        [CHROMIUM, CHROMEDRIVER].into_iter().filter(|p| !std::path::Path::new(p).exists()).collect();
    if missing.is_empty() {
        return true;
    }
    let how = "install them with `apt-get install -y chromium chromium-driver`";
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("browser test {test} cannot run: {} missing; {how}", missing.join(" and "));
    }
    eprintln!(
        "SKIPPED browser test {test}: {} missing; {how} to run it (with CI=true this fails).",
        missing.join(" and ")
    );
    false
}

/// One person's headless Chromium. Derefs to the fantoccini [`Client`] for everything else.
pub struct Browser {
    // Fields drop in order: the client first, then the guard that deletes the session.
    client: Client,
    session: Session,
    base_url: String,
    test: String,
}

impl std::ops::Deref for Browser {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl Browser {
    /// Starts chromedriver and a first session. `test` names the screenshots; `base_url` is the
    /// app that [`Browser::open`] paths are relative to.
    pub async fn start(test: &str, base_url: &str) -> Self {
        let driver = Arc::new(Driver::start().await);
        Self::with_driver(driver, test, base_url, Scheme::Light).await
    }

    /// A second person: a new session (own Chromium, own cookies) on the same chromedriver.
    pub async fn another_person(&self) -> Self {
        Self::with_driver(self.session.driver.clone(), &self.test, &self.base_url, Scheme::Light).await
    }

    /// A second person whose system asks for dark pages (`prefers-color-scheme: dark`), so the
    /// screenshots also show the dark theme.
    pub async fn another_person_in_dark_mode(&self) -> Self {
        Self::with_driver(self.session.driver.clone(), &self.test, &self.base_url, Scheme::Dark).await
    }

    async fn with_driver(driver: Arc<Driver>, test: &str, base_url: &str, scheme: Scheme) -> Self {
        let profile = std::env::temp_dir().join(format!("coachkit-chromium-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&profile).unwrap_or_else(|e| panic!("create {}: {e}", profile.display()));
        let mut args = vec![
            "--headless".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            format!("--user-data-dir={}", profile.display()),
        ];
        if scheme == Scheme::Dark {
            args.push("--force-dark-mode".into());
        }
        let mut caps = Capabilities::new();
        caps.insert("goog:chromeOptions".into(), json!({ "binary": CHROMIUM, "args": args }));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://{}", driver.addr))
            .await
            .unwrap_or_else(|e| panic!("chromedriver did not start Chromium: {e}"));
        let id = client.session_id().await.ok().flatten().unwrap_or_else(|| panic!("chromedriver gave no session id"));
        // We delete the session ourselves in `Drop` (synchronously, so it also happens while a
        // panicking test unwinds); `persist` stops fantoccini from racing us with its own delete.
        client.persist().await.unwrap_or_else(|e| panic!("fantoccini persist: {e}"));
        let session = Session { driver, id, profile };
        let browser = Self { client, session, base_url: base_url.to_owned(), test: test.to_owned() };
        // Pages are laid out in the viewport, which is smaller than the window WebDriver sizes.
        browser.set_viewport(DESKTOP.0, DESKTOP.1).await;
        browser
    }

    /// The app's address for `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Navigates to a path of the app; returns once the page (after any redirects) has loaded.
    pub async fn open(&self, path: &str) {
        self.goto(&self.url(path)).await.unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    /// The path (and query) of the page now shown.
    pub async fn path(&self) -> String {
        let url = self.current_url().await.unwrap_or_else(|e| panic!("current url: {e}"));
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Waits (bounded, by polling the page) for an element matching `css`, e.g. one that only the
    /// next page has, and returns its text.
    pub async fn wait_for(&self, css: &str) -> String {
        let el = match self.wait().for_element(Locator::Css(css)).await {
            Ok(el) => el,
            Err(e) => panic!("waiting for `{css}` on {}: {e}", self.path_or_unknown().await),
        };
        el.text().await.unwrap_or_else(|e| panic!("text of `{css}`: {e}"))
    }

    /// Replaces the value of the field matching `css` with `value`, typing as a person would.
    pub async fn fill(&self, css: &str, value: &str) {
        let el = self.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no field `{css}`: {e}"));
        el.clear().await.unwrap_or_else(|e| panic!("clear `{css}`: {e}"));
        el.send_keys(value).await.unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) {
        let el = self.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("nothing to click at `{css}`: {e}"));
        el.click().await.unwrap_or_else(|e| panic!("click `{css}`: {e}"));
    }

    /// The text of every element matching `css` (an empty list when there is none).
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.find_all(Locator::Css(css)).await.unwrap_or_else(|e| panic!("find `{css}`: {e}")) {
            out.push(el.text().await.unwrap_or_else(|e| panic!("text of `{css}`: {e}")));
        }
        out
    }

    /// A field's current value (what the person sees in it, not the HTML attribute).
    pub async fn value(&self, css: &str) -> String {
        let el = self.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no field `{css}`: {e}"));
        el.prop("value").await.unwrap_or_else(|e| panic!("value of `{css}`: {e}")).unwrap_or_default()
    }

    /// Saves the whole page, at the current viewport width, to
    /// `<workspace>/target/screenshots/<test>-<step>.png` and returns the file's path.
    pub async fn screenshot(&self, step: &str) -> PathBuf {
        let (width, height) = self.viewport().await;
        // WebDriver shoots only the viewport; growing it to the page's height captures the whole
        // page, so a reviewer also sees the footer and anything pushed below the fold.
        let page_height = self.js_u32("return document.documentElement.scrollHeight").await;
        self.set_viewport(width, page_height.max(height)).await;
        let png = self.client.screenshot().await.unwrap_or_else(|e| panic!("screenshot {step}: {e}"));
        self.set_viewport(width, height).await;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
        let file = dir.join(format!("{}-{step}.png", self.test));
        std::fs::write(&file, png).unwrap_or_else(|e| panic!("write {}: {e}", file.display()));
        file
    }

    /// Screenshots of the current page in a phone-sized and a desktop viewport
    /// (`<step>-phone`, `<step>-desktop`); the viewport is desktop-sized again afterwards.
    /// Fails the test if the page is wider than the phone: content a person would have to scroll
    /// sideways to read is a layout bug, and measuring it is more reliable than looking.
    pub async fn screenshot_desktop_and_phone(&self, step: &str) {
        for (label, (w, h)) in [("phone", PHONE), ("desktop", DESKTOP)] {
            self.set_viewport(w, h).await;
            let file = self.screenshot(&format!("{step}-{label}")).await;
            assert!(
                !self.overflows_sideways().await,
                "{} is wider than the {label} window; see {}",
                self.path().await,
                file.display()
            );
        }
    }

    /// Makes the page area (not the window around it) `width` x `height` CSS pixels, as a phone
    /// of that size would have. WebDriver sizes the outer window, so this measures what the
    /// window's frame takes and adds it.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        self.set_window_size(width, height).await.unwrap_or_else(|e| panic!("resize: {e}"));
        let (inner_w, inner_h) = self.viewport().await;
        if (inner_w, inner_h) != (width, height) {
            let (w, h) = ((2 * width).saturating_sub(inner_w), (2 * height).saturating_sub(inner_h));
            self.set_window_size(w, h).await.unwrap_or_else(|e| panic!("resize: {e}"));
        }
    }

    /// The page area's size in CSS pixels.
    async fn viewport(&self) -> (u32, u32) {
        (self.js_u32("return window.innerWidth").await, self.js_u32("return window.innerHeight").await)
    }

    async fn js_u32(&self, script: &str) -> u32 {
        let v = self.execute(script, vec![]).await.unwrap_or_else(|e| panic!("`{script}`: {e}"));
        v.as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or_else(|| panic!("`{script}` gave {v}"))
    }

    /// Whether the page is wider than the viewport.
    pub async fn overflows_sideways(&self) -> bool {
        let script = "const d = document.documentElement; return d.scrollWidth > d.clientWidth";
        let v = self.execute(script, vec![]).await.unwrap_or_else(|e| panic!("measure page width: {e}"));
        v.as_bool().unwrap_or(false)
    }

    async fn path_or_unknown(&self) -> String {
        match self.current_url().await {
            Ok(u) => u.path().to_owned(),
            Err(_) => "(unknown page)".into(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Light,
    Dark,
}

/// `<workspace>/target/screenshots`; the workspace is two folders above this crate's manifest.
fn screenshot_dir() -> PathBuf {
    let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir.join("..").join("..").join("target").join("screenshots")
}

/// A running chromedriver, killed and reaped when the last [`Browser`] using it is dropped.
struct Driver {
    child: Child,
    addr: SocketAddr,
}

impl Driver {
    /// Starts chromedriver, trying again when an attempt exits before it listens: on a loaded
    /// two-core machine chromedriver now and then dies at start-up (CI saw it once in 22 tests),
    /// and a browser test should fail for what the page does, not for that.
    async fn start() -> Self {
        let mut reasons = Vec::new();
        for attempt in 1..=DRIVER_ATTEMPTS {
            match Self::try_start().await {
                Ok(driver) => return driver,
                Err(reason) => reasons.push(format!("attempt {attempt}: {reason}")),
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        panic!("chromedriver did not start ({}); run `{CHROMEDRIVER} --port=0` to see why", reasons.join("; "))
    }

    async fn try_start() -> Result<Self, String> {
        let mut child = Command::new(CHROMEDRIVER)
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("start {CHROMEDRIVER}: {e}"))?;
        let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
            unreachable!("stdout and stderr were requested as pipes just above");
        };
        let (port_tx, port_rx) = tokio::sync::oneshot::channel();
        // A plain thread reads chromedriver's output: it finds the port line, then keeps draining
        // so that chromedriver never blocks on a full pipe. It ends when chromedriver exits.
        std::thread::spawn(move || {
            let mut port_tx = Some(port_tx);
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(port) = listening_port(&line)
                    && let Some(tx) = port_tx.take()
                {
                    let _ = tx.send(port);
                }
            }
        });
        // Another keeps the last lines of stderr, so that a failed start can say why.
        let last_errors = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        let errors = Arc::clone(&last_errors);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(mut lines) = errors.lock() {
                    if lines.len() == 5 {
                        lines.remove(0);
                    }
                    lines.push(line);
                }
            }
        });
        let outcome = tokio::time::timeout(DRIVER_START, port_rx).await;
        let port = match outcome {
            Ok(Ok(port)) => port,
            failed => {
                let _ = child.kill();
                let status = child.wait().map(|s| s.to_string()).unwrap_or_else(|e| e.to_string());
                let said = last_errors.lock().map(|l| l.join(" | ")).unwrap_or_default();
                let what = if failed.is_err() {
                    format!("did not listen within {DRIVER_START:?}")
                } else {
                    "exited before it listened".into()
                };
                return Err(format!("{what}, {status}, stderr: {said:?}"));
            }
        };
        Ok(Self { child, addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)) })
    }
}

/// The port in chromedriver's "ChromeDriver was started successfully on port 41234." line.
fn listening_port(line: &str) -> Option<u16> {
    let rest = line.split_once("started successfully on port ")?.1;
    rest.trim_end_matches('.').trim().parse().ok()
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One WebDriver session: deleted (which quits its Chromium) and its profile removed on drop.
struct Session {
    driver: Arc<Driver>,
    id: String,
    profile: PathBuf,
}

impl Drop for Session {
    fn drop(&mut self) {
        // Blocking on purpose: `Drop` cannot await, and this must finish before chromedriver is
        // killed. A failure only means Chromium is already gone.
        let _ = delete_session(self.driver.addr, &self.id);
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// `DELETE /session/{id}` over a plain socket; chromedriver answers once Chromium has quit, so
/// the first bytes of the answer are all we wait for (it keeps the connection open after it).
fn delete_session(addr: SocketAddr, id: &str) -> std::io::Result<()> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(stream, "DELETE /session/{id} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\n\r\n")?;
    let mut reply = [0u8; 512];
    match stream.read(&mut reply)? {
        0 => Err(std::io::ErrorKind::UnexpectedEof.into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_port_chromedriver_prints() {
        let line = "ChromeDriver was started successfully on port 42251.";
        assert_eq!(super::listening_port(line), Some(42251));
        assert_eq!(super::listening_port("Only local connections are allowed."), None);
    }
}

//! The `coachkit` binary as a person uses it: commands succeed, errors are one line and a non-zero
//! exit (never a panic or a backtrace).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn data_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("coachkit-cli-{}", uuid_like()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn uuid_like() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
    )
}

fn coachkit(dir: &PathBuf, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coachkit"));
    cmd.arg("--data-dir").arg(dir).args(args).env_remove("COACHKIT_DATABASE_URL").env("RUST_BACKTRACE", "1");
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run coachkit");
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn assert_one_line_error(out: &Output, contains: &str) {
    assert!(!out.status.success(), "should fail: {}", text(&out.stdout));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line, got: {err}");
    assert!(lines[0].starts_with("error: ") && lines[0].contains(contains), "{err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"), "{err}");
}

#[test]
fn accounts_tokens_and_backup_from_the_command_line() {
    let dir = data_dir();
    let out = coachkit(
        &dir,
        &["user", "create", "--email", "ops@example.org", "--name", "Ops", "--admin", "--password-stdin"],
        Some("a long admin passphrase\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("created Ops <ops@example.org> (admin)"));

    let out = coachkit(&dir, &["user", "create", "--email", "gen@example.org", "--name", "Gen"], None);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("password: "), "a generated password is printed once");

    let out = coachkit(&dir, &["user", "list"], None);
    let list = text(&out.stdout);
    assert!(list.contains("ops@example.org") && list.contains("admin") && list.contains("gen@example.org"));

    let out = coachkit(&dir, &["token", "create", "--email", "ops@example.org", "--name", "script"], None);
    assert!(out.status.success());
    let printed = text(&out.stdout);
    let secret = printed.lines().last().unwrap().trim();
    assert_eq!(secret.len(), 64);

    let out = coachkit(&dir, &["user", "disable", "gen@example.org"], None);
    assert!(out.status.success());
    assert!(coachkit(&dir, &["user", "list"], None).stdout.windows(8).any(|w| w == b"disabled"));

    let backup = dir.join("copy.db");
    let out = coachkit(&dir, &["backup", "--out", backup.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::metadata(&backup).unwrap().len() > 0);
    let out = coachkit(&dir, &["backup", "--out", backup.to_str().unwrap()], None);
    assert_one_line_error(&out, "already exists");

    let out = coachkit(&dir, &["demo"], None);
    assert!(text(&out.stdout).contains("demo data loaded"));
    let out = coachkit(&dir, &["demo"], None);
    assert!(text(&out.stdout).contains("already there"), "loading twice adds nothing");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn mistakes_are_one_clear_line_and_a_failure_exit() {
    let dir = data_dir();
    assert_one_line_error(
        &coachkit(&dir, &["--database-url", "mysql://x", "migrate"], None),
        "sqlite:// or postgres://",
    );
    assert_one_line_error(
        &coachkit(&dir, &["user", "disable", "nobody@example.org"], None),
        "no account with the e-mail",
    );
    assert_one_line_error(&coachkit(&dir, &["user", "create", "--email", "bad", "--name", "X"], None), "email");
    assert_one_line_error(
        &coachkit(
            &dir,
            &["user", "create", "--email", "a@example.org", "--name", "A", "--password-stdin"],
            Some("short"),
        ),
        "password must be at least 10 characters",
    );
    assert_one_line_error(
        &coachkit(&dir, &["--config", "/nonexistent/coachkit.toml", "migrate"], None),
        "does not exist",
    );
    let bad_config = dir.join("bad.toml");
    std::fs::write(&bad_config, "bnid = \"typo\"\n").unwrap();
    assert_one_line_error(&coachkit(&dir, &["--config", bad_config.to_str().unwrap(), "migrate"], None), "bnid");
    let out = coachkit(&dir, &["serve", "--bind", "256.0.0.1:1"], None);
    assert_one_line_error(&out, "cannot listen on 256.0.0.1:1");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn config_default_prints_a_commented_example() {
    let out = coachkit(&data_dir(), &["config", "default"], None);
    assert!(out.status.success());
    let example = text(&out.stdout);
    assert!(example.contains("# Address and port the web server listens on."));
    assert!(example.contains("bind = \"127.0.0.1:8080\""));
}

#[test]
fn a_journal_exported_from_one_instance_imports_into_another_once() {
    let (from, to) = (data_dir(), data_dir());
    assert!(coachkit(&from, &["demo"], None).status.success());
    let file = from.join("priya.json");
    let file = file.to_str().unwrap();
    let out = coachkit(&from, &["export", "--email", "priya@demo.example.org", "--out", file], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("exported the journal of Priya Nandakumar"), "{}", text(&out.stdout));
    assert_one_line_error(
        &coachkit(&from, &["export", "--email", "priya@demo.example.org", "--out", file], None),
        "already exists",
    );
    let zip = from.join("priya.zip");
    let out = coachkit(&from, &["export", "--email", "priya@demo.example.org", "--out", zip.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(&std::fs::read(&zip).unwrap()[..2], b"PK", "a zip file");

    let create = ["user", "create", "--email", "priya@demo.example.org", "--name", "Priya N", "--password-stdin"];
    assert!(coachkit(&to, &create, Some("a long enough passphrase\n")).status.success());
    let out = coachkit(&to, &["import", "--email", "priya@demo.example.org", file], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let first = text(&out.stdout);
    assert!(first.contains("imported") && first.contains("into the journal of Priya N"), "{first}");
    let reflections = first.lines().find(|l| l.starts_with("reflections")).expect("a line for reflections");
    assert!(!reflections.contains(" 0 new"), "{first}");

    let out = coachkit(&to, &["import", "--email", "priya@demo.example.org", file], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let second = text(&out.stdout);
    let counts: Vec<&str> = second.lines().filter(|l| l.contains(" new, ")).collect();
    assert!(!counts.is_empty() && counts.iter().all(|l| l.contains(" 0 new")), "nothing twice: {second}");

    let bad = to.join("bad.json");
    std::fs::write(&bad, r#"{"format":"coachkit-export","version":7}"#).unwrap();
    assert_one_line_error(
        &coachkit(&to, &["import", "--email", "priya@demo.example.org", bad.to_str().unwrap()], None),
        "version is 7; this coachkit reads version 1",
    );
    let _ = std::fs::remove_dir_all(&from);
    let _ = std::fs::remove_dir_all(&to);
}

#[test]
fn deleting_an_account_needs_yes_and_then_empties_it() {
    let dir = data_dir();
    let create = |email: &str, name: &str| {
        let out = coachkit(
            &dir,
            &["user", "create", "--email", email, "--name", name, "--password-stdin"],
            Some("a long enough passphrase\n"),
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
    };
    create("leaver@example.org", "Quentin Leaverson");
    create("stayer@example.org", "Stella Stayer");

    let refused = coachkit(&dir, &["user", "delete", "leaver@example.org"], None);
    assert_one_line_error(&refused, "--yes");
    let listed = text(&coachkit(&dir, &["user", "list"], None).stdout);
    assert!(listed.contains("leaver@example.org"), "nothing deleted without --yes: {listed}");

    let unknown = coachkit(&dir, &["user", "delete", "nobody@example.org", "--yes"], None);
    assert_one_line_error(&unknown, "no account");

    let out = coachkit(&dir, &["user", "delete", "leaver@example.org", "--yes"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("leaver@example.org deleted"), "{}", text(&out.stdout));
    let listed = text(&coachkit(&dir, &["user", "list"], None).stdout);
    assert!(!listed.contains("leaver@example.org") && !listed.contains("Quentin"), "{listed}");
    assert!(listed.contains("stayer@example.org"), "{listed}");
    let again = coachkit(&dir, &["user", "delete", "leaver@example.org", "--yes"], None);
    assert_one_line_error(&again, "no account");
}

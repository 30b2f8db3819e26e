//! The command line as a shell user meets it: completions, the man page, global flags in any
//! position, one `--format` default, and the settings file (`dsr config`).

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::cli::{TODAY, bin, demo_db};

/// Run `dsr ARGS` with its per-user directories under `home`, so nothing touches the real ones.
fn dsr_in(home: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env("DSR_TODAY", TODAY)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .expect("run dsr")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn completions_for_bash_zsh_and_fish_know_every_subcommand_and_flag() {
    let home = tempfile::tempdir().expect("temp dir");
    for shell in ["bash", "zsh", "fish"] {
        let out = dsr_in(home.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        for word in [
            "export",
            "report",
            "review",
            "actions",
            "completions",
            "db",
            "demo",
        ] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let out = dsr_in(home.path(), &["completions", "tcsh"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("bash"), "{}", text(&out.stderr));
}

#[test]
fn man_page_is_roff_with_every_subcommand() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = dsr_in(home.path(), &["man"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH dsr"),
        "{page}"
    );
    // roff escapes every hyphen in an option name.
    for word in [
        "export",
        "report",
        "import",
        "check",
        r"\-\-user",
        r"\-\-config",
        "Settings file",
    ] {
        assert!(page.contains(word), "man page lacks {word}");
    }
}

#[test]
fn global_flags_work_after_the_subcommand() {
    let home = tempfile::tempdir().expect("temp dir");
    let demo = home.path().join("data").join("dsr").join("demo.db");
    std::fs::create_dir_all(demo.parent().expect("parent")).expect("data dir");
    let made = dsr_in(
        home.path(),
        &[
            "demo",
            "--db",
            demo.to_str().expect("utf-8"),
            "--people",
            "5",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));

    for args in [
        &["export", "--demo"][..],
        &["--demo", "export"],
        &["export", "--demo", "--user", "sam"],
        &["actions", "--demo", "--all"],
        &["check", "--demo"],
    ] {
        let out = dsr_in(home.path(), args);
        assert!(out.status.success(), "dsr {args:?}: {}", text(&out.stderr));
    }
}

#[test]
fn every_table_command_defaults_to_csv() {
    let home = tempfile::tempdir().expect("temp dir");
    let db = demo_db(home.path(), 8);
    let db = db.to_str().expect("utf-8");
    for args in [
        &["export"][..],
        &["actions", "--all"],
        &["report", "monthly", "--month", "2026-10"],
    ] {
        let mut with_db = args.to_vec();
        with_db.extend(["--db", db]);
        let out = dsr_in(home.path(), &with_db);
        assert!(out.status.success(), "dsr {args:?}: {}", text(&out.stderr));
        let first = text(&out.stdout).lines().next().unwrap_or("").to_string();
        assert!(
            first.contains(',') && !first.starts_with(['{', '[']),
            "dsr {args:?} did not write CSV: {first}"
        );
    }
}

#[test]
fn help_names_the_settings_file() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = dsr_in(home.path(), &["--help"]);
    assert!(out.status.success());
    let expected = home.path().join("config").join("dsr").join("config.toml");
    let help = text(&out.stdout);
    assert!(
        help.contains(&format!("Settings file: {}", expected.display())),
        "{help}"
    );
}

#[test]
fn config_init_writes_a_commented_default_once() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = dsr_in(home.path(), &["config", "--init"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = home.path().join("config").join("dsr").join("config.toml");
    let written = std::fs::read_to_string(&path).expect("settings file written");
    assert!(written.contains("# theme = \"default\""), "{written}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    std::fs::write(&path, "theme = \"high-contrast\"\n").expect("edit");
    let again = dsr_in(home.path(), &["config", "--init"]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("--force"),
        "{}",
        text(&again.stderr)
    );
    let kept = std::fs::read_to_string(&path).expect("still there");
    assert_eq!(kept, "theme = \"high-contrast\"\n");

    let check = dsr_in(home.path(), &["config"]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("settings:      ok"));

    let forced = dsr_in(home.path(), &["config", "--init", "--force"]);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), written);
}

#[test]
fn config_check_names_the_line_and_key_of_each_problem() {
    let home = tempfile::tempdir().expect("temp dir");
    let path = home.path().join("elsewhere.toml");
    std::fs::write(&path, "privacy = true\n\ntheme = \"pink\"\n").expect("write");
    let out = dsr_in(
        home.path(),
        &["config", "--config", path.to_str().expect("utf-8")],
    );
    assert!(!out.status.success());
    let said = text(&out.stdout);
    assert!(
        said.contains("problem: line 3, theme: \"pink\" is not a theme"),
        "{said}"
    );
    assert!(
        text(&out.stderr).contains("keeps its default"),
        "{}",
        text(&out.stderr)
    );
}

/// A settings file with one bad value and one good key binding: the first screen names the bad
/// line and key, the app runs, and the good binding works.
#[test]
fn a_bad_setting_is_named_on_the_first_screen_and_the_rest_apply() {
    use std::time::Duration;
    use support::pty::Tui;
    let wait = Duration::from_secs(20);
    let home = tempfile::tempdir().expect("temp dir");
    let db = demo_db(home.path(), 20);
    let settings = home.path().join("settings.toml");
    std::fs::write(
        &settings,
        "theme = \"pink\"\n[keys.register]\nsearch = [\"/\", \"z\"]\n",
    )
    .expect("write");
    let mut tui = Tui::spawn(
        &bin(),
        &[
            "--db",
            db.to_str().expect("utf-8"),
            "--config",
            settings.to_str().expect("utf-8"),
        ],
        &[("DSR_TODAY", TODAY), ("NO_COLOR", "1")],
        120,
        24,
    );
    tui.wait_for("line 1, theme: \"pink\" is not a theme", wait)
        .expect("problem named on the first screen");
    tui.keys("zxyz");
    tui.wait_for("/xyz", wait).expect("z opens the search");
    // Esc alone, or the terminal reads Esc q as Alt-q.
    tui.keys("\x1b");
    tui.wait_for_gone("/xyz", wait).expect("search closed");
    tui.keys("q");
    assert!(tui.wait_exit(wait).expect("exits").success());
}

//! `dsr` with no subcommand: the terminal app.

use super::{config_path, db_path, open};
use crate::cli::Cli;
use crate::{clock, config, demo, ui};
use color_eyre::eyre::{Result, WrapErr};
use std::io::Write;

pub fn run(cli: &Cli, user: &str) -> Result<()> {
    let path = db_path(cli)?;
    let mut store = open(&path, user)?;
    if cli.demo && store.count("person")? == 0 {
        note!("Creating the demo register at {} ...", path.display());
        demo::generate(
            &mut store,
            demo::DemoSpec {
                people: 300,
                seed: 1,
                today: clock::today(),
            },
            |_| {},
        )
        .wrap_err("could not write the demo register")?;
    }
    // A bad settings file never stops the app: the problem is shown on the first screen and the
    // bad setting keeps its default.
    let (settings, notice) = match config_path(cli) {
        Ok(p) => match config::load(&p) {
            Ok(loaded) => {
                let notice = loaded.summary(&p);
                (loaded.config, notice)
            }
            Err(e) => (config::Config::default(), Some(format!("{e:#}"))),
        },
        Err(e) => (config::Config::default(), Some(e.to_string())),
    };
    // A register whose permissions were just tightened says so once, with the settings' notice.
    let notice = match (store.open_notice(), notice) {
        (Some(a), Some(b)) => Some(format!("{a}. {b}")),
        (a, b) => a.map(str::to_string).or(b),
    };
    ui::keymap::install(settings.keymaps());
    crate::domain::dates::install_display_format(settings.date_format);
    let resume = settings.resume();
    ui::run(
        store,
        ui::Options {
            demo: cli.demo,
            today: clock::today(),
            theme: ui::theme::Theme::from_env(settings.theme),
            notice,
            privacy: settings.privacy,
            display_name: settings.display_name,
            mouse: settings.mouse,
            settings_path: config_path(cli).ok(),
            resume,
        },
    )
}

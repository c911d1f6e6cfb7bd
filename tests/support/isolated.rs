//! The `kabar` binary run as a user would, but isolated: HOME and XDG_DATA_HOME point into a
//! temporary folder (so no test reads or writes the real user's data), no system hunspell (so
//! roots do not depend on the machine), no backtrace variables, and a time limit.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;

/// `kabar` run from `cwd` with its home in `home`.
pub fn kabar(home: &Path, cwd: &Path) -> Command {
    let mut cmd = cargo_bin_cmd!("kabar");
    cmd.current_dir(cwd)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("XDG_CONFIG_HOME")
        .env("KABAR_HUNSPELL", "")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .timeout(Duration::from_secs(60));
    cmd
}

/// What a finished command printed and how it exited.
pub struct Run {
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `cmd` to the end.
pub fn run(cmd: &mut Command) -> Run {
    let output = cmd.output().expect("kabar runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit code {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

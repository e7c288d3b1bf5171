//! How a subcommand fails, and how it writes to standard output.
//!
//! Exit statuses, the same for every subcommand: 0 success; 1 failure (a broken catalog, an
//! undecodable body; for `diff`, a breaking change); 2 usage error (a bad argument, an unknown
//! code); 3 for `diff`, an input it could not read as a catalog.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::style;

/// `diff`'s status when an input could not be read as a catalog, so that a script can tell
/// "breaking" (1) from "could not compare" (3).
pub const UNREADABLE_INPUT: u8 = 3;

/// A subcommand's failure: what to print on standard error, and the exit status.
#[derive(Debug)]
pub struct Failure {
    text: String,
    status: u8,
}

impl Failure {
    /// A usage error (exit 2): a bad argument, an unknown code. `message` is one line, or
    /// several with the first the error and the others help.
    pub fn usage(message: impl AsRef<str>) -> Failure {
        Failure {
            text: format!("error: {}\n", message.as_ref()),
            status: 2,
        }
    }

    /// A failure (exit 1): the input was read but is wrong, or could not be read.
    pub fn error(message: impl AsRef<str>) -> Failure {
        Failure {
            text: format!("error: {}\n", message.as_ref()),
            status: 1,
        }
    }

    /// A failure (exit 1) whose text is already formatted, such as catalog diagnostics.
    pub fn text(text: String) -> Failure {
        Failure { text, status: 1 }
    }

    /// The same failure, exiting with `status`.
    pub fn with_status(self, status: u8) -> Failure {
        Failure { status, ..self }
    }

    /// Prints the failure on standard error, labels coloured on a terminal, and gives the
    /// exit status.
    pub fn report(self) -> ExitCode {
        // Nothing better can be done if standard error itself is gone.
        let _ = write!(anstream::stderr(), "{}", style::labels(&self.text));
        ExitCode::from(self.status)
    }
}

/// Writes `text` to standard output as it is: output for programs.
pub fn print(text: &str) -> Result<(), Failure> {
    write_out(&mut io::stdout().lock(), text)
}

/// Writes text for people to standard output: its styles stay only on a terminal that takes
/// colour (see `style`).
pub fn print_styled(text: &str) -> Result<(), Failure> {
    write_out(&mut anstream::stdout().lock(), text)
}

/// Prints a message for people on standard error, such as `note: ...`, its label coloured
/// on a terminal.
pub fn tell(message: &str) {
    let _ = write!(anstream::stderr(), "{}", style::labels(message));
}

/// A closed pipe (`errcat docs | head`) is not an error: the reader has what it wanted.
fn write_out(out: &mut impl Write, text: &str) -> Result<(), Failure> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(Failure::error(format!(
            "cannot write to standard output: {error}"
        ))),
        _ => Ok(()),
    }
}

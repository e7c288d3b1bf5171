//! How a subcommand fails, and how it writes to standard output.

use std::io::{self, Write};
use std::process::ExitCode;

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

    /// Prints the failure on standard error and gives the exit status.
    pub fn report(self) -> ExitCode {
        // Nothing better can be done if standard error itself is gone.
        let _ = io::stderr().lock().write_all(self.text.as_bytes());
        ExitCode::from(self.status)
    }
}

/// Writes `text` to standard output. A closed pipe (`errcat docs | head`) is not an error:
/// the reader has what it wanted.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => Err(Failure::error(format!(
            "cannot write to standard output: {error}"
        ))),
        _ => Ok(()),
    }
}

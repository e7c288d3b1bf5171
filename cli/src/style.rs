//! Colour in the command's output for people: labels of messages, classes of changes, names
//! of facts. Styles are ANSI escapes written through anstream, which keeps them only when the
//! stream is a terminal that takes colour and `NO_COLOR` is unset (`CLICOLOR_FORCE` forces
//! them), as clap's own help and errors do. Output for programs (envelopes, JSON, the index,
//! completion scripts) is never styled.

use anstyle::{AnsiColor, Style};

pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub const NOTE: Style = AnsiColor::Cyan.on_default().bold();
pub const GOOD: Style = AnsiColor::Green.on_default().bold();
pub const BOLD: Style = Style::new().bold();

/// `text` in `style`.
pub fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// Messages with their labels styled: the first `error:`, `warning:`, `help:` or `note:` of
/// each line, at its start or after a `FILE:LINE:COL: ` location.
pub fn labels(text: &str) -> String {
    text.split_inclusive('\n').map(label_line).collect()
}

fn label_line(line: &str) -> String {
    const LABELS: [(&str, Style); 4] = [
        ("error:", ERROR),
        ("warning:", WARNING),
        ("help:", NOTE),
        ("note:", NOTE),
    ];
    let found = LABELS.iter().find_map(|&(label, style)| {
        let at = line.find(label)?;
        (at == 0 || line[..at].ends_with(": ")).then_some((at, label, style))
    });
    match found {
        Some((at, label, style)) => {
            let rest = &line[at + label.len()..];
            format!("{}{}{rest}", &line[..at], paint(style, label))
        }
        None => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_styled_where_messages_put_them() {
        let red = paint(ERROR, "error:");
        assert_eq!(labels("error: x\n"), format!("{red} x\n"));
        assert_eq!(
            labels("a.toml:1:2: error: y\nhelp: z"),
            format!("a.toml:1:2: {red} y\n{} z", paint(NOTE, "help:"))
        );
        // A label inside a message is text.
        assert_eq!(labels("the error: part\n"), "the error: part\n");
    }
}

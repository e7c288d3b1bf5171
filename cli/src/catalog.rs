//! Which catalog a subcommand works on, loaded and checked, and finding a code in it.

use std::fs;
use std::path::{Path, PathBuf};

use errcat_codegen::{Code, Valid, render_diagnostics, suggest};

use crate::failure::Failure;

/// The catalog errcat was built with (KMS); the build already checked it.
const BUILT_IN: &str = errcat::kms::SOURCE;

/// The name the built-in catalog goes by in messages and generated headers.
pub const BUILT_IN_NAME: &str = "the built-in KMS catalog";

/// The catalog file a subcommand picks up from the directory it runs in.
pub const LOCAL: &str = "errors.toml";

/// The `--catalog FILE` option of the subcommands that read one catalog.
#[derive(clap::Args)]
pub struct CatalogArg {
    /// The catalog file [default: ./errors.toml if there is one, else the built-in KMS catalog]
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
}

impl CatalogArg {
    /// The catalog chosen, checked: `--catalog FILE`, else `./errors.toml` when there is one,
    /// else the built-in one.
    pub fn load(&self) -> Result<Valid, Failure> {
        match self.file() {
            Some(path) => load_file(&path),
            None => parse(BUILT_IN, BUILT_IN_NAME),
        }
    }

    /// How the catalog is named in output: the file as given or found, or
    /// [`BUILT_IN_NAME`].
    pub fn name(&self) -> String {
        self.file().map_or_else(
            || BUILT_IN_NAME.to_owned(),
            |path| path.display().to_string(),
        )
    }

    /// The catalog file in use, or `None` for the built-in catalog.
    fn file(&self) -> Option<PathBuf> {
        let local = Path::new(LOCAL);
        self.catalog
            .clone()
            .or_else(|| local.is_file().then(|| local.to_path_buf()))
    }
}

/// Reads and checks the catalog at `path`.
pub fn load_file(path: &Path) -> Result<Valid, Failure> {
    parse(&read(path)?, &path.display().to_string())
}

/// Reads a catalog file as UTF-8 text; a byte that is not UTF-8 is reported at its line and
/// column.
pub fn read(path: &Path) -> Result<String, Failure> {
    let bytes = fs::read(path)
        .map_err(|error| Failure::error(format!("cannot read `{}`: {error}", path.display())))?;
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(error) => error.into_bytes(),
    };
    let (diagnostic, valid) = errcat_codegen::text_of(&bytes)
        .err()
        .ok_or_else(|| Failure::error("the catalog is UTF-8 after all"))?;
    let name = path.display().to_string();
    let mut text = render_diagnostics(&[diagnostic], &name, valid);
    text.push_str(&summary(1, &name));
    Err(Failure::text(text))
}

/// Checks catalog `source`; its problems as `FILE:LINE:COL: error: ...` lines if any.
pub fn parse(source: &str, name: &str) -> Result<Valid, Failure> {
    errcat_codegen::load(source).map_err(|diagnostics| {
        let mut text = render_diagnostics(&diagnostics, name, source);
        text.push_str(&summary(diagnostics.len(), name));
        Failure::text(text)
    })
}

/// `error: 3 problems in errors.toml`
pub fn summary(count: usize, name: &str) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("error: {count} problem{plural} in {name}\n")
}

/// The code named `code` (exactly, else ignoring ASCII case), or a usage error suggesting the
/// closest known codes.
pub fn find<'a>(catalog: &'a Valid, code: &str) -> Result<&'a Code, Failure> {
    catalog
        .find(code)
        .ok_or_else(|| unknown_code(catalog, code))
}

/// `error: unknown error code `X`` and the closest known codes.
fn unknown_code(catalog: &Valid, code: &str) -> Failure {
    let close = suggest::suggestions(code, catalog.codes.iter().map(|c| c.code.as_str()), 3);
    let help = if close.is_empty() {
        "help: `errcat docs` lists every code".to_owned()
    } else {
        let list: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
        format!("help: the closest known codes: {}", list.join(", "))
    };
    Failure::usage(format!(
        "unknown error code `{}`\n{help}",
        code.escape_debug()
    ))
}

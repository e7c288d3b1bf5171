//! [`Builder`]: the few lines a build script needs.

use std::path::{Path, PathBuf};
use std::{env, fs};

use crate::expand::Options;

/// Generates a catalog's Rust code from a build script.
///
/// ```no_run
/// // build.rs
/// fn main() {
///     errcat_codegen::Builder::new("errors.toml").code_macro("my_code").build();
/// }
/// ```
///
/// Build scripts are compiled without optimisation in debug builds. For a catalog of
/// thousands of codes, `[profile.dev.build-override] opt-level = 3` in the workspace's
/// `Cargo.toml` makes this one run about three times faster, and `incremental = false` for
/// the catalog's crate (`[profile.dev.package.NAME]`) saves rustc the incremental state of a
/// file generated whole each time (README, "The errcat command"; the figures are in the
/// repository's BENCHMARKS.md, "Big catalogs").
#[derive(Clone, Debug)]
pub struct Builder {
    catalog: PathBuf,
    out_file: String,
    options: Options,
}

impl Builder {
    /// A builder for the catalog at `catalog` (relative to the package root).
    pub fn new(catalog: impl Into<PathBuf>) -> Self {
        Builder {
            catalog: catalog.into(),
            out_file: "catalog.rs".to_owned(),
            options: Options::default(),
        }
    }

    /// The name of the generated enum (default `ErrorCode`).
    #[must_use]
    pub fn type_name(mut self, name: &str) -> Self {
        name.clone_into(&mut self.options.type_name);
        self
    }

    /// Also generate a `#[macro_export]` lookup macro named `name`:
    /// `name!("Forbidden.KeyNotFound")` is the variant, checked at compile time. The file must
    /// then be included at the crate root, or in the module set with
    /// [`module`](Builder::module); the build fails, saying so, anywhere else.
    #[must_use]
    pub fn code_macro(mut self, name: &str) -> Self {
        self.options.code_macro = Some(name.to_owned());
        self
    }

    /// The module the generated file is included in, as a path from the crate root, when it
    /// is not the root: `module("errors")` for an `include!` in `src/errors.rs`. Only the
    /// code macro needs to know.
    #[must_use]
    pub fn module(mut self, path: &str) -> Self {
        path.clone_into(&mut self.options.module);
        self
    }

    /// Also generate `Error` and `ServiceError<'a>` beside the enum: aliases of
    /// `errcat::Error<YourCode>` and `errcat::ServiceError<'a, YourCode>`, so that the
    /// catalog's users name them without generics. Off by default: a crate with an `Error`
    /// of its own would clash.
    #[must_use]
    pub fn aliases(mut self) -> Self {
        self.options.aliases = true;
        self
    }

    /// The file written in `OUT_DIR` (default `catalog.rs`).
    #[must_use]
    pub fn out_file(mut self, name: &str) -> Self {
        name.clone_into(&mut self.out_file);
        self
    }

    /// Reads and checks the catalog and writes `$OUT_DIR/<out_file>` (only when its content
    /// changed, so dependents do not rebuild for nothing). On a broken catalog it prints one
    /// `cargo::error=FILE:LINE:COL: error: message` line per problem, which fails the build
    /// with those messages and no backtrace.
    pub fn build(self) {
        println!("cargo::rerun-if-changed={}", self.catalog.display());
        if let Err(lines) = self.generate() {
            for line in lines {
                println!("{line}");
            }
        }
    }

    /// Everything `build` does but printing: `Err` holds the `cargo::error=` lines.
    fn generate(&self) -> Result<(), Vec<String>> {
        let file = self.catalog.display().to_string();
        let fail = |message: String| vec![format!("cargo::error={message}")];
        let bytes = fs::read(&self.catalog)
            .map_err(|e| fail(format!("{file}: cannot read the catalog: {e}")))?;
        let source = crate::text_of(&bytes)
            .map_err(|(diag, valid)| crate::render_for_cargo(&[diag], &file, valid))?;
        let catalog =
            crate::load(source).map_err(|diags| crate::render_for_cargo(&diags, &file, source))?;
        let out_dir = env::var_os("OUT_DIR").ok_or_else(|| {
            fail("OUT_DIR is not set: run Builder::build from a build script".into())
        })?;
        let path = Path::new(&out_dir).join(&self.out_file);
        let code = crate::generate(&catalog, &self.options, &file)
            .map_err(|diags| crate::render_for_cargo(&diags, &file, source))?;
        write_if_changed(&path, &code)
            .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))
    }
}

fn write_if_changed(path: &Path, content: &str) -> std::io::Result<()> {
    if fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    fs::write(path, content)
}

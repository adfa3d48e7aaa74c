//! From the command line's paths to the list of posts to read.
//!
//! Folders are walked, not trusted: a scraped archive can hold symbolic link loops,
//! dangling links and folders nobody may read. Each such entry becomes an
//! [`InputError`] naming it, and the walk goes on.

use super::{InputError, SkipKind, Source, show};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// Extensions read when walking a directory.
const POST_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "text"];

/// Expands the command line's paths into posts: files as given, directories walked
/// recursively in sorted order (hidden entries and README/LICENSE-style files skipped,
/// only post extensions taken), `-` as standard input. Paths that do not exist, entries
/// that cannot be followed and directories holding no post are errors naming the path;
/// the rest is still returned.
pub fn discover(paths: &[PathBuf]) -> (Vec<Source>, Vec<InputError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(unreadable(path, &e));
                continue;
            }
        };
        if !meta.is_dir() {
            sources.push(Source::File(path.clone()));
            continue;
        }
        let (mut files, errors_before) = (Vec::new(), errors.len());
        // Walked in the file system's order, then sorted: a walk sorted as it goes holds
        // every entry of a folder at once, which on a folder of 100 000 posts is more
        // memory than the rest of the run's growth.
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e)
                    if e.file_type().is_file()
                        && has_post_extension(e.path())
                        && !is_project_file(e.path()) =>
                {
                    files.push(e.into_path());
                }
                Ok(_) => {}
                Err(e) => {
                    let at = e.path().unwrap_or(path);
                    errors.push(match e.io_error() {
                        _ if e.loop_ancestor().is_some() => InputError::new(
                            show(at),
                            SkipKind::Unreadable,
                            "symbolic link loop, skipped",
                        ),
                        Some(io) => unreadable(at, io),
                        None => InputError::new(show(at), SkipKind::Unreadable, e.to_string()),
                    });
                }
            }
        }
        // Paths compare component by component: the order of a walk sorted by name.
        files.sort_unstable();
        errors[errors_before..].sort_by(|a, b| a.path.cmp(&b.path));
        if files.is_empty() {
            errors.push(InputError::new(
                show(path),
                SkipKind::Unreadable,
                "directory holds no posts (.txt, .md, .markdown, .html, .htm)",
            ));
        }
        sources.extend(files.into_iter().map(Source::File));
    }
    (sources, errors)
}

/// README, LICENSE and the like describe a folder of posts; they are not posts.
fn is_project_file(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_uppercase())
        .unwrap_or_default();
    matches!(
        stem.as_str(),
        "README" | "LICENSE" | "LICENCE" | "CHANGELOG" | "CONTRIBUTING" | "COPYING" | "NOTICE"
    )
}

fn has_post_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| POST_EXTENSIONS.contains(&e.to_lowercase().as_str()))
}

/// An input the file system would not give: the message says which case it is, since
/// "not found" for a link whose target is gone sends people looking in the wrong place.
pub(super) fn unreadable(path: &Path, e: &std::io::Error) -> InputError {
    let message = match e.kind() {
        ErrorKind::NotFound if path.is_symlink() => {
            "broken symbolic link (its target does not exist), skipped".to_string()
        }
        ErrorKind::NotFound => "no such file or directory".to_string(),
        ErrorKind::PermissionDenied => {
            "permission denied (check the file's read permission), skipped".to_string()
        }
        _ if path.is_symlink() => format!("cannot follow symbolic link ({e}), skipped"),
        _ => format!("{e}, skipped"),
    };
    InputError::new(show(path), SkipKind::Unreadable, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_walked_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // "a" sorts before "a.txt" by name, though "a/" sorts after "a." as text.
        for name in ["b.md", "a.txt", "a/z.html", "a/b/c.txt", "a-b.txt", "A.txt"] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "Day One").unwrap();
        }
        for skipped in [".hidden.txt", "README.md", "notes.pdf"] {
            std::fs::write(root.join(skipped), "Day One").unwrap();
        }
        let (sources, errors) = discover(&[root.to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        let found: Vec<PathBuf> = sources
            .iter()
            .map(|s| match s {
                Source::File(p) => p.strip_prefix(root).unwrap().to_path_buf(),
                Source::Stdin => PathBuf::from("-"),
            })
            .collect();
        let want: Vec<PathBuf> = ["A.txt", "a/b/c.txt", "a/z.html", "a-b.txt", "a.txt", "b.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(found, want);
    }
}

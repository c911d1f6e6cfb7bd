//! The editor's tests: every write keeps the bytes it does not change.

use super::*;

const FILE: &str = "# Military words, kept by hand.\n\"peluru artileri\" = \"artillery shells\"  # plural\nroket = 'rocket'\n\n[persenjataan]   # rich\ntranslation = \"weaponry\"\nroot = \"senjata\"\n# trailing comment\n";

fn folder(text: &str) -> (tempfile::TempDir, PathBuf, Glossary) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("militer.toml");
    std::fs::write(&path, text).unwrap();
    let glossary = Glossary::load_dir(dir.path()).unwrap();
    (dir, path, glossary)
}

/// Edits `term` from what the glossary holds to `after`.
fn edit_to(glossary: &Glossary, term: &str, after: &EntryDraft) -> Result<Change, EditError> {
    let before = EntryDraft::from_entry(glossary.entry(glossary.lookup(term).unwrap()));
    let dir = glossary.files()[0].parent().unwrap().to_path_buf();
    edit(&dir, glossary, term, &before, after)
}

fn draft(term: &str, translation: &str) -> EntryDraft {
    EntryDraft {
        term: term.into(),
        translations: vec![translation.into()],
        ..EntryDraft::default()
    }
}

#[test]
fn adding_a_terse_entry_keeps_every_other_byte() {
    let (dir, path, glossary) = folder(FILE);
    let change = add(
        dir.path(),
        Path::new("militer.toml"),
        &glossary,
        &draft("proyektil artileri", "artillery projectiles"),
    )
    .unwrap();
    let expected = FILE.replace(
        "roket = 'rocket'\n",
        "roket = 'rocket'\n\"proyektil artileri\" = \"artillery projectiles\"\n",
    );
    assert_eq!(change.after, expected);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(change.before, FILE);
}

#[test]
fn adding_a_rich_entry_appends_a_table_at_the_end() {
    let (dir, _, glossary) = folder(FILE);
    let rich = EntryDraft {
        pos: Some("noun".into()),
        tags: vec!["military".into()],
        ..draft("rudal", "missile")
    };
    let change = add(dir.path(), Path::new("militer.toml"), &glossary, &rich).unwrap();
    let expected = FILE.replace(
        "# trailing comment\n",
        "\n[rudal]\ntranslation = \"missile\"\npos = \"noun\"\ntags = [\"military\"]\n# trailing comment\n",
    );
    assert_eq!(change.after, expected);
}

#[test]
fn an_inline_entry_gains_a_field_cleanly_and_is_terse_again_without_it() {
    let (_dir, path, glossary) =
        folder("internasional = { translation = \"international\", status = 2 }  # x\n");
    let plain = draft("internasional", "international");
    let change = edit_to(&glossary, "internasional", &plain).unwrap();
    assert_eq!(change.after, "internasional = \"international\"  # x\n");
    let glossary = Glossary::load_dir(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        "internasional = { translation = \"international\" }\n",
    )
    .unwrap();
    let glossary = {
        drop(glossary);
        Glossary::load_dir(path.parent().unwrap()).unwrap()
    };
    let richer = EntryDraft {
        pos: Some("adjective".into()),
        ..draft("internasional", "international")
    };
    let change = edit_to(&glossary, "internasional", &richer).unwrap();
    assert_eq!(
        change.after,
        "internasional = { translation = \"international\", pos = \"adjective\" }\n"
    );
}

#[test]
fn editing_keeps_form_place_and_comments() {
    let (_dir, path, glossary) = folder(FILE);
    let change = edit_to(&glossary, "Roket", &draft("roket", "rocket, missile")).unwrap();
    assert_eq!(
        change.after,
        FILE.replace("roket = 'rocket'", "roket = \"rocket, missile\"")
    );
    let glossary = Glossary::load_dir(path.parent().unwrap()).unwrap();
    let richer = EntryDraft {
        pos: Some("noun".into()),
        ..draft("roket", "rocket")
    };
    let change = edit_to(&glossary, "roket", &richer).unwrap();
    assert!(
        change
            .after
            .contains("roket = { translation = \"rocket\", pos = \"noun\" }\n\n[persenjataan]"),
        "{}",
        change.after
    );
    let glossary = Glossary::load_dir(path.parent().unwrap()).unwrap();
    let change = edit_to(
        &glossary,
        "persenjataan",
        &draft("persenjataan", "armaments"),
    )
    .unwrap();
    assert_eq!(
        change.after,
        change
            .before
            .replace("translation = \"weaponry\"", "translation = \"armaments\"")
    );
}

#[test]
fn removing_takes_out_only_that_entry_and_undo_puts_it_back() {
    let (_dir, path, glossary) = folder(FILE);
    let change = remove(path.parent().unwrap(), &glossary, "peluru artileri").unwrap();
    assert_eq!(
        change.after,
        FILE.replace("\"peluru artileri\" = \"artillery shells\"  # plural\n", "")
    );
    undo(&change).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
}

#[test]
fn refusals_write_nothing() {
    let (dir, path, glossary) = folder(FILE);
    let refuse = |d: EntryDraft, file: &str| {
        add(dir.path(), Path::new(file), &glossary, &d)
            .unwrap_err()
            .to_string()
    };
    assert!(refuse(draft("ROKET", "x"), "militer.toml").contains("already in the glossary at"));
    assert!(refuse(draft(" ", "x"), "militer.toml").contains("term is empty"));
    assert!(refuse(draft("baru", ""), "militer.toml").contains("translation is empty"));
    assert!(refuse(draft("ba\u{1b}[2Jru", "x"), "militer.toml").contains("control characters"));
    assert!(
        refuse(draft(&"kata ".repeat(12), "x"), "militer.toml")
            .contains("too long for a glossary term")
    );
    assert!(
        refuse(draft("baru", "new"), "../outside.toml")
            .contains("not a .toml file inside the glossary folder")
    );
    assert!(refuse(draft("baru", "new"), "notes.txt").contains("not a .toml file"));
    assert!(matches!(
        remove(dir.path(), &glossary, "tidak ada"),
        Err(EditError::NotFound(_))
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
}

#[test]
fn undoing_an_add_that_created_a_file_removes_it() {
    let (dir, _path, glossary) = folder(FILE);
    let change = add(
        dir.path(),
        Path::new("baru.toml"),
        &glossary,
        &draft("rudal", "missile"),
    )
    .unwrap();
    assert!(change.created);
    undo(&change).unwrap();
    assert!(!dir.path().join("baru.toml").exists());
}

#[test]
fn a_file_changed_on_disk_meanwhile_is_not_overwritten() {
    let (_dir, path, _) = folder(FILE);
    std::fs::write(&path, "roket = \"edited elsewhere\"\n").unwrap();
    let err = write_if_unchanged(&path, FILE, "whatever").unwrap_err();
    assert!(matches!(err, EditError::Conflict(_)), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "roket = \"edited elsewhere\"\n"
    );
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn edits_apply_to_the_file_as_it_is_now() {
    let (_dir, path, glossary) = folder(FILE);
    // Someone adds a line after kabar loaded the glossary: the edit keeps it.
    std::fs::write(&path, format!("{FILE}\n[baru]\ntranslation = \"new\"\n")).unwrap();
    let change = edit_to(&glossary, "roket", &draft("roket", "rocket, missile")).unwrap();
    assert!(change.after.contains("[baru]") && change.after.contains("rocket, missile"));
}

#[test]
fn an_edit_writes_only_what_changed_so_a_change_made_meanwhile_survives() {
    let (_dir, path, glossary) = folder(FILE);
    let before = EntryDraft::from_entry(glossary.entry(glossary.lookup("persenjataan").unwrap()));
    // Someone changes the translation in an editor after the form opened...
    std::fs::write(
        &path,
        FILE.replace("translation = \"weaponry\"", "translation = \"armaments\""),
    )
    .unwrap();
    // ...and the form only adds a part of speech.
    let after = EntryDraft {
        pos: Some("noun".into()),
        ..before.clone()
    };
    let change = edit(
        path.parent().unwrap(),
        &glossary,
        "persenjataan",
        &before,
        &after,
    )
    .unwrap();
    assert!(
        change.after.contains("translation = \"armaments\""),
        "{}",
        change.after
    );
    assert!(change.after.contains("pos = \"noun\""), "{}", change.after);
    // Emptying a field removes it.
    let glossary = Glossary::load_dir(path.parent().unwrap()).unwrap();
    let before = EntryDraft::from_entry(glossary.entry(glossary.lookup("persenjataan").unwrap()));
    let after = EntryDraft {
        pos: None,
        ..before.clone()
    };
    let change = edit(
        path.parent().unwrap(),
        &glossary,
        "persenjataan",
        &before,
        &after,
    )
    .unwrap();
    assert!(!change.after.contains("pos ="), "{}", change.after);
}

#[test]
fn crlf_files_keep_crlf_and_symlinks_stay_links() {
    let (dir, path, glossary) = folder(&FILE.replace('\n', "\r\n"));
    let change = add(
        dir.path(),
        Path::new("militer.toml"),
        &glossary,
        &draft("rudal", "missile"),
    )
    .unwrap();
    assert!(
        !change.after.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("rudal = \"missile\"\r\n")
    );
    #[cfg(unix)]
    {
        let target = dir.path().join("real.txt");
        std::fs::write(&target, "perang = \"war\"\n").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let glossary = Glossary::load_dir(dir.path()).unwrap();
        add(
            dir.path(),
            Path::new("link.toml"),
            &glossary,
            &draft("damai", "peace"),
        )
        .unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            std::fs::read_to_string(&target)
                .unwrap()
                .contains("damai = \"peace\"")
        );
    }
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path, glossary) = folder(FILE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    edit_to(&glossary, "roket", &draft("roket", "rocket, missile")).unwrap();
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn removing_fields_from_many_entries_keeps_every_other_byte() {
    let text = "# Mine.\nperang = { translation = \"war\", status = 1, examples = [\"Perang.\"] }  # war\nroket = 'rocket'\n\n[kepala]   # rich\ntranslation = \"head\"\n# how sure I am\nstatus = \"W\"\nnote = \"not ke- + pala\"\n";
    let (dir, path, _) = folder(text);
    let terms = ["perang", "roket", "kepala", "hilang"].map(str::to_owned);
    let (change, count) =
        remove_fields(dir.path(), &path, &terms, &["status", "examples"]).unwrap();
    assert_eq!(count, 2, "roket has neither field; hilang is not there");
    assert_eq!(
        change.after,
        "# Mine.\nperang = \"war\"  # war\nroket = 'rocket'\n\n[kepala]   # rich\ntranslation = \"head\"\n# how sure I am\nnote = \"not ke- + pala\"\n"
    );
    // A comment above the last field removed goes before the next entry.
    let text =
        "[kepala]\ntranslation = \"head\"\n# mine\nstatus = 2\n\n[lagi]\ntranslation = \"again\"\n";
    std::fs::write(&path, text).unwrap();
    let (change, _) = remove_fields(dir.path(), &path, &terms, &["status"]).unwrap();
    assert_eq!(
        change.after,
        "[kepala]\ntranslation = \"head\"\n# mine\n\n[lagi]\ntranslation = \"again\"\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), change.after);
}

//! Sending the learning terms straight to a running Anki through the AnkiConnect add-on
//! (JSON over HTTP, protocol version 6: `{"action", "version", "params"}` answered by
//! `{"result", "error"}`).
//!
//! Each term becomes a note of the cloze note type `kabar`, whose fields are the text export's
//! columns in the same order ([`FIELDS`]); the export's tags become the note's Anki tags. The
//! `guid` field holds the same stable id as the text export's guid column, so a note already
//! sent is found again by it and updated in place (keeping its review history) instead of
//! added twice. Answers are bounded in time and size, and every failure is one line naming the
//! address. Knows nothing of the terminal.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{Value, json};

use super::{ANKI_DECK, ANKI_NOTETYPE, COLUMNS};

/// Where AnkiConnect listens unless told otherwise.
pub const DEFAULT_URL: &str = "http://127.0.0.1:8765";

/// The protocol version spoken (and the oldest accepted from the add-on).
pub const VERSION: u64 = 6;

/// The note type's fields: the text export's columns without `tags`, which become Anki tags
/// (a field called "Tags" would be shadowed by Anki's own `{{Tags}}` in templates).
pub const FIELDS: [&str; 9] = [
    COLUMNS[0], COLUMNS[1], COLUMNS[2], COLUMNS[3], COLUMNS[4], COLUMNS[5], COLUMNS[6], COLUMNS[7],
    COLUMNS[9],
];

/// The deck notes go to unless told otherwise.
pub const DEFAULT_DECK: &str = ANKI_DECK;

/// The front of the note type's card: the sentence with the term hidden.
const FRONT: &str = "{{cloze:cloze}}";

/// The card template's name in the note type kabar creates.
const TEMPLATE: &str = "Cloze";

/// The back: the sentence with the term shown, the sentence's English when known, the term's
/// meaning, root and source.
const BACK: &str = "{{cloze:cloze}}{{#sentence_translation}}<br><i>{{sentence_translation}}</i>\
{{/sentence_translation}}<hr id=answer><b>{{term}}</b>: {{translation}}\
{{#root}}<br>root: {{root}}{{/root}}{{#source}}<br><small>{{source}}</small>{{/source}}";

/// The back kabar created before the note type had `sentence_translation`: a note type still
/// showing it is kabar's own and gets the new back when the field is added.
const BACK_BEFORE_SENTENCE_TRANSLATION: &str = "{{cloze:cloze}}<hr id=answer><b>{{term}}</b>: \
{{translation}}{{#root}}<br>root: {{root}}{{/root}}{{#source}}<br><small>{{source}}</small>\
{{/source}}";

/// Why talking to Anki failed. Each message is one line.
#[derive(Debug, thiserror::Error)]
pub enum AnkiError {
    /// The address is not an http(s) address.
    #[error("{url}: not an AnkiConnect address; give one like {DEFAULT_URL}")]
    BadUrl {
        /// The address given.
        url: String,
    },
    /// Nothing answers at the address: Anki is closed or AnkiConnect is not installed.
    #[error(
        "Anki is not answering at {url}: start Anki with the AnkiConnect add-on (code 2055492159), or give its address with --url"
    )]
    NotRunning {
        /// The address.
        url: String,
    },
    /// Something answered, but not as AnkiConnect does.
    #[error("{url}: the answer is not AnkiConnect's: {reason}")]
    Protocol {
        /// The address.
        url: String,
        /// What was wrong with the answer.
        reason: String,
    },
    /// AnkiConnect speaks an older protocol.
    #[error(
        "{url}: AnkiConnect speaks protocol version {found}; kabar needs {VERSION} or later, update the add-on"
    )]
    OldVersion {
        /// The address.
        url: String,
        /// The version it reported.
        found: u64,
    },
    /// AnkiConnect refused an action.
    #[error("Anki refused {action}: {message}")]
    Refused {
        /// The action refused.
        action: String,
        /// Anki's reason, on one line.
        message: String,
    },
}

/// A connection to AnkiConnect. [`Client::new`] uses limits suited to a local Anki; tests
/// shorten them.
#[derive(Debug)]
pub struct Client {
    url: String,
    agent: ureq::Agent,
    /// Largest answer read, in bytes.
    pub max_bytes: u64,
}

impl Client {
    /// A client for AnkiConnect at `url` (`http://host:port`). Nothing is sent yet.
    pub fn new(url: &str) -> Result<Client, AnkiError> {
        crate::fetch::check_url(url).map_err(|_| AnkiError::BadUrl {
            url: url.to_owned(),
        })?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(concat!("kabar/", env!("CARGO_PKG_VERSION")))
            .timeout_connect(Some(Duration::from_secs(5)))
            // Adding a few thousand notes takes Anki a while; a hung Anki must not hang kabar.
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        Ok(Client {
            url: url.to_owned(),
            agent,
            max_bytes: 64 * 1024 * 1024,
        })
    }

    /// Sends one action and returns its `result`, or the `error` Anki gave.
    pub fn call(&self, action: &str, params: Value) -> Result<Value, AnkiError> {
        let request = json!({ "action": action, "version": VERSION, "params": params });
        let protocol = |reason: String| AnkiError::Protocol {
            url: self.url.clone(),
            reason,
        };
        let mut response = self
            .agent
            .post(&self.url)
            .header("Content-Type", "application/json")
            .send(request.to_string())
            .map_err(|err| match err {
                ureq::Error::ConnectionFailed | ureq::Error::HostNotFound | ureq::Error::Io(_) => {
                    AnkiError::NotRunning {
                        url: self.url.clone(),
                    }
                }
                ureq::Error::Timeout(_) => protocol(
                    "no answer in time; is a dialog open in Anki? close it and try again".into(),
                ),
                other => protocol(other.to_string()),
            })?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(protocol(format!("HTTP status {status}")));
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|err| protocol(err.to_string()))?;
        let mut answer: Value =
            serde_json::from_slice(&body).map_err(|err| protocol(format!("not JSON ({err})")))?;
        let Some(object) = answer.as_object_mut() else {
            return Err(protocol("not a JSON object".into()));
        };
        match object.get("error") {
            None => return Err(protocol("no \"error\" member".into())),
            Some(Value::Null) => {}
            Some(error) => {
                let message = error
                    .as_str()
                    .map_or_else(|| error.to_string(), str::to_owned);
                return Err(AnkiError::Refused {
                    action: action.to_owned(),
                    message: one_line_capped(&message),
                });
            }
        }
        object
            .remove("result")
            .ok_or_else(|| protocol("no \"result\" member".into()))
    }
}

/// One note to send: the text export's row (see [`super::row`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The fields, in [`FIELDS`] order, as plain text.
    pub fields: [String; 9],
    /// Anki tags (no spaces inside one).
    pub tags: Vec<String>,
}

impl Note {
    /// The note of an exported row ([`super::row`]'s fields, in [`COLUMNS`] order).
    pub fn from_row(row: [String; 10]) -> Note {
        let [
            guid,
            term,
            translation,
            root,
            cloze,
            sentence,
            source,
            status,
            tags,
            sentence_translation,
        ] = row;
        Note {
            tags: tags.split_whitespace().map(str::to_owned).collect(),
            fields: [
                guid,
                term,
                translation,
                root,
                cloze,
                sentence,
                source,
                status,
                sentence_translation,
            ],
        }
    }

    fn guid(&self) -> &str {
        &self.fields[0]
    }

    /// The fields as AnkiConnect takes them: a name → HTML map. Fields are HTML in Anki, so
    /// plain text is escaped (a `<` in a sentence stays a `<`).
    fn field_map(&self) -> Value {
        FIELDS
            .iter()
            .zip(&self.fields)
            .map(|(name, value)| {
                (
                    (*name).to_owned(),
                    Value::String(html_escape::encode_text(value).into_owned()),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
}

/// What a send did to the `kabar` note type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum NoteTypeChange {
    /// It was there with every field.
    #[default]
    None,
    /// It was created.
    Created,
    /// It was there without these fields, which were added. `back_updated` says whether the
    /// card's back was kabar's own and now shows them; otherwise the learner's template is
    /// left alone.
    FieldsAdded {
        /// The fields added.
        fields: Vec<&'static str>,
        /// Whether kabar's own back template was replaced by the current one.
        back_updated: bool,
    },
}

/// What a send did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The deck new notes went to (Anki keeps an existing deck as it is).
    pub deck: String,
    /// What was done to the note type.
    pub note_type: NoteTypeChange,
    /// Ids of the notes added.
    pub added: Vec<u64>,
    /// Ids of the notes that were already there and were updated.
    pub updated: Vec<u64>,
}

/// Sends `notes` to `deck`: makes sure the deck and the note type exist, then adds the notes
/// Anki does not have yet and updates the fields of those it has (found by their guid field
/// among the notes of type `kabar`, in whatever deck the learner moved them to).
pub fn send(client: &Client, deck: &str, notes: &[Note]) -> Result<Outcome, AnkiError> {
    let version = client.call("version", json!({}))?;
    let found = version.as_u64().ok_or_else(|| AnkiError::Protocol {
        url: client.url.clone(),
        reason: "the version is not a number".into(),
    })?;
    if found < VERSION {
        return Err(AnkiError::OldVersion {
            url: client.url.clone(),
            found,
        });
    }
    client.call("createDeck", json!({ "deck": deck }))?;
    let note_type = ensure_note_type(client)?;
    let existing = existing_notes(client)?;
    let mut outcome = Outcome {
        deck: deck.to_owned(),
        note_type,
        ..Outcome::default()
    };
    let (known, new): (Vec<&Note>, Vec<&Note>) = notes
        .iter()
        .partition(|note| existing.contains_key(note.guid()));
    for note in known {
        let id = existing[note.guid()];
        client.call(
            "updateNoteFields",
            json!({ "note": { "id": id, "fields": note.field_map() } }),
        )?;
        if !note.tags.is_empty() {
            client.call(
                "addTags",
                json!({ "notes": [id], "tags": note.tags.join(" ") }),
            )?;
        }
        outcome.updated.push(id);
    }
    if !new.is_empty() {
        let payload: Vec<Value> = new
            .iter()
            .map(|note| {
                json!({
                    "deckName": deck,
                    "modelName": ANKI_NOTETYPE,
                    "fields": note.field_map(),
                    "tags": note.tags,
                    "options": { "allowDuplicate": false },
                })
            })
            .collect();
        let ids = client.call("addNotes", json!({ "notes": payload }))?;
        let ids = ids.as_array().ok_or_else(|| AnkiError::Protocol {
            url: client.url.clone(),
            reason: "addNotes did not answer a list".into(),
        })?;
        let refused: Vec<&str> = new
            .iter()
            .zip(ids.iter().map(Value::as_u64).chain(std::iter::repeat(None)))
            .filter_map(|(note, id)| match id {
                Some(id) => {
                    outcome.added.push(id);
                    None
                }
                None => Some(note.fields[1].as_str()),
            })
            .collect();
        if !refused.is_empty() {
            return Err(AnkiError::Refused {
                action: "addNotes".into(),
                message: one_line_capped(&format!(
                    "{} of {} notes were not added ({}); {} added, {} updated",
                    refused.len(),
                    new.len(),
                    refused.join(", "),
                    outcome.added.len(),
                    outcome.updated.len()
                )),
            });
        }
    }
    Ok(outcome)
}

/// Creates the `kabar` cloze note type unless Anki has one. A `kabar` note type made by hand
/// for the text import (whose guid is the note's own, not a field) gets the fields it lacks
/// added at the end. Returns what was done.
fn ensure_note_type(client: &Client) -> Result<NoteTypeChange, AnkiError> {
    let names = client.call("modelNames", json!({}))?;
    let has = names
        .as_array()
        .is_some_and(|names| names.iter().any(|n| n.as_str() == Some(ANKI_NOTETYPE)));
    if has {
        let fields = client.call("modelFieldNames", json!({ "modelName": ANKI_NOTETYPE }))?;
        let fields: Vec<&str> = fields
            .as_array()
            .map(|f| f.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let missing: Vec<&'static str> = FIELDS
            .iter()
            .copied()
            .filter(|f| !fields.contains(f))
            .collect();
        for field in &missing {
            client.call(
                "modelFieldAdd",
                json!({ "modelName": ANKI_NOTETYPE, "fieldName": field }),
            )?;
        }
        if missing.is_empty() {
            return Ok(NoteTypeChange::None);
        }
        let back_updated = update_own_back(client)?;
        return Ok(NoteTypeChange::FieldsAdded {
            fields: missing,
            back_updated,
        });
    }
    client.call(
        "createModel",
        json!({
            "modelName": ANKI_NOTETYPE,
            "inOrderFields": FIELDS,
            "isCloze": true,
            "css": ".card { font-family: sans-serif; font-size: 22px; text-align: center; }\n.cloze { font-weight: bold; color: #1a64b4; }",
            "cardTemplates": [{ "Name": TEMPLATE, "Front": FRONT, "Back": BACK }],
        }),
    )?;
    Ok(NoteTypeChange::Created)
}

/// Gives a note type whose card back is the one an earlier kabar created the current back,
/// which shows the fields added since. A template the learner wrote is left as it is. Returns
/// whether the back was replaced.
fn update_own_back(client: &Client) -> Result<bool, AnkiError> {
    let templates = client.call("modelTemplates", json!({ "modelName": ANKI_NOTETYPE }))?;
    let own = templates
        .pointer(&format!("/{TEMPLATE}/Back"))
        .and_then(Value::as_str)
        == Some(BACK_BEFORE_SENTENCE_TRANSLATION);
    if own {
        client.call(
            "updateModelTemplates",
            json!({ "model": { "name": ANKI_NOTETYPE, "templates": { TEMPLATE: { "Front": FRONT, "Back": BACK } } } }),
        )?;
    }
    Ok(own)
}

/// The guid → note id of every note of type `kabar` in the collection. A note without a guid
/// field value (brought in by the text import, where the guid is Anki's own) is known by the
/// guid of its term, which is how the text export made it.
fn existing_notes(client: &Client) -> Result<HashMap<String, u64>, AnkiError> {
    let ids = client.call(
        "findNotes",
        json!({ "query": format!("\"note:{ANKI_NOTETYPE}\"") }),
    )?;
    let ids: Vec<u64> = ids
        .as_array()
        .map(|ids| ids.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let infos = client.call("notesInfo", json!({ "notes": ids }))?;
    let mut by_guid = HashMap::new();
    for info in infos.as_array().into_iter().flatten() {
        let id = info.get("noteId").and_then(Value::as_u64);
        let guid = info
            .pointer("/fields/guid/value")
            .and_then(Value::as_str)
            .map(str::trim);
        let guid = match guid {
            Some(guid) if !guid.is_empty() => guid.to_owned(),
            _ => match info.pointer("/fields/term/value").and_then(Value::as_str) {
                Some(term) if !term.trim().is_empty() => {
                    super::guid(&crate::text::fold(&html_escape::decode_html_entities(term)))
                }
                _ => continue,
            },
        };
        if let Some(id) = id {
            // Two notes with one guid (a copy made in Anki): the first keeps being updated.
            by_guid.entry(guid).or_insert(id);
        }
    }
    Ok(by_guid)
}

/// Anki's reasons can be long (a traceback) and span lines: one line, at most 300 characters.
fn one_line_capped(text: &str) -> String {
    let line = crate::text::one_line(text);
    match line.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_follow_the_text_export_and_tags_become_anki_tags() {
        let without_tags: Vec<&str> = COLUMNS.iter().copied().filter(|c| *c != "tags").collect();
        assert_eq!(FIELDS.to_vec(), without_tags);
        let note = Note::from_row([
            "kabar-1".into(),
            "perang".into(),
            "war".into(),
            String::new(),
            "{{c1::perang}}".into(),
            "a < b & c".into(),
            String::new(),
            "2".into(),
            "news law".into(),
            "in English".into(),
        ]);
        assert_eq!(note.tags, ["news", "law"]);
        let map = note.field_map();
        assert_eq!(map["guid"], "kabar-1");
        assert_eq!(map["sentence"], "a &lt; b &amp; c");
        assert_eq!(map["sentence_translation"], "in English");
        assert_eq!(map.as_object().unwrap().len(), 9);
    }

    #[test]
    fn only_web_addresses_and_nothing_answering_is_one_line() {
        assert!(matches!(
            Client::new("127.0.0.1:8765"),
            Err(AnkiError::BadUrl { .. })
        ));
        // A port nothing listens on: bind one, then let it go.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client = Client::new(&format!("http://127.0.0.1:{port}")).unwrap();
        let err = client.call("version", json!({})).unwrap_err();
        assert!(matches!(err, AnkiError::NotRunning { .. }), "{err:?}");
        assert!(!err.to_string().contains('\n'));
    }

    #[test]
    fn long_reasons_are_capped() {
        let capped = one_line_capped(&"x\n".repeat(400));
        assert!(!capped.contains('\n') && capped.ends_with('…'));
        assert_eq!(capped.chars().count(), 301);
    }
}

//! A stub AnkiConnect on 127.0.0.1 for export tests: an HTTP/1.1 server on a free port that
//! answers the version 6 protocol's actions kabar uses (`version`, `createDeck`, `modelNames`,
//! `modelFieldNames`, `modelFieldAdd`, `createModel`, `findNotes`, `notesInfo`, `addNotes`,
//! `updateNoteFields`, `addTags`) from a small in-memory collection, and records every request.
//! Std and serde_json only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

/// A note the stub keeps.
#[derive(Clone, Debug)]
pub struct StubNote {
    /// Its id, as Anki gives them.
    pub id: u64,
    /// The deck it was added to.
    pub deck: String,
    /// Its note type.
    pub model: String,
    /// Field name → value, in the order they were sent.
    pub fields: Vec<(String, String)>,
    /// Its tags.
    pub tags: Vec<String>,
}

impl StubNote {
    /// The value of field `name`.
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The stub's collection and what it was asked.
#[derive(Debug, Default)]
pub struct Collection {
    /// Every request's body, in order.
    pub requests: Vec<Value>,
    /// Deck names.
    pub decks: Vec<String>,
    /// Note types: name and the createModel parameters (or the fields of a preset one).
    pub models: Vec<(String, Value)>,
    /// The notes.
    pub notes: Vec<StubNote>,
}

impl Collection {
    /// The actions asked for, in order.
    pub fn actions(&self) -> Vec<String> {
        self.requests
            .iter()
            .map(|r| r["action"].as_str().unwrap_or("?").to_owned())
            .collect()
    }
}

/// A running stub; it lives until the test process ends.
pub struct AnkiStub {
    /// "http://127.0.0.1:PORT".
    pub url: String,
    /// The collection, shared with the server thread.
    pub collection: Arc<Mutex<Collection>>,
}

impl AnkiStub {
    /// Starts the stub with an empty collection.
    pub fn start() -> AnkiStub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let collection = Arc::new(Mutex::new(Collection::default()));
        let shared = Arc::clone(&collection);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || serve(stream, &shared));
            }
        });
        AnkiStub { url, collection }
    }

    /// Locks the collection for a look.
    pub fn state(&self) -> std::sync::MutexGuard<'_, Collection> {
        self.collection.lock().unwrap()
    }
}

/// Serves requests on one connection until the client closes it.
fn serve(stream: TcpStream, collection: &Mutex<Collection>) {
    let mut writer = stream.try_clone().expect("clone stream");
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        match reader.read_line(&mut request_line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut length = 0;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) if line == "\r\n" || line == "\n" => break,
                Ok(_) => {
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("content-length")
                    {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let answer = match serde_json::from_slice::<Value>(&body) {
            Ok(request) => answer(&request, &mut collection.lock().unwrap()),
            Err(err) => json!({ "result": null, "error": format!("bad JSON: {err}") }),
        }
        .to_string();
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            answer.len()
        );
        if writer.write_all(head.as_bytes()).is_err()
            || writer.write_all(answer.as_bytes()).is_err()
        {
            return;
        }
    }
}

fn answer(request: &Value, c: &mut Collection) -> Value {
    c.requests.push(request.clone());
    if request["version"] != 6 {
        return json!({ "result": null, "error": "kabar must ask for version 6" });
    }
    let params = &request["params"];
    let result = match request["action"].as_str().unwrap_or("") {
        "version" => json!(6),
        "createDeck" => {
            let name = params["deck"].as_str().unwrap_or_default().to_owned();
            if !c.decks.contains(&name) {
                c.decks.push(name);
            }
            json!(1_500_000_000_000u64 + c.decks.len() as u64)
        }
        "modelNames" => json!(c.models.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()),
        "modelFieldNames" => {
            let name = params["modelName"].as_str().unwrap_or_default();
            match c.models.iter().find(|(n, _)| n == name) {
                Some((_, model)) => model["inOrderFields"].clone(),
                None => {
                    return json!({ "result": null, "error": format!("model was not found: {name}") });
                }
            }
        }
        "createModel" => {
            let name = params["modelName"].as_str().unwrap_or_default().to_owned();
            if c.models.iter().any(|(n, _)| *n == name) {
                return json!({ "result": null, "error": "Model name already exists" });
            }
            c.models.push((name, params.clone()));
            json!({ "id": 1_600_000_000_000u64 })
        }
        "modelFieldAdd" => {
            let name = params["modelName"].as_str().unwrap_or_default();
            let field = params["fieldName"].as_str().unwrap_or_default().to_owned();
            let Some((_, model)) = c.models.iter_mut().find(|(n, _)| n == name) else {
                return json!({ "result": null, "error": format!("model was not found: {name}") });
            };
            if let Some(fields) = model["inOrderFields"].as_array_mut() {
                fields.push(json!(field));
            }
            for note in c.notes.iter_mut().filter(|n| n.model == name) {
                note.fields.push((field.clone(), String::new()));
            }
            Value::Null
        }
        "modelTemplates" => {
            let name = params["modelName"].as_str().unwrap_or_default();
            let Some((_, model)) = c.models.iter().find(|(n, _)| n == name) else {
                return json!({ "result": null, "error": format!("model was not found: {name}") });
            };
            let templates: serde_json::Map<String, Value> = model["cardTemplates"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| {
                    let name = t["Name"].as_str().unwrap_or_default().to_owned();
                    (name, json!({ "Front": t["Front"], "Back": t["Back"] }))
                })
                .collect();
            Value::Object(templates)
        }
        "updateModelTemplates" => {
            let name = params["model"]["name"].as_str().unwrap_or_default();
            let Some((_, model)) = c.models.iter_mut().find(|(n, _)| n == name) else {
                return json!({ "result": null, "error": format!("model was not found: {name}") });
            };
            let updates = params["model"]["templates"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            for template in model["cardTemplates"].as_array_mut().into_iter().flatten() {
                let name = template["Name"].as_str().unwrap_or_default().to_owned();
                if let Some(update) = updates.get(&name) {
                    template["Front"] = update["Front"].clone();
                    template["Back"] = update["Back"].clone();
                }
            }
            Value::Null
        }
        "findNotes" => {
            let query = params["query"].as_str().unwrap_or_default();
            let ids: Vec<u64> = c
                .notes
                .iter()
                .filter(|n| query.contains(&format!("note:{}", n.model)))
                .map(|n| n.id)
                .collect();
            json!(ids)
        }
        "notesInfo" => {
            let wanted: Vec<u64> = params["notes"]
                .as_array()
                .map(|ids| ids.iter().filter_map(Value::as_u64).collect())
                .unwrap_or_default();
            let infos: Vec<Value> = c
                .notes
                .iter()
                .filter(|n| wanted.contains(&n.id))
                .map(|n| {
                    let fields: serde_json::Map<String, Value> = n
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(order, (k, v))| (k.clone(), json!({ "value": v, "order": order })))
                        .collect();
                    json!({ "noteId": n.id, "modelName": n.model, "tags": n.tags, "fields": fields })
                })
                .collect();
            json!(infos)
        }
        "addNotes" => {
            let mut ids = Vec::new();
            for note in params["notes"].as_array().into_iter().flatten() {
                let id = 1_700_000_000_000u64 + c.notes.len() as u64;
                c.notes.push(StubNote {
                    id,
                    deck: note["deckName"].as_str().unwrap_or_default().to_owned(),
                    model: note["modelName"].as_str().unwrap_or_default().to_owned(),
                    fields: fields_of(&note["fields"]),
                    tags: note["tags"]
                        .as_array()
                        .map(|t| {
                            t.iter()
                                .filter_map(|t| t.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default(),
                });
                ids.push(json!(id));
            }
            json!(ids)
        }
        "updateNoteFields" => {
            let id = params["note"]["id"].as_u64();
            let Some(note) = c.notes.iter_mut().find(|n| Some(n.id) == id) else {
                return json!({ "result": null, "error": "Note was not found" });
            };
            for (name, value) in fields_of(&params["note"]["fields"]) {
                if let Some(slot) = note.fields.iter_mut().find(|(n, _)| *n == name) {
                    slot.1 = value;
                }
            }
            Value::Null
        }
        "addTags" => {
            let ids: Vec<u64> = params["notes"]
                .as_array()
                .map(|ids| ids.iter().filter_map(Value::as_u64).collect())
                .unwrap_or_default();
            let tags = params["tags"].as_str().unwrap_or_default();
            for note in c.notes.iter_mut().filter(|n| ids.contains(&n.id)) {
                for tag in tags.split_whitespace() {
                    if !note.tags.iter().any(|t| t == tag) {
                        note.tags.push(tag.to_owned());
                    }
                }
            }
            Value::Null
        }
        other => return json!({ "result": null, "error": format!("unsupported action: {other}") }),
    };
    json!({ "result": result, "error": null })
}

fn fields_of(fields: &Value) -> Vec<(String, String)> {
    fields
        .as_object()
        .map(|map| {
            map.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

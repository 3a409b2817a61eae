//! Turning a plugin's proposed edits into file changes: validated, composed per file, idempotent, reversible.
//!
//! [`plan`] reads the files and computes their new contents without writing anything; the caller shows
//! [`FileChange::unified_diff`] (dry run) or calls [`apply`], which backs each file up before replacing it.
//! Planning the same edits against their own result yields no change, and [`SetupMode::Remove`] undoes
//! exactly what [`SetupMode::Install`] added, leaving everything else in the files as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use jsonc_parser::ParseOptions;
use jsonc_parser::cst::{CstInputValue, CstNode, CstObject, CstRootNode};

use crate::error::PluginError;
use crate::paths::PathPolicy;
use crate::types::{Block, Change, Edit, Merge, MergeMode};

/// Whether `mx setup` adds the plugin's edits or takes them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupMode {
    Install,
    Remove,
}

/// The planned change of one file. `None` content means the file does not exist (before) or is deleted (after).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub path: PathBuf,
    pub before: Option<String>,
    pub after: Option<String>,
    /// Install only: what this change creates in a JSON or TOML file (see [`Ledger`]).
    pub created: Option<Created>,
}

/// What an install created for one file: the file itself, the directories made to hold it, and in JSON or TOML
/// files the containers (objects and arrays, tables and arrays) by key path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    pub file: bool,
    pub keys: BTreeSet<Vec<String>>,
    /// Deepest first.
    #[serde(default)]
    pub dirs: Vec<PathBuf>,
    /// The file as it was before mx first changed it (absent when mx created it). A removal whose result holds the
    /// same document puts these exact bytes back: the structural removal keeps comments and content, but cannot
    /// know the line breaks and indentation that adding a key reflowed (a one-line object comes back on three).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
}

/// What `mx setup` created in each file it edited, kept between runs so that `--remove` takes out exactly that: a
/// container emptied by the removal is deleted only if mx created it, and a file reduced to nothing only if mx
/// created the file. An empty `"hooks": {}` or a `{}` file the user had before stays. Files without a record (set up
/// before the ledger existed) fall back to removing emptied containers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    files: BTreeMap<PathBuf, Created>,
}

impl Ledger {
    /// Reads the ledger at `path`; a missing file is an empty ledger.
    pub fn load(path: &Path) -> Result<Self, PluginError> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|err| PluginError::Edit {
                plugin: "mx".to_owned(),
                path: path.to_path_buf(),
                message: format!(
                    "the setup ledger is not valid ({err}); delete it (removal then also drops containers that end up empty)"
                ),
            }),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(err) => Err(PluginError::Io { action: "read", path: path.to_path_buf(), source: err }),
        }
    }

    /// Writes the ledger to `path` (beside it, then renamed: never half a file).
    pub fn save(&self, path: &Path) -> Result<(), PluginError> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(PluginError::io("create the directory", parent))?;
        }
        let text = serde_json::to_string_pretty(self).unwrap_or_default();
        let tmp = path.with_extension(format!("mx-tmp{}", std::process::id()));
        std::fs::write(&tmp, text + "\n").map_err(PluginError::io("write", &tmp))?;
        std::fs::rename(&tmp, path).map_err(PluginError::io("replace", path))
    }

    /// Notes what applied install changes created (added to what earlier installs created).
    pub fn record(&mut self, changes: &[FileChange]) {
        for change in changes {
            if let Some(created) = &change.created {
                let fresh = !self.files.contains_key(&change.path);
                let entry = self.files.entry(change.path.clone()).or_default();
                // Only the state before mx's first change is the user's own; later installs start from mx's edits.
                if fresh {
                    entry.original.clone_from(&created.original);
                }
                entry.file |= created.file;
                entry.keys.extend(created.keys.iter().cloned());
                for dir in &created.dirs {
                    if !entry.dirs.contains(dir) {
                        entry.dirs.push(dir.clone());
                    }
                }
            }
        }
    }

    /// Drops the records of files an applied removal changed, and removes the directories mx made for a file it
    /// deleted if nothing else has been put in them since.
    pub fn forget(&mut self, changes: &[FileChange]) {
        for change in changes.iter().filter(|c| !c.is_noop()) {
            if let Some(created) = self.files.remove(&change.path)
                && change.after.is_none()
            {
                for dir in &created.dirs {
                    // Fails (and is meant to) when the directory holds anything.
                    let _ = std::fs::remove_dir(dir);
                }
            }
        }
    }

    fn get(&self, path: &Path) -> Option<&Created> {
        self.files.get(path)
    }
}

impl FileChange {
    /// True when applying it would change nothing.
    pub fn is_noop(&self) -> bool {
        self.before == self.after
    }

    /// A unified diff labelled with `label` (e.g. the path relative to the project, or with `~`).
    pub fn unified_diff(&self, label: &str) -> String {
        let before = self.before.as_deref().unwrap_or("");
        let after = self.after.as_deref().unwrap_or("");
        let old = if self.before.is_some() { format!("a/{label}") } else { "/dev/null".to_owned() };
        let new = if self.after.is_some() { format!("b/{label}") } else { "/dev/null".to_owned() };
        similar::TextDiff::from_lines(before, after).unified_diff().context_radius(3).header(&old, &new).to_string()
    }
}

/// Validates every edit's path and computes the resulting files. Any refused path refuses the whole setup.
/// Without a [`Ledger`]: see [`plan_with`].
pub fn plan(
    plugin: &str,
    edits: &[Edit],
    policy: &PathPolicy,
    mode: SetupMode,
) -> Result<Vec<FileChange>, PluginError> {
    plan_with(plugin, edits, policy, mode, &Ledger::default())
}

/// [`plan`], with what earlier installs created ([`Ledger`]) deciding what a removal may delete.
pub fn plan_with(
    plugin: &str,
    edits: &[Edit],
    policy: &PathPolicy,
    mode: SetupMode,
    ledger: &Ledger,
) -> Result<Vec<FileChange>, PluginError> {
    // Validate everything before reading anything: a plugin that proposes one bad path gets nothing.
    let mut targets = Vec::with_capacity(edits.len());
    for edit in edits {
        let path = policy.check_write(&edit.path).map_err(|reason| PluginError::Denied {
            plugin: plugin.to_owned(),
            action: "editing",
            path: edit.path.clone(),
            reason,
        })?;
        targets.push(path);
    }

    let mut files: BTreeMap<PathBuf, (Option<String>, Option<String>)> = BTreeMap::new();
    let mut order = Vec::new();
    for path in &targets {
        if !files.contains_key(path) {
            let before = read_existing(path)?;
            files.insert(path.clone(), (before.clone(), before));
            order.push(path.clone());
        }
    }
    // Undo in reverse: an edit's removal must see the file as that edit left it (e.g. a `create-file` that a
    // later merge in the same file extends is only recognisable once the merge is taken out).
    let mut steps: Vec<(&Edit, PathBuf)> = edits.iter().zip(targets).collect();
    if mode == SetupMode::Remove {
        steps.reverse();
    }
    let mut formats: BTreeMap<PathBuf, Format> = BTreeMap::new();
    for (edit, path) in steps {
        let Some((_, current)) = files.get_mut(&path) else { continue };
        let fail = |message: String| PluginError::Edit { plugin: plugin.to_owned(), path: path.clone(), message };
        let created = if mode == SetupMode::Remove { ledger.get(&path) } else { None };
        *current = apply_change(current.take(), &edit.change, mode, &path, created).map_err(fail)?;
        match &edit.change {
            Change::JsonMerge(_) => _ = formats.insert(path.clone(), Format::Json),
            Change::TomlMerge(_) => _ = formats.insert(path.clone(), Format::Toml),
            _ => {}
        }
    }

    let mut changes = Vec::new();
    for path in order {
        if let Some((before, after)) = files.remove(&path) {
            let created = (mode == SetupMode::Install).then(|| {
                let file = before.is_none() && after.is_some();
                Created {
                    file,
                    keys: formats.get(&path).map_or_else(BTreeSet::new, |format| {
                        format
                            .containers(after.as_deref())
                            .difference(&format.containers(before.as_deref()))
                            .cloned()
                            .collect()
                    }),
                    dirs: if file { missing_dirs(&path) } else { Vec::new() },
                    original: before.clone(),
                }
            });
            let after = match (mode, ledger.get(&path).and_then(|c| c.original.as_ref())) {
                (SetupMode::Remove, Some(original))
                    if after.as_deref().is_some_and(|after| same_document(after, original, formats.get(&path))) =>
                {
                    Some(original.clone())
                }
                _ => after,
            };
            changes.push(FileChange { path, before, after, created });
        }
    }
    Ok(changes)
}

/// Writes the changes that change something, backing each existing file up to `backup_dir` first.
/// Returns the backups made.
pub fn apply(changes: &[FileChange], backup_dir: &Path) -> Result<Vec<PathBuf>, PluginError> {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut backups = Vec::new();
    for change in changes.iter().filter(|change| !change.is_noop()) {
        if let Some(before) = &change.before {
            std::fs::create_dir_all(backup_dir).map_err(PluginError::io("create the backup directory", backup_dir))?;
            let name = change.path.to_string_lossy().trim_start_matches('/').replace('/', "%");
            let mut backup = backup_dir.join(format!("{name}.{stamp}"));
            let mut attempt = 1;
            while backup.exists() {
                attempt += 1;
                backup = backup_dir.join(format!("{name}.{stamp}-{attempt}"));
            }
            std::fs::write(&backup, before).map_err(PluginError::io("back up to", &backup))?;
            backups.push(backup);
        }
        match &change.after {
            Some(after) => {
                if let Some(parent) = change.path.parent() {
                    std::fs::create_dir_all(parent).map_err(PluginError::io("create the directory", parent))?;
                }
                // Write beside the file and rename, so an interrupted setup never leaves half a config file.
                let tmp = change.path.with_extension(format!("mx-tmp{}", std::process::id()));
                std::fs::write(&tmp, after).map_err(PluginError::io("write", &tmp))?;
                std::fs::rename(&tmp, &change.path).map_err(PluginError::io("replace", &change.path))?;
            }
            None => std::fs::remove_file(&change.path).map_err(PluginError::io("remove", &change.path))?,
        }
    }
    Ok(backups)
}

/// The structured formats whose containers the [`Ledger`] records.
#[derive(Debug, Clone, Copy)]
enum Format {
    Json,
    Toml,
}

impl Format {
    /// The key paths of every object/table and array in `text` (none when it is absent or does not parse).
    fn containers(self, text: Option<&str>) -> BTreeSet<Vec<String>> {
        let value = text.and_then(|text| match self {
            Format::Json => CstRootNode::parse(text, &ParseOptions::default())
                .ok()
                .and_then(|root| root.value())
                .and_then(|node| node_to_serde(&node).ok()),
            Format::Toml => text
                .parse::<toml_edit::DocumentMut>()
                .ok()
                .and_then(|doc| item_to_json(&toml_edit::Item::Table(doc.as_table().clone()))),
        });
        let mut out = BTreeSet::new();
        fn walk(value: &serde_json::Value, path: &mut Vec<String>, out: &mut BTreeSet<Vec<String>>) {
            if let serde_json::Value::Object(map) = value {
                for (key, child) in map {
                    if child.is_object() || child.is_array() {
                        path.push(key.clone());
                        out.insert(path.clone());
                        walk(child, path, out);
                        path.pop();
                    }
                }
            }
        }
        if let Some(value) = value {
            walk(&value, &mut Vec::new(), &mut out);
        }
        out
    }
}

/// True when `a` and `b` differ at most in layout: the same characters once whitespace is dropped (comments and
/// punctuation included) and, for JSON and TOML, the same value (so whitespace inside a string still counts).
fn same_document(a: &str, b: &str, format: Option<&Format>) -> bool {
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    if squeeze(a) != squeeze(b) {
        return false;
    }
    match format {
        Some(Format::Json) => {
            let value = |text: &str| {
                CstRootNode::parse(text, &ParseOptions::default())
                    .ok()
                    .and_then(|root| root.value())
                    .and_then(|node| node.to_serde_value())
            };
            value(a) == value(b)
        }
        Some(Format::Toml) => {
            let value = |text: &str| {
                text.parse::<toml_edit::DocumentMut>()
                    .ok()
                    .and_then(|doc| item_to_json(&toml_edit::Item::Table(doc.as_table().clone())))
            };
            value(a) == value(b)
        }
        None => true,
    }
}

/// The directories above `path` that do not exist yet, deepest first (what writing `path` will create).
fn missing_dirs(path: &Path) -> Vec<PathBuf> {
    path.ancestors()
        .skip(1)
        .take_while(|dir| !dir.as_os_str().is_empty() && !dir.exists())
        .map(Path::to_path_buf)
        .collect()
}

/// May a removal delete the container at `path` once it is empty? Yes if mx created it, or if nothing was recorded.
fn may_prune(created: Option<&Created>, path: &[String]) -> bool {
    created.is_none_or(|c| c.keys.contains(path))
}

fn read_existing(path: &Path) -> Result<Option<String>, PluginError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(PluginError::Io { action: "read", path: path.to_path_buf(), source: err }),
    }
}

fn apply_change(
    current: Option<String>,
    change: &Change,
    mode: SetupMode,
    path: &Path,
    created: Option<&Created>,
) -> Result<Option<String>, String> {
    match change {
        Change::JsonMerge(merge) => json_merge(current, merge, mode, created),
        Change::TomlMerge(merge) => toml_merge(current, merge, mode, created),
        Change::UpsertBlock(block) => Ok(upsert_block(current, block, mode, path)),
        Change::CreateFile(content) => Ok(match (mode, current) {
            (SetupMode::Install, None) => Some(content.clone()),
            (SetupMode::Install, Some(existing)) => Some(existing),
            // Only a file still exactly as mx created it is removed.
            (SetupMode::Remove, Some(existing)) if existing == *content => None,
            (SetupMode::Remove, other) => other,
        }),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// JSON / JSONC: edited through a concrete syntax tree, so comments, key order and formatting survive.

fn json_merge(
    current: Option<String>,
    merge: &Merge,
    mode: SetupMode,
    created: Option<&Created>,
) -> Result<Option<String>, String> {
    let value_root = CstRootNode::parse(&merge.value, &ParseOptions::default())
        .map_err(|err| format!("the plugin's value is not JSON: {err}"))?;
    let value_node = value_root.value().ok_or("the plugin's value is empty")?;
    let value = node_to_serde(&value_node)?;
    let input = node_to_input(&value_node)?;

    let was_absent = current.as_deref().is_none_or(|text| text.trim().is_empty());
    if was_absent && mode == SetupMode::Remove {
        return Ok(current);
    }
    let text = if was_absent { "{}\n".to_owned() } else { current.clone().unwrap_or_default() };
    let root = CstRootNode::parse(&text, &ParseOptions::default()).map_err(|err| format!("not valid JSON: {err}"))?;
    let root_obj = match root.value() {
        None => root.object_value_or_set(),
        Some(node) => node.as_object().ok_or("the document is not a JSON object")?,
    };

    let Some((last, parents)) = merge.key_path.split_last() else {
        return Err("an empty key path is not supported for JSON; name the key to merge into".to_owned());
    };

    match mode {
        SetupMode::Install => {
            let mut obj = root_obj;
            for key in parents {
                obj = match obj.get(key) {
                    Some(prop) => {
                        prop.object_value().ok_or_else(|| format!("`{}` is not an object", merge.key_path.join(".")))?
                    }
                    None => obj.object_value_or_set(key),
                };
            }
            json_install(&obj, last, &value, input, merge.mode)?;
        }
        SetupMode::Remove => {
            let mut chain = vec![root_obj];
            for key in parents {
                let Some(next) = chain.last().and_then(|obj| obj.object_value(key)) else {
                    return Ok(current);
                };
                chain.push(next);
            }
            if let Some(obj) = chain.last() {
                json_remove(obj, parents, last, &value, merge.mode, created);
            }
            // Take out the objects mx created on the way if they are now empty.
            for (depth, key) in parents.iter().enumerate().rev() {
                let (Some(parent), Some(child)) = (chain.get(depth), chain.get(depth + 1)) else { break };
                if child.properties().is_empty()
                    && may_prune(created, &parents[..=depth])
                    && let Some(prop) = parent.get(key)
                {
                    prop.remove();
                }
            }
        }
    }

    let mut out = root.to_string();
    // A document reduced to a bare `{}` held nothing but what mx added: remove the file (if mx created it).
    if mode == SetupMode::Remove && out.trim() == "{}" && created.is_none_or(|c| c.file) {
        return Ok(None);
    }
    if was_absent && !out.ends_with('\n') {
        out.push('\n');
    }
    if !was_absent && current.as_deref() == Some(out.as_str()) {
        return Ok(current);
    }
    Ok(Some(out))
}

fn json_install(
    obj: &CstObject,
    key: &str,
    value: &serde_json::Value,
    input: CstInputValue,
    mode: MergeMode,
) -> Result<(), String> {
    let existing = obj.get(key);
    match mode {
        MergeMode::Set => match existing {
            Some(prop) if prop_value(&prop).as_ref() == Some(value) => {}
            Some(prop) => prop.set_value(input),
            None => {
                obj.append(key, input);
            }
        },
        MergeMode::DeepMerge => match (existing, value.as_object(), input) {
            (Some(prop), Some(fields), CstInputValue::Object(inputs)) => match prop.object_value() {
                Some(child) => {
                    for ((name, field), (_, field_input)) in fields.iter().zip(order_like(fields, inputs)) {
                        json_install(&child, name, field, field_input, MergeMode::DeepMerge)?;
                    }
                }
                None => prop.set_value(CstInputValue::Object(order_like(fields, Vec::new()))),
            },
            (Some(prop), _, input) => {
                if prop_value(&prop).as_ref() != Some(value) {
                    prop.set_value(input);
                }
            }
            (None, _, input) => {
                obj.append(key, input);
            }
        },
        MergeMode::AppendUnique => {
            let (Some(items), CstInputValue::Array(item_inputs)) = (value.as_array(), input) else {
                return Err("append-unique needs an array value".to_owned());
            };
            let array = match existing {
                Some(prop) => prop.array_value().ok_or_else(|| format!("`{key}` is not an array"))?,
                None => obj.array_value_or_set(key),
            };
            let mut present: Vec<serde_json::Value> =
                array.elements().iter().filter_map(|node| node_to_serde(node).ok()).collect();
            for (item, item_input) in items.iter().zip(item_inputs) {
                if !present.contains(item) {
                    array.append(item_input);
                    present.push(item.clone());
                }
            }
        }
    }
    Ok(())
}

/// serde_json (without `preserve_order`) sorts object keys; put the CST inputs back in that order so the two
/// zip together. The written order is then alphabetical, which is stable and diff-friendly.
fn order_like(
    fields: &serde_json::Map<String, serde_json::Value>,
    inputs: Vec<(String, CstInputValue)>,
) -> Vec<(String, CstInputValue)> {
    let mut inputs = inputs;
    let mut ordered = Vec::with_capacity(fields.len());
    for (name, field) in fields {
        let position = inputs.iter().position(|(input_name, _)| input_name == name);
        let input = match position {
            Some(index) => inputs.swap_remove(index).1,
            None => serde_to_input(field),
        };
        ordered.push((name.clone(), input));
    }
    ordered
}

/// Takes `value` (as merged with `mode`) out of `obj[key]`; `at` is `obj`'s key path, for [`may_prune`].
fn json_remove(
    obj: &CstObject,
    at: &[String],
    key: &str,
    value: &serde_json::Value,
    mode: MergeMode,
    created: Option<&Created>,
) {
    let Some(prop) = obj.get(key) else { return };
    let path: Vec<String> = at.iter().cloned().chain(std::iter::once(key.to_owned())).collect();
    match mode {
        MergeMode::Set => {
            if prop_value(&prop).as_ref() == Some(value) {
                prop.remove();
            }
        }
        MergeMode::DeepMerge => match (prop.object_value(), value.as_object()) {
            (Some(child), Some(fields)) => {
                for (name, field) in fields {
                    json_remove(&child, &path, name, field, MergeMode::DeepMerge, created);
                }
                if child.properties().is_empty() && may_prune(created, &path) {
                    prop.remove();
                }
            }
            _ => {
                if prop_value(&prop).as_ref() == Some(value) {
                    prop.remove();
                }
            }
        },
        MergeMode::AppendUnique => {
            let (Some(array), Some(items)) = (prop.array_value(), value.as_array()) else { return };
            for element in array.elements() {
                if node_to_serde(&element).is_ok_and(|element_value| items.contains(&element_value)) {
                    element.remove();
                }
            }
            if array.elements().is_empty() && may_prune(created, &path) {
                prop.remove();
            }
        }
    }
}

fn prop_value(prop: &jsonc_parser::cst::CstObjectProp) -> Option<serde_json::Value> {
    prop.value().and_then(|node| node.to_serde_value())
}

fn node_to_serde(node: &CstNode) -> Result<serde_json::Value, String> {
    node.to_serde_value().ok_or_else(|| "a JSON value could not be read".to_owned())
}

/// CST node → insertable value, keeping the author's key order.
fn node_to_input(node: &CstNode) -> Result<CstInputValue, String> {
    if let Some(object) = node.as_object() {
        let mut props = Vec::new();
        for prop in object.properties() {
            let name = prop.name().and_then(|name| name.decoded_value().ok()).ok_or("a key could not be read")?;
            let value = prop.value().ok_or("a key has no value")?;
            props.push((name, node_to_input(&value)?));
        }
        return Ok(CstInputValue::Object(props));
    }
    if let Some(array) = node.as_array() {
        return array.elements().iter().map(node_to_input).collect::<Result<Vec<_>, _>>().map(CstInputValue::Array);
    }
    Ok(serde_to_input(&node_to_serde(node)?))
}

fn serde_to_input(value: &serde_json::Value) -> CstInputValue {
    match value {
        serde_json::Value::Null => CstInputValue::Null,
        serde_json::Value::Bool(b) => CstInputValue::Bool(*b),
        serde_json::Value::Number(n) => CstInputValue::Number(n.to_string()),
        serde_json::Value::String(s) => CstInputValue::String(s.clone()),
        serde_json::Value::Array(items) => CstInputValue::Array(items.iter().map(serde_to_input).collect()),
        serde_json::Value::Object(map) => {
            CstInputValue::Object(map.iter().map(|(k, v)| (k.clone(), serde_to_input(v))).collect())
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// TOML: toml_edit keeps comments, ordering and formatting of everything it does not touch.

fn toml_merge(
    current: Option<String>,
    merge: &Merge,
    mode: SetupMode,
    created: Option<&Created>,
) -> Result<Option<String>, String> {
    let value: serde_json::Value =
        serde_json::from_str(&merge.value).map_err(|err| format!("the plugin's value is not JSON: {err}"))?;
    if mode == SetupMode::Remove && current.is_none() {
        return Ok(None);
    }
    let text = current.clone().unwrap_or_default();
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|err| format!("not valid TOML: {err}"))?;
    let Some((last, parents)) = merge.key_path.split_last() else {
        return Err("an empty key path is not supported for TOML; name the key to merge into".to_owned());
    };

    match mode {
        SetupMode::Install => {
            let mut table = doc.as_table_mut();
            for key in parents {
                let entry = table.entry(key).or_insert_with(|| {
                    let mut implicit = toml_edit::Table::new();
                    implicit.set_implicit(true);
                    toml_edit::Item::Table(implicit)
                });
                table = entry.as_table_mut().ok_or_else(|| format!("`{key}` is not a table"))?;
            }
            toml_install(table, last, &value, merge.mode)?;
        }
        SetupMode::Remove => {
            toml_remove_path(doc.as_table_mut(), &[], parents, last, &value, merge.mode, created);
        }
    }
    let out = doc.to_string();
    if current.as_deref() == Some(out.as_str()) {
        return Ok(current);
    }
    if out.trim().is_empty() && mode == SetupMode::Remove && created.is_none_or(|c| c.file) {
        return Ok(None);
    }
    Ok(Some(out))
}

fn toml_install(
    table: &mut toml_edit::Table,
    key: &str,
    value: &serde_json::Value,
    mode: MergeMode,
) -> Result<(), String> {
    let existing = table.get(key).and_then(item_to_json);
    match mode {
        MergeMode::Set => {
            if existing.as_ref() != Some(value) {
                table.insert(key, json_to_item(value)?);
            }
        }
        MergeMode::DeepMerge => match (table.get_mut(key).and_then(|item| item.as_table_mut()), value.as_object()) {
            (Some(child), Some(fields)) => {
                for (name, field) in fields {
                    toml_install(child, name, field, MergeMode::DeepMerge)?;
                }
            }
            _ => {
                if existing.as_ref() != Some(value) {
                    table.insert(key, json_to_item(value)?);
                }
            }
        },
        MergeMode::AppendUnique => {
            let items = value.as_array().ok_or("append-unique needs an array value")?;
            let array = table
                .entry(key)
                .or_insert(toml_edit::value(toml_edit::Array::new()))
                .as_array_mut()
                .ok_or_else(|| format!("`{key}` is not an array"))?;
            for item in items {
                let present = array.iter().any(|element| value_to_json(element).as_ref() == Some(item));
                if !present {
                    array.push(json_to_value(item)?);
                }
            }
        }
    }
    Ok(())
}

/// Takes `value` out of `table[parents…][last]`; `at` is `table`'s key path, for [`may_prune`].
fn toml_remove_path(
    table: &mut toml_edit::Table,
    at: &[String],
    parents: &[String],
    last: &str,
    value: &serde_json::Value,
    mode: MergeMode,
    created: Option<&Created>,
) {
    let here = |key: &str| -> Vec<String> { at.iter().cloned().chain(std::iter::once(key.to_owned())).collect() };
    if let Some((first, rest)) = parents.split_first() {
        if let Some(child) = table.get_mut(first).and_then(|item| item.as_table_mut()) {
            toml_remove_path(child, &here(first), rest, last, value, mode, created);
            if child.is_empty() && may_prune(created, &here(first)) {
                table.remove(first);
            }
        }
        return;
    }
    let existing = table.get(last).and_then(item_to_json);
    match mode {
        MergeMode::Set => {
            if existing.as_ref() == Some(value) {
                table.remove(last);
            }
        }
        MergeMode::DeepMerge => match (table.get_mut(last).and_then(|item| item.as_table_mut()), value.as_object()) {
            (Some(child), Some(fields)) => {
                for (name, field) in fields {
                    toml_remove_path(child, &here(last), &[], name, field, MergeMode::DeepMerge, created);
                }
                if child.is_empty() && may_prune(created, &here(last)) {
                    table.remove(last);
                }
            }
            _ => {
                if existing.as_ref() == Some(value) {
                    table.remove(last);
                }
            }
        },
        MergeMode::AppendUnique => {
            let Some(items) = value.as_array() else { return };
            let Some(array) = table.get_mut(last).and_then(|item| item.as_array_mut()) else { return };
            array.retain(|element| !value_to_json(element).is_some_and(|v| items.contains(&v)));
            if array.is_empty() && may_prune(created, &here(last)) {
                table.remove(last);
            }
        }
    }
}

/// An object becomes a `[table]`, anything else a value.
fn json_to_item(value: &serde_json::Value) -> Result<toml_edit::Item, String> {
    match value {
        serde_json::Value::Object(map) => {
            let mut table = toml_edit::Table::new();
            for (key, field) in map {
                table.insert(key, json_to_item(field)?);
            }
            Ok(toml_edit::Item::Table(table))
        }
        other => Ok(toml_edit::Item::Value(json_to_value(other)?)),
    }
}

fn json_to_value(value: &serde_json::Value) -> Result<toml_edit::Value, String> {
    Ok(match value {
        serde_json::Value::Null => return Err("TOML has no null".to_owned()),
        serde_json::Value::Bool(b) => (*b).into(),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            None => n.as_f64().ok_or("a number TOML cannot hold")?.into(),
        },
        serde_json::Value::String(s) => s.as_str().into(),
        serde_json::Value::Array(items) => {
            let mut array = toml_edit::Array::new();
            for item in items {
                array.push(json_to_value(item)?);
            }
            toml_edit::Value::Array(array)
        }
        serde_json::Value::Object(map) => {
            let mut inline = toml_edit::InlineTable::new();
            for (key, field) in map {
                inline.insert(key, json_to_value(field)?);
            }
            toml_edit::Value::InlineTable(inline)
        }
    })
}

fn item_to_json(item: &toml_edit::Item) -> Option<serde_json::Value> {
    match item {
        toml_edit::Item::Value(value) => value_to_json(value),
        toml_edit::Item::Table(table) => Some(serde_json::Value::Object(
            table.iter().filter_map(|(k, v)| item_to_json(v).map(|v| (k.to_owned(), v))).collect(),
        )),
        toml_edit::Item::ArrayOfTables(tables) => Some(serde_json::Value::Array(
            tables.iter().map(|t| item_to_json(&toml_edit::Item::Table(t.clone())).unwrap_or_default()).collect(),
        )),
        toml_edit::Item::None => None,
    }
}

fn value_to_json(value: &toml_edit::Value) -> Option<serde_json::Value> {
    Some(match value {
        toml_edit::Value::String(s) => serde_json::Value::String(s.value().clone()),
        toml_edit::Value::Integer(i) => serde_json::Value::from(*i.value()),
        toml_edit::Value::Float(f) => serde_json::Value::from(*f.value()),
        toml_edit::Value::Boolean(b) => serde_json::Value::Bool(*b.value()),
        toml_edit::Value::Datetime(d) => serde_json::Value::String(d.value().to_string()),
        toml_edit::Value::Array(array) => serde_json::Value::Array(array.iter().filter_map(value_to_json).collect()),
        toml_edit::Value::InlineTable(table) => serde_json::Value::Object(
            table.iter().filter_map(|(k, v)| value_to_json(v).map(|v| (k.to_owned(), v))).collect(),
        ),
    })
}

// ---------------------------------------------------------------------------------------------------------------
// Marker-delimited blocks.

/// Comment syntax for the markers, by file type: HTML comments for Markdown, `#` for config and scripts,
/// `//` for C-like sources.
fn markers(path: &Path, id: &str) -> (String, String) {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let (open, close) = match extension.as_str() {
        "md" | "mdc" | "markdown" | "html" | "xml" | "txt" | "" => ("<!-- ", " -->"),
        "toml" | "yaml" | "yml" | "sh" | "bash" | "zsh" | "py" | "rb" | "cfg" | "ini" | "conf" | "env" => ("# ", ""),
        _ => ("// ", ""),
    };
    (format!("{open}mx:begin {id}{close}"), format!("{open}mx:end {id}{close}"))
}

fn upsert_block(current: Option<String>, block: &Block, mode: SetupMode, path: &Path) -> Option<String> {
    let (begin, end) = markers(path, &block.marker_id);
    let body = block.content.trim_end_matches('\n');
    let rendered = format!("{begin}\n{body}\n{end}\n");
    let text = current.clone().unwrap_or_default();

    let found = text.find(&begin).and_then(|start| {
        text[start..].find(&end).map(|offset| {
            let mut stop = start + offset + end.len();
            if text[stop..].starts_with('\n') {
                stop += 1;
            }
            (start, stop)
        })
    });

    match (mode, found) {
        (SetupMode::Install, Some((start, stop))) => {
            if text[start..stop] == rendered {
                current
            } else {
                Some(format!("{}{rendered}{}", &text[..start], &text[stop..]))
            }
        }
        (SetupMode::Install, None) => {
            // Appended after a blank line; removal takes that blank line out again.
            let separator = match text.as_str() {
                "" => "",
                t if t.ends_with("\n\n") => "",
                t if t.ends_with('\n') => "\n",
                _ => "\n\n",
            };
            Some(format!("{text}{separator}{rendered}"))
        }
        (SetupMode::Remove, Some((start, stop))) => {
            let mut head = text[..start].to_owned();
            let tail = &text[stop..];
            if tail.is_empty() && head.ends_with("\n\n") {
                head.pop();
            }
            let out = format!("{head}{tail}");
            // A file that held nothing but mx's block was created by mx: remove it.
            if out.is_empty() { None } else { Some(out) }
        }
        (SetupMode::Remove, None) => current,
    }
}

#[cfg(test)]
mod tests;

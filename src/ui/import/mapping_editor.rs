//! `<MappingEditor/>`: every header of a file and the field it feeds, with selects to correct
//! the kind, the worksheet and each column. Applying remembers the correction for files with
//! the same headers and has the engine import the files again.

use engine::ingest::{Field, FileKind, ImportReport as FileReport};
use leptos::prelude::*;

use super::remembered::{self, Choice, Edit};
use super::{follow_toggle, ImportUi};
use crate::i18n::tr;
use crate::state::AppState;
use crate::ui::import_report::kind_label;

/// The kinds in the order the editor lists them.
const KINDS: [FileKind; 5] = [
    FileKind::Customers,
    FileKind::Deals,
    FileKind::Orders,
    FileKind::Surveys,
    FileKind::Spend,
];

/// The fields a column may feed in a file of `kind`; every field while the kind is unknown.
fn fields_for(kind: Option<FileKind>) -> Vec<Field> {
    match kind {
        Some(kind) => kind.fields().to_vec(),
        None => Field::ALL.to_vec(),
    }
}

/// A field as the editor offers it: its name, marked when a file of `kind` cannot do without.
fn field_text(field: Field, kind: Option<FileKind>) -> String {
    if kind.is_some_and(|kind| kind.required().contains(&field)) {
        format!("{} {}", field.as_str(), tr("(required)", "（必填）"))
    } else {
        field.as_str().to_owned()
    }
}

/// The column mapping of one file, collapsed until opened (opened by itself when the file
/// could not be recognised, since that is what needs fixing).
#[component]
pub fn MappingEditor(
    /// What the engine reported for the file, its mapping included.
    report: FileReport,
) -> impl IntoView {
    let state = AppState::expect();
    let ui = ImportUi::expect();
    let file = report.file.clone();
    if report.error.is_some() {
        ui.open_mappings.update_untracked(|open| {
            open.insert(file.clone());
        });
    }

    let initial_kind = report.kind;
    let initial_sheet = report.sheet.clone();
    // A column without a field is "not used" in a recognised file; in one that could not be
    // recognised, nothing was decided yet: it is left to recognition.
    let unmapped = if report.kind.is_some() {
        Choice::Ignore
    } else {
        Choice::Auto
    };
    let initial: Vec<Choice> = report
        .mapping
        .iter()
        .map(|c| c.field.map_or(unmapped, Choice::Use))
        .collect();
    let kind = RwSignal::new(initial_kind);
    let sheet = RwSignal::new(initial_sheet.clone());
    let choices = RwSignal::new(initial.clone());
    let touched = RwSignal::new(vec![false; initial.len()]);
    let kind_touched = RwSignal::new(false);

    let changed = Memo::new(move |_| {
        kind_touched.get()
            || sheet.with(|s| *s != initial_sheet)
            || touched.with(|t| t.iter().any(|&t| t))
    });

    let all = remembered::all();
    let existing = remembered::for_report(&all, &report).cloned();
    let existing_key = existing.as_ref().map(remembered::key_of);

    let set_kind = move |value: String| {
        let chosen = KINDS.into_iter().find(|k| k.as_str() == value);
        kind.set(chosen);
        kind_touched.set(chosen != initial_kind);
        // A field the new kind does not have falls back to automatic recognition.
        let offered = fields_for(chosen);
        choices.update(|choices| {
            for choice in choices.iter_mut() {
                if let Choice::Use(field) = choice {
                    if !offered.contains(field) {
                        *choice = Choice::Auto;
                    }
                }
            }
        });
    };

    let apply = {
        let report = report.clone();
        let existing = existing.clone();
        let existing_key = existing_key.clone();
        let initial = initial.clone();
        move |_| {
            let chosen = choices.get_untracked();
            let touched = touched.get_untracked();
            let columns = report
                .mapping
                .iter()
                .zip(&chosen)
                .zip(&initial)
                .zip(&touched)
                .filter(|(((_, now), before), touched)| **touched || now != before)
                .map(|(((column, now), _), _)| (column.header.clone(), *now))
                .collect();
            let chosen_sheet = sheet.get_untracked();
            let edit = Edit {
                kind: kind_touched.get_untracked().then(|| kind.get_untracked()),
                sheet: chosen_sheet.filter(|s| Some(s) != report.sheet.as_ref()),
                columns,
            };
            match remembered::merged(existing.as_ref(), &report, &edit) {
                Some(correction) => remembered::save(&correction, existing_key.as_deref()),
                None => {
                    if let Some(key) = &existing_key {
                        remembered::forget(key);
                    }
                }
            }
            remembered::apply(state);
        }
    };

    let forget = {
        let existing_key = existing_key.clone();
        move |_| {
            if let Some(key) = &existing_key {
                remembered::forget(key);
            }
            remembered::apply(state);
        }
    };

    let kind_select = move || {
        let current = kind.get();
        let mut options = vec![view! {
            <option value="" selected=current.is_none()>
                {tr("Recognise from the headers", "按表头自动识别")}
            </option>
        }];
        options.extend(KINDS.into_iter().map(|k| {
            view! {
                <option value=k.as_str() selected=current == Some(k)>
                    {kind_label(k.as_str())}
                </option>
            }
        }));
        options
    };

    let sheet_picker = (report.sheets.len() > 1).then(|| {
        let sheets = report.sheets.clone();
        view! {
            <label class="mapping-control">
                <span>{move || tr("Worksheet", "工作表")}</span>
                <select
                    data-testid="mapping-sheet"
                    on:change=move |ev| sheet.set(Some(event_target_value(&ev)))
                >
                    {sheets
                        .into_iter()
                        .map(|name| {
                            let selected = sheet.get_untracked().as_ref() == Some(&name);
                            view! {
                                <option value=name.clone() selected=selected>
                                    {name.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    });

    let rows = report
        .mapping
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let header = column.header.clone();
            let note = column.note.clone();
            let also = column.also.map(|f| format!("+ {}", f.as_str()));
            let options = move || {
                let current = choices.with(|c| c[i]);
                let kind_now = kind.get();
                let mut options = vec![
                    view! {
                        <option value=Choice::Auto.value() selected=current == Choice::Auto>
                            {tr("(automatic)", "（自动）").to_owned()}
                        </option>
                    },
                    view! {
                        <option value=Choice::Ignore.value() selected=current == Choice::Ignore>
                            {tr("— not used —", "— 不使用 —").to_owned()}
                        </option>
                    },
                ];
                options.extend(fields_for(kind_now).into_iter().map(|field| {
                    view! {
                        <option value=field.as_str() selected=current == Choice::Use(field)>
                            {field_text(field, kind_now)}
                        </option>
                    }
                }));
                options
            };
            let on_change = move |ev: leptos::ev::Event| {
                let choice = Choice::from_value(&event_target_value(&ev));
                choices.update(|c| c[i] = choice);
                touched.update(|t| t[i] = true);
            };
            view! {
                <tr data-header=header.clone()>
                    <th scope="row" class="mapping-header">{header.clone()}</th>
                    <td>
                        <select
                            class="mapping-field"
                            data-testid="mapping-field"
                            data-header=header.clone()
                            aria-label=header.clone()
                            on:change=on_change
                        >
                            {options}
                        </select>
                    </td>
                    <td class="mapping-note">{also} " " {note}</td>
                </tr>
            }
        })
        .collect_view();

    let used = report.mapping.iter().filter(|c| c.field.is_some()).count();
    let total = report.mapping.len();
    let open_file = file.clone();
    let remembered_note = existing.is_some();

    view! {
        <details
            class="mapping"
            data-testid="mapping"
            prop:open=move || ui.open_mappings.with(|open| open.contains(&open_file))
            on:toggle=follow_toggle(ui.open_mappings, file.clone())
        >
            <summary>
                {move || tr("Columns", "列映射")}
                <span class="summary-count">
                    {move || format!("{used} / {total} {}", tr("used", "已使用"))}
                </span>
                {remembered_note
                    .then(|| {
                        view! {
                            <span class="badge remembered" data-testid="mapping-remembered">
                                {move || tr("corrected mapping", "已更正映射")}
                            </span>
                        }
                    })}
            </summary>
            <div class="mapping-controls">
                <label class="mapping-control">
                    <span>{move || tr("File holds", "文件内容")}</span>
                    <select
                        data-testid="mapping-kind"
                        on:change=move |ev| set_kind(event_target_value(&ev))
                    >
                        {kind_select}
                    </select>
                </label>
                {sheet_picker}
            </div>
            <table class="mapping-table">
                <thead>
                    <tr>
                        <th scope="col">{move || tr("Header in the file", "文件中的表头")}</th>
                        <th scope="col">{move || tr("Field", "字段")}</th>
                        <th scope="col">{move || tr("Note", "说明")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="mapping-actions">
                <button
                    type="button"
                    class="import-button primary"
                    data-testid="mapping-apply"
                    disabled=move || !changed.get()
                    on:click=apply
                >
                    {move || tr("Apply and read again", "应用并重新读取")}
                </button>
                {remembered_note
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="import-button"
                                data-testid="mapping-forget"
                                on:click=forget
                            >
                                {move || tr("Back to automatic", "恢复自动识别")}
                            </button>
                        }
                    })}
                <span class="hint">
                    {move || {
                        tr(
                            "A correction is remembered in this browser for files with the same headers.",
                            "更正会保存在此浏览器中，表头相同的文件将自动沿用。",
                        )
                    }}
                </span>
            </div>
        </details>
    }
}

//! `<PresentOptions/>`: what the presentation shows: which panels (in the dashboard's order, or
//! the link's), how many per slide, and how often it moves on by itself. The choice is written
//! to the URL (`present`, `per`, `every`), so a shared link presents the same way.

use leptos::prelude::*;

use super::{presenter, EVERY, PER, PRESENT};
use crate::i18n::tr;
use crate::state::url;

/// One panel the presentation can show.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    name: String,
    label: String,
    shown: bool,
}

/// Reads the panels of the page and the URL's choice.
fn read() -> (Vec<Choice>, usize, usize) {
    let pairs = url::current_pairs();
    let available = presenter::available();
    let chosen = super::chosen(url::param(&pairs, PRESENT), &available);
    let mut choices: Vec<Choice> = chosen
        .iter()
        .map(|name| Choice {
            name: name.clone(),
            label: presenter::label(name),
            shown: true,
        })
        .collect();
    for name in available.iter().filter(|n| !chosen.contains(n)) {
        choices.push(Choice {
            name: name.clone(),
            label: presenter::label(name),
            shown: false,
        });
    }
    let number = |key: &str| url::param(&pairs, key).and_then(|v| v.trim().parse::<usize>().ok());
    (
        choices,
        number(PER).unwrap_or(1).clamp(1, 6),
        number(EVERY).unwrap_or(0),
    )
}

/// Writes the choice to the URL (nothing for the defaults).
fn write(choices: &[Choice], per: usize, every: usize) {
    let shown: Vec<&str> = choices
        .iter()
        .filter(|c| c.shown)
        .map(|c| c.name.as_str())
        .collect();
    let all = shown.len() == choices.len() && choices.iter().all(|c| c.shown);
    url::set_params(
        &[
            (
                PRESENT,
                (!all && !shown.is_empty()).then(|| shown.join(",")),
            ),
            (PER, (per != 1).then(|| per.to_string())),
            (EVERY, (every > 0).then(|| every.to_string())),
        ],
        false,
    );
}

/// The "Slides…" popover beside the Present button.
#[component]
pub fn PresentOptions() -> impl IntoView {
    let choices = RwSignal::new(Vec::<Choice>::new());
    let per = RwSignal::new(1usize);
    let every = RwSignal::new(0usize);
    let on_toggle = move |event: leptos::ev::Event| {
        let open = event_target::<web_sys::HtmlDetailsElement>(&event).open();
        if open {
            let (read_choices, read_per, read_every) = read();
            choices.set(read_choices);
            per.set(read_per);
            every.set(read_every);
        }
    };
    let rows = move || -> Vec<(usize, Choice)> { choices.get().into_iter().enumerate().collect() };
    let save = move || {
        write(
            &choices.get_untracked(),
            per.get_untracked(),
            every.get_untracked(),
        )
    };
    view! {
        <details class="present-options" on:toggle=on_toggle>
            <summary class="share-button" data-testid="present-options">
                {move || tr("Slides…", "幻灯片…")}
            </summary>
            <div class="present-options-body">
                <label>
                    {move || tr("Panels per slide", "每页面板数")} " "
                    <select
                        data-testid="present-per"
                        on:change=move |ev| {
                            per.set(event_target_value(&ev).parse().unwrap_or(1));
                            save();
                        }
                    >
                        {[1usize, 2, 4, 6]
                            .into_iter()
                            .map(|n| {
                                view! {
                                    <option value=n.to_string() selected=move || per.get() == n>
                                        {n}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {move || tr("Next slide every", "自动翻页间隔")} " "
                    <select
                        data-testid="present-every"
                        on:change=move |ev| {
                            every.set(event_target_value(&ev).parse().unwrap_or(0));
                            save();
                        }
                    >
                        {[0usize, 5, 10, 20, 30, 60]
                            .into_iter()
                            .map(|n| {
                                let text = move || {
                                    if n == 0 {
                                        tr("never (keys only)", "不自动（仅按键）").to_string()
                                    } else {
                                        format!("{n} s")
                                    }
                                };
                                view! {
                                    <option value=n.to_string() selected=move || every.get() == n>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <fieldset>
                    <legend>{move || tr("Show", "显示")}</legend>
                    <For
                        each=rows
                        key=|(_, choice)| (choice.name.clone(), choice.shown)
                        children=move |(index, choice)| {
                            let testid = format!("present-pick-{}", choice.name);
                            view! {
                                <label class="present-pick">
                                    <input
                                        type="checkbox"
                                        data-testid=testid
                                        prop:checked=choice.shown
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            choices.update(|all| {
                                                if let Some(c) = all.get_mut(index) {
                                                    c.shown = on;
                                                }
                                            });
                                            save();
                                        }
                                    />
                                    " "
                                    {choice.label.clone()}
                                </label>
                            }
                        }
                    />
                </fieldset>
            </div>
        </details>
    }
}

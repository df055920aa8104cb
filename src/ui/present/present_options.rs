//! `<PresentOptions/>`: what the presentation shows: which panels, in which order (the
//! dashboard's, the link's, or moved here with the ↑/↓ buttons), how many per slide, and how
//! often it moves on by itself. The choice is written to the URL (`present`, `per`, `every`),
//! so a shared link presents the same way.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::number_select::NumberSelect;
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

/// Which way a panel moves in the presentation's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    Up,
    Down,
}

/// Where the shown panel `name` would go: the place of the nearest shown panel that way (a
/// hidden one between them does not change the presentation), `None` at either end.
fn target(choices: &[Choice], name: &str, way: Move) -> Option<(usize, usize)> {
    let from = choices.iter().position(|c| c.name == name && c.shown)?;
    let to = match way {
        Move::Up => choices[..from].iter().rposition(|c| c.shown)?,
        Move::Down => from + 1 + choices[from + 1..].iter().position(|c| c.shown)?,
    };
    Some((from, to))
}

/// Moves the shown panel `name` one place `way` among the shown panels; false when it cannot.
fn shift(choices: &mut [Choice], name: &str, way: Move) -> bool {
    match target(choices, name, way) {
        Some((from, to)) => {
            choices.swap(from, to);
            true
        }
        None => false,
    }
}

/// The `present` parameter: the shown panels in order, `None` for every panel in the
/// dashboard's order (the default) or none at all.
fn present_param(choices: &[Choice], available: &[String]) -> Option<String> {
    let shown: Vec<&str> = choices
        .iter()
        .filter(|c| c.shown)
        .map(|c| c.name.as_str())
        .collect();
    let default =
        shown.len() == available.len() && shown.iter().zip(available).all(|(s, a)| s == a);
    (!default && !shown.is_empty()).then(|| shown.join(","))
}

/// Writes the choice to the URL (nothing for the defaults).
fn write(choices: &[Choice], per: usize, every: usize) {
    url::set_params(
        &[
            (PRESENT, present_param(choices, &presenter::available())),
            (PER, (per != 1).then(|| per.to_string())),
            (EVERY, (every > 0).then(|| every.to_string())),
        ],
        false,
    );
}

/// One panel of the list: its checkbox and, when it is shown, the buttons that move it.
fn pick_row(
    choice: Choice,
    choices: RwSignal<Vec<Choice>>,
    save: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let name = choice.name.clone();
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        choices.update(|all| {
            if let Some(c) = all.iter_mut().find(|c| c.name == name) {
                c.shown = on;
            }
        });
        save();
    };
    let buttons = choice.shown.then(|| {
        [Move::Up, Move::Down]
            .map(|way| move_button(&choice.name, &choice.label, way, choices, save))
    });
    view! {
        <div class="present-pick">
            <label>
                <input
                    type="checkbox"
                    data-testid=format!("present-pick-{}", choice.name)
                    prop:checked=choice.shown
                    on:change=toggle
                />
                " "
                {choice.label.clone()}
            </label>
            {buttons}
        </div>
    }
}

/// The ↑ or ↓ button of a shown panel; disabled at its end of the order.
fn move_button(
    name: &str,
    label: &str,
    way: Move,
    choices: RwSignal<Vec<Choice>>,
    save: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let (arrow, action) = match way {
        Move::Up => ("↑", ("Move up", "上移")),
        Move::Down => ("↓", ("Move down", "下移")),
    };
    let label = label.to_string();
    let text = move || format!("{}: {label}", tr(action.0, action.1));
    let (for_disabled, for_click) = (name.to_string(), name.to_string());
    view! {
        <button
            type="button"
            class="present-move"
            data-testid=testid(name, way)
            aria-label=text.clone()
            title=text
            prop:disabled=move || choices.with(|all| target(all, &for_disabled, way).is_none())
            on:click=move |_| {
                if choices.try_update(|all| shift(all, &for_click, way)).unwrap_or(false) {
                    save();
                    refocus(for_click.clone(), way);
                }
            }
        >
            {arrow}
        </button>
    }
}

/// The `data-testid` of a move button.
fn testid(name: &str, way: Move) -> String {
    match way {
        Move::Up => format!("present-up-{name}"),
        Move::Down => format!("present-down-{name}"),
    }
}

/// Puts the focus back on the moved panel's button once the list is redrawn (moving a row
/// takes the focus from it), or on its other button when this one is now at the end.
fn refocus(name: String, way: Move) {
    request_animation_frame(move || {
        let other = match way {
            Move::Up => Move::Down,
            Move::Down => Move::Up,
        };
        let enabled = [way, other].into_iter().find_map(|way| {
            document()
                .query_selector(&format!(
                    "[data-testid=\"{}\"]:not(:disabled)",
                    testid(&name, way)
                ))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        });
        if let Some(button) = enabled {
            let _ = button.focus();
        }
    });
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
                <NumberSelect
                    label=("Panels per slide", "每页面板数")
                    testid="present-per"
                    options=&[1, 2, 4, 6]
                    text=|n| n.to_string()
                    value=per
                    on_change=Callback::new(move |()| save())
                />
                <NumberSelect
                    label=("Next slide every", "自动翻页间隔")
                    testid="present-every"
                    options=&[0, 5, 10, 20, 30, 60]
                    text=|n| {
                        if n == 0 {
                            tr("never (keys only)", "不自动（仅按键）").to_string()
                        } else {
                            format!("{n} s")
                        }
                    }
                    value=every
                    on_change=Callback::new(move |()| save())
                />
                <fieldset>
                    <legend>{move || tr("Show, in order", "显示及顺序")}</legend>
                    <For
                        each=move || choices.get()
                        key=|choice| (choice.name.clone(), choice.shown)
                        children=move |choice| pick_row(choice, choices, save)
                    />
                </fieldset>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(names: &[(&str, bool)]) -> Vec<Choice> {
        names
            .iter()
            .map(|&(name, shown)| Choice {
                name: name.into(),
                label: name.into(),
                shown,
            })
            .collect()
    }

    fn order(choices: &[Choice]) -> Vec<&str> {
        choices.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn a_panel_moves_past_the_next_shown_one() {
        let mut all = choices(&[("tiles", true), ("trend", false), ("funnel", true)]);
        assert!(shift(&mut all, "funnel", Move::Up));
        assert_eq!(order(&all), ["funnel", "trend", "tiles"]);
        assert!(shift(&mut all, "funnel", Move::Down));
        assert_eq!(order(&all), ["tiles", "trend", "funnel"]);
    }

    #[test]
    fn the_ends_and_hidden_panels_do_not_move() {
        let mut all = choices(&[("tiles", true), ("trend", true), ("nps", false)]);
        assert!(!shift(&mut all, "tiles", Move::Up));
        assert!(!shift(&mut all, "trend", Move::Down));
        assert!(!shift(&mut all, "nps", Move::Up));
        assert!(!shift(&mut all, "nope", Move::Up));
        assert_eq!(order(&all), ["tiles", "trend", "nps"]);
    }

    #[test]
    fn the_url_names_the_panels_unless_all_are_shown_in_the_dashboards_order() {
        let available: Vec<String> = ["tiles", "trend", "funnel"].map(String::from).to_vec();
        let all = choices(&[("tiles", true), ("trend", true), ("funnel", true)]);
        assert_eq!(present_param(&all, &available), None);
        let moved = choices(&[("trend", true), ("tiles", true), ("funnel", true)]);
        assert_eq!(
            present_param(&moved, &available).as_deref(),
            Some("trend,tiles,funnel")
        );
        let some = choices(&[("tiles", true), ("trend", false), ("funnel", true)]);
        assert_eq!(
            present_param(&some, &available).as_deref(),
            Some("tiles,funnel")
        );
        let none = choices(&[("tiles", false), ("trend", false), ("funnel", false)]);
        assert_eq!(present_param(&none, &available), None);
    }
}

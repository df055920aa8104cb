//! `<Presenter/>`: the presentation's controls (slide counter, previous, next, exit) and the
//! keyboard, full-screen and auto-rotate machinery behind them.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{chosen, slides, EVERY, PER, PRESENT, SLIDE};
use crate::i18n::tr;
use crate::state::url;
use crate::ui::theme::{Theme, ThemeContext};

/// The attribute of `<html>` while presenting (style/present.css keys on it).
pub const PRESENTING: &str = "data-presenting";
/// The class of the elements the current slide shows.
const CURRENT: &str = "present-current";

/// The presentation's state.
#[derive(Clone, Copy)]
struct Show {
    active: RwSignal<bool>,
    slides: RwSignal<Vec<Vec<String>>>,
    index: RwSignal<usize>,
    theme: Option<RwSignal<Theme>>,
    theme_before: RwSignal<Option<Theme>>,
}

/// The window and document listeners of a running presentation.
struct Listeners {
    keydown: Closure<dyn FnMut(web_sys::KeyboardEvent)>,
    fullscreen: Closure<dyn FnMut(web_sys::Event)>,
    tick: Option<(i32, Closure<dyn FnMut()>)>,
}

thread_local! {
    static SHOW: Cell<Option<Show>> = const { Cell::new(None) };
    static LISTENERS: RefCell<Option<Listeners>> = const { RefCell::new(None) };
    /// True once the page really went full screen (leaving it then ends the presentation).
    static FULL_SCREEN: Cell<bool> = const { Cell::new(false) };
}

/// The presentation's controls, shown while presenting; a link with `?present=` starts in it.
#[component]
pub fn Presenter() -> impl IntoView {
    let show = Show {
        active: RwSignal::new(false),
        slides: RwSignal::new(Vec::new()),
        index: RwSignal::new(0),
        theme: use_context::<ThemeContext>().map(|c| c.0),
        theme_before: RwSignal::new(None),
    };
    SHOW.with(|cell| cell.set(Some(show)));

    // Which elements the current slide shows.
    Effect::new(move |_| {
        let active = show.active.get();
        let index = show.index.get();
        let names = show
            .slides
            .with(|slides| slides.get(index).cloned().unwrap_or_default());
        let document = document();
        if let Ok(list) = document.query_selector_all(&format!(".{CURRENT}")) {
            for i in 0..list.length() {
                if let Some(element) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = element.class_list().remove_1(CURRENT);
                }
            }
        }
        let Some(root) = document.document_element() else {
            return;
        };
        if !active {
            let _ = root.remove_attribute(PRESENTING);
            let _ = root.remove_attribute("data-per");
            return;
        }
        let _ = root.set_attribute(PRESENTING, "");
        let _ = root.set_attribute("data-per", &names.len().to_string());
        for name in &names {
            if let Some(element) = element(name) {
                let _ = element.class_list().add_1(CURRENT);
            }
        }
    });

    // A link taken during a presentation (it has a `slide`) opens in it (full screen needs a
    // click: not here).
    Effect::new(move |_| {
        if url::param(&url::current_pairs(), SLIDE).is_some() {
            enter(false);
        }
    });

    let step = move |by: isize| move |_| go(show, by, false);
    view! {
        <Show when=move || show.active.get()>
            <div
                class="present-bar"
                data-testid="present-layer"
                data-slide=move || show.index.get() + 1
                data-slides=move || show.slides.with(Vec::len)
                data-names=move || {
                    show.slides.with(|s| s.get(show.index.get()).map(|n| n.join(",")).unwrap_or_default())
                }
                role="toolbar"
                aria-label=move || tr("Presentation", "演示")
            >
                <button type="button" on:click=step(-1) aria-label=move || tr("Previous slide", "上一页")>
                    "‹"
                </button>
                <span class="present-count" aria-live="polite">
                    {move || format!("{} / {}", show.index.get() + 1, show.slides.with(Vec::len))}
                </span>
                <button type="button" on:click=step(1) aria-label=move || tr("Next slide", "下一页")>
                    "›"
                </button>
                <button type="button" data-testid="present-exit" on:click=move |_| exit()>
                    {move || tr("Exit (Esc)", "退出 (Esc)")}
                </button>
            </div>
        </Show>
    }
}

/// The key figures (`tiles`) and the panels of the dashboard, in reading order.
pub(super) fn available() -> Vec<String> {
    let document = document();
    let mut names = Vec::new();
    if matches!(document.query_selector("main .tiles"), Ok(Some(_))) {
        names.push("tiles".to_string());
    }
    if let Ok(list) = document.query_selector_all(".panel-grid > [data-testid^=\"panel-\"]") {
        for i in 0..list.length() {
            let id = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.get_attribute("data-testid"));
            if let Some(id) = id {
                names.push(id.trim_start_matches("panel-").to_string());
            }
        }
    }
    names
}

/// The heading of the panel a slide name stands for.
pub(super) fn label(name: &str) -> String {
    if name == "tiles" {
        return tr("Key figures", "关键指标").to_string();
    }
    element(name)
        .and_then(|e| e.query_selector("h2").ok().flatten())
        .and_then(|h| h.text_content())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| name.to_string())
}

/// The element a slide name stands for.
fn element(name: &str) -> Option<web_sys::Element> {
    let selector = if name == "tiles" {
        "main .tiles".to_string()
    } else {
        format!(".panel-grid > [data-testid=\"panel-{name}\"]")
    };
    document().query_selector(&selector).ok().flatten()
}

/// Starts presenting with the slides, grouping and interval of the URL (all panels, one per
/// slide, no rotation by default).
pub(super) fn enter(full_screen: bool) {
    let Some(show) = SHOW.with(Cell::get) else {
        return;
    };
    if show.active.get_untracked() {
        return;
    }
    let pairs = url::current_pairs();
    let names = chosen(url::param(&pairs, PRESENT), &available());
    if names.is_empty() {
        return;
    }
    let number = |key: &str| url::param(&pairs, key).and_then(|v| v.trim().parse::<usize>().ok());
    let per = number(PER).unwrap_or(1).clamp(1, 6);
    let every = number(EVERY).unwrap_or(0).min(3600);
    let all = slides(&names, per);
    let start = number(SLIDE).unwrap_or(1).clamp(1, all.len()) - 1;

    // Dark by default; the chosen theme comes back on leaving. The attribute first, so the
    // URL keeps the person's theme, not the presentation's.
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(PRESENTING, "");
    }
    if let Some(theme) = show.theme {
        show.theme_before.set(Some(theme.get_untracked()));
        theme.set(Theme::Dark);
    }
    show.slides.set(all);
    show.index.set(start);
    show.active.set(true);
    url::set_params(
        &[
            (PRESENT, Some(names.join(","))),
            (PER, (per != 1).then(|| per.to_string())),
            (EVERY, (every > 0).then(|| every.to_string())),
            (SLIDE, Some((start + 1).to_string())),
        ],
        false,
    );
    if let Some(focused) = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = focused.blur();
    }
    listen(show, every as i32);
    if full_screen {
        request_full_screen();
    }
}

/// Leaves the presentation: the dashboard, its theme and the URL as before.
pub(super) fn exit() {
    let Some(show) = SHOW.with(Cell::get) else {
        return;
    };
    if let Some(listeners) = LISTENERS.with(|cell| cell.borrow_mut().take()) {
        let window = window();
        let _ = window.remove_event_listener_with_callback(
            "keydown",
            listeners.keydown.as_ref().unchecked_ref(),
        );
        let _ = document().remove_event_listener_with_callback(
            "fullscreenchange",
            listeners.fullscreen.as_ref().unchecked_ref(),
        );
        if let Some((handle, _)) = listeners.tick {
            window.clear_interval_with_handle(handle);
        }
    }
    if !show.active.get_untracked() {
        return;
    }
    show.active.set(false);
    if let Some(root) = document().document_element() {
        let _ = root.remove_attribute(PRESENTING);
    }
    if let (Some(theme), Some(before)) = (show.theme, show.theme_before.get_untracked()) {
        theme.set(before);
    }
    if FULL_SCREEN.with(|f| f.replace(false)) && document().fullscreen_element().is_some() {
        document().exit_fullscreen();
    }
    // The choice of panels stays for the next presentation; `slide` says one is running.
    url::set_params(&[(SLIDE, None)], false);
}

/// Moves `by` slides; auto-rotation (`wrap`) goes round from the last to the first.
fn go(show: Show, by: isize, wrap: bool) {
    let count = show.slides.with_untracked(Vec::len) as isize;
    if count == 0 {
        return;
    }
    let now = show.index.get_untracked() as isize;
    let next = if wrap {
        (now + by).rem_euclid(count)
    } else {
        (now + by).clamp(0, count - 1)
    };
    if next != now {
        show.index.set(next as usize);
        url::set_params(&[(SLIDE, Some((next + 1).to_string()))], false);
    }
}

fn listen(show: Show, every: i32) {
    let keydown =
        Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
            if event.alt_key() || event.ctrl_key() || event.meta_key() {
                return;
            }
            let count = show.slides.with_untracked(Vec::len) as isize;
            let by = match event.key().as_str() {
                "ArrowRight" | "ArrowDown" | "PageDown" | " " | "Spacebar" | "Enter" => 1,
                "ArrowLeft" | "ArrowUp" | "PageUp" | "Backspace" => -1,
                "Home" => -count,
                "End" => count,
                "Escape" | "Esc" => {
                    event.prevent_default();
                    exit();
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            go(show, by, false);
        });
    let fullscreen = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        // Esc in full screen is the browser's: it leaves full screen, and so do we.
        if document().fullscreen_element().is_none() && FULL_SCREEN.with(Cell::get) {
            exit();
        }
    });
    let window = window();
    let _ = window.add_event_listener_with_callback("keydown", keydown.as_ref().unchecked_ref());
    let _ = document()
        .add_event_listener_with_callback("fullscreenchange", fullscreen.as_ref().unchecked_ref());
    let tick = (every > 0).then(|| {
        let callback = Closure::<dyn FnMut()>::new(move || go(show, 1, true));
        let handle = window
            .set_interval_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                every.saturating_mul(1000),
            )
            .unwrap_or(0);
        (handle, callback)
    });
    LISTENERS.with(|cell| {
        *cell.borrow_mut() = Some(Listeners {
            keydown,
            fullscreen,
            tick,
        })
    });
}

/// Asks for full screen; a refusal (no click, an iframe without permission) is no error: the
/// presentation fills the window instead.
fn request_full_screen() {
    let Some(root) = document().document_element() else {
        return;
    };
    // Called by name: web-sys drops the promise, whose refusal would be logged as uncaught.
    let Ok(function) = js_sys::Reflect::get(&root, &"requestFullscreen".into()) else {
        return;
    };
    let Some(function) = function.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let Ok(result) = function.call0(&root) else {
        return;
    };
    if let Ok(promise) = result.dyn_into::<js_sys::Promise>() {
        wasm_bindgen_futures::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                FULL_SCREEN.with(|f| f.set(true));
            }
        });
    }
}

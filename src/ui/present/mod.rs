//! Presentation mode: the dashboard full screen, dark, in large type, one panel (or a grid of
//! `per` panels) per slide. → / ↓ / Space / PageDown step forward, ← / ↑ / PageUp back,
//! Home / End jump, Esc leaves; `every` seconds rotates on its own.
//!
//! The slides are the dashboard's own elements (the key figures `tiles` and each panel,
//! by its `data-testid="panel-<name>"`): presenting only changes which of them are shown and
//! how large (style/present.css), so charts keep their state and resize with their boxes.
//! The choice is part of the URL: `?present=tiles,trend,funnel&per=2&every=10`; `slide=N` is
//! there while presenting, so a link taken then opens on that slide.

mod number_select;
mod present_options;
mod presenter;

pub use present_options::PresentOptions;
pub use presenter::{Presenter, PRESENTING};

/// The parameters of the URL that describe a presentation.
pub const PRESENT: &str = "present";
pub const PER: &str = "per";
pub const EVERY: &str = "every";
pub const SLIDE: &str = "slide";

/// Starts presenting (the "Present" button). Does nothing before `<Presenter/>` is mounted.
pub fn enter() {
    presenter::enter(true);
}

/// Splits the chosen names into slides of `per` names each (at least one per slide).
pub fn slides(names: &[String], per: usize) -> Vec<Vec<String>> {
    names
        .chunks(per.clamp(1, 6))
        .map(<[String]>::to_vec)
        .collect()
}

/// The names a `present` parameter lists, in order, without repeats or unknown ones.
pub fn chosen(param: Option<&str>, available: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in param.unwrap_or_default().split(',').map(str::trim) {
        if available.iter().any(|a| a == name) && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    if names.is_empty() {
        available.to_vec()
    } else {
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_url_chooses_and_orders_the_panels() {
        let available = strings(&["tiles", "trend", "funnel", "nps"]);
        assert_eq!(
            chosen(Some("nps,trend,nope,nps"), &available),
            strings(&["nps", "trend"])
        );
        assert_eq!(chosen(None, &available), available);
        assert_eq!(chosen(Some("nope"), &available), available);
    }

    #[test]
    fn slides_hold_per_panels() {
        let names = strings(&["a", "b", "c"]);
        assert_eq!(
            slides(&names, 2),
            vec![strings(&["a", "b"]), strings(&["c"])]
        );
        assert_eq!(slides(&names, 0).len(), 3);
    }
}

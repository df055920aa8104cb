//! `<EChart/>`: the one component that owns an ECharts instance.

use charming::{Chart, WasmRenderer};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::ResizeObserver;

#[wasm_bindgen]
extern "C" {
    /// The methods of an ECharts instance that charming's `Echarts` does not expose.
    type EchartsInstance;

    /// `setOption(option, notMerge)`: with `notMerge` the chart is replaced, not merged into.
    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &EchartsInstance, option: JsValue, not_merge: bool);

    #[wasm_bindgen(method)]
    fn resize(this: &EchartsInstance);

    #[wasm_bindgen(method)]
    fn clear(this: &EchartsInstance);

    #[wasm_bindgen(method)]
    fn dispose(this: &EchartsInstance);

    /// `on(eventName, handler)`: listens to a chart event such as `click`.
    #[wasm_bindgen(method)]
    fn on(this: &EchartsInstance, event: &str, handler: &js_sys::Function);

    /// `getZr()`: the chart's zrender instance, which draws it frame by frame.
    #[wasm_bindgen(method, js_name = getZr)]
    fn zr(this: &EchartsInstance) -> ZRender;

    /// zrender: the canvas drawing under ECharts.
    type ZRender;

    #[wasm_bindgen(method, getter)]
    fn animation(this: &ZRender) -> ZrAnimation;

    /// `wakeUp()`: runs the frame loop again (it sleeps once nothing moves).
    #[wasm_bindgen(method, js_name = wakeUp)]
    fn wake_up(this: &ZRender);

    /// zrender's frame loop.
    type ZrAnimation;

    /// `stop()`: no more frames until woken; what was moving stays where it is.
    #[wasm_bindgen(method)]
    fn stop(this: &ZrAnimation);
}

/// A click on a chart element: which series and data item, and the item's name (its category
/// or data name), as ECharts reports them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartClick {
    pub series_index: usize,
    pub data_index: usize,
    pub name: String,
}

impl ChartClick {
    /// Reads ECharts' click parameters (`seriesIndex`, `dataIndex`, `name`).
    fn from_params(params: &JsValue) -> Option<Self> {
        let get = |key: &str| js_sys::Reflect::get(params, &JsValue::from_str(key)).ok();
        let index = |key: &str| {
            get(key)
                .and_then(|v| v.as_f64())
                .filter(|v| *v >= 0.0)
                .map(|v| v as usize)
        };
        Some(Self {
            series_index: index("seriesIndex")?,
            data_index: index("dataIndex")?,
            name: get("name").and_then(|v| v.as_string()).unwrap_or_default(),
        })
    }
}

/// What the component keeps between renders: the ECharts instance and the observer that
/// resizes it with its box.
struct Renderer {
    echarts: charming::Echarts,
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
    _on_click: Option<Closure<dyn FnMut(JsValue)>>,
}

impl Renderer {
    fn instance(&self) -> &EchartsInstance {
        self.echarts.unchecked_ref()
    }

    /// Draws `chart` into the element with `id`, and follows the element's size.
    fn create(
        id: &str,
        element: &web_sys::HtmlDivElement,
        chart: &Chart,
        on_click: Option<Callback<ChartClick>>,
    ) -> Result<Self, String> {
        let echarts = WasmRenderer::new_opt(None, None)
            .theme(crate::ui::theme::theme_untracked().echarts())
            .render(id, chart)
            .map_err(|error| format!("{error:?}"))?;
        let resize_target: EchartsInstance = echarts.clone().unchecked_into();
        let observed = element.clone();
        let size = |e: &web_sys::HtmlDivElement| (e.client_width(), e.client_height());
        let mut drawn_at = size(element);
        // The observer's first report is the size the chart was just drawn at: a resize then
        // would lay out and paint the whole chart again for nothing.
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            let now = size(&observed);
            if now != drawn_at {
                drawn_at = now;
                resize_target.resize();
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())
            .map_err(|error| format!("{error:?}"))?;
        observer.observe(element);
        let on_click = on_click.map(|callback| {
            let handler = Closure::<dyn FnMut(JsValue)>::new(move |params: JsValue| {
                if let Some(click) = ChartClick::from_params(&params) {
                    callback.try_run(click);
                }
            });
            let instance: &EchartsInstance = echarts.unchecked_ref();
            instance.on("click", handler.as_ref().unchecked_ref());
            handler
        });
        Ok(Self {
            echarts,
            observer,
            _on_resize: on_resize,
            _on_click: on_click,
        })
    }

    fn update(&self, chart: &Chart) {
        match serde_wasm_bindgen::to_value(chart) {
            Ok(option) => self.instance().set_option(option, true),
            Err(error) => leptos::logging::error!("chart option: {error}"),
        }
    }

    fn clear(&self) {
        self.instance().clear();
    }

    /// Stops drawing frames (an animation under way) until [`Renderer::wake`].
    fn freeze(&self) {
        self.instance().zr().animation().stop();
    }

    /// Draws frames again: what was moving jumps to where it would be by now.
    fn wake(&self) {
        self.instance().zr().wake_up();
    }

    fn dispose(self) {
        self.observer.disconnect();
        self.instance().dispose();
    }
}

/// An ECharts chart drawn from a charming [`Chart`]: it is drawn once its box is in view (or the
/// page is idle, `ui::when_seen`) and ECharts has loaded (`loader`), redraws when `chart`
/// changes, resizes with its box, and is disposed with the component.
#[component]
pub fn EChart(
    /// Element id of the chart's box, unique on the page.
    id: &'static str,
    /// Which chart this is, for styles and tests (`data-chart`).
    kind: &'static str,
    /// Accessible name of the chart.
    label: &'static str,
    /// The chart to draw; `None` leaves the box empty.
    #[prop(into)]
    chart: Signal<Option<Chart>>,
    /// Called with the series and data item of a click on a chart element.
    #[prop(optional, into)]
    on_click: Option<Callback<ChartClick>>,
) -> impl IntoView {
    let node: NodeRef<Div> = NodeRef::new();
    let renderer: StoredValue<Option<Renderer>, LocalStorage> = StoredValue::new_local(None);
    let drawn_theme = StoredValue::new(crate::ui::theme::theme_untracked());

    // The chart waiting to be drawn. Each chart draws in a task of its own (a zero timeout), so
    // a dashboard of a dozen charts never holds the page in one long task.
    let waiting: StoredValue<Option<Option<Chart>>, LocalStorage> = StoredValue::new_local(None);
    // While files load, a chart waits (`held`) instead of drawing: the data is about to change,
    // and the engine's threads already share the processor with the page.
    let loading = use_context::<crate::state::AppState>().map(|state| state.loading);
    let held = StoredValue::new(false);

    let draw = move || {
        // `None` once the component is gone.
        let Some(Some(element)) = node.try_get_untracked() else {
            return;
        };
        if loading.is_some_and(|loading| loading.get_untracked()) {
            held.set_value(true);
            return;
        }
        let Some(Some(chart)) = waiting.try_update_value(Option::take) else {
            return;
        };
        // A chart drawn out of view (the page was idle) is not animated: no one would see it,
        // and its frames took the main thread for a second, from a load's cores too.
        let chart = chart.map(|chart| match crate::ui::in_view(&element) {
            Some(false) => chart.animation(false),
            _ => chart,
        });
        // ECharts takes its theme at `init`: after a theme switch the chart is drawn anew.
        let theme = crate::ui::theme::theme_untracked();
        if drawn_theme.get_value() != theme {
            drawn_theme.set_value(theme);
            if let Some(Some(old)) = renderer.try_update_value(Option::take) {
                old.dispose();
            }
        }
        renderer.update_value(|slot| match (slot.as_ref(), chart) {
            (Some(existing), Some(chart)) => existing.update(&chart),
            (Some(existing), None) => existing.clear(),
            (None, Some(chart)) => match Renderer::create(id, &element, &chart, on_click) {
                Ok(created) => *slot = Some(created),
                Err(error) => leptos::logging::error!("chart {id}: {error}"),
            },
            (None, None) => {}
        });
    };
    let schedule = move || {
        if let Some(element) = node.get_untracked() {
            crate::ui::when_seen(element.into(), move || super::loader::with_echarts(draw));
        }
    };

    Effect::new(move |_| {
        if node.get().is_none() {
            return;
        }
        let chart = chart.get();
        // Tracked here, read again when drawing.
        crate::ui::theme::theme();
        let already_scheduled = waiting
            .try_update_value(|slot| slot.replace(chart).is_some())
            .unwrap_or(true);
        if !already_scheduled {
            schedule();
        }
    });

    Effect::new(move |_| {
        let loading = loading.is_some_and(|loading| loading.get());
        // An animation under way when files are opened (the first charts animate for a second)
        // stops for the load: its frames took a core's share from the engine's threads.
        renderer.with_value(|renderer| match (renderer, loading) {
            (Some(renderer), true) => renderer.freeze(),
            (Some(renderer), false) => renderer.wake(),
            (None, _) => {}
        });
        if !loading && held.get_value() {
            held.set_value(false);
            schedule();
        }
    });

    on_cleanup(move || {
        if let Some(Some(existing)) = renderer.try_update_value(Option::take) {
            existing.dispose();
        }
    });

    // The frame holds the chart and its PNG export button (ui/share, style/present.css).
    view! {
        <div class="echart-frame">
            <div class="echart" id=id data-chart=kind role="img" aria-label=label node_ref=node></div>
            <crate::ui::share::ChartPng chart=id kind=kind label=label />
        </div>
    }
}

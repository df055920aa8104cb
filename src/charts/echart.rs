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
}

/// What the component keeps between renders: the ECharts instance and the observer that
/// resizes it with its box.
struct Renderer {
    echarts: charming::Echarts,
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
}

impl Renderer {
    fn instance(&self) -> &EchartsInstance {
        self.echarts.unchecked_ref()
    }

    /// Draws `chart` into the element with `id`, and follows the element's size.
    fn create(id: &str, element: &web_sys::HtmlDivElement, chart: &Chart) -> Result<Self, String> {
        let echarts = WasmRenderer::new_opt(None, None)
            .render(id, chart)
            .map_err(|error| format!("{error:?}"))?;
        let resize_target: EchartsInstance = echarts.clone().unchecked_into();
        let on_resize = Closure::<dyn FnMut()>::new(move || resize_target.resize());
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())
            .map_err(|error| format!("{error:?}"))?;
        observer.observe(element);
        Ok(Self {
            echarts,
            observer,
            _on_resize: on_resize,
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

    fn dispose(self) {
        self.observer.disconnect();
        self.instance().dispose();
    }
}

/// An ECharts chart drawn from a charming [`Chart`]: it renders once the box is in the page,
/// redraws when `chart` changes, resizes with its box, and is disposed with the component.
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
) -> impl IntoView {
    let node: NodeRef<Div> = NodeRef::new();
    let renderer: StoredValue<Option<Renderer>, LocalStorage> = StoredValue::new_local(None);

    Effect::new(move |_| {
        let Some(element) = node.get() else {
            return;
        };
        let chart = chart.get();
        renderer.update_value(|slot| match (slot.as_ref(), chart) {
            (Some(existing), Some(chart)) => existing.update(&chart),
            (Some(existing), None) => existing.clear(),
            (None, Some(chart)) => match Renderer::create(id, &element, &chart) {
                Ok(created) => *slot = Some(created),
                Err(error) => leptos::logging::error!("chart {id}: {error}"),
            },
            (None, None) => {}
        });
    });

    on_cleanup(move || {
        if let Some(Some(existing)) = renderer.try_update_value(Option::take) {
            existing.dispose();
        }
    });

    view! { <div class="echart" id=id data-chart=kind role="img" aria-label=label node_ref=node></div> }
}

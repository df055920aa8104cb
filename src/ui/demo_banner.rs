//! `<DemoBanner/>`: says plainly when the dashboard shows the built-in demo data.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::AppState;

/// A notice shown while the demo data set is loaded, gone once the user opens files.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <Show when=move || state.demo.get()>
            <div class="demo-banner" data-testid="demo-banner" role="status">
                <strong>{move || tr("Demo data.", "演示数据。")}</strong>
                " "
                {move || {
                    tr(
                        "You are looking at a built-in sample data set. Open your own CRM exports (CSV, Excel or JSON) to see your numbers: they are read in this browser and never uploaded.",
                        "当前显示的是内置的示例数据。打开您从 CRM 导出的文件（CSV、Excel 或 JSON）即可查看自己的数据：文件只在本浏览器中读取，绝不上传。",
                    )
                }}
            </div>
        </Show>
    }
}

// The page's ECharts: only the series, components and renderer that the chart builders of
// src/charts/ use, bundled by scripts/echarts-bundle.mjs into the classic script that index.html
// loads before the app. A chart that needs another series or component must add it here:
// `ECHARTS_DEV=1 trunk build --release` builds ECharts' development variant, which logs
// "[ECharts] ... is used but not imported" in the console for anything missing.

import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  HeatmapChart,
  // Category and value axes; tooltips (with the axis pointer of `trigger: axis`).
  GridComponent,
  TooltipComponent,
  // Legends without `type: 'scroll'`; the cohort heatmap's `calculable` visual map.
  LegendPlainComponent,
  VisualMapContinuousComponent,
  // The empty-chart message.
  TitleComponent,
  // Labels move and fade with their bars on a redraw, as in the full build.
  LabelLayout,
  // Canvas: ECharts' default, and what getDataURL turns into the PNG export.
  CanvasRenderer,
]);

// The global that charming's WasmRenderer (`echarts.init`), src/ui/theme.rs
// (`echarts.registerTheme`) and src/ui/share/export.rs (`echarts.getInstanceByDom`) call.
globalThis.echarts = echarts;

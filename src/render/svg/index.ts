/**
 * peerplan's SVG charts: pure functions `(data, options) => string`, no DOM, no
 * dependencies, byte-identical output for the same input (coordinates rounded to
 * 2 decimals). Each chart is an accessible `<svg role="img">` with a `<title>` and a
 * `<desc>` summarising the data, and tells series apart by colour AND shape.
 */
export type { ChartOptions } from './types.js';
export { stackedBarChart, type StackedBarInput, type StackedBarGroup, type StackedBar, type StackedBarSeries } from './stacked-bar.js';
export { lineChart, type LineChartInput, type LineChartOptions, type LineSeries, type LinePoint } from './line-chart.js';
export { tornadoChart, sortTornadoBars, type TornadoInput, type TornadoBar } from './tornado.js';
export { escapeXml, niceTicks, num, textWidth, wrapText } from './util.js';

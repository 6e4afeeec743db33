/** Options every chart takes. */
export interface ChartOptions {
  /** Unique within the page: prefixes the ids of the title, description and patterns. */
  id: string;
  /** The chart's accessible name (`<title>`); show it visibly in a `<figcaption>` too. */
  title: string;
  /**
   * The text alternative (`<desc>`). When omitted, a summary of the data is
   * generated; when given, the generated summary is appended to it.
   */
  description?: string;
  /** viewBox width in px (the chart scales down with CSS). */
  width?: number;
  /** viewBox height in px. */
  height?: number;
  xLabel?: string;
  yLabel?: string;
  /** Axis tick labels. Default: the number with thousands separators. */
  formatTick?: (value: number) => string;
  /** Values in labels and the text alternative. Default: formatTick. */
  formatValue?: (value: number) => string;
}

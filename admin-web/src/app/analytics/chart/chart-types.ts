import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** The options of the charts the console draws (types only: nothing of ECharts is bundled). */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** A chart's figures as a table: its text alternative, and what the keyboard reads. */
export interface ChartTable {
  columns: string[];
  rows: (string | number)[][];
}

import type { DistrictSeriesDto, SeriesPointDto } from '@backfill/api-client';
import { ChartOption, ChartTable } from '../chart/chart-types';

/** Fixed colours, each line with its own symbol and dash too, so none rests on colour. */
const MEMBERSHIP = '#1565c0';
const PAYMENTS = '#2e7d32';
const DCP_GOALS = '#6a1b9a';
const THRIVING = '#2e7d32';
const VULNERABLE = '#f9a825';
const INTERVENTION = '#c62828';

const AXIS_TOOLTIP = { trigger: 'axis', confine: true } as const;
const GRID = { left: 56, right: 56, top: 48, bottom: 32 };

/** Membership, payments and DCP goals over the year: goals on their own axis (a smaller scale). */
export function trendChart(series: DistrictSeriesDto): { options: ChartOption; table: ChartTable } {
  // A time axis: snapshots are not evenly spaced, and the gaps should show.
  const at = (value: (p: SeriesPointDto) => number): [string, number][] =>
    series.points.map((p) => [p.date, value(p)]);
  const options: ChartOption = {
    animation: false,
    // The date alone heads the tooltip (a time axis would add midnight).
    tooltip: { ...AXIS_TOOLTIP, formatter: trendTooltip },
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'time' },
    yAxis: [
      { type: 'value', name: 'Members, payments', scale: true },
      { type: 'value', name: 'DCP goals', scale: true, splitLine: { show: false } },
    ],
    series: [
      line(
        'Membership',
        at((p) => p.membership),
        MEMBERSHIP,
        'circle',
        'solid',
        0,
      ),
      line(
        'Payments',
        at((p) => p.payments),
        PAYMENTS,
        'rect',
        'dashed',
        0,
      ),
      line(
        'DCP goals',
        at((p) => p.dcpGoals),
        DCP_GOALS,
        'triangle',
        'dotted',
        1,
      ),
    ],
  };
  const table: ChartTable = {
    columns: ['Date', 'Membership', 'Payments', 'DCP goals'],
    rows: series.points.map((p) => [p.date, p.membership, p.payments, p.dcpGoals]),
  };
  return { options, table };
}

/** Club health counts per date, stacked; each band has its own pattern as well as colour. */
export function clubHealthChart(series: DistrictSeriesDto): {
  options: ChartOption;
  table: ChartTable;
} {
  const dates = series.points.map((p) => p.date);
  const options: ChartOption = {
    animation: false,
    tooltip: AXIS_TOOLTIP,
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', name: 'Clubs' },
    series: [
      bar(
        'Thriving',
        series.points.map((p) => p.clubCounts.thriving),
        THRIVING,
        'none',
      ),
      bar(
        'Vulnerable',
        series.points.map((p) => p.clubCounts.vulnerable),
        VULNERABLE,
        'rect',
      ),
      bar(
        'Intervention required',
        series.points.map((p) => p.clubCounts.interventionRequired),
        INTERVENTION,
        'triangle',
      ),
    ],
  };
  const table: ChartTable = {
    columns: ['Date', 'Thriving', 'Vulnerable', 'Intervention required', 'Clubs rated'],
    rows: series.points.map((p) => [
      p.date,
      p.clubCounts.thriving,
      p.clubCounts.vulnerable,
      p.clubCounts.interventionRequired,
      p.clubCounts.total,
    ]),
  };
  return { options, table };
}

interface TooltipPoint {
  marker?: unknown;
  seriesName?: string;
  value?: unknown;
}

/** `2025-09-08`, then a line per series: its marker, name and value. */
function trendTooltip(params: unknown): string {
  const points = (Array.isArray(params) ? params : [params]) as TooltipPoint[];
  const [date] = (points[0]?.value as [string, number] | undefined) ?? [''];
  const lines = points.map((p) => {
    const [, value] = p.value as [string, number];
    return `${typeof p.marker === 'string' ? p.marker : ''}${p.seriesName ?? ''}: <b>${value}</b>`;
  });
  return [date, ...lines].join('<br>');
}

function line(
  name: string,
  data: [string, number][],
  color: string,
  symbol: string,
  type: 'solid' | 'dashed' | 'dotted',
  yAxisIndex: number,
) {
  return {
    name,
    type: 'line' as const,
    data,
    color,
    symbol,
    symbolSize: 8,
    yAxisIndex,
    lineStyle: { type, width: 2 },
  };
}

function bar(name: string, data: number[], color: string, pattern: 'none' | 'rect' | 'triangle') {
  return {
    name,
    type: 'bar' as const,
    stack: 'clubs',
    data,
    color,
    barMaxWidth: 48,
    itemStyle: {
      decal:
        pattern === 'none'
          ? undefined
          : { symbol: pattern, symbolSize: 0.6, color: 'rgba(255, 255, 255, 0.55)' },
    },
  };
}

// The analysis as one self-contained HTML page: tables and inline SVG charts, no scripts.
import type { Analysis } from './analyze.js';
import type { AttributeTable } from './attributes.js';
import { count, fixed, interval, percent } from './format.js';
import { escapeHtml } from './html-escape.js';
import {
  attributeValuesTable,
  behaviourTableOf,
  channelTableOf,
  rankingTable,
  type ReportTable,
} from './report-tables.js';
import { rateChart } from './svg-chart.js';

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{padding:2px 10px;text-align:right}
th:first-child,td:first-child{text-align:left}tr:nth-child(even){background:#f4f4f4}
svg text{font:12px system-ui,sans-serif;fill:#222}.bar{fill:#4a7fc1}.ci{stroke:#222;stroke-width:1.5}
.base{stroke:#c0392b;stroke-dasharray:4 3}.base-label{fill:#c0392b}`;

function table({ header, rows }: ReportTable): string {
  const cells = (tag: string, r: string[]): string =>
    `<tr>${r.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  return `<table>${cells('th', header)}${rows.map((r) => cells('td', r)).join('')}</table>`;
}

function attributeSection(a: AttributeTable, rank: number, base: number): string {
  return (
    `<section class="attribute" data-attribute="${escapeHtml(a.name)}">` +
    `<h3>${rank}. ${escapeHtml(a.name)} <small>(${a.kind}, IV ${fixed(a.iv, 4)})</small></h3>` +
    rateChart(
      a.name,
      a.rows.map((r) => ({ ...r, label: r.value })),
      base,
    ) +
    table(attributeValuesTable(a)) +
    `</section>`
  );
}

function behaviourSection(analysis: Analysis): string {
  if (analysis.behaviours.length === 0) return '';
  const base = analysis.overall.rate;
  const bars = analysis.behaviours.flatMap((b) => [
    { ...b.did, label: `${b.behaviour} >= ${b.atLeast}` },
    { ...b.didNot, label: `${b.behaviour} < ${b.atLeast}` },
  ]);
  return (
    `<h2>Behaviours</h2>` +
    rateChart('behaviours', bars, base) +
    table(behaviourTableOf(analysis.behaviours))
  );
}

function channelSection(analysis: Analysis): string {
  const channel = analysis.channel;
  if (channel === undefined) return '';
  return (
    `<h2>Channels (${escapeHtml(channel.column)})</h2>` +
    rateChart(
      'channels',
      channel.rows.map((r) => ({ ...r, label: r.channel })),
      analysis.overall.rate,
    ) +
    table(channelTableOf(channel, true))
  );
}

export function htmlReport(analysis: Analysis): string {
  const o = analysis.overall;
  const title = `Conversion analysis: ${analysis.source}`;
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>` +
    `<h1>${escapeHtml(title)}</h1>` +
    `<p>Target "${escapeHtml(analysis.target)}" (converted: ${escapeHtml(analysis.positive.join(', '))}): ` +
    `<strong>${o.leads}</strong> leads, <strong>${o.conversions}</strong> converted, ` +
    `rate <strong>${percent(o.rate)}</strong> (95% Wilson interval ${interval(o.low, o.high)}).` +
    (analysis.unknown > 0
      ? ` ${count(analysis.unknown, 'row')} with a blank outcome left out.`
      : '') +
    (analysis.skipped.length > 0
      ? ` Left out (nearly every value distinct): ${escapeHtml(analysis.skipped.join(', '))}.`
      : '') +
    `</p><p>Bars: conversion rate; whiskers: 95% Wilson interval; dashed line: the base rate.</p>` +
    `<h2>Attributes by information value</h2>` +
    table(rankingTable(analysis.attributes)) +
    analysis.attributes.map((a, k) => attributeSection(a, k + 1, o.rate)).join('') +
    behaviourSection(analysis) +
    channelSection(analysis) +
    `</body></html>\n`
  );
}

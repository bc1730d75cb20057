// A bar chart in SVG, drawn from counts per equal time step (e.g. fires per minute).
import { dateTime } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 720;
const HEIGHT = 200;
const PAD = { top: 10, right: 8, bottom: 22, left: 40 };

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

function timeOfDay(ms) {
  return dateTime(ms).slice(11, 16);
}

/** counts[i] belongs to the step starting at firstMs + i * stepMs; a label every labelEvery steps. */
export function barChart({ firstMs, stepMs, counts, title, labelEvery = 30 }) {
  // An even top, so the middle grid line is a whole number too.
  const highest = Math.max(1, ...counts);
  const max = highest === 1 ? 2 : highest + (highest % 2);
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const barWidth = plotWidth / Math.max(1, counts.length);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': title });
  chart.append(svg('title', {}, title));

  for (const fraction of [0, 0.5, 1]) {
    const y = PAD.top + plotHeight * (1 - fraction);
    chart.append(
      svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: PAD.left - 4, y: y + 4, 'text-anchor': 'end', class: 'axis' }, max * fraction));
  }

  counts.forEach((value, i) => {
    const x = PAD.left + i * barWidth;
    if (value > 0) {
      const height = (value / max) * plotHeight;
      const bar = svg('rect', { x, y: PAD.top + plotHeight - height, width: Math.max(1, barWidth - 1), height, class: 'bar' });
      bar.append(svg('title', {}, `${timeOfDay(firstMs + i * stepMs)}: ${value}`));
      chart.append(bar);
    }
    if (i % labelEvery === 0) {
      chart.append(svg('text', { x, y: HEIGHT - 6, class: 'axis' }, timeOfDay(firstMs + i * stepMs)));
    }
  });
  return chart;
}

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/**
 * Only the pieces the dashboards draw (line and bar charts on a category axis), so the bundle
 * carries no other chart type: Chart.js is tree-shakeable only when registered this way.
 */
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export { Chart };
